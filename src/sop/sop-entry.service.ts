import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService } from '../audit/index.js';
import { badInput, forbidden } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { LeadStage } from '../leads/index.js';
import type { LeadAssignedEvent } from '../leads/index.js';
import { LeadStageService } from '../leads/index.js';
import { AccessService, OrganizationRepository } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { CohortService } from './cohort.service.js';
import type { ClearSopEntryInput, SetSopEntryInput } from './dto/sop.inputs.js';
import { SopJoinMode, type SopEntry } from './entities/sop-entry.entity.js';
import { PlaybookRepository, type LegionRow, type SquadRow } from './playbook.repository.js';
import { SopEntryRepository, type JoiningLeadRow } from './sop-entry.repository.js';

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
    private readonly repo: SopEntryRepository,
    private readonly playbooks: PlaybookRepository,
    private readonly orgs: OrganizationRepository,
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cohorts: CohortService,
    private readonly stages: LeadStageService,
  ) {}

  /** Entries of the legions and squads the caller can read (all for ADMIN and unassigned managers). */
  async entries(ctx: RequestContext): Promise<SopEntry[]> {
    const scope = await this.access.scope(ctx);
    const all = await this.repo.entries(ctx.organizationId);
    if (scope.all) return all;
    // A legion's entry: for its managers and anyone who reads one of its squads.
    const squads = scope.readSquadIds.length ? await this.repo.squads(ctx.organizationId, scope.readSquadIds) : [];
    const legions = new Set([...scope.legionIds, ...squads.map((s) => s.legionId)]);
    return all.filter((e) => (e.squadId ? this.access.canReadSquad(scope, e.squadId) : legions.has(e.legionId)));
  }

  /**
   * Sets a legion's entry (ADMIN, the legion's managers) or a squad's (also the squad's lead). The
   * playbook must be the legion's and have a PUBLISHED version; nothing changes otherwise.
   */
  async setEntry(ctx: RequestContext, input: SetSopEntryInput): Promise<SopEntry> {
    return this.tx.run(async () => {
      const target = await this.target(ctx, input);
      const playbook = await this.playbooks.playbook(ctx.organizationId, input.playbookId);
      if (!playbook) throw badInput([{ field: 'input.playbookId', message: 'no such playbook in this organization' }]);
      if (playbook.legionId !== target.legion.id) {
        throw badInput([{ field: 'input.playbookId', message: `is a playbook of another legion; "${target.legion.name}" joins its own playbooks` }]);
      }
      if (!(await this.playbooks.hasPublishedVersion(playbook.id)))
        throw badInput([{ field: 'input.playbookId', message: `"${playbook.name}" has no PUBLISHED version to join` }]);
      const existing = await this.repo.entryOf({ legionId: target.legion.id, squadId: target.squad?.id ?? null });
      const before = existing ? { playbookId: existing.playbookId, mode: existing.mode } : null;
      const saved = existing
        ? await this.repo.saveEntry(Object.assign(existing, { playbookId: playbook.id, mode: input.mode, updatedById: ctx.userId }))
        : await this.repo.insertEntry({
            organizationId: ctx.organizationId,
            legionId: target.legion.id,
            squadId: target.squad?.id ?? null,
            playbookId: playbook.id,
            mode: input.mode,
            updatedById: ctx.userId,
          });
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
    return this.tx.run(async () => {
      const target = await this.target(ctx, input);
      const playbookId = await this.repo.deleteEntry({ legionId: target.legion.id, squadId: target.squad?.id ?? null });
      if (playbookId === null) return false;
      await this.audit.record(ctx, {
        entityType: target.squad ? 'Squad' : 'Legion',
        entityId: target.squad?.id ?? target.legion.id,
        action: 'SOP_ENTRY_CLEARED',
        diff: { playbookId: [playbookId, null] },
      });
      return true;
    });
  }

  private async target(
    ctx: RequestContext,
    input: { legionId?: string | null; squadId?: string | null },
  ): Promise<{ legion: LegionRow; squad: SquadRow | null }> {
    if (!!input.legionId === !!input.squadId) {
      throw badInput([{ field: 'input.squadId', message: 'give either legionId (the legion’s entry) or squadId (the squad’s entry)' }]);
    }
    if (input.squadId) {
      this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
      const squad = await this.repo.squad(ctx.organizationId, input.squadId);
      if (!squad) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
      this.access.assertCanManageSquad(await this.access.scope(ctx), squad.id);
      return { legion: (await this.orgs.findLegion(ctx.organizationId, squad.legionId))!, squad };
    }
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const legion = await this.orgs.findLegion(ctx.organizationId, input.legionId!);
    if (!legion) throw badInput([{ field: 'input.legionId', message: 'no such legion in this organization' }]);
    const scope = await this.access.scope(ctx);
    if (!this.access.canManageLegion(scope, legion.id)) throw forbidden('You can only set the entry of the legions you command (squad leads: their squad’s).');
    return { legion, squad: null };
  }

  /** The entries of these squads (one statement). */
  async resolve(organizationId: string, squadIds: string[]): Promise<Map<string, ResolvedEntry>> {
    if (!squadIds.length) return new Map();
    const rows = await this.repo.resolve(organizationId, [...new Set(squadIds)]);
    return new Map(rows.map((r) => [r.squadId, r]));
  }

  /**
   * LeadEvents.onAssigned: a lead assigned to an owner in a squad other than its previous one (a
   * routed intake lead, a CSV-imported lead, a reassignment to another squad) joins the squad's
   * entry playbook, unless it already is in a cohort of that playbook or is past INTRO (lost, paid).
   * Joining moves a PROSPECT to INTRO.
   */
  async onLeadsAssigned(ctx: RequestContext, events: LeadAssignedEvent[]): Promise<void> {
    const moves = events.filter((e) => e.toOwnerId && e.squadId && (e.newLead || e.squadId !== e.fromSquadId));
    if (!moves.length) return;
    const organizationId = moves[0].organizationId;
    const entries = await this.resolve(
      organizationId,
      moves.map((e) => e.squadId!),
    );
    const joining = moves.filter((e) => entries.get(e.squadId!)?.versionId);
    if (!joining.length) return;
    const leads = await this.repo.joiningLeads(
      organizationId,
      joining.map((e) => e.leadId),
    );
    const leadById = new Map(leads.map((l) => [l.id, l]));
    const timeZone = await this.repo.timeZone(organizationId);
    const campIds = await this.openCamps(
      organizationId,
      joining.filter((e) => entries.get(e.squadId!)!.mode === SopJoinMode.CAMP),
      entries,
    );
    const { camps, rolling, joined } = planJoins(joining, entries, leadById, campIds);
    for (const [campId, evs] of camps) {
      await this.cohorts.joinLeads(
        organizationId,
        campId,
        evs.map((e) => e.leadId),
        evs[0].at,
      );
    }
    for (const { event, entry } of rolling) {
      const lead = leadById.get(event.leadId)!;
      await this.cohorts.joinRolling({
        organizationId,
        leadId: lead.id,
        leadName: lead.name,
        squadId: event.squadId!,
        versionId: entry.versionId!,
        name: `${entry.playbookName} v${entry.versionNumber} 1:1`,
        startDate: DateTime.fromJSDate(event.at, { zone: timeZone }).toISODate()!,
        timeZone,
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
  private async openCamps(organizationId: string, events: LeadAssignedEvent[], entries: Map<string, ResolvedEntry>): Promise<Map<string, string>> {
    if (!events.length) return new Map();
    const squadIds = [...new Set(events.map((e) => e.squadId!))];
    const at = new Date(Math.min(...events.map((e) => e.at.getTime())));
    return this.repo.openCamps(
      organizationId,
      squadIds,
      squadIds.map((s) => entries.get(s)!.playbookId),
      at,
    );
  }
}

/**
 * Which assigned leads join how: camp joiners grouped by camp cohort, rolling joiners with their
 * entry, and every lead that joins (in event order). Only leads still being sold to join (a lost,
 * paying or paid lead gets no pre-sales steps), and not twice into the same playbook.
 */
function planJoins(
  joining: LeadAssignedEvent[],
  entries: Map<string, ResolvedEntry>,
  leadById: Map<string, JoiningLeadRow>,
  campIds: Map<string, string>,
): { camps: Map<string, LeadAssignedEvent[]>; rolling: { event: LeadAssignedEvent; entry: ResolvedEntry }[]; joined: LeadAssignedEvent[] } {
  const camps = new Map<string, LeadAssignedEvent[]>();
  const rolling: { event: LeadAssignedEvent; entry: ResolvedEntry }[] = [];
  const joined: LeadAssignedEvent[] = [];
  for (const e of joining) {
    const entry = entries.get(e.squadId!)!;
    const lead = leadById.get(e.leadId);
    if (!lead || !JOINING_STAGES.includes(lead.stage) || lead.inPlaybooks.includes(entry.playbookId)) continue;
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
  return { camps, rolling, joined };
}
