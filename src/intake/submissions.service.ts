import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import type { IntakeSubmission } from './entities/index.js';
import { IntakeRepository } from './intake.repository.js';

/** Reads of stored submissions (for nested fields of leads the caller can already see). */
@Injectable()
export class SubmissionsService {
  constructor(private readonly repo: IntakeRepository) {}

  /** The newest submission of each lead, one statement for any number of leads. */
  async latestByLeadIds(ctx: RequestContext, leadIds: readonly string[]): Promise<IntakeSubmission[]> {
    if (leadIds.length === 0) return [];
    return this.repo.latestByLeadIds(ctx.organizationId, leadIds);
  }

  async byLead(ctx: RequestContext, leadId: string): Promise<IntakeSubmission[]> {
    return this.repo.byLead(ctx.organizationId, leadId);
  }
}
