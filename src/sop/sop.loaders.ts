import { Injectable } from '@nestjs/common';
import { byKeys, groupByKeys, type RequestContext } from '../common/request-context.js';
import type { AgendaLeadRow } from './agenda.repository.js';
import { AgendaService } from './agenda.service.js';
import { CohortService } from './cohort.service.js';
import type { ObjectionLog } from './entities/agenda-item.entity.js';
import type { Cohort, CohortSquad } from './entities/cohort.entity.js';
import type { Playbook, PlaybookObjection, PlaybookStep, PlaybookVersion } from './entities/playbook.entity.js';
import { PlaybookService } from './playbook.service.js';

/** Request-scoped batch loaders for nested SOP fields (one statement per kind, whatever the list size). */
@Injectable()
export class SopLoaders {
  constructor(
    private readonly playbooks: PlaybookService,
    private readonly cohorts: CohortService,
    private readonly agenda: AgendaService,
  ) {}

  playbook(ctx: RequestContext, id: string): Promise<Playbook | null> {
    return ctx.loader<string, Playbook | null>('sop.playbook', async (ids) => byKeys(ids, await this.playbooks.playbooksByIds(ctx, ids), (p) => p.id)).load(id);
  }

  version(ctx: RequestContext, id: string): Promise<PlaybookVersion | null> {
    return ctx
      .loader<string, PlaybookVersion | null>('sop.version', async (ids) => byKeys(ids, await this.playbooks.versionsByIds(ctx, ids), (v) => v.id))
      .load(id);
  }

  versionsOf(ctx: RequestContext, playbookId: string): Promise<PlaybookVersion[]> {
    return ctx
      .loader<string, PlaybookVersion[]>('sop.versionsOf', async (ids) =>
        groupByKeys(ids, await this.playbooks.versionsByPlaybookIds(ctx, ids), (v) => v.playbookId),
      )
      .load(playbookId);
  }

  steps(ctx: RequestContext, versionId: string): Promise<PlaybookStep[]> {
    return ctx
      .loader<string, PlaybookStep[]>('sop.steps', async (ids) => groupByKeys(ids, await this.playbooks.stepsByVersionIds(ctx, ids), (s) => s.versionId))
      .load(versionId);
  }

  objections(ctx: RequestContext, versionId: string): Promise<PlaybookObjection[]> {
    return ctx
      .loader<string, PlaybookObjection[]>('sop.objections', async (ids) =>
        groupByKeys(ids, await this.playbooks.objectionsByVersionIds(ctx, ids), (o) => o.versionId),
      )
      .load(versionId);
  }

  step(ctx: RequestContext, id: string): Promise<PlaybookStep | null> {
    return ctx.loader<string, PlaybookStep | null>('sop.step', async (ids) => byKeys(ids, await this.playbooks.stepsByIds(ctx, ids), (s) => s.id)).load(id);
  }

  cohort(ctx: RequestContext, id: string): Promise<Cohort | null> {
    return ctx.loader<string, Cohort | null>('sop.cohort', async (ids) => byKeys(ids, await this.cohorts.cohortsByIds(ctx, ids), (c) => c.id)).load(id);
  }

  cohortSquads(ctx: RequestContext, cohortId: string): Promise<CohortSquad[]> {
    return ctx
      .loader<string, CohortSquad[]>('sop.cohortSquads', async (ids) => groupByKeys(ids, await this.cohorts.squadIdsByCohortIds(ctx, ids), (s) => s.cohortId))
      .load(cohortId);
  }

  async leadCount(ctx: RequestContext, cohortId: string): Promise<number> {
    const row = await ctx
      .loader<string, { cohortId: string; count: number } | null>('sop.leadCount', async (ids) =>
        byKeys(ids, await this.cohorts.leadCounts(ctx, ids), (r) => r.cohortId),
      )
      .load(cohortId);
    return row?.count ?? 0;
  }

  lead(ctx: RequestContext, id: string): Promise<AgendaLeadRow | null> {
    return this.leads(ctx).load(id);
  }

  objectionLogs(ctx: RequestContext, itemId: string): Promise<ObjectionLog[]> {
    return this.logs(ctx).load(itemId);
  }

  /** Gives this request's `lead` and `objectionLogs` loaders what an agenda sheet's statement already read (no second statement). */
  primeAgendaItem(ctx: RequestContext, item: { id: string; leadId: string | null }, lead: AgendaLeadRow | null, logs: ObjectionLog[]): void {
    if (item.leadId) this.leads(ctx).prime(item.leadId, lead);
    this.logs(ctx).prime(item.id, logs);
  }

  private leads(ctx: RequestContext) {
    return ctx.loader<string, AgendaLeadRow | null>('sop.lead', async (ids) =>
      byKeys<string, AgendaLeadRow>(ids, await this.agenda.leadsByIds(ctx, ids), (l) => l.id),
    );
  }

  private logs(ctx: RequestContext) {
    return ctx.loader<string, ObjectionLog[]>('sop.objectionLogs', async (ids) =>
      groupByKeys(ids, await this.agenda.logsByItemIds(ctx, ids), (l) => l.agendaItemId),
    );
  }
}
