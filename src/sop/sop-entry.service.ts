import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, forbidden } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { LeadStage } from '../leads/index.js';
import type { LeadAssignedEvent } from '../leads/index.js';
import { LeadStageService } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Legion, Organization, Role, Squad } from '../organization/index.js';
import { CohortService } from './cohort.service.js';
import type { ClearSopEntryInput, SetSopEntryInput } from './dto/sop.inputs.js';
import { Playbook } from './entities/playbook.entity.js';
import { SopEntry, SopJoinMode } from './entities/sop-entry.entity.js';

/** Stages of leads that join an entry playbook on assignment. */
const JOINING_STAGES: readonly LeadStage[] = [LeadStage.PROSPECT, LeadStage.INTRO];

/** The entry resolved for one squad: its own, else its legion's. */
export interface ResolvedEntry {
  squadId: string;
  playbookId: string;
  playbookName: string;
  mode: SopJoinMode;
  /** The playbook's latest PUBLISHED version (null: nothing to join yet). */
  versionId: string | null;
  versionNumber: number | null;
}

/**
 * Entry into an SOP (docs/lifecycle.md): a legion or squad names the playbook its assigned leads
 * join and how (CAMP: the squad's open camp cohort; ROLLING: a personal cohort starting on the
 * assignment day). Leads join in the transaction of their assignment (LeadEvents.onAssigned).
 */
@Injectable()
export class SopEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cohorts: CohortService,
    private readonly stages: LeadStageService,
  ) {}

  /** Entries of the legions and squads the caller can read (all for ADMIN and unassigned managers). */
  async entries(ctx: RequestContext): Promise<SopEntry[]> {
    const scope = await this.access.scope(ctx);
    const all = await this.dataSource.manager.find(SopEntry, { where: { organizationId: ctx.organizationId }, order: { updatedAt: 'ASC' } });
    if (scope.all) return all;
    // A legion's entry: for its managers and anyone who reads one of its squads.
    const squads = scope.readSquadIds.length
      ? await this.dataSource.manager.find(Squad, { where: { organizationId: ctx.organizationId, id: In(scope.readSquadIds) } })
      : [];
    const legions = new Set([...scope.legionIds, ...squads.map((s) => s.legionId)]);
    return all.filter((e) => (e.squadId ? this.access.canReadSquad(scope, e.squadId) : legions.has(e.legionId)));
  }

  /**
   * Sets a legion's entry (ADMIN, the legion's managers) or a squad's (also the squad's lead). The
   * playbook must be the legion's and have a PUBLISHED version; nothing changes otherwise.
   */
  async setEntry(ctx: RequestContext, input: SetSopEntryInput): Promise<SopEntry> {
    return this.tx.run(async (m) => {
      const target = await this.target(m, ctx, input);
      const playbook = await m.findOne(Playbook, { where: { id: input.playbookId, organizationId: ctx.organizationId } });
      if (!playbook) throw badInput([{ field: 'input.playbookId', message: 'no such playbook in this organization' }]);
      if (playbook.legionId !== target.legion.id) {
        throw badInput([{ field: 'input.playbookId', message: `is a playbook of another legion; "${target.legion.name}" joins its own playbooks` }]);
      }
      const [published] = await m.query(`SELECT 1 FROM playbook_version WHERE playbook_id = $1 AND status = 'PUBLISHED' LIMIT 1`, [playbook.id]);
      if (!published) throw badInput([{ field: 'input.playbookId', message: `"${playbook.name}" has no PUBLISHED version to join` }]);
      const existing = await m.findOne(SopEntry, {
        where: target.squad ? { squadId: target.squad.id } : { legionId: target.legion.id, squadId: IsNull() },
      });
      const before = existing ? { playbookId: existing.playbookId, mode: existing.mode } : null;
      const saved = await m.save(
        existing
          ? Object.assign(existing, { playbookId: playbook.id, mode: input.mode, updatedById: ctx.userId })
          : m.create(SopEntry, {
              organizationId: ctx.organizationId,
              legionId: target.legion.id,
              squadId: target.squad?.id ?? null,
              playbookId: playbook.id,
              mode: input.mode,
              updatedById: ctx.userId,
            }),
      );
      await this.audit.record(ctx, {
        entityType: target.squad ? 'Squad' : 'Legion',
        entityId: target.squad?.id ?? target.legion.id,
        action: 'SOP_ENTRY_SET',
        diff: { playbookId: [before?.playbookId ?? null, playbook.id], mode: [before?.mode ?? null, input.mode] },
      });
      return saved;
    });
  }

  /** Removes a legion's or squad's entry (same access as setting it). Returns whether one existed. */
  async clearEntry(ctx: RequestContext, input: ClearSopEntryInput): Promise<boolean> {
    return this.tx.run(async (m) => {
      const target = await this.target(m, ctx, input);
      const rows: { id: string; playbook_id: string }[] = await m.query(
        target.squad
          ? `DELETE FROM sop_entry WHERE squad_id = $1 RETURNING id, playbook_id`
          : `DELETE FROM sop_entry WHERE legion_id = $1 AND squad_id IS NULL RETURNING id, playbook_id`,
        [target.squad?.id ?? target.legion.id],
      );
      if (!rows.length) return false;
      await this.audit.record(ctx, {
        entityType: target.squad ? 'Squad' : 'Legion',
        entityId: target.squad?.id ?? target.legion.id,
        action: 'SOP_ENTRY_CLEARED',
        diff: { playbookId: [rows[0].playbook_id, null] },
      });
      return true;
    });
  }

  private async target(
    m: EntityManager,
    ctx: RequestContext,
    input: { legionId?: string | null; squadId?: string | null },
  ): Promise<{ legion: Legion; squad: Squad | null }> {
    if (!!input.legionId === !!input.squadId) {
      throw badInput([{ field: 'input.squadId', message: 'give either legionId (the legion’s entry) or squadId (the squad’s entry)' }]);
    }
    if (input.squadId) {
      this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
      const squad = await m.findOne(Squad, { where: { id: input.squadId, organizationId: ctx.organizationId } });
      if (!squad) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
      this.access.assertCanManageSquad(await this.access.scope(ctx, m), squad.id);
      return { legion: await m.findOneByOrFail(Legion, { id: squad.legionId }), squad };
    }
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const legion = await m.findOne(Legion, { where: { id: input.legionId!, organizationId: ctx.organizationId } });
    if (!legion) throw badInput([{ field: 'input.legionId', message: 'no such legion in this organization' }]);
    const scope = await this.access.scope(ctx, m);
    if (!this.access.canManageLegion(scope, legion.id)) throw forbidden('You can only set the entry of the legions you command (squad leads: their squad’s).');
    return { legion, squad: null };
  }

  /** The entries of these squads (one statement). */
  async resolve(m: EntityManager, organizationId: string, squadIds: string[]): Promise<Map<string, ResolvedEntry>> {
    if (!squadIds.length) return new Map();
    const rows: { squad_id: string; playbook_id: string; name: string; mode: SopJoinMode; version_id: string | null; number: number | null }[] = await m.query(
      `SELECT s.id AS squad_id, e.playbook_id, p.name, e.mode, v.id AS version_id, v.number
         FROM squad s
         CROSS JOIN LATERAL (SELECT se.playbook_id, se.mode FROM sop_entry se
                              WHERE se.organization_id = $1 AND (se.squad_id = s.id OR (se.squad_id IS NULL AND se.legion_id = s.legion_id))
                              ORDER BY se.squad_id IS NULL LIMIT 1) e
         JOIN playbook p ON p.id = e.playbook_id
         LEFT JOIN LATERAL (SELECT pv.id, pv.number FROM playbook_version pv WHERE pv.playbook_id = p.id AND pv.status = 'PUBLISHED'
                             ORDER BY pv.number DESC LIMIT 1) v ON true
        WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[])`,
      [organizationId, [...new Set(squadIds)]],
    );
    return new Map(
      rows.map((r) => [
        r.squad_id,
        { squadId: r.squad_id, playbookId: r.playbook_id, playbookName: r.name, mode: r.mode, versionId: r.version_id, versionNumber: r.number },
      ]),
    );
  }

  /**
   * LeadEvents.onAssigned: a lead assigned to an owner in a squad other than its previous one (a
   * routed intake lead, a CSV-imported lead, a reassignment to another squad) joins the squad's
   * entry playbook, unless it already is in a cohort of that playbook or is past INTRO (lost, paid).
   * Joining moves a PROSPECT to INTRO.
   */
  async onLeadsAssigned(m: EntityManager, ctx: RequestContext, events: LeadAssignedEvent[]): Promise<void> {
    const moves = events.filter((e) => e.toOwnerId && e.squadId && (e.newLead || e.squadId !== e.fromSquadId));
    if (!moves.length) return;
    const organizationId = moves[0].organizationId;
    const entries = await this.resolve(
      m,
      organizationId,
      moves.map((e) => e.squadId!),
    );
    const joining = moves.filter((e) => entries.get(e.squadId!)?.versionId);
    if (!joining.length) return;
    const leads: { id: string; name: string; stage: LeadStage; in_playbooks: string[] | null }[] = await m.query(
      `SELECT l.id, l.name, l.stage,
              (SELECT array_agg(DISTINCT v.playbook_id) FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id
                 JOIN playbook_version v ON v.id = c.playbook_version_id WHERE cl.lead_id = l.id) AS in_playbooks
         FROM lead l WHERE l.organization_id = $1 AND l.id = ANY($2::uuid[])`,
      [organizationId, joining.map((e) => e.leadId)],
    );
    const leadById = new Map(leads.map((l) => [l.id, l]));
    const org = await m.findOneByOrFail(Organization, { id: organizationId });
    const camps = new Map<string, LeadAssignedEvent[]>();
    const rolling: { event: LeadAssignedEvent; entry: ResolvedEntry }[] = [];
    const joined: LeadAssignedEvent[] = [];
    const campIds = await this.openCamps(
      m,
      organizationId,
      joining.filter((e) => entries.get(e.squadId!)!.mode === SopJoinMode.CAMP),
      entries,
    );
    for (const e of joining) {
      const entry = entries.get(e.squadId!)!;
      const lead = leadById.get(e.leadId);
      // Only leads still being sold to: a lost, paying or paid lead gets no pre-sales steps.
      if (!lead || !JOINING_STAGES.includes(lead.stage) || (lead.in_playbooks ?? []).includes(entry.playbookId)) continue;
      if (entry.mode === SopJoinMode.ROLLING) {
        rolling.push({ event: e, entry });
        joined.push(e);
      } else {
        const campId = campIds.get(e.squadId!);
        if (!campId) continue; // no camp open for sign-ups: the lead waits for the next one (added when it is created)
        camps.set(campId, [...(camps.get(campId) ?? []), e]);
        joined.push(e);
      }
    }
    for (const [campId, evs] of camps) {
      await this.cohorts.joinLeads(
        m,
        organizationId,
        campId,
        evs.map((e) => e.leadId),
        evs[0].at,
      );
    }
    for (const { event, entry } of rolling) {
      const lead = leadById.get(event.leadId)!;
      await this.cohorts.joinRolling(m, {
        organizationId,
        leadId: lead.id,
        leadName: lead.name,
        squadId: event.squadId!,
        versionId: entry.versionId!,
        name: `${entry.playbookName} v${entry.versionNumber} 1:1`,
        startDate: DateTime.fromJSDate(event.at, { zone: org.timeZone }).toISODate()!,
        timeZone: org.timeZone,
        at: event.at,
        createdById: ctx.userId,
      });
    }
    for (const e of joined) {
      const lead = leadById.get(e.leadId)!;
      if (lead.stage === LeadStage.PROSPECT) {
        await this.stages.transition(ctx, lead.id, LeadStage.INTRO, { at: e.at, reason: 'joined the SOP entry' });
      }
    }
  }

  /** Per squad: its entry playbook's camp cohort open for sign-ups (earliest start date on or after the assignment day). */
  private async openCamps(
    m: EntityManager,
    organizationId: string,
    events: LeadAssignedEvent[],
    entries: Map<string, ResolvedEntry>,
  ): Promise<Map<string, string>> {
    if (!events.length) return new Map();
    const squadIds = [...new Set(events.map((e) => e.squadId!))];
    const at = new Date(Math.min(...events.map((e) => e.at.getTime())));
    const rows: { squad_id: string; cohort_id: string }[] = await m.query(
      `SELECT DISTINCT ON (cs.squad_id) cs.squad_id, c.id AS cohort_id
         FROM unnest($2::uuid[], $3::uuid[]) AS t(squad_id, playbook_id)
         JOIN cohort_squad cs ON cs.squad_id = t.squad_id
         JOIN cohort c ON c.id = cs.cohort_id AND c.organization_id = $1 AND c.rolling_lead_id IS NULL
         JOIN playbook_version v ON v.id = c.playbook_version_id AND v.playbook_id = t.playbook_id
        WHERE c.start_date >= ($4::timestamptz AT TIME ZONE c.time_zone)::date
        ORDER BY cs.squad_id, c.start_date, c.created_at`,
      [organizationId, squadIds, squadIds.map((s) => entries.get(s)!.playbookId), at.toISOString()],
    );
    return new Map(rows.map((r) => [r.squad_id, r.cohort_id]));
  }
}
