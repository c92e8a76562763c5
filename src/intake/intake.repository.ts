import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { IntakeSubmission } from './entities/index.js';

/** Namespace of the (int, int) advisory locks taken by intake (the job scheduler uses 74210). */
const INTAKE_LOCK_NAMESPACE = 74_310;

/** A submission's key: (survey, externalId). */
export interface SubmissionKey {
  surveyId: string;
  externalId: string;
}

/** The intake context's statements over `intake_submission`, and the intake lock. */
@Injectable()
export class IntakeRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the organization's intake lock until the transaction ends. It serializes intake writes
   * of one organization (lead dedupe and creation, routing, re-scoring, reassignment): dedupe by
   * contact, capacity counts and the round-robin position are read and written under it, so
   * concurrent requests can neither double-insert a lead nor push a rep over capacity. Submission
   * rows themselves go in before it (idempotent by their unique index; see IntakeService.process).
   * Transaction-scoped; works on PostgreSQL and PGlite.
   */
  async lockIntake(organizationId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [INTAKE_LOCK_NAMESPACE, organizationId]);
  }

  /**
   * Inserts submissions, skipping (survey, externalId) pairs already stored; returns the ids
   * inserted. `rowsJson` is a JSON array with the keys of the recordset below. Rows go in
   * (survey, externalId) order, so two batches with the same ids in different orders cannot
   * deadlock; ON CONFLICT waits for a concurrent writer of the same key.
   */
  async insertSubmissions(organizationId: string, rowsJson: string, actor: { actorUserId: string | null; actorApiKeyId: string | null }): Promise<Set<string>> {
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO intake_submission (id, organization_id, survey_id, survey_version_id, lead_id, external_id, answers, score, tier, persona,
                                      explanation, submitted_by_user_id, submitted_by_api_key_id, created_at)
       SELECT id, $1, sid, vid, lid, ext, answers, score, tier, persona, expl, $3, $4, at
         FROM json_to_recordset($2::json)
           AS t(id uuid, sid uuid, vid uuid, lid uuid, ext text, answers jsonb, score numeric, tier text, persona text, expl jsonb, at timestamptz)
        ORDER BY sid, ext
       ON CONFLICT (survey_id, external_id) DO NOTHING
       RETURNING id`,
      [organizationId, rowsJson, actor.actorUserId, actor.actorApiKeyId],
    );
    return new Set(inserted.map((r) => r.id));
  }

  /** Reads the stored submissions with these (survey, externalId) keys. */
  storedSubmissions(keys: SubmissionKey[]): Promise<IntakeSubmission[]> {
    return this.db.manager
      .createQueryBuilder(IntakeSubmission, 's')
      .where('(s.survey_id, s.external_id) IN (SELECT * FROM unnest(CAST(:sids AS uuid[]), CAST(:eids AS text[])))', {
        sids: keys.map((k) => k.surveyId),
        eids: keys.map((k) => k.externalId),
      })
      .getMany();
  }

  /** Points submissions at other leads (`leadIds[i]` for `submissionIds[i]`). */
  async repointSubmissions(submissionIds: string[], leadIds: string[]): Promise<void> {
    await this.db.query('UPDATE intake_submission AS s SET lead_id = u.lid FROM unnest($1::uuid[], $2::uuid[]) AS u(id, lid) WHERE s.id = u.id', [
      submissionIds,
      leadIds,
    ]);
  }

  /** Reads the newest submission of each lead (one statement for any number of leads). */
  latestByLeadIds(organizationId: string, leadIds: readonly string[]): Promise<IntakeSubmission[]> {
    return this.db.manager
      .createQueryBuilder(IntakeSubmission, 's')
      .distinctOn(['s.lead_id'])
      .where('s.organization_id = :org AND s.lead_id = ANY(:ids)', { org: organizationId, ids: [...leadIds] })
      .orderBy('s.lead_id')
      .addOrderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  /** Reads a lead's submissions, newest first. */
  byLead(organizationId: string, leadId: string): Promise<IntakeSubmission[]> {
    return this.db.manager.find(IntakeSubmission, { where: { organizationId, leadId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
