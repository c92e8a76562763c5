import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { createScorer, validateAnswers, validateDefinition, type Answer, type SurveyDefinition } from '@lib/scoring';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { CONVERTED_STAGES } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { CalibrationArgs, CreateSurveyInput, SaveSurveyDraftInput, SurveyDefinitionInput } from './dto/intake.inputs.js';
import { Survey, SurveyKind, SurveyVersion, SurveyVersionStatus } from './entities/index.js';
import { lockIntake } from './intake-lock.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.manager.find(Survey, {
      where: { organizationId: ctx.organizationId, ...(kind ? { kind } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async survey(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager): Promise<Survey> {
    this.assertDesigner(ctx);
    return this.findSurvey(ctx, id, m);
  }

  /** No role check: used by intake (any authenticated caller or API key may submit). */
  async findSurvey(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<Survey> {
    const qb = m.createQueryBuilder(Survey, 's').where('s.id = :id AND s.organization_id = :org', { id, org: ctx.organizationId });
    if (lock) qb.setLock('pessimistic_write');
    const survey = await qb.getOne();
    if (!survey) throw notFound('Survey', id);
    return survey;
  }

  async versions(ctx: RequestContext, surveyId: string): Promise<SurveyVersion[]> {
    this.assertDesigner(ctx);
    return this.dataSource.manager.find(SurveyVersion, { where: { surveyId, organizationId: ctx.organizationId }, order: { version: 'DESC' } });
  }

  async versionsByIds(ctx: RequestContext, ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<SurveyVersion[]> {
    if (ids.length === 0) return [];
    return m
      .createQueryBuilder(SurveyVersion, 'v')
      .where('v.organization_id = :org AND v.id = ANY(:ids)', { org: ctx.organizationId, ids: [...ids] })
      .getMany();
  }

  async draftsBySurveyIds(ctx: RequestContext, ids: readonly string[]): Promise<SurveyVersion[]> {
    if (ids.length === 0) return [];
    return this.dataSource.manager
      .createQueryBuilder(SurveyVersion, 'v')
      .where('v.organization_id = :org AND v.survey_id = ANY(:ids) AND v.status = :draft', {
        org: ctx.organizationId,
        ids: [...ids],
        draft: SurveyVersionStatus.DRAFT,
      })
      .getMany();
  }

  async createSurvey(ctx: RequestContext, input: CreateSurveyInput): Promise<Survey> {
    this.assertDesigner(ctx);
    const definition = toDefinition(input.definition);
    return this.tx.run(async (m) => {
      const survey = await m.save(m.create(Survey, { organizationId: ctx.organizationId, name: input.name.trim(), kind: input.kind, currentVersionId: null }));
      const draft = await m.save(
        m.create(SurveyVersion, { organizationId: ctx.organizationId, surveyId: survey.id, version: 1, status: SurveyVersionStatus.DRAFT, definition }),
      );
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
    return this.tx.run(async (m) => {
      const survey = await this.findSurvey(ctx, input.surveyId, m, true);
      if (input.name !== undefined && input.name !== null && input.name.trim() !== survey.name) {
        await m.update(Survey, { id: survey.id }, { name: input.name.trim() });
      }
      let draft = await m.findOne(SurveyVersion, { where: { surveyId: survey.id, status: SurveyVersionStatus.DRAFT } });
      if (draft) {
        draft.definition = definition;
        draft = await m.save(draft);
      } else {
        const { max } = (await m
          .createQueryBuilder(SurveyVersion, 'v')
          .select('max(v.version)', 'max')
          .where('v.survey_id = :id', { id: survey.id })
          .getRawOne<{ max: number | null }>())!;
        draft = await m.save(
          m.create(SurveyVersion, {
            organizationId: ctx.organizationId,
            surveyId: survey.id,
            version: (max ?? 0) + 1,
            status: SurveyVersionStatus.DRAFT,
            definition,
          }),
        );
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
    return this.tx.run(async (m) => {
      const survey = await this.findSurvey(ctx, surveyId, m, true);
      const draft = await m.findOne(SurveyVersion, { where: { surveyId: survey.id, status: SurveyVersionStatus.DRAFT } });
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
      await m.save(draft);
      const before = survey.currentVersionId;
      survey.currentVersionId = draft.id;
      await m.update(Survey, { id: survey.id }, { currentVersionId: draft.id });
      await this.audit.record(ctx, {
        entityType: 'Survey',
        entityId: survey.id,
        action: 'PUBLISHED',
        diff: { currentVersionId: [before, draft.id], version: draft.version },
      });
      return { survey: (await m.findOne(Survey, { where: { id: survey.id } }))!, version: draft };
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
      const done = await this.tx.run(async (m) => {
        await lockIntake(m, ctx.organizationId);
        const rows: { lead_id: string; answers: Answer[]; tier: string | null; score: string | null; persona: string | null }[] = await m.query(
          `SELECT DISTINCT ON (s.lead_id) s.lead_id, s.answers, l.tier, l.score, l.persona
             FROM intake_submission s JOIN lead l ON l.id = s.lead_id
            WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.lead_id > $3
              AND NOT EXISTS (SELECT 1 FROM intake_submission o
                               WHERE o.lead_id = s.lead_id AND o.survey_id <> s.survey_id AND o.created_at > s.created_at)
            ORDER BY s.lead_id, s.created_at DESC, s.id DESC
            LIMIT $4`,
          [ctx.organizationId, survey.id, cursor, RESCORE_BATCH],
        );
        if (rows.length === 0) return true;
        cursor = rows[rows.length - 1].lead_id;
        const updates: { id: string; score: number; tier: string; persona: string }[] = [];
        for (const r of rows) {
          if (validateAnswers(def, r.answers).length > 0) {
            result.skipped++;
            continue;
          }
          const scored = scorer.scoreValid(r.answers);
          result.rescored++;
          if (scored.tier !== r.tier) result.tierChanged++;
          if (scored.tier !== r.tier || scored.score !== (r.score === null ? null : Number(r.score)) || scored.persona !== r.persona) {
            updates.push({ id: r.lead_id, score: scored.score, tier: scored.tier, persona: scored.persona });
          }
        }
        if (updates.length > 0) {
          await m.query(
            `UPDATE lead AS l SET score = u.score, tier = u.tier, persona = u.persona, updated_at = now()
               FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::text[]) AS u(id, score, tier, persona)
              WHERE l.id = u.id`,
            [updates.map((u) => u.id), updates.map((u) => u.score), updates.map((u) => u.tier), updates.map((u) => u.persona)],
          );
        }
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
    // Catalog of (question, option) pairs, later versions overriding labels; order of first appearance.
    const catalog = new Map<
      string,
      {
        ord: number;
        question_key: string;
        question_label: string | null;
        option_key: string;
        option_label: string | null;
        kind: string;
        min: number | null;
        max: number | null;
      }
    >();
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
    const rows: {
      question_key: string | null;
      question_label: string | null;
      option_key: string | null;
      option_label: string | null;
      leads: number;
      converted: number;
      conversion_rate: string | null;
      lift: string | null;
    }[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (s.lead_id) s.lead_id, s.answers
           FROM intake_submission s
          WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.created_at >= $3 AND s.created_at < $4
          ORDER BY s.lead_id, s.created_at DESC, s.id DESC
       ), base AS (
         SELECT lt.lead_id, lt.answers, (l.stage::text = ANY($5::text[])) AS converted
           FROM latest lt JOIN lead l ON l.id = lt.lead_id
       ), totals AS (
         SELECT count(*)::int AS leads, count(*) FILTER (WHERE converted)::int AS converted FROM base
       ), catalog AS (
         SELECT * FROM jsonb_to_recordset($6::jsonb)
             AS c(ord int, question_key text, question_label text, option_key text, option_label text, kind text, min numeric, max numeric)
       ), answers AS (
         SELECT b.lead_id, b.converted, a.value AS answer FROM base b CROSS JOIN LATERAL jsonb_array_elements(b.answers) a
       ), picks AS (
         SELECT an.lead_id, an.converted, an.answer->>'questionKey' AS question_key, o.option_key
           FROM answers an CROSS JOIN LATERAL jsonb_array_elements_text(COALESCE(an.answer->'optionKeys', '[]'::jsonb)) AS o(option_key)
         UNION ALL
         SELECT an.lead_id, an.converted, an.answer->>'questionKey', CASE WHEN (an.answer->>'value')::boolean THEN 'yes' ELSE 'no' END
           FROM answers an WHERE jsonb_typeof(an.answer->'value') = 'boolean'
         UNION ALL
         SELECT an.lead_id, an.converted, c.question_key, c.option_key
           FROM answers an JOIN catalog c
             ON c.kind = 'NUMBER' AND c.question_key = an.answer->>'questionKey' AND jsonb_typeof(an.answer->'value') = 'number'
            AND (c.min IS NULL OR (an.answer->>'value')::numeric >= c.min) AND (c.max IS NULL OR (an.answer->>'value')::numeric < c.max)
       ), grouped AS (
         SELECT c.ord, c.question_key, c.question_label, c.option_key, c.option_label,
                count(DISTINCT p.lead_id)::int AS leads,
                count(DISTINCT p.lead_id) FILTER (WHERE p.converted)::int AS converted
           FROM catalog c LEFT JOIN picks p ON p.question_key = c.question_key AND p.option_key = c.option_key
          GROUP BY c.ord, c.question_key, c.question_label, c.option_key, c.option_label
       )
       SELECT g.question_key, g.question_label, g.option_key, g.option_label, g.leads, g.converted,
              CASE WHEN g.leads > 0 THEN g.converted::numeric / g.leads END AS conversion_rate,
              CASE WHEN g.leads > 0 AND t.converted > 0 THEN (g.converted::numeric / g.leads) / (t.converted::numeric / t.leads) END AS lift
         FROM grouped g CROSS JOIN totals t
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, t.leads, t.converted, CASE WHEN t.leads > 0 THEN t.converted::numeric / t.leads END, NULL FROM totals t
       ORDER BY 1 NULLS FIRST`,
      [ctx.organizationId, survey.id, args.from, args.to, CONVERTED_STAGES, JSON.stringify([...catalog.values()])],
    );
    const totals = rows.find((r) => r.question_key === null)!;
    const byKey = new Map(rows.filter((r) => r.question_key !== null).map((r) => [`${r.question_key}\u0000${r.option_key}`, r]));
    const num = (v: string | null) => (v === null ? null : Number(v));
    const options: CalibrationRow[] = [...catalog.values()]
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
    // By score band: the tier each lead's latest submission in the window got.
    const tierRows: { tier: string; leads: number; converted: number }[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (s.lead_id) s.lead_id, s.tier
           FROM intake_submission s
          WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.created_at >= $3 AND s.created_at < $4
          ORDER BY s.lead_id, s.created_at DESC, s.id DESC
       )
       SELECT lt.tier, count(*)::int AS leads, count(*) FILTER (WHERE l.stage::text = ANY($5::text[]))::int AS converted
         FROM latest lt JOIN lead l ON l.id = lt.lead_id
        GROUP BY lt.tier`,
      [ctx.organizationId, survey.id, args.from, args.to, CONVERTED_STAGES],
    );
    const current = versions.find((v) => v.id === survey.currentVersionId)?.definition;
    const order: { tier: string; minScore: number | null }[] = [
      ...[...(current?.tiers ?? [])].sort((a, b) => b.minScore - a.minScore).map((x) => ({ tier: x.tier, minScore: x.minScore })),
      ...(current ? [{ tier: current.defaultTier, minScore: null }] : []),
    ].filter((x, i, all) => all.findIndex((y) => y.tier === x.tier) === i);
    for (const r of [...tierRows].sort((a, b) => a.tier.localeCompare(b.tier)))
      if (!order.some((o) => o.tier === r.tier)) order.push({ tier: r.tier, minScore: null });
    const surveyRate = totals.leads > 0 ? totals.converted / totals.leads : null;
    const tiers = order.map((o) => {
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
    return {
      surveyId: survey.id,
      from: args.from,
      to: args.to,
      leads: totals.leads,
      converted: totals.converted,
      conversionRate: num(totals.conversion_rate),
      options,
      tiers,
    };
  }
}
