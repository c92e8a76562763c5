import { Module, type OnModuleInit } from '@nestjs/common';
import { CommerceModule } from '../commerce/commerce.module.js';
import { CommerceService } from '../commerce/commerce.service.js';
import { DemoService } from '../demo/demo.service.js';
import { LeadEvents } from '../leads/lead-events.js';
import { revenueDemo } from './revenue.demo.js';

/** Registers the revenue reports' demo data (it records orders, so it needs commerce). */
@Module({ imports: [CommerceModule] })
export class RevenueDemoModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly commerce: CommerceService,
    private readonly leadEvents: LeadEvents,
  ) {}

  onModuleInit(): void {
    this.demo.register(revenueDemo(this.commerce, this.leadEvents));
  }
}
