import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';
import { IntakeSubmission } from './entities/index.js';

/** Reads of stored submissions (for nested fields of leads the caller can already see). */
@Injectable()
export class SubmissionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest submission of each lead, one statement for any number of leads. */
  async latestByLeadIds(ctx: RequestContext, leadIds: readonly string[]): Promise<IntakeSubmission[]> {
    if (leadIds.length === 0) return [];
    return this.dataSource.manager
      .createQueryBuilder(IntakeSubmission, 's')
      .distinctOn(['s.lead_id'])
      .where('s.organization_id = :org AND s.lead_id = ANY(:ids)', { org: ctx.organizationId, ids: [...leadIds] })
      .orderBy('s.lead_id')
      .addOrderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  async byLead(ctx: RequestContext, leadId: string): Promise<IntakeSubmission[]> {
    return this.dataSource.manager.find(IntakeSubmission, {
      where: { organizationId: ctx.organizationId, leadId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }
}
