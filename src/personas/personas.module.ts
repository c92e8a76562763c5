import { Module, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '../demo/demo.service.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { personasDemo } from './personas.demo.js';
import { PersonasResolver } from './personas.resolver.js';
import { PersonasService } from './personas.service.js';

/** The organization's persona catalog (surveys, playbooks and onboarding paths check against it). */
@Module({
  imports: [OrganizationModule],
  providers: [PersonasService, PersonasResolver],
  exports: [PersonasService],
})
export class PersonasModule implements OnModuleInit {
  constructor(private readonly demo: DemoService) {}

  onModuleInit(): void {
    this.demo.register(personasDemo());
  }
}
