import { Module, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '../demo/demo.service.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { AgendaObjectionStatsResolver, ObjectionEffectivenessResolver, PlaybookObjectionStatsResolver } from './objection-effectiveness.resolver.js';
import { ObjectionEffectivenessService } from './objection-effectiveness.service.js';
import { reportsDemo } from './reports.demo.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * Sales reports over recorded facts (objection answer effectiveness, ...): read-only SQL in
 * ReportsRepository, access through AccessService. Definitions: docs/metrics.md.
 */
@Module({
  imports: [OrganizationModule],
  providers: [ReportsRepository, ObjectionEffectivenessService, ObjectionEffectivenessResolver, PlaybookObjectionStatsResolver, AgendaObjectionStatsResolver],
  exports: [ObjectionEffectivenessService],
})
export class ReportsModule implements OnModuleInit {
  constructor(private readonly demo: DemoService) {}

  onModuleInit(): void {
    this.demo.register(reportsDemo());
  }
}
