import { hasAttribution, normalizeAttribution, type Attribution } from '../leads/index.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  isBlankAnswer,
  parseBooleanValue,
  parseNumberValue,
  createScorer,
  validateAnswers,
  type Scorer,
  type Answer,
  type ScoreExplanation,
  type ScoreResult,
  type SurveyDefinition,
} from '@lib/scoring';
import { AuditService, type AuditEntry } from '../audit/index.js';
import { badInput, conflict, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { TransactionRunner } from '../database/transaction.js';
import { normalizeEmail, normalizePhone } from '../leads/index.js';
import { Lead, LeadSource, LeadStage, MessengerNetwork } from '../leads/index.js';
import { LeadEvents } from '../leads/index.js';
import { LeadsService, OPEN_STAGES, type AssignmentChange } from '../leads/index.js';
import { INTAKE_LIMITS, type SubmitIntakeInput } from './dto/intake.inputs.js';
import { IntakeSubmission, Survey, SurveyKind, SurveyVersion, type RoutingConfig } from './entities/index.js';
import { lockIntake } from './intake-lock.js';
import { meetsThreshold, tierRank } from './routing.js';
import { poolSquad, RoutingService } from './routing.service.js';

/** A validated, scored submission ready to be written. */
export interface PreparedItem {
  index: number;
  survey: Survey;
  version: SurveyVersion;
  externalId: string;
  name: string;
  phone: string | null;
  email: string | null;
  messengerNetwork: MessengerNetwork | null;
  messengerHandle: string | null;
  source: LeadSource;
  cohortRef: string | null;
  referredByLeadId: string | null;
  /** Normalized campaign attribution (leads/attribution.ts). */
  attribution: Attribution;
  /** Normalized, blank answers dropped. */
  answers: Answer[];
  scored: ScoreResult;
  /** Backdating for demo data; null = now. */
  at: Date | null;
  /** When the submission counts as made: `at`, or when it was prepared. */
  createdAt: Date;
  /** The submission's id, and the id its lead gets if the contact is new. */
  submissionId: string;
  newLeadId: string;
  /**
   * The submission row (pointing at `newLeadId`) and the new-lead row as JSON, serialized before
   * the intake lock is taken; process() appends the owner to the lead row under the lock.
   */
  submissionJson: string;
  newLeadJson: string;
}

export interface ItemIssue {
  index: number;
  /** Relative to the input, e.g. `contact.phone`, `answers.2`. */
  field: string;
  message: string;
}

/** What one submission produced (duplicates carry the stored submission). */
export interface SubmissionOutcome {
  leadId: string;
  submission: IntakeSubmission;
  duplicate: boolean;
  existingLead: boolean;
  /** The scoring of this input's own answers (what a caller who may not read the lead is shown). */
  explanation: ScoreExplanation;
}

export interface BatchOutcome {
  results: SubmissionOutcome[];
  submitted: number;
  duplicates: number;
  leadsCreated: number;
  leadsUpdated: number;
  assigned: number;
}

/** A raw submission before validation (GraphQL input, CSV row, demo generator). */
export type RawSubmission = Pick<
  SubmitIntakeInput,
  'surveyId' | 'externalId' | 'contact' | 'source' | 'cohortRef' | 'referredByLeadId' | 'attribution' | 'answers'
> & {
  at?: Date | null;
};

/** Step 1's outcome: the first item of each (survey, externalId), those written now, those stored before. */
interface WrittenSubmissions {
  firstOfKey: Map<string, PreparedItem>;
  fresh: PreparedItem[];
  existingSubs: Map<string, IntakeSubmission>;
}

/** Step 2's outcome: the leads touched, the submissions written, and the lead of each written item. */
interface MatchedLeads {
  states: LeadState[];
  submissions: IntakeSubmission[];
  leadOfItem: Map<PreparedItem, { lead: LeadState; existed: boolean }>;
}

interface LeadState {
  id: string;
  isNew: boolean;
  name: string;
  phone: string | null;
  email: string | null;
  messengerNetwork: MessengerNetwork | null;
  messengerHandle: string | null;
  source: LeadSource;
  cohortRef: string | null;
  referredByLeadId: string | null;
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmContent: string | null;
  stage: LeadStage;
  ownerId: string | null;
  squadId: string | null;
  score: number | null;
  tier: string | null;
  persona: string | null;
  createdAt: Date;
  before: { score: number | null; tier: string | null; persona: string | null; ownerId: string | null; squadId: string | null };
  contactChanged: boolean;
  rescored: boolean;
  /** Definition of the latest submission in this batch (for the tier order). */
  def: SurveyDefinition | null;
  assignedAt: Date | null;
  /** New leads: the row serialized in prepare(), valid while only its first submission touched it. */
  json: string | null;
  submissions: number;
}

const L = INTAKE_LIMITS;
/** prepare() yields to the event loop after this many submissions. */
const PREPARE_CHUNK = 100;

const s = (v: string | null | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};

/** Stored answer → the text form used by GraphQL (`value` is a String there). */
export function answerToText(a: Answer): { questionKey: string; optionKeys?: string[]; value?: string | null } {
  return { questionKey: a.questionKey, optionKeys: a.optionKeys, value: a.value === undefined || a.value === null ? null : String(a.value) };
}

/**
 * Intake: validates and scores submissions with @lib/scoring, deduplicates leads by normalized
 * phone / email, stores submissions idempotently by (survey, externalId), routes eligible leads.
 * One code path for one submission, a batch, a CSV import and demo data.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: LeadEvents,
    private readonly leads: LeadsService,
    private readonly routing: RoutingService,
  ) {}

  /** Validates (nothing written) and submits; BAD_USER_INPUT lists every problem with its input path. */
  async submit(ctx: RequestContext, inputs: RawSubmission[], fieldPrefix: (index: number) => string): Promise<BatchOutcome> {
    return this.tx.run(async (m) => {
      const { items, issues } = await this.prepare(m, ctx, inputs);
      if (issues.length > 0) throw badInput(issues.map((i): FieldError => ({ field: `${fieldPrefix(i.index)}.${i.field}`, message: i.message })));
      return this.process(m, ctx, items);
    });
  }

  /** Checks every input; returns the scored items and the problems (by input index). Reads only. */
  async prepare(m: EntityManager, ctx: RequestContext, inputs: RawSubmission[]): Promise<{ items: PreparedItem[]; issues: ItemIssue[] }> {
    const issues: ItemIssue[] = [];
    const items: PreparedItem[] = [];
    const surveyIds = [...new Set(inputs.map((i) => i.surveyId).filter(isUuid))];
    const surveys = surveyIds.length
      ? await m.createQueryBuilder(Survey, 's').where('s.organization_id = :org AND s.id = ANY(:ids)', { org: ctx.organizationId, ids: surveyIds }).getMany()
      : [];
    const versionIds = surveys.map((x) => x.currentVersionId).filter((x): x is string => x !== null);
    const versions = versionIds.length ? await m.createQueryBuilder(SurveyVersion, 'v').where('v.id = ANY(:ids)', { ids: versionIds }).getMany() : [];
    const countryCode = await this.routing.defaultCountryCode(m, ctx.organizationId);
    const referrers = [...new Set(inputs.map((i) => i.referredByLeadId).filter((x): x is string => !!x && isUuid(x)))];
    const knownReferrers = new Set(
      referrers.length
        ? (
            await m
              .createQueryBuilder(Lead, 'l')
              .select('l.id')
              .where('l.organization_id = :org AND l.id = ANY(:ids)', { org: ctx.organizationId, ids: referrers })
              .getMany()
          ).map((l) => l.id)
        : [],
    );

    const scorers = new Map<string, Scorer>();
    const scorerOf = (v: SurveyVersion) => {
      let scorer = scorers.get(v.id);
      if (!scorer) scorers.set(v.id, (scorer = createScorer(v.definition)));
      return scorer;
    };

    const preparedAt = new Date();
    for (let index = 0; index < inputs.length; index++) {
      // Large batches: let other requests' continuations (statements of a batch holding the
      // intake lock) run between chunks, so the lock is not held waiting for this thread.
      if (index > 0 && index % PREPARE_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
      this.prepareOne(inputs[index], index, { surveys, versions, countryCode, knownReferrers, scorerOf, issues, items, preparedAt });
    }
    return { items, issues };
  }

  private prepareOne(
    input: RawSubmission,
    index: number,
    env: {
      surveys: Survey[];
      versions: SurveyVersion[];
      countryCode: string | null;
      knownReferrers: Set<string>;
      scorerOf: (v: SurveyVersion) => Scorer;
      issues: ItemIssue[];
      items: PreparedItem[];
      preparedAt: Date;
    },
  ): void {
    const { surveys, versions, countryCode, knownReferrers, scorerOf, issues, items } = env;
    const add = (field: string, message: string) => issues.push({ index, field, message });
    const before = issues.length;
    const survey = surveys.find((x) => x.id === input.surveyId);
    const version = survey?.currentVersionId ? versions.find((v) => v.id === survey.currentVersionId) : undefined;
    if (!isUuid(input.surveyId)) add('surveyId', 'must be a UUID');
    else if (!survey) add('surveyId', `survey ${input.surveyId} was not found`);
    else if (survey.kind !== SurveyKind.INTAKE) add('surveyId', `survey '${survey.name}' is an ${survey.kind} survey; intake takes INTAKE surveys`);
    else if (!version) add('surveyId', `survey '${survey.name}' has no published version yet`);
    const externalId = s(input.externalId);
    if (!externalId) add('externalId', 'is empty');
    else if (externalId.length > L.externalId) add('externalId', `is longer than ${L.externalId} characters`);
    const c = input.contact ?? { name: '' };
    const name = s(c.name);
    if (!name) add('contact.name', 'is empty');
    else if (name.length > L.name) add('contact.name', `is longer than ${L.name} characters`);
    let phone: string | null = null;
    let email: string | null = null;
    if (s(c.phone)) {
      const p = c.phone!.length > L.phone ? { ok: false as const, message: `is longer than ${L.phone} characters` } : normalizePhone(c.phone!, countryCode);
      if (p.ok) phone = p.e164;
      else add('contact.phone', p.message);
    }
    if (s(c.email)) {
      const e = normalizeEmail(c.email!);
      if (e.ok) email = e.email;
      else add('contact.email', e.message);
    }
    if (!s(c.phone) && !s(c.email)) add('contact', 'needs a phone or an email (leads are deduplicated by them)');
    if (!Object.values(LeadSource).includes(input.source)) add('source', `must be one of ${Object.values(LeadSource).join(', ')}`);
    if (c.messengerNetwork && !Object.values(MessengerNetwork).includes(c.messengerNetwork)) {
      add('contact.messengerNetwork', `must be one of ${Object.values(MessengerNetwork).join(', ')}`);
    }
    if ((s(c.messengerHandle)?.length ?? 0) > L.messengerHandle) add('contact.messengerHandle', `is longer than ${L.messengerHandle} characters`);
    if ((s(input.cohortRef)?.length ?? 0) > L.cohortRef) add('cohortRef', `is longer than ${L.cohortRef} characters`);
    const attribution = normalizeAttribution(input.attribution);
    for (const p of attribution.problems) add(`attribution.${p.field}`, p.message);
    if (input.referredByLeadId && !isUuid(input.referredByLeadId)) add('referredByLeadId', 'must be a UUID');
    else if (input.referredByLeadId && !knownReferrers.has(input.referredByLeadId)) add('referredByLeadId', `lead ${input.referredByLeadId} was not found`);
    const given = input.answers ?? [];
    const beforeAnswers = issues.length;
    if (given.length > L.answers) add('answers', `has ${given.length} answers; a submission takes at most ${L.answers}`);
    given.forEach((a, i) => {
      if ((a.optionKeys?.length ?? 0) > L.optionKeys) add(`answers.${i}.optionKeys`, `has more than ${L.optionKeys} options`);
      if ((a.value?.length ?? 0) > L.value) add(`answers.${i}.value`, `is longer than ${L.value} characters`);
    });
    if (issues.length > beforeAnswers) return;
    const raw: Answer[] = given.map((a) => ({
      questionKey: a.questionKey,
      ...(a.optionKeys !== undefined && a.optionKeys !== null ? { optionKeys: a.optionKeys } : {}),
      value: a.value ?? null,
    }));
    if (!version) return;
    const def = version.definition;
    for (const issue of validateAnswers(def, raw)) {
      const at = raw.findIndex((a) => a.questionKey === issue.questionKey);
      add(at >= 0 ? `answers.${at}` : 'answers', issue.message);
    }
    if (issues.length > before) return;
    const answers = normalizeAnswers(def, raw);
    const scored = scorerOf(version).scoreValid(answers);
    const createdAt = input.at ?? env.preparedAt;
    const submissionId = randomUUID();
    const newLeadId = randomUUID();
    const messengerNetwork = c.messengerNetwork ?? (s(c.messengerHandle) ? MessengerNetwork.OTHER : null);
    const messengerHandle = s(c.messengerHandle);
    const cohortRef = s(input.cohortRef);
    const referredByLeadId = input.referredByLeadId ?? null;
    const item = {
      index,
      survey: survey!,
      version,
      externalId: externalId!,
      name: name!,
      phone,
      email,
      messengerNetwork,
      messengerHandle,
      source: input.source,
      cohortRef,
      referredByLeadId,
      attribution: attribution.value,
      answers,
      scored,
      at: input.at ?? null,
      createdAt,
      submissionId,
      newLeadId,
    };
    items.push({
      ...item,
      // Keys as read by the json_to_recordset column lists in process().
      submissionJson: JSON.stringify({
        id: submissionId,
        sid: survey!.id,
        vid: version.id,
        lid: newLeadId,
        ext: externalId,
        answers,
        score: scored.score,
        tier: scored.tier,
        persona: scored.persona,
        expl: scored.explanation,
        at: createdAt,
      }),
      newLeadJson: newLeadRow({
        ...item,
        ...attributionColumns(attribution.value),
        id: newLeadId,
        score: scored.score,
        tier: scored.tier,
        persona: scored.persona,
      }),
    });
  }

  /**
   * Writes prepared items in the caller's transaction. The submissions go in first, idempotently
   * by (survey, externalId), each pointing at the lead its contact would create; then, under the
   * organization's intake lock, contacts attach to existing leads (re-scored, and their
   * submissions re-pointed) or create those leads, and stage history, audit and routing are
   * written set-wise. Only the second part is serialized per organization.
   */
  async process(m: EntityManager, ctx: RequestContext, items: PreparedItem[]): Promise<BatchOutcome> {
    const out: BatchOutcome = { results: [], submitted: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0 };
    if (items.length === 0) return out;
    const now = new Date();
    const written = await this.insertSubmissions(m, ctx, items);
    await lockIntake(m, ctx.organizationId);
    const matched = await this.matchLeads(m, ctx, written.fresh);
    const changes = await this.route(m, ctx, matched.states, now);
    out.assigned = changes.filter((c) => c.toOwnerId !== null).length;
    const { created, updated } = await this.writeLeads(m, ctx, written.fresh, matched, changes);
    out.results = this.resultsInInputOrder(items, written, matched);
    out.duplicates = out.results.filter((r) => r.duplicate).length;
    out.submitted = matched.submissions.length;
    out.leadsCreated = created.length;
    out.leadsUpdated = updated.length;
    return out;
  }

  /**
   * Step 1, idempotency: repeats inside this batch (the first is written), then externalIds
   * already stored. ON CONFLICT waits for a concurrent transaction writing the same externalId and
   * skips it if that one commits; rows go in (survey, externalId) order, so two batches holding
   * the same ids in different orders cannot deadlock.
   */
  private async insertSubmissions(m: EntityManager, ctx: RequestContext, items: PreparedItem[]): Promise<WrittenSubmissions> {
    const firstOfKey = new Map<string, PreparedItem>();
    const candidates: PreparedItem[] = [];
    for (const item of items) {
      const key = `${item.survey.id}\u0000${item.externalId}`;
      if (firstOfKey.has(key)) continue;
      firstOfKey.set(key, item);
      candidates.push(item);
    }
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO intake_submission (id, organization_id, survey_id, survey_version_id, lead_id, external_id, answers, score, tier, persona,
                                      explanation, submitted_by_user_id, submitted_by_api_key_id, created_at)
       SELECT id, $1, sid, vid, lid, ext, answers, score, tier, persona, expl, $3, $4, at
         FROM json_to_recordset($2::json)
           AS t(id uuid, sid uuid, vid uuid, lid uuid, ext text, answers jsonb, score numeric, tier text, persona text, expl jsonb, at timestamptz)
        ORDER BY sid, ext
       ON CONFLICT (survey_id, external_id) DO NOTHING
       RETURNING id`,
      // Rows serialized in prepare(), before any lock.
      [ctx.organizationId, `[${candidates.map((i) => i.submissionJson).join(',')}]`, ctx.auditActor.actorUserId, ctx.auditActor.actorApiKeyId],
    );
    const insertedIds = new Set(inserted.map((r) => r.id));
    const fresh = candidates.filter((i) => insertedIds.has(i.submissionId));
    const skipped = candidates.filter((i) => !insertedIds.has(i.submissionId));
    const existingSubs = skipped.length ? await this.storedSubmissions(m, skipped) : new Map<string, IntakeSubmission>();
    if (existingSubs.size < skipped.length) throw conflict('This submission was sent concurrently; send it again to get its result.');

    return { firstOfKey, fresh, existingSubs };
  }

  /** Step 2 (under the intake lock): leads by normalized contact (locked), then attach or create in input order. */
  private async matchLeads(m: EntityManager, ctx: RequestContext, fresh: PreparedItem[]): Promise<MatchedLeads> {
    const phones = [...new Set(fresh.map((i) => i.phone).filter((x): x is string => x !== null))];
    const emails = [...new Set(fresh.map((i) => i.email).filter((x): x is string => x !== null))];
    const found =
      phones.length || emails.length
        ? await m
            .createQueryBuilder(Lead, 'l')
            .setLock('pessimistic_write')
            .where('l.organization_id = :org AND (l.phone = ANY(:phones) OR l.email = ANY(:emails))', { org: ctx.organizationId, phones, emails })
            .getMany()
        : [];
    const byPhone = new Map<string, LeadState>();
    const byEmail = new Map<string, LeadState>();
    const states: LeadState[] = [];
    const register = (l: LeadState) => {
      if (l.phone) byPhone.set(l.phone, l);
      if (l.email) byEmail.set(l.email, l);
    };
    for (const l of found) {
      const st: LeadState = {
        ...pick(l),
        isNew: false,
        before: { score: l.score, tier: l.tier, persona: l.persona, ownerId: l.ownerId, squadId: l.squadId },
        contactChanged: false,
        rescored: false,
        def: null,
        json: null,
        submissions: 0,
      };
      states.push(st);
      register(st);
    }
    const submissions: IntakeSubmission[] = [];
    const leadOfItem = new Map<PreparedItem, { lead: LeadState; existed: boolean }>();
    for (const item of fresh) {
      const at = item.createdAt;
      let lead = (item.phone ? byPhone.get(item.phone) : undefined) ?? (item.email ? byEmail.get(item.email) : undefined);
      const existed = lead !== undefined;
      if (!lead) {
        lead = {
          id: item.newLeadId,
          isNew: true,
          name: item.name,
          phone: item.phone,
          email: item.email,
          messengerNetwork: item.messengerNetwork,
          messengerHandle: item.messengerHandle,
          source: item.source,
          cohortRef: item.cohortRef,
          referredByLeadId: item.referredByLeadId,
          ...attributionColumns(item.attribution),
          stage: LeadStage.PROSPECT,
          ownerId: null,
          squadId: null,
          score: null,
          tier: null,
          persona: null,
          createdAt: at,
          assignedAt: null,
          before: { score: null, tier: null, persona: null, ownerId: null, squadId: null },
          contactChanged: false,
          rescored: false,
          def: null,
          json: item.newLeadJson,
          submissions: 0,
        };
        states.push(lead);
      } else {
        // Fill in contacts the lead did not have, unless another lead already uses them.
        if (!lead.email && item.email && !byEmail.has(item.email)) {
          lead.email = item.email;
          lead.contactChanged = true;
        }
        if (!lead.phone && item.phone && !byPhone.has(item.phone)) {
          lead.phone = item.phone;
          lead.contactChanged = true;
        }
        if (!lead.messengerHandle && item.messengerHandle) {
          lead.messengerHandle = item.messengerHandle;
          lead.messengerNetwork = item.messengerNetwork;
          lead.contactChanged = true;
        }
        if (!lead.cohortRef && item.cohortRef) {
          lead.cohortRef = item.cohortRef;
          lead.contactChanged = true;
        }
        // First touch: the attribution of the first submission that carried one, all four together.
        if (!lead.campaign && !lead.utmSource && !lead.utmMedium && !lead.utmContent && hasAttribution(item.attribution)) {
          Object.assign(lead, attributionColumns(item.attribution));
          lead.contactChanged = true;
        }
      }
      register(lead);
      lead.submissions++;
      lead.score = item.scored.score;
      lead.tier = item.scored.tier;
      lead.persona = item.scored.persona;
      lead.def = item.version.definition;
      lead.rescored = true;
      leadOfItem.set(item, { lead, existed });
      submissions.push({
        id: item.submissionId,
        organizationId: ctx.organizationId,
        surveyId: item.survey.id,
        surveyVersionId: item.version.id,
        leadId: lead.id,
        externalId: item.externalId,
        answers: item.answers,
        score: item.scored.score,
        tier: item.scored.tier,
        persona: item.scored.persona,
        explanation: item.scored.explanation,
        submittedByUserId: ctx.auditActor.actorUserId,
        submittedByApiKeyId: ctx.auditActor.actorApiKeyId,
        createdAt: at,
      });
    }

    return { states, submissions, leadOfItem };
  }

  /** Step 3, routing: leads without an owner, still open, at or above their config's threshold. */
  private async route(m: EntityManager, ctx: RequestContext, states: LeadState[], now: Date): Promise<AssignmentChange[]> {
    const touched = states.filter((l) => l.rescored);
    const refs = [...new Set(touched.map((l) => l.cohortRef ?? ''))];
    const configs = new Map<string, RoutingConfig | null>();
    for (const ref of refs) configs.set(ref, await this.routing.configFor(m, ctx.organizationId, ref || null));
    const eligible = touched.filter((l) => {
      const config = configs.get(l.cohortRef ?? '');
      return config && l.ownerId === null && OPEN_STAGES.includes(l.stage) && meetsThreshold(l.def!, l.tier, config.tierThreshold);
    });
    const plan = await this.routing.plan(
      m,
      ctx.organizationId,
      eligible.map((l) => ({ key: l.id, tierRank: tierRank(l.def!, l.tier), cohortRef: l.cohortRef })),
      configs,
    );
    const changes: AssignmentChange[] = [];
    for (const l of touched) {
      const p = plan.get(l.id);
      const config = configs.get(l.cohortRef ?? '');
      const at = l.isNew ? l.createdAt : now;
      if (p?.rep) {
        l.ownerId = p.rep.userId;
        l.squadId = p.rep.squadId;
        l.assignedAt = at;
        changes.push({ leadId: l.id, fromOwnerId: null, fromSquadId: l.before.squadId, toOwnerId: l.ownerId, toSquadId: l.squadId, at, reason: 'routed' });
      } else if (l.ownerId === null && l.squadId === null && config && poolSquad(config)) {
        l.squadId = poolSquad(config);
        if (!l.isNew) changes.push({ leadId: l.id, fromOwnerId: null, fromSquadId: null, toOwnerId: null, toSquadId: l.squadId, at, reason: 'nurture pool' });
      }
    }
    return changes;
  }

  /** Step 4, writes: new leads with their first stage, re-pointed submissions, updated leads, assignments, audit, events. */
  private async writeLeads(
    m: EntityManager,
    ctx: RequestContext,
    fresh: PreparedItem[],
    { states, leadOfItem }: MatchedLeads,
    changes: AssignmentChange[],
  ): Promise<{ created: LeadState[]; updated: LeadState[] }> {
    const created = states.filter((l) => l.isNew);
    if (created.length) {
      // The leads and their first stage-history rows, in one statement.
      await m.query(
        `WITH created AS (
           INSERT INTO lead (id, organization_id, name, phone, email, messenger_network, messenger_handle, source, cohort_ref, referred_by_lead_id,
                             campaign, utm_source, utm_medium, utm_content,
                             score, tier, persona, owner_id, squad_id, assigned_at, stage, stage_changed_at, created_at, updated_at)
           SELECT id, $1, name, phone, email, mn, mh, src, cohort, ref, camp, usrc, umed, ucon, score, tier, persona, owner, squad, assigned, 'PROSPECT', at, at, at
             FROM json_to_recordset($2::json)
               AS t(id uuid, name text, phone text, email text, mn messenger_network, mh text, src lead_source, cohort text, ref uuid,
                    camp text, usrc text, umed text, ucon text,
                    score numeric, tier text, persona text, owner uuid, squad uuid, assigned timestamptz, at timestamptz)
           RETURNING id, created_at)
         INSERT INTO lead_stage_change (organization_id, lead_id, from_stage, to_stage, changed_at, actor_user_id, reason)
         SELECT $1, id, NULL, 'PROSPECT', created_at, $3, 'created by intake' FROM created`,
        [
          ctx.organizationId,
          // Rows serialized in prepare(), with the owner decided here appended; a lead that a
          // second submission of this batch changed is serialized again.
          `[${created
            .map((l) =>
              appendJson(l.json !== null && l.submissions === 1 && !l.contactChanged ? l.json : newLeadRow(l), {
                owner: l.ownerId,
                squad: l.squadId,
                assigned: l.assignedAt,
              }),
            )
            .join(',')}]`,
          ctx.userId,
        ],
      );
    }
    // Submissions written above for a contact that turned out to have a lead (stored, or created
    // by an earlier submission of this batch) now point at it.
    const repointed = fresh.filter((item) => leadOfItem.get(item)!.lead.id !== item.newLeadId);
    if (repointed.length) {
      await m.query('UPDATE intake_submission AS s SET lead_id = u.lid FROM unnest($1::uuid[], $2::uuid[]) AS u(id, lid) WHERE s.id = u.id', [
        repointed.map((i) => i.submissionId),
        repointed.map((i) => leadOfItem.get(i)!.lead.id),
      ]);
    }
    const updated = states.filter((l) => !l.isNew && (l.rescored || l.contactChanged));
    if (updated.length) {
      const col = <T>(f: (l: LeadState) => T) => updated.map(f);
      await m.query(
        `UPDATE lead AS l SET score = u.score, tier = u.tier, persona = u.persona, phone = u.phone, email = u.email,
                messenger_network = u.mn, messenger_handle = u.mh, cohort_ref = u.cohort,
                campaign = u.camp, utm_source = u.usrc, utm_medium = u.umed, utm_content = u.ucon, updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::text[], $5::text[], $6::text[], $7::messenger_network[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[], $13::text[])
             AS u(id, score, tier, persona, phone, email, mn, mh, cohort, camp, usrc, umed, ucon)
          WHERE l.id = u.id`,
        [
          col((l) => l.id),
          col((l) => l.score),
          col((l) => l.tier),
          col((l) => l.persona),
          col((l) => l.phone),
          col((l) => l.email),
          col((l) => l.messengerNetwork),
          col((l) => l.messengerHandle),
          col((l) => l.cohortRef),
          col((l) => l.campaign),
          col((l) => l.utmSource),
          col((l) => l.utmMedium),
          col((l) => l.utmContent),
        ],
      );
    }
    const newIds = new Set(created.map((l) => l.id));
    await this.leads.applyAssignments(
      m,
      ctx,
      changes.filter((c) => !newIds.has(c.leadId)),
    );
    const audit: AuditEntry[] = [
      ...created.map((l) => ({
        entityType: 'Lead',
        entityId: l.id,
        action: 'CREATED',
        diff: { source: l.source, score: l.score, tier: l.tier, persona: l.persona, ownerId: l.ownerId, squadId: l.squadId },
      })),
      ...updated.map((l) => ({
        entityType: 'Lead',
        entityId: l.id,
        action: 'RESCORED',
        diff: { score: [l.before.score, l.score], tier: [l.before.tier, l.tier], persona: [l.before.persona, l.persona] },
      })),
    ];
    // New leads were inserted with their owner: record those assignments, with the CREATED and
    // RESCORED entries in the same audit statement.
    await this.leads.recordAssignments(
      m,
      ctx,
      changes.filter((c) => newIds.has(c.leadId)).map((c) => ({ ...c, newLead: true })),
      audit,
    );
    for (const l of created) {
      await this.events.fireStageChanged(ctx, {
        organizationId: ctx.organizationId,
        leadId: l.id,
        fromStage: null,
        toStage: LeadStage.PROSPECT,
        ownerId: l.ownerId,
        squadId: l.squadId,
        at: l.createdAt,
      });
    }

    return { created, updated };
  }

  /** Step 5, the results in input order. */
  private resultsInInputOrder(
    items: PreparedItem[],
    { firstOfKey, fresh, existingSubs }: WrittenSubmissions,
    { submissions, leadOfItem }: MatchedLeads,
  ): SubmissionOutcome[] {
    const results: SubmissionOutcome[] = [];
    const subOfItem = new Map(fresh.map((item, i) => [item, submissions[i]]));
    for (const item of items) {
      const key = `${item.survey.id}\u0000${item.externalId}`;
      const prior = existingSubs.get(key);
      if (prior) {
        results.push({ leadId: prior.leadId, submission: prior, duplicate: true, existingLead: true, explanation: item.scored.explanation });
        continue;
      }
      const first = firstOfKey.get(key)!;
      const sub = subOfItem.get(first)!;
      const { existed } = leadOfItem.get(first)!;
      results.push({
        leadId: sub.leadId,
        submission: sub,
        duplicate: first !== item,
        existingLead: first !== item || existed,
        explanation: item.scored.explanation,
      });
    }
    return results;
  }

  private async storedSubmissions(m: EntityManager, items: PreparedItem[]): Promise<Map<string, IntakeSubmission>> {
    const rows = await m
      .createQueryBuilder(IntakeSubmission, 's')
      .where('(s.survey_id, s.external_id) IN (SELECT * FROM unnest(CAST(:sids AS uuid[]), CAST(:eids AS text[])))', {
        sids: items.map((i) => i.survey.id),
        eids: items.map((i) => i.externalId),
      })
      .getMany();
    return new Map(rows.map((r) => [`${r.surveyId}\u0000${r.externalId}`, r]));
  }
}

/** The lead columns of an attribution. */
function attributionColumns(a: Attribution): Pick<LeadState, 'campaign' | 'utmSource' | 'utmMedium' | 'utmContent'> {
  return { campaign: a.campaign, utmSource: a.source, utmMedium: a.medium, utmContent: a.content };
}

/** A new lead as a row of the json_to_recordset in process() (the owner is appended there). */
function newLeadRow(
  l: Pick<
    LeadState,
    | 'id'
    | 'name'
    | 'phone'
    | 'email'
    | 'messengerNetwork'
    | 'messengerHandle'
    | 'source'
    | 'cohortRef'
    | 'referredByLeadId'
    | 'campaign'
    | 'utmSource'
    | 'utmMedium'
    | 'utmContent'
    | 'score'
    | 'tier'
    | 'persona'
    | 'createdAt'
  >,
): string {
  return JSON.stringify({
    id: l.id,
    name: l.name,
    phone: l.phone,
    email: l.email,
    mn: l.messengerNetwork,
    mh: l.messengerHandle,
    src: l.source,
    cohort: l.cohortRef,
    ref: l.referredByLeadId,
    camp: l.campaign,
    usrc: l.utmSource,
    umed: l.utmMedium,
    ucon: l.utmContent,
    score: l.score,
    tier: l.tier,
    persona: l.persona,
    at: l.createdAt,
  });
}

/** `{"a":1}` + {b: 2} → `{"a":1,"b":2}` (the fragment is a serialized object). */
function appendJson(objectJson: string, extra: Record<string, unknown>): string {
  return `${objectJson.slice(0, -1)},${JSON.stringify(extra).slice(1)}`;
}

function pick(l: Lead) {
  return {
    id: l.id,
    name: l.name,
    phone: l.phone,
    email: l.email,
    messengerNetwork: l.messengerNetwork,
    messengerHandle: l.messengerHandle,
    source: l.source,
    cohortRef: l.cohortRef,
    referredByLeadId: l.referredByLeadId,
    campaign: l.campaign,
    utmSource: l.utmSource,
    utmMedium: l.utmMedium,
    utmContent: l.utmContent,
    stage: l.stage,
    ownerId: l.ownerId,
    squadId: l.squadId,
    score: l.score,
    tier: l.tier,
    persona: l.persona,
    createdAt: l.createdAt,
    assignedAt: l.assignedAt,
  };
}

/** Stores answers in one shape: options for choices, a number for NUMBER, a boolean for YES_NO; blanks dropped. */
export function normalizeAnswers(def: SurveyDefinition, answers: Answer[]): Answer[] {
  const types = new Map(def.questions.map((q) => [q.key, q.type]));
  return answers
    .filter((a) => !isBlankAnswer(a))
    .map((a) => {
      switch (types.get(a.questionKey)) {
        case 'SINGLE_CHOICE':
        case 'MULTIPLE_CHOICE':
          return { questionKey: a.questionKey, optionKeys: a.optionKeys ?? [], value: null };
        case 'NUMBER':
          return { questionKey: a.questionKey, optionKeys: [], value: parseNumberValue(a.value) ?? null };
        case 'YES_NO':
          return { questionKey: a.questionKey, optionKeys: [], value: parseBooleanValue(a.value) ?? null };
        default:
          return { questionKey: a.questionKey, optionKeys: [], value: typeof a.value === 'string' ? a.value : null };
      }
    });
}

export type { ScoreExplanation };
