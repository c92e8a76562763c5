import { Module, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '../demo/demo.service.js';
import { commerceDemo } from './commerce.demo.js';
import { OrderEvents } from './order-events.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';

@Module({
  imports: [OrganizationModule],
  providers: [CommerceService, CommerceResolver, OrderEvents],
  exports: [CommerceService, OrderEvents],
})
export class CommerceModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly commerce: CommerceService,
  ) {}

  onModuleInit(): void {
    this.demo.register(commerceDemo(this.commerce));
  }
}
