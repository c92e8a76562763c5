import { Injectable } from '@nestjs/common';
import type { Answer } from '@lib/scoring';
import { Db } from '../database/transaction.js';
import { joinLeadSql } from '../leads/index.js';
import { Survey, SurveyKind, SurveyVersion, SurveyVersionStatus } from './entities/index.js';

/** A lead whose latest intake submission is for the survey being re-scored. */
export interface RescoreRow {
  leadId: string;
  answers: Answer[];
  tier: string | null;
  score: string | null;
  persona: string | null;
}

/** One (question, option) of the calibration catalog, as the statement reads it. */
export interface CalibrationCatalogEntry {
  ord: number;
  question_key: string;
  question_label: string | null;
  option_key: string;
  option_label: string | null;
  kind: string;
  min: number | null;
  max: number | null;
}

/** Counts of one catalog option (question_key null: the survey's totals). */
export interface CalibrationOptionRow {
  question_key: string | null;
  question_label: string | null;
  option_key: string | null;
  option_label: string | null;
  leads: number;
  converted: number;
  conversion_rate: string | null;
  lift: string | null;
}

/** Counts of one tier. */
export interface CalibrationTierRow {
  tier: string;
  leads: number;
  converted: number;
}

/** The window and leads a calibration reads: latest submission of each lead in [from, to), converted = stage in `convertedStages`. */
export interface CalibrationWindow {
  organizationId: string;
  surveyId: string;
  from: Date;
  to: Date;
  convertedStages: readonly string[];
}

/** The intake context's statements over `survey` and `survey_version`. */
@Injectable()
export class SurveysRepository {
  constructor(private readonly db: Db) {}

  /** Reads the organization's surveys (of one kind), oldest first. */
  list(organizationId: string, kind?: SurveyKind | null): Promise<Survey[]> {
    return this.db.manager.find(Survey, { where: { organizationId, ...(kind ? { kind } : {}) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Reads (and with `lock`, locks FOR UPDATE) one survey of the organization. */
  findSurvey(organizationId: string, id: string, lock = false): Promise<Survey | null> {
    const qb = this.db.manager.createQueryBuilder(Survey, 's').where('s.id = :id AND s.organization_id = :org', { id, org: organizationId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Reads one survey by id. */
  findById(id: string): Promise<Survey | null> {
    return this.db.manager.findOne(Survey, { where: { id } });
  }

  /** Reads the organization's surveys among `ids`. */
  surveysByIds(organizationId: string, ids: string[]): Promise<Survey[]> {
    return this.db.manager.createQueryBuilder(Survey, 's').where('s.organization_id = :org AND s.id = ANY(:ids)', { org: organizationId, ids }).getMany();
  }

  /** Inserts a survey. */
  insertSurvey(values: Pick<Survey, 'organizationId' | 'name' | 'kind' | 'currentVersionId'>): Promise<Survey> {
    return this.db.manager.save(this.db.manager.create(Survey, values));
  }

  /** Renames a survey. */
  async rename(id: string, name: string): Promise<void> {
    await this.db.manager.update(Survey, { id }, { name });
  }

  /** Makes `versionId` the survey's current version. */
  async setCurrentVersion(id: string, versionId: string): Promise<void> {
    await this.db.manager.update(Survey, { id }, { currentVersionId: versionId });
  }

  /** Reads a survey's versions, newest first. */
  versions(organizationId: string, surveyId: string): Promise<SurveyVersion[]> {
    return this.db.manager.find(SurveyVersion, { where: { surveyId, organizationId }, order: { version: 'DESC' } });
  }

  /** Reads the organization's versions among `ids`. */
  versionsByIds(organizationId: string, ids: readonly string[]): Promise<SurveyVersion[]> {
    return this.db.manager
      .createQueryBuilder(SurveyVersion, 'v')
      .where('v.organization_id = :org AND v.id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .getMany();
  }

  /** Reads the versions among `ids` (ids already taken from the organization's surveys). */
  versionsWithIds(ids: string[]): Promise<SurveyVersion[]> {
    return this.db.manager.createQueryBuilder(SurveyVersion, 'v').where('v.id = ANY(:ids)', { ids }).getMany();
  }

  /** Reads the drafts of the organization's surveys among `surveyIds`. */
  draftsBySurveyIds(organizationId: string, surveyIds: readonly string[]): Promise<SurveyVersion[]> {
    return this.db.manager
      .createQueryBuilder(SurveyVersion, 'v')
      .where('v.organization_id = :org AND v.survey_id = ANY(:ids) AND v.status = :draft', {
        org: organizationId,
        ids: [...surveyIds],
        draft: SurveyVersionStatus.DRAFT,
      })
      .getMany();
  }

  /** Reads a survey's draft, if any. */
  findDraft(surveyId: string): Promise<SurveyVersion | null> {
    return this.db.manager.findOne(SurveyVersion, { where: { surveyId, status: SurveyVersionStatus.DRAFT } });
  }

  /** Reads a survey's highest version number (null without versions). */
  async maxVersion(surveyId: string): Promise<number | null> {
    const { max } = (await this.db.manager
      .createQueryBuilder(SurveyVersion, 'v')
      .select('max(v.version)', 'max')
      .where('v.survey_id = :id', { id: surveyId })
      .getRawOne<{ max: number | null }>())!;
    return max;
  }

  /** Inserts a version. */
  insertVersion(values: Pick<SurveyVersion, 'organizationId' | 'surveyId' | 'version' | 'status' | 'definition'>): Promise<SurveyVersion> {
    return this.db.manager.save(this.db.manager.create(SurveyVersion, values));
  }

  /** Writes a changed version (draft definition, publication). */
  saveVersion(version: SurveyVersion): Promise<SurveyVersion> {
    return this.db.manager.save(version);
  }

  /** Reads whether the organization has any survey version, and whether `tier` is a tier (or default tier) of one. */
  async tierUse(organizationId: string, tier: string): Promise<{ any: boolean; known: boolean } | undefined> {
    const [row] = await this.db.query<{ any: boolean; known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM survey_version v WHERE v.organization_id = $1) AS any,
              EXISTS (SELECT 1 FROM survey_version v WHERE v.organization_id = $1
                AND (v.definition->>'defaultTier' = $2 OR v.definition->'tiers' @> jsonb_build_array(jsonb_build_object('tier', $2::text)))) AS known`,
      [organizationId, tier],
    );
    return row;
  }

  /**
   * Reads the next `limit` leads (by id, after `afterLeadId`) whose latest intake submission is
   * for the survey: that submission's answers and the lead's current tier, score and persona.
   */
  async rescoreBatch(organizationId: string, surveyId: string, afterLeadId: string, limit: number): Promise<RescoreRow[]> {
    const rows = await this.db.query<{ lead_id: string; answers: Answer[]; tier: string | null; score: string | null; persona: string | null }>(
      `SELECT DISTINCT ON (s.lead_id) s.lead_id, s.answers, l.tier, l.score, l.persona
         FROM intake_submission s ${joinLeadSql('l', 's.lead_id')}
        WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.lead_id > $3
          AND NOT EXISTS (SELECT 1 FROM intake_submission o
                           WHERE o.lead_id = s.lead_id AND o.survey_id <> s.survey_id AND o.created_at > s.created_at)
        ORDER BY s.lead_id, s.created_at DESC, s.id DESC
        LIMIT $4`,
      [organizationId, surveyId, afterLeadId, limit],
    );
    return rows.map((r) => ({ leadId: r.lead_id, answers: r.answers, tier: r.tier, score: r.score, persona: r.persona }));
  }

  /**
   * Reads, for each catalog option, how many leads chose it in their latest submission in the
   * window and how many of them are converted, with the rate and the lift over the survey's rate;
   * plus one totals row (question_key null). Aggregated over the submissions' jsonb answers.
   */
  calibrationOptions(w: CalibrationWindow, catalog: CalibrationCatalogEntry[]): Promise<CalibrationOptionRow[]> {
    return this.db.query<CalibrationOptionRow>(
      `WITH latest AS (
         SELECT DISTINCT ON (s.lead_id) s.lead_id, s.answers
           FROM intake_submission s
          WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.created_at >= $3 AND s.created_at < $4
          ORDER BY s.lead_id, s.created_at DESC, s.id DESC
       ), base AS (
         SELECT lt.lead_id, lt.answers, (l.stage::text = ANY($5::text[])) AS converted
           FROM latest lt ${joinLeadSql('l', 'lt.lead_id')}
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
      [w.organizationId, w.surveyId, w.from, w.to, w.convertedStages, JSON.stringify(catalog)],
    );
  }

  /** Reads, per tier of the leads' latest submission in the window, how many leads and how many converted. */
  calibrationTiers(w: CalibrationWindow): Promise<CalibrationTierRow[]> {
    return this.db.query<CalibrationTierRow>(
      `WITH latest AS (
         SELECT DISTINCT ON (s.lead_id) s.lead_id, s.tier
           FROM intake_submission s
          WHERE s.organization_id = $1 AND s.survey_id = $2 AND s.created_at >= $3 AND s.created_at < $4
          ORDER BY s.lead_id, s.created_at DESC, s.id DESC
       )
       SELECT lt.tier, count(*)::int AS leads, count(*) FILTER (WHERE l.stage::text = ANY($5::text[]))::int AS converted
         FROM latest lt ${joinLeadSql('l', 'lt.lead_id')}
        GROUP BY lt.tier`,
      [w.organizationId, w.surveyId, w.from, w.to, w.convertedStages],
    );
  }
}
