import { Injectable } from '@nestjs/common';
import { createScorer, validateAnswers, validateDefinition, type Scorer, type SurveyDefinition } from '@lib/scoring';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { CONVERTED_STAGES, LeadsRepository, type LeadScoreUpdate } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { CalibrationArgs, CreateSurveyInput, SaveSurveyDraftInput, SurveyDefinitionInput } from './dto/intake.inputs.js';
import { Survey, SurveyKind, SurveyVersion, SurveyVersionStatus } from './entities/index.js';
import { IntakeRepository } from './intake.repository.js';
import { SurveysRepository, type RescoreRow, type CalibrationCatalogEntry, type CalibrationOptionRow, type CalibrationTierRow } from './surveys.repository.js';
import { PersonasService } from '../personas/index.js';

/** GraphQL input objects → plain JSON definition (nulls dropped: absent and null mean the same). */
export function toDefinition(input: SurveyDefinitionInput): SurveyDefinition {
  return JSON.parse(JSON.stringify(input), (_k, v: unknown) => (v === null ? undefined : v)) as SurveyDefinition;
}

export interface RescoreResult {
  rescored: number;
  tierChanged: number;
  skipped: number;
  batches: number;
}

export interface CalibrationRow {
  questionKey: string;
  questionLabel: string | null;
  optionKey: string;
  optionLabel: string | null;
  leads: number;
  converted: number;
  conversionRate: number | null;
  lift: number | null;
}

const RESCORE_BATCH = 500;

const bandKey = (min: number | null | undefined, max: number | null | undefined) => `band:${min ?? ''}..${max ?? ''}`;
const bandLabel = (min: number | null | undefined, max: number | null | undefined) =>
  min == null ? `under ${max}` : max == null ? `${min} and more` : `${min} to under ${max}`;

/** Survey definitions and their versions (ADMIN and MANAGER), re-scoring and calibration. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly repo: SurveysRepository,
    private readonly intake: IntakeRepository,
    private readonly leads: LeadsRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly personas: PersonasService,
  ) {}

  private assertDesigner(ctx: RequestContext): void {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
  }

  async surveys(ctx: RequestContext, kind?: SurveyKind | null): Promise<Survey[]> {
    this.assertDesigner(ctx);
    return this.repo.list(ctx.organizationId, kind);
  }

  async survey(ctx: RequestContext, id: string): Promise<Survey> {
    this.assertDesigner(ctx);
    return this.findSurvey(ctx, id);
  }

  /** No role check: used by intake (any authenticated caller or API key may submit). */
  async findSurvey(ctx: RequestContext, id: string, lock = false): Promise<Survey> {
    const survey = await this.repo.findSurvey(ctx.organizationId, id, lock);
    if (!survey) throw notFound('Survey', id);
    return survey;
  }

  async versions(ctx: RequestContext, surveyId: string): Promise<SurveyVersion[]> {
    this.assertDesigner(ctx);
    return this.repo.versions(ctx.organizationId, surveyId);
  }

  async versionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<SurveyVersion[]> {
    if (ids.length === 0) return [];
    return this.repo.versionsByIds(ctx.organizationId, ids);
  }

  async draftsBySurveyIds(ctx: RequestContext, ids: readonly string[]): Promise<SurveyVersion[]> {
    if (ids.length === 0) return [];
    return this.repo.draftsBySurveyIds(ctx.organizationId, ids);
  }

  async createSurvey(ctx: RequestContext, input: CreateSurveyInput): Promise<Survey> {
    this.assertDesigner(ctx);
    const definition = toDefinition(input.definition);
    return this.tx.run(async () => {
      const survey = await this.repo.insertSurvey({ organizationId: ctx.organizationId, name: input.name.trim(), kind: input.kind, currentVersionId: null });
      const draft = await this.repo.insertVersion({
        organizationId: ctx.organizationId,
        surveyId: survey.id,
        version: 1,
        status: SurveyVersionStatus.DRAFT,
        definition,
      });
      await this.audit.record(ctx, {
        entityType: 'Survey',
        entityId: survey.id,
        action: 'CREATED',
        diff: { name: survey.name, kind: survey.kind, draftVersion: draft.version },
      });
      return survey;
    });
  }

  /** Edits the draft, or starts a new draft (next version number) when the latest is published. */
  async saveDraft(ctx: RequestContext, input: SaveSurveyDraftInput): Promise<SurveyVersion> {
    this.assertDesigner(ctx);
    const definition = toDefinition(input.definition);
    return this.tx.run(async () => {
      const survey = await this.findSurvey(ctx, input.surveyId, true);
      if (input.name !== undefined && input.name !== null && input.name.trim() !== survey.name) {
        await this.repo.rename(survey.id, input.name.trim());
      }
      let draft = await this.repo.findDraft(survey.id);
      if (draft) {
        draft.definition = definition;
        draft = await this.repo.saveVersion(draft);
      } else {
        const max = await this.repo.maxVersion(survey.id);
        draft = await this.repo.insertVersion({
          organizationId: ctx.organizationId,
          surveyId: survey.id,
          version: (max ?? 0) + 1,
          status: SurveyVersionStatus.DRAFT,
          definition,
        });
      }
      await this.audit.record(ctx, { entityType: 'Survey', entityId: survey.id, action: 'DRAFT_SAVED', diff: { version: draft.version } });
      return draft;
    });
  }

  /**
   * Publishes the draft: validates it with @lib/scoring (every issue becomes a BAD_USER_INPUT field
   * `definition.<path>`), freezes it and makes it the version new submissions are scored with.
   */
  async publish(ctx: RequestContext, surveyId: string): Promise<{ survey: Survey; version: SurveyVersion }> {
    this.assertDesigner(ctx);
    return this.tx.run(async () => {
      const survey = await this.findSurvey(ctx, surveyId, true);
      const draft = await this.repo.findDraft(survey.id);
      if (!draft) throw conflict('This survey has no draft to publish; save a draft first (the published versions are frozen).');
      const issues = validateDefinition(draft.definition);
      const refs = (draft.definition.personas ?? []).map((r, i) => ({ field: `definition.personas[${i}].persona`, key: r.persona }));
      if (draft.definition.defaultPersona) refs.push({ field: 'definition.defaultPersona', key: draft.definition.defaultPersona });
      for (const e of await this.personas.unknownPersonaErrors(ctx.organizationId, refs))
        issues.push({ path: e.field.slice('definition.'.length), message: e.message });
      if (issues.length > 0) {
        throw badInput(
          issues.map((i) => ({ field: i.path ? `definition.${i.path}` : 'definition', message: i.message })),
          `The draft (version ${draft.version}) cannot be published: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      }
      const now = new Date();
      draft.status = SurveyVersionStatus.PUBLISHED;
      draft.publishedAt = now;
      draft.publishedByUserId = ctx.userId;
      await this.repo.saveVersion(draft);
      const before = survey.currentVersionId;
      survey.currentVersionId = draft.id;
      await this.repo.setCurrentVersion(survey.id, draft.id);
      await this.audit.record(ctx, {
        entityType: 'Survey',
        entityId: survey.id,
        action: 'PUBLISHED',
        diff: { currentVersionId: [before, draft.id], version: draft.version },
      });
      return { survey: (await this.repo.findById(survey.id))!, version: draft };
    });
  }

  /**
   * Re-scores, with the survey's current version, every lead whose latest intake submission is
   * for this survey, in batches of 500 leads (one transaction each, under the intake lock).
   * Submissions keep the version they were scored with; the lead's score, tier and persona
   * change. Leads whose stored answers do not fit the current version are skipped. Owners are
   * not changed.
   */
  async rescore(ctx: RequestContext, surveyId: string): Promise<RescoreResult> {
    this.assertDesigner(ctx);
    const survey = await this.findSurvey(ctx, surveyId);
    if (!survey.currentVersionId) throw conflict('This survey has no published version yet.');
    const [version] = await this.versionsByIds(ctx, [survey.currentVersionId]);
    const def = version.definition;
    const scorer = createScorer(def);
    const result: RescoreResult = { rescored: 0, tierChanged: 0, skipped: 0, batches: 0 };
    let cursor = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const done = await this.tx.run(async () => {
        await this.intake.lockIntake(ctx.organizationId);
        const rows = await this.repo.rescoreBatch(ctx.organizationId, survey.id, cursor, RESCORE_BATCH);
        if (rows.length === 0) return true;
        cursor = rows[rows.length - 1].leadId;
        const updates = rescoreRows(def, scorer, rows, result);
        if (updates.length > 0) await this.leads.updateScores(updates);
        result.batches++;
        return rows.length < RESCORE_BATCH;
      });
      if (done) break;
    }
    await this.tx.run(() =>
      this.audit.record(ctx, {
        entityType: 'Survey',
        entityId: survey.id,
        action: 'RESCORED',
        diff: { versionId: version.id, version: version.version, ...result },
      }),
    );
    return result;
  }

  /**
   * For each option of each question (union of all published versions; YES_NO as yes/no, NUMBER
   * as its bands): how many leads chose it in their latest submission of this survey within
   * [from, to), how many of them are now converted, the rate and its lift over the survey's rate.
   * Aggregated in SQL over the submissions' jsonb answers.
   */
  async calibration(ctx: RequestContext, args: CalibrationArgs) {
    this.assertDesigner(ctx);
    if (args.to <= args.from) throw badInput([{ field: 'to', message: 'must be after from' }]);
    const survey = await this.findSurvey(ctx, args.surveyId);
    const versions = (await this.versions(ctx, survey.id)).filter((v) => v.status === SurveyVersionStatus.PUBLISHED).reverse();
    const catalog = calibrationCatalog(versions);
    const window = { organizationId: ctx.organizationId, surveyId: survey.id, from: args.from, to: args.to, convertedStages: CONVERTED_STAGES };
    const rows = await this.repo.calibrationOptions(window, [...catalog.values()]);
    const totals = rows.find((r) => r.question_key === null)!;
    const options = optionRows(catalog, rows);
    // By score band: the tier each lead's latest submission in the window got.
    const tierRows = await this.repo.calibrationTiers(window);
    const current = versions.find((v) => v.id === survey.currentVersionId)?.definition;
    const surveyRate = totals.leads > 0 ? totals.converted / totals.leads : null;
    return {
      surveyId: survey.id,
      from: args.from,
      to: args.to,
      leads: totals.leads,
      converted: totals.converted,
      conversionRate: num(totals.conversion_rate),
      options,
      tiers: tierBands(current, tierRows, surveyRate),
    };
  }
}

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * Re-scores one batch with the current version: counts into `result`, returns the leads whose
 * score, tier or persona changed. Leads whose answers do not fit the version are skipped.
 */
function rescoreRows(def: SurveyDefinition, scorer: Scorer, rows: RescoreRow[], result: RescoreResult): LeadScoreUpdate[] {
  const updates: LeadScoreUpdate[] = [];
  for (const r of rows) {
    if (validateAnswers(def, r.answers).length > 0) {
      result.skipped++;
      continue;
    }
    const scored = scorer.scoreValid(r.answers);
    result.rescored++;
    if (scored.tier !== r.tier) result.tierChanged++;
    if (scored.tier !== r.tier || scored.score !== (r.score === null ? null : Number(r.score)) || scored.persona !== r.persona) {
      updates.push({ id: r.leadId, score: scored.score, tier: scored.tier, persona: scored.persona });
    }
  }
  return updates;
}

/** Catalog of (question, option) pairs of the versions (oldest first), later versions overriding labels; order of first appearance. */
function calibrationCatalog(versions: SurveyVersion[]): Map<string, CalibrationCatalogEntry> {
  const catalog = new Map<string, CalibrationCatalogEntry>();
  for (const v of versions) {
    for (const q of v.definition.questions) {
      const add = (optionKey: string, optionLabel: string | null, kind: string, min: number | null = null, max: number | null = null) => {
        const key = `${q.key}\u0000${optionKey}`;
        const prev = catalog.get(key);
        catalog.set(key, {
          ord: prev?.ord ?? catalog.size,
          question_key: q.key,
          question_label: q.label ?? null,
          option_key: optionKey,
          option_label: optionLabel,
          kind,
          min,
          max,
        });
      };
      if (q.type === 'SINGLE_CHOICE' || q.type === 'MULTIPLE_CHOICE') for (const o of q.options ?? []) add(o.key, o.label ?? null, 'CHOICE');
      else if (q.type === 'YES_NO') {
        add('yes', 'yes', 'YES_NO');
        add('no', 'no', 'YES_NO');
      } else if (q.type === 'NUMBER')
        for (const b of q.bands ?? []) add(bandKey(b.min, b.max), bandLabel(b.min, b.max), 'NUMBER', b.min ?? null, b.max ?? null);
    }
  }
  return catalog;
}

/** The option rows in catalog order. */
function optionRows(catalog: Map<string, CalibrationCatalogEntry>, rows: CalibrationOptionRow[]): CalibrationRow[] {
  const byKey = new Map(rows.filter((r) => r.question_key !== null).map((r) => [`${r.question_key}\u0000${r.option_key}`, r]));
  return [...catalog.values()]
    .sort((a, b) => a.ord - b.ord)
    .map((c) => {
      const r = byKey.get(`${c.question_key}\u0000${c.option_key}`)!;
      return {
        questionKey: c.question_key,
        questionLabel: c.question_label,
        optionKey: c.option_key,
        optionLabel: c.option_label,
        leads: r.leads,
        converted: r.converted,
        conversionRate: num(r.conversion_rate),
        lift: num(r.lift),
      };
    });
}

/** Tier bands: the current version's tiers (best first, then its default tier), then other tiers seen, by name; each with its counts and lift. */
function tierBands(current: SurveyDefinition | undefined, tierRows: CalibrationTierRow[], surveyRate: number | null) {
  const order: { tier: string; minScore: number | null }[] = [
    ...[...(current?.tiers ?? [])].sort((a, b) => b.minScore - a.minScore).map((x) => ({ tier: x.tier, minScore: x.minScore })),
    ...(current ? [{ tier: current.defaultTier, minScore: null }] : []),
  ].filter((x, i, all) => all.findIndex((y) => y.tier === x.tier) === i);
  for (const r of [...tierRows].sort((a, b) => a.tier.localeCompare(b.tier)))
    if (!order.some((o) => o.tier === r.tier)) order.push({ tier: r.tier, minScore: null });
  return order.map((o) => {
    const r = tierRows.find((x) => x.tier === o.tier);
    const leads = r?.leads ?? 0;
    const converted = r?.converted ?? 0;
    const conversionRate = leads > 0 ? converted / leads : null;
    return {
      tier: o.tier,
      minScore: o.minScore,
      leads,
      converted,
      conversionRate,
      lift: conversionRate !== null && surveyRate ? conversionRate / surveyRate : null,
    };
  });
}
