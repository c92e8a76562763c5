import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { OrganizationModule } from '../organization/index.js';
import { PersonasResolver } from './personas.resolver.js';
import { PersonasRepository } from './personas.repository.js';
import { PersonasService } from './personas.service.js';

/** The organization's persona catalog (surveys, playbooks and onboarding paths check against it). */
@Module({
  imports: [OrganizationModule, AuditModule],
  providers: [PersonasRepository, PersonasService, PersonasResolver],
  exports: [PersonasService],
})
export class PersonasModule {}
