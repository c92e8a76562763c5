import { Inject, Injectable } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { PlaybookService } from '../sop/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import { mapAsyncIterator, PUB_SUB, type PubSub } from '../common/pubsub.js';
import { DEFAULT_VARIANT } from '../sop/index.js';
import type { RequestContext } from '../common/request-context.js';
import { afterCommit, TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { CreateExperimentInput, ExperimentFeedFilter, ExperimentVariantInput, UpdateExperimentInput } from './dto/experiment.inputs.js';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, MetricKind } from './entities/experiment-enums.js';
import type { Experiment, ExperimentAdoption, ExperimentVariant } from './entities/experiment.entity.js';
import { analyzeDailyCounts, verdictWarnings, type ExperimentAnalysisResult } from './experiment-analysis.js';
import { ExperimentDataService } from './experiment-data.service.js';
import { ExperimentsRepository, type FeedCursor } from './experiments.repository.js';
import { canChangeStatus, normalizeTags, STATUS_TRANSITIONS, TRACKED_METRICS } from './experiment-rules.js';

export const experimentPublishedTopic = (organizationId: string) => `experimentPublished.${organizationId}`;

export interface ExperimentPublishedEvent {
  organizationId: string;
  experimentId: string;
}

const DESIGN_FIELDS = [
  'metricKey',
  'metricKind',
  'randomizationUnit',
  'analysisMode',
  'minDetectableEffect',
  'plannedSamplePerArm',
  'sequentialTau',
  'playbookId',
  'playbookStepKey',
  'variants',
] as const;

/** The experiment log: design, lifecycle, conclusion, publication, adoption, feed. */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly repo: ExperimentsRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly data: ExperimentDataService,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    private readonly playbooks: PlaybookService,
  ) {}

  /** Every member of the organization reads every experiment. */
  async get(ctx: RequestContext, id: string): Promise<Experiment> {
    const e = await this.repo.findInOrganization(ctx.organizationId, id);
    if (!e) throw notFound('Experiment', id);
    return e;
  }

  /**
   * The organization's experiments, "newest and strongest first": PUBLISHED (newest publication
   * first), then CONCLUDED, then RUNNING and STOPPED, then DRAFT, then ARCHIVED — each of those
   * groups by last change (updatedAt) newest first; ties by id. Keyset-paginated.
   */
  async feed(ctx: RequestContext, filter: ExperimentFeedFilter | null | undefined, first: number, after?: string | null): Promise<Connection<Experiment>> {
    let cursor: FeedCursor | null = null;
    if (after) {
      const [tier, at, id] = decodeCursor(after, 3);
      if (typeof tier !== 'number' || typeof at !== 'string' || !/^-?\d+$/.test(at) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
        throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      }
      cursor = { tier, at, id };
    }
    const rows = await this.repo.feed(ctx.organizationId, filter, first, cursor);
    return toConnection(
      rows,
      first,
      (r) => [r.tier, r.at, r.e.id],
      (r) => r.e,
    );
  }

  async create(ctx: RequestContext, input: CreateExperimentInput): Promise<Experiment> {
    if (!ctx.userId) throw forbidden('Experiments are created by people, not API keys.');
    this.validateDesign(input, 'input');
    return this.tx.run(async () => {
      await this.assertPlaybookLink(ctx, input);
      const { ownerId, squadId, teamKind } = await this.placement(ctx, input);
      const e = await this.repo.insert({
        organizationId: ctx.organizationId,
        title: input.title.trim(),
        hypothesis: input.hypothesis.trim(),
        ownerId,
        squadId,
        teamKind,
        tags: normalizeTags(input.tags),
        metricKey: input.metricKey,
        metricKind: input.metricKind,
        randomizationUnit: input.randomizationUnit,
        analysisMode: input.analysisMode,
        minDetectableEffect: input.minDetectableEffect,
        plannedSamplePerArm: input.plannedSamplePerArm ?? null,
        sequentialTau: input.sequentialTau ?? null,
        playbookId: input.playbookId ?? null,
        playbookStepKey: input.playbookStepKey?.trim() ?? null,
        status: ExperimentStatus.DRAFT,
        conclusionWarnings: [],
      });
      await this.saveVariants(e.id, input.variants);
      await this.audit.record(ctx, {
        entityType: 'Experiment',
        entityId: e.id,
        action: 'CREATED',
        diff: { title: e.title, ownerId: e.ownerId, squadId: e.squadId, metricKey: e.metricKey, variants: input.variants.map((v) => v.key) },
      });
      return e;
    });
  }

  /**
   * The owner (the caller by default; an active person), the squad running the experiment (the
   * owner's by default) and its team kind. Callers create for themselves in their own squad, or
   * for squads they lead or manage; the owner must be in that squad unless a MANAGER or ADMIN.
   */
  private async placement(ctx: RequestContext, input: CreateExperimentInput): Promise<{ ownerId: string; squadId: string; teamKind: Experiment['teamKind'] }> {
    const scope = await this.access.scope(ctx);
    const owner = await this.repo.findPerson(ctx.organizationId, input.ownerId ?? ctx.userId!);
    if (!owner || !owner.active) throw badInput([{ field: 'input.ownerId', message: 'is not an active person of your organization' }]);
    const ownerSquadId = await this.repo.openMembershipSquad(owner.id);
    const squadId = input.squadId ?? ownerSquadId ?? null;
    if (!squadId) throw badInput([{ field: 'input.squadId', message: 'is required: the owner belongs to no squad' }]);
    const squad = await this.repo.findSquad(ctx.organizationId, squadId);
    if (!squad) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
    const ownsIt = owner.id === ctx.userId && ownerSquadId === squad.id;
    if (!ownsIt && !this.access.canManageSquad(scope, squad.id)) {
      throw forbidden('You can create experiments for yourself in your own squad, or for the squads you lead or manage.');
    }
    if (ownerSquadId !== squad.id && owner.role !== Role.MANAGER && owner.role !== Role.ADMIN) {
      throw badInput([{ field: 'input.ownerId', message: 'must be a member of the squad running the experiment' }]);
    }
    return { ownerId: owner.id, squadId: squad.id, teamKind: await this.repo.legionKind(squad.legionId) };
  }

  async update(ctx: RequestContext, id: string, input: UpdateExperimentInput): Promise<Experiment> {
    return this.tx.run(async () => {
      const e = await this.data.lockExperiment(ctx, id);
      if (!(await this.data.canManage(ctx, e))) throw forbidden('Only the owner, their squad lead or managers can change this experiment.');
      if (e.status === ExperimentStatus.PUBLISHED || e.status === ExperimentStatus.ARCHIVED) throw conflict(`A ${e.status} experiment cannot be changed.`);
      const designChanged = DESIGN_FIELDS.filter((f) => input[f] !== undefined);
      if (designChanged.length && e.status !== ExperimentStatus.DRAFT) {
        throw conflict(`The design (${designChanged.join(', ')}) can only change while the experiment is a DRAFT; it is ${e.status}.`);
      }
      const variants = await this.repo.variants(e.id);
      const merged = {
        metricKey: input.metricKey ?? e.metricKey,
        metricKind: input.metricKind ?? e.metricKind,
        analysisMode: input.analysisMode ?? e.analysisMode,
        sequentialTau: input.sequentialTau !== undefined ? input.sequentialTau : e.sequentialTau,
        playbookId: input.playbookId !== undefined ? input.playbookId : e.playbookId,
        playbookStepKey: input.playbookStepKey !== undefined ? input.playbookStepKey : e.playbookStepKey,
        variants:
          input.variants ?? variants.map((v) => ({ key: v.key, description: v.description, script: v.script, isControl: v.isControl, weight: v.weight })),
      };
      this.validateDesign(merged, 'input');
      if (input.playbookId !== undefined || input.playbookStepKey !== undefined) await this.assertPlaybookLink(ctx, merged);
      const after: Partial<Experiment> = stripUndefined({
        title: input.title?.trim(),
        hypothesis: input.hypothesis?.trim(),
        tags: input.tags ? normalizeTags(input.tags) : undefined,
        metricKey: input.metricKey,
        metricKind: input.metricKind,
        randomizationUnit: input.randomizationUnit,
        analysisMode: input.analysisMode,
        minDetectableEffect: input.minDetectableEffect,
        plannedSamplePerArm: input.plannedSamplePerArm,
        sequentialTau: input.sequentialTau,
        playbookId: input.playbookId,
        playbookStepKey: input.playbookStepKey,
      });
      const diff = diffOf(e, after);
      if (input.variants) {
        await this.repo.deleteVariants(e.id);
        await this.saveVariants(e.id, input.variants);
        diff.variants = [variants.map((v) => v.key), input.variants.map((v) => v.key)];
      }
      Object.assign(e, after);
      await this.repo.save(e);
      await this.audit.record(ctx, { entityType: 'Experiment', entityId: e.id, action: 'UPDATED', diff });
      return e;
    });
  }

  start(ctx: RequestContext, id: string): Promise<Experiment> {
    return this.changeStatus(ctx, id, ExperimentStatus.RUNNING);
  }

  stop(ctx: RequestContext, id: string): Promise<Experiment> {
    return this.changeStatus(ctx, id, ExperimentStatus.STOPPED);
  }

  archive(ctx: RequestContext, id: string): Promise<Experiment> {
    return this.changeStatus(ctx, id, ExperimentStatus.ARCHIVED);
  }

  private async changeStatus(ctx: RequestContext, id: string, to: ExperimentStatus): Promise<Experiment> {
    return this.tx.run(async () => {
      const e = await this.data.lockExperiment(ctx, id);
      if (!(await this.data.canManage(ctx, e))) throw forbidden('Only the owner, their squad lead or managers can change the status of this experiment.');
      this.assertTransition(e.status, to);
      const from = e.status;
      const now = new Date();
      e.status = to;
      if (to === ExperimentStatus.RUNNING) e.startedAt = now;
      if (to === ExperimentStatus.STOPPED || (to === ExperimentStatus.ARCHIVED && from === ExperimentStatus.RUNNING)) e.stoppedAt = now;
      if (to === ExperimentStatus.ARCHIVED) e.archivedAt = now;
      await this.repo.save(e);
      await this.audit.record(ctx, { entityType: 'Experiment', entityId: e.id, action: 'STATUS_CHANGED', diff: { status: [from, to] } });
      return e;
    });
  }

  /**
   * Records the verdict of a STOPPED experiment (owner, squad lead, managers, admin). Never
   * blocked by the statistics, but when the analysis does not back the verdict the reasons are
   * stored on the experiment (`conclusionWarnings`) and in the audit entry, with the numbers.
   */
  async conclude(ctx: RequestContext, id: string, verdict: ExperimentVerdict, summary: string, winnerVariantKey?: string | null): Promise<Experiment> {
    return this.tx.run(async () => {
      const e = await this.data.lockExperiment(ctx, id);
      if (!(await this.data.canManage(ctx, e))) throw forbidden('Only the owner, their squad lead or managers can conclude this experiment.');
      if (e.status === ExperimentStatus.RUNNING) throw conflict('Stop the experiment before concluding it.');
      this.assertTransition(e.status, ExperimentStatus.CONCLUDED);
      const variants = await this.repo.variants(e.id);
      const treatments = variants.filter((v) => !v.isControl);
      let winner: string | null = null;
      if (verdict === ExperimentVerdict.WIN) {
        winner = winnerVariantKey ?? (treatments.length === 1 ? treatments[0].key : null);
        if (!winner) throw badInput([{ field: 'winnerVariantKey', message: 'is required for a WIN with several treatments' }]);
        if (!treatments.some((t) => t.key === winner))
          throw badInput([{ field: 'winnerVariantKey', message: `"${winner}" is not a treatment of this experiment` }]);
      } else if (winnerVariantKey) {
        throw badInput([{ field: 'winnerVariantKey', message: 'is only for WIN verdicts' }]);
      }
      const analysis = await this.analyze(e, variants);
      const warnings = verdictWarnings(verdict, winner, analysis);
      const from = e.status;
      Object.assign(e, {
        status: ExperimentStatus.CONCLUDED,
        verdict,
        winnerVariantKey: winner,
        summary: summary.trim(),
        conclusionWarnings: warnings,
        concludedAt: new Date(),
        concludedById: ctx.userId,
      });
      await this.repo.save(e);
      await this.audit.record(ctx, {
        entityType: 'Experiment',
        entityId: e.id,
        action: 'CONCLUDED',
        diff: {
          status: [from, ExperimentStatus.CONCLUDED],
          verdict,
          winnerVariantKey: winner,
          summary: e.summary,
          warnings,
          analysis: {
            method: analysis.method,
            decisionReady: analysis.decisionReady,
            srm: analysis.srm,
            variants: analysis.variants.map((v) => ({ key: v.key, exposures: v.exposures, conversions: v.conversions })),
            comparisons: analysis.comparisons.map((c) => ({
              variantKey: c.variantKey,
              upliftAbs: c.upliftAbs,
              ciLow: c.ciLow,
              ciHigh: c.ciHigh,
              pValue: c.pValue,
              test: c.test,
            })),
          },
        },
      });
      return e;
    });
  }

  /** MANAGER or ADMIN: makes a CONCLUDED experiment an organization-wide learning and pushes it live. */
  async publish(
    ctx: RequestContext,
    id: string,
    note: string | null | undefined,
    promoteToPlaybook = false,
    promoteToVariants?: string[],
  ): Promise<Experiment> {
    this.access.assertRole(ctx, Role.MANAGER, Role.ADMIN);
    return this.tx.run(async () => {
      const e = await this.data.lockExperiment(ctx, id);
      if (e.status !== ExperimentStatus.CONCLUDED) throw conflict(`Only CONCLUDED experiments can be published; this one is ${e.status}.`);
      let promotedVersionId: string | null = null;
      if (promoteToVariants && !promoteToPlaybook) throw badInput([{ field: 'promoteToVariants', message: 'only with promoteToPlaybook: true' }]);
      if (promoteToPlaybook) {
        if (!e.playbookId || !e.playbookStepKey) throw badInput([{ field: 'promoteToPlaybook', message: 'the experiment is not linked to a playbook step' }]);
        if (e.verdict !== 'WIN' || !e.winnerVariantKey)
          throw badInput([{ field: 'promoteToPlaybook', message: 'only a WIN with a winning variant can be promoted' }]);
        const winner = await this.repo.variantByKey(e.id, e.winnerVariantKey);
        if (!winner?.script?.trim())
          throw badInput([{ field: 'promoteToPlaybook', message: `the winning variant "${e.winnerVariantKey}" has no script to promote` }]);
        const promoted = await this.playbooks.promoteScript(ctx, {
          playbookId: e.playbookId,
          stepKey: e.playbookStepKey,
          text: winner.script.trim(),
          note: `Promoted from experiment "${e.title}"`,
          variants: (promoteToVariants ?? [DEFAULT_VARIANT]).map((v) => (v.trim() === DEFAULT_VARIANT ? null : v.trim())),
        });
        promotedVersionId = promoted.version.id;
        e.promotion = {
          versionId: promoted.version.id,
          stepKey: e.playbookStepKey,
          variants: promoted.variants,
          unchangedVariants: promoted.unchangedVariants,
        };
      }
      const from = e.status;
      Object.assign(e, { status: ExperimentStatus.PUBLISHED, publishedAt: new Date(), publishedById: ctx.userId, publicationNote: note?.trim() || null });
      await this.repo.save(e);
      await this.audit.record(ctx, {
        entityType: 'Experiment',
        entityId: e.id,
        action: 'PUBLISHED',
        diff: { status: [from, ExperimentStatus.PUBLISHED], note: e.publicationNote, verdict: e.verdict, promotedVersionId, promotion: e.promotion ?? null },
      });
      const event: ExperimentPublishedEvent = { organizationId: ctx.organizationId, experimentId: e.id };
      afterCommit(() => this.pubsub.publish(experimentPublishedTopic(ctx.organizationId), event));
      return e;
    });
  }

  /** A squad adopts a published learning: its LEAD, managers over it or an admin; once per squad, never the originating squad. */
  async adopt(ctx: RequestContext, id: string, squadId: string): Promise<Experiment> {
    return this.tx.run(async () => {
      const e = await this.data.lockExperiment(ctx, id);
      const squad = await this.repo.findSquad(ctx.organizationId, squadId);
      if (!squad) throw notFound('Squad', squadId);
      const scope = await this.access.scope(ctx);
      if (!this.access.canManageSquad(scope, squad.id)) throw forbidden("Only the squad's lead or its managers can adopt a learning for it.");
      if (e.status !== ExperimentStatus.PUBLISHED) throw conflict(`Only published learnings can be adopted; this experiment is ${e.status}.`);
      if (e.squadId === squad.id) throw conflict('The squad that ran the experiment cannot adopt it; adoption credits other squads taking it up.');
      if (await this.repo.adoptionExists(e.id, squad.id)) {
        throw conflict(`${squad.name} has already adopted this learning.`);
      }
      await this.repo.insertAdoption({
        organizationId: ctx.organizationId,
        experimentId: e.id,
        squadId: squad.id,
        adoptedById: ctx.userId,
        adoptedAt: new Date(),
      });
      await this.audit.record(ctx, { entityType: 'Experiment', entityId: e.id, action: 'ADOPTED', diff: { squadId: squad.id } });
      return e;
    });
  }

  /** Live publications of the caller's organization (one topic per organization). */
  published(ctx: RequestContext): AsyncIterableIterator<{ experimentPublished: Experiment }> {
    const source = this.pubsub.asyncIterator<ExperimentPublishedEvent>(experimentPublishedTopic(ctx.organizationId));
    return mapAsyncIterator(source, async (event) => ({ experimentPublished: await this.get(ctx, event.experimentId) }));
  }

  /** Analysis from SQL-aggregated daily counts (pass the variants when already loaded). */
  async analyze(e: Experiment, variants?: ExperimentVariant[]): Promise<ExperimentAnalysisResult> {
    const vs = variants ?? (await this.repo.variants(e.id));
    const daily = (await this.data.dailyCounts(e.organizationId, [e.id])).get(e.id) ?? [];
    return analyzeDailyCounts({ ...e, variants: vs }, daily);
  }

  async variantsByExperimentIds(ctx: RequestContext, ids: readonly string[]): Promise<ExperimentVariant[]> {
    if (ids.length === 0) return [];
    return this.repo.variantsByExperimentIds(ctx.organizationId, ids);
  }

  async adoptionsByExperimentIds(ctx: RequestContext, ids: readonly string[]): Promise<ExperimentAdoption[]> {
    if (ids.length === 0) return [];
    return this.repo.adoptionsByExperimentIds(ctx.organizationId, ids);
  }

  private assertTransition(from: ExperimentStatus, to: ExperimentStatus): void {
    if (!canChangeStatus(from, to)) {
      const allowed = STATUS_TRANSITIONS[from];
      throw conflict(`An experiment cannot go from ${from} to ${to}${allowed.length ? ` (from ${from}: ${allowed.join(', ')})` : `; ${from} is final`}.`, {
        from,
        to,
        allowed,
      });
    }
  }

  /** A playbook link must name a playbook of the caller's organization and one of its steps (BAD_USER_INPUT otherwise). */
  private async assertPlaybookLink(ctx: RequestContext, d: { playbookId?: string | null; playbookStepKey?: string | null }): Promise<void> {
    if (d.playbookId == null || d.playbookStepKey == null) return;
    const errors = await this.playbooks.stepRefErrors(ctx, d.playbookId, d.playbookStepKey.trim(), 'input');
    if (errors.length) throw badInput(errors);
  }

  private validateDesign(
    d: Pick<CreateExperimentInput, 'metricKey' | 'metricKind' | 'analysisMode' | 'sequentialTau' | 'playbookId' | 'playbookStepKey'> & {
      variants: Pick<ExperimentVariantInput, 'key' | 'isControl'>[];
    },
    prefix: string,
  ): void {
    const fields: FieldError[] = [];
    const keys = d.variants.map((v) => v.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) fields.push({ field: `${prefix}.variants`, message: `variant key "${dup}" is used twice` });
    const controls = d.variants.filter((v) => v.isControl).length;
    if (controls !== 1) fields.push({ field: `${prefix}.variants`, message: `exactly one variant must be the control (found ${controls})` });
    if (d.variants.length < 2) fields.push({ field: `${prefix}.variants`, message: 'needs a control and at least one treatment' });
    if (d.metricKind === MetricKind.TRACKED && !TRACKED_METRICS[d.metricKey]) {
      fields.push({
        field: `${prefix}.metricKey`,
        message: `is not a tracked metric (tracked: ${Object.keys(TRACKED_METRICS).join(', ')}); use LOGGED for custom metrics`,
      });
    }
    if (d.sequentialTau != null && d.analysisMode !== AnalysisMode.SEQUENTIAL) {
      fields.push({ field: `${prefix}.sequentialTau`, message: 'applies only to the SEQUENTIAL analysis mode' });
    }
    if ((d.playbookId == null) !== (d.playbookStepKey == null)) {
      fields.push({ field: `${prefix}.playbookStepKey`, message: 'a playbook link needs both playbookId and playbookStepKey' });
    }
    if (fields.length) throw badInput(fields);
  }

  private async saveVariants(experimentId: string, variants: ExperimentVariantInput[]): Promise<void> {
    await this.repo.insertVariants(
      variants.map((v, i) => ({
        experimentId,
        key: v.key,
        position: i,
        isControl: v.isControl,
        description: v.description.trim(),
        script: v.script ?? null,
        weight: v.weight,
      })),
    );
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
