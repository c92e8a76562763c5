import { hasAttribution, normalizeAttribution, type Attribution } from '../leads/index.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
import type { AuditEntry } from '../audit/index.js';
import { badInput, conflict, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { TransactionRunner } from '../database/transaction.js';
import { normalizeEmail, normalizePhone } from '../leads/index.js';
import { Lead, LeadSource, LeadStage, MessengerNetwork } from '../leads/index.js';
import { LeadEvents } from '../leads/index.js';
import { LeadsRepository, LeadsService, OPEN_STAGES, type AssignmentChange } from '../leads/index.js';
import { INTAKE_LIMITS, type SubmitIntakeInput } from './dto/intake.inputs.js';
import { IntakeSubmission, Survey, SurveyKind, SurveyVersion, type RoutingConfig } from './entities/index.js';
import { IntakeRepository } from './intake.repository.js';
import { meetsThreshold, tierRank } from './routing.js';
import { poolSquad, RoutingService } from './routing.service.js';
import { SurveysRepository } from './surveys.repository.js';

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

/** What prepareOne() checks an input against, and where it puts the outcome. */
interface PrepareEnv {
  surveys: Survey[];
  versions: SurveyVersion[];
  countryCode: string | null;
  knownReferrers: Set<string>;
  scorerOf: (v: SurveyVersion) => Scorer;
  issues: ItemIssue[];
  items: PreparedItem[];
  preparedAt: Date;
}

type AddIssue = (field: string, message: string) => void;

/** The contact fields of a valid input, normalized. */
type PreparedContact = Pick<PreparedItem, 'name' | 'phone' | 'email' | 'messengerNetwork' | 'messengerHandle'>;

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
    private readonly repo: IntakeRepository,
    private readonly surveys: SurveysRepository,
    private readonly leadRows: LeadsRepository,
    private readonly events: LeadEvents,
    private readonly leads: LeadsService,
    private readonly routing: RoutingService,
  ) {}

  /** Validates (nothing written) and submits; BAD_USER_INPUT lists every problem with its input path. */
  async submit(ctx: RequestContext, inputs: RawSubmission[], fieldPrefix: (index: number) => string): Promise<BatchOutcome> {
    return this.tx.run(async () => {
      const { items, issues } = await this.prepare(ctx, inputs);
      if (issues.length > 0) throw badInput(issues.map((i): FieldError => ({ field: `${fieldPrefix(i.index)}.${i.field}`, message: i.message })));
      return this.process(ctx, items);
    });
  }

  /** Checks every input; returns the scored items and the problems (by input index). Reads only. */
  async prepare(ctx: RequestContext, inputs: RawSubmission[]): Promise<{ items: PreparedItem[]; issues: ItemIssue[] }> {
    const issues: ItemIssue[] = [];
    const items: PreparedItem[] = [];
    const env = { ...(await this.prepareEnv(ctx, inputs)), issues, items, preparedAt: new Date() };
    for (let index = 0; index < inputs.length; index++) {
      // Large batches: let other requests' continuations (statements of a batch holding the
      // intake lock) run between chunks, so the lock is not held waiting for this thread.
      if (index > 0 && index % PREPARE_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
      this.prepareOne(inputs[index], index, env);
    }
    return { items, issues };
  }

  /** What checking the inputs reads: their surveys and current versions, the country code, the referrers that exist. */
  private async prepareEnv(ctx: RequestContext, inputs: RawSubmission[]): Promise<Omit<PrepareEnv, 'issues' | 'items' | 'preparedAt'>> {
    const surveyIds = [...new Set(inputs.map((i) => i.surveyId).filter(isUuid))];
    const surveys = surveyIds.length ? await this.surveys.surveysByIds(ctx.organizationId, surveyIds) : [];
    const versionIds = surveys.map((x) => x.currentVersionId).filter((x): x is string => x !== null);
    const versions = versionIds.length ? await this.surveys.versionsWithIds(versionIds) : [];
    const countryCode = await this.routing.defaultCountryCode(ctx.organizationId);
    const referrers = [...new Set(inputs.map((i) => i.referredByLeadId).filter((x): x is string => !!x && isUuid(x)))];
    const knownReferrers = new Set(referrers.length ? await this.leadRows.existingIds(ctx.organizationId, referrers) : []);
    const scorers = new Map<string, Scorer>();
    const scorerOf = (v: SurveyVersion) => {
      let scorer = scorers.get(v.id);
      if (!scorer) scorers.set(v.id, (scorer = createScorer(v.definition)));
      return scorer;
    };
    return { surveys, versions, countryCode, knownReferrers, scorerOf };
  }

  /** Checks one input; pushes its problems to `env.issues`, or the prepared item to `env.items`. */
  private prepareOne(input: RawSubmission, index: number, env: PrepareEnv): void {
    const { issues } = env;
    const add = (field: string, message: string) => issues.push({ index, field, message });
    const before = issues.length;
    const { survey, version } = checkSurvey(input, env, add);
    const externalId = s(input.externalId);
    if (!externalId) add('externalId', 'is empty');
    else if (externalId.length > L.externalId) add('externalId', `is longer than ${L.externalId} characters`);
    const contact = checkContact(input, env, add);
    const attribution = normalizeAttribution(input.attribution);
    for (const p of attribution.problems) add(`attribution.${p.field}`, p.message);
    if (input.referredByLeadId && !isUuid(input.referredByLeadId)) add('referredByLeadId', 'must be a UUID');
    else if (input.referredByLeadId && !env.knownReferrers.has(input.referredByLeadId)) add('referredByLeadId', `lead ${input.referredByLeadId} was not found`);
    const raw = checkAnswerLimits(input, issues, add);
    if (!raw || !version) return;
    const def = version.definition;
    for (const issue of validateAnswers(def, raw)) {
      const at = raw.findIndex((a) => a.questionKey === issue.questionKey);
      add(at >= 0 ? `answers.${at}` : 'answers', issue.message);
    }
    if (issues.length > before) return;
    const answers = normalizeAnswers(def, raw);
    env.items.push(
      preparedItem({
        index,
        survey: survey!,
        version,
        externalId: externalId!,
        ...contact,
        source: input.source,
        cohortRef: s(input.cohortRef),
        referredByLeadId: input.referredByLeadId ?? null,
        attribution: attribution.value,
        answers,
        scored: env.scorerOf(version).scoreValid(answers),
        at: input.at ?? null,
        createdAt: input.at ?? env.preparedAt,
        submissionId: randomUUID(),
        newLeadId: randomUUID(),
      }),
    );
  }

  /**
   * Writes prepared items in the caller's transaction. The submissions go in first, idempotently
   * by (survey, externalId), each pointing at the lead its contact would create; then, under the
   * organization's intake lock, contacts attach to existing leads (re-scored, and their
   * submissions re-pointed) or create those leads, and stage history, audit and routing are
   * written set-wise. Only the second part is serialized per organization.
   */
  async process(ctx: RequestContext, items: PreparedItem[]): Promise<BatchOutcome> {
    const out: BatchOutcome = { results: [], submitted: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0 };
    if (items.length === 0) return out;
    const now = new Date();
    const written = await this.insertSubmissions(ctx, items);
    await this.repo.lockIntake(ctx.organizationId);
    const matched = await this.matchLeads(ctx, written.fresh);
    const changes = await this.route(ctx, matched.states, now);
    out.assigned = changes.filter((c) => c.toOwnerId !== null).length;
    const { created, updated } = await this.writeLeads(ctx, written.fresh, matched, changes);
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
  private async insertSubmissions(ctx: RequestContext, items: PreparedItem[]): Promise<WrittenSubmissions> {
    const firstOfKey = new Map<string, PreparedItem>();
    const candidates: PreparedItem[] = [];
    for (const item of items) {
      const key = `${item.survey.id}\u0000${item.externalId}`;
      if (firstOfKey.has(key)) continue;
      firstOfKey.set(key, item);
      candidates.push(item);
    }
    // Rows serialized in prepare(), before any lock.
    const insertedIds = await this.repo.insertSubmissions(ctx.organizationId, `[${candidates.map((i) => i.submissionJson).join(',')}]`, ctx.auditActor);
    const fresh = candidates.filter((i) => insertedIds.has(i.submissionId));
    const skipped = candidates.filter((i) => !insertedIds.has(i.submissionId));
    const existingSubs = skipped.length ? await this.storedSubmissions(skipped) : new Map<string, IntakeSubmission>();
    if (existingSubs.size < skipped.length) throw conflict('This submission was sent concurrently; send it again to get its result.');

    return { firstOfKey, fresh, existingSubs };
  }

  /** Step 2 (under the intake lock): leads by normalized contact (locked), then attach or create in input order. */
  private async matchLeads(ctx: RequestContext, fresh: PreparedItem[]): Promise<MatchedLeads> {
    const phones = [...new Set(fresh.map((i) => i.phone).filter((x): x is string => x !== null))];
    const emails = [...new Set(fresh.map((i) => i.email).filter((x): x is string => x !== null))];
    const found = phones.length || emails.length ? await this.leadRows.lockByContacts(ctx.organizationId, phones, emails) : [];
    const index = new ContactIndex();
    const states: LeadState[] = found.map(storedLeadState);
    for (const st of states) index.register(st);
    const submissions: IntakeSubmission[] = [];
    const leadOfItem = new Map<PreparedItem, { lead: LeadState; existed: boolean }>();
    for (const item of fresh) {
      let lead = index.find(item);
      const existed = lead !== undefined;
      if (!lead) states.push((lead = newLeadState(item)));
      else fillContacts(lead, item, index);
      index.register(lead);
      lead.submissions++;
      lead.score = item.scored.score;
      lead.tier = item.scored.tier;
      lead.persona = item.scored.persona;
      lead.def = item.version.definition;
      lead.rescored = true;
      leadOfItem.set(item, { lead, existed });
      submissions.push(submissionRow(ctx, item, lead.id));
    }
    return { states, submissions, leadOfItem };
  }

  /** Step 3, routing: leads without an owner, still open, at or above their config's threshold. */
  private async route(ctx: RequestContext, states: LeadState[], now: Date): Promise<AssignmentChange[]> {
    const touched = states.filter((l) => l.rescored);
    const refs = [...new Set(touched.map((l) => l.cohortRef ?? ''))];
    const configs = new Map<string, RoutingConfig | null>();
    for (const ref of refs) configs.set(ref, await this.routing.configFor(ctx.organizationId, ref || null));
    const eligible = touched.filter((l) => {
      const config = configs.get(l.cohortRef ?? '');
      return config && l.ownerId === null && OPEN_STAGES.includes(l.stage) && meetsThreshold(l.def!, l.tier, config.tierThreshold);
    });
    const plan = await this.routing.plan(
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
    ctx: RequestContext,
    fresh: PreparedItem[],
    { states, leadOfItem }: MatchedLeads,
    changes: AssignmentChange[],
  ): Promise<{ created: LeadState[]; updated: LeadState[] }> {
    const created = states.filter((l) => l.isNew);
    if (created.length) await this.insertNewLeads(ctx, created);
    // Submissions written above for a contact that turned out to have a lead (stored, or created
    // by an earlier submission of this batch) now point at it.
    const repointed = fresh.filter((item) => leadOfItem.get(item)!.lead.id !== item.newLeadId);
    if (repointed.length) {
      await this.repo.repointSubmissions(
        repointed.map((i) => i.submissionId),
        repointed.map((i) => leadOfItem.get(i)!.lead.id),
      );
    }
    const updated = states.filter((l) => !l.isNew && (l.rescored || l.contactChanged));
    if (updated.length) await this.leadRows.updateFromIntake(updated);
    await this.recordChanges(ctx, created, updated, changes);
    return { created, updated };
  }

  /** The new leads and their first stage-history rows, in one statement. */
  private async insertNewLeads(ctx: RequestContext, created: LeadState[]): Promise<void> {
    // Rows serialized in prepare(), with the owner decided here appended; a lead that a second
    // submission of this batch changed is serialized again.
    const rows = created.map((l) =>
      appendJson(l.json !== null && l.submissions === 1 && !l.contactChanged ? l.json : newLeadRow(l), {
        owner: l.ownerId,
        squad: l.squadId,
        assigned: l.assignedAt,
      }),
    );
    await this.leadRows.insertFromIntake(ctx.organizationId, `[${rows.join(',')}]`, ctx.userId);
  }

  /** Owner changes of existing leads, then one audit statement (assignments, CREATED, RESCORED), then the events. */
  private async recordChanges(ctx: RequestContext, created: LeadState[], updated: LeadState[], changes: AssignmentChange[]): Promise<void> {
    const newIds = new Set(created.map((l) => l.id));
    await this.leads.applyAssignments(
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

  private async storedSubmissions(items: PreparedItem[]): Promise<Map<string, IntakeSubmission>> {
    const rows = await this.repo.storedSubmissions(items.map((i) => ({ surveyId: i.survey.id, externalId: i.externalId })));
    return new Map(rows.map((r) => [`${r.surveyId}\u0000${r.externalId}`, r]));
  }
}

/** The input's survey and its current version (undefined with an issue added when it cannot take submissions). */
function checkSurvey(input: RawSubmission, env: PrepareEnv, add: AddIssue): { survey?: Survey; version?: SurveyVersion } {
  const survey = env.surveys.find((x) => x.id === input.surveyId);
  const version = survey?.currentVersionId ? env.versions.find((v) => v.id === survey.currentVersionId) : undefined;
  if (!isUuid(input.surveyId)) add('surveyId', 'must be a UUID');
  else if (!survey) add('surveyId', `survey ${input.surveyId} was not found`);
  else if (survey.kind !== SurveyKind.INTAKE) add('surveyId', `survey '${survey.name}' is an ${survey.kind} survey; intake takes INTAKE surveys`);
  else if (!version) add('surveyId', `survey '${survey.name}' has no published version yet`);
  return { survey, version };
}

/** Checks the contact, source and cohort fields; returns the normalized contact (meaningful only without issues). */
function checkContact(input: RawSubmission, env: PrepareEnv, add: AddIssue): PreparedContact {
  const c = input.contact ?? { name: '' };
  const name = s(c.name);
  if (!name) add('contact.name', 'is empty');
  else if (name.length > L.name) add('contact.name', `is longer than ${L.name} characters`);
  let phone: string | null = null;
  let email: string | null = null;
  if (s(c.phone)) {
    const p = c.phone!.length > L.phone ? { ok: false as const, message: `is longer than ${L.phone} characters` } : normalizePhone(c.phone!, env.countryCode);
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
  return {
    name: name!,
    phone,
    email,
    messengerNetwork: c.messengerNetwork ?? (s(c.messengerHandle) ? MessengerNetwork.OTHER : null),
    messengerHandle: s(c.messengerHandle),
  };
}

/** The answers in stored shape, or null when their count or sizes are over the limits (issues added). */
function checkAnswerLimits(input: RawSubmission, issues: ItemIssue[], add: AddIssue): Answer[] | null {
  const given = input.answers ?? [];
  const before = issues.length;
  if (given.length > L.answers) add('answers', `has ${given.length} answers; a submission takes at most ${L.answers}`);
  given.forEach((a, i) => {
    if ((a.optionKeys?.length ?? 0) > L.optionKeys) add(`answers.${i}.optionKeys`, `has more than ${L.optionKeys} options`);
    if ((a.value?.length ?? 0) > L.value) add(`answers.${i}.value`, `is longer than ${L.value} characters`);
  });
  if (issues.length > before) return null;
  return given.map((a) => ({
    questionKey: a.questionKey,
    ...(a.optionKeys !== undefined && a.optionKeys !== null ? { optionKeys: a.optionKeys } : {}),
    value: a.value ?? null,
  }));
}

/** A prepared item with its submission row and new-lead row serialized (before the intake lock is taken). */
function preparedItem(item: Omit<PreparedItem, 'submissionJson' | 'newLeadJson'>): PreparedItem {
  const { scored } = item;
  return {
    ...item,
    // Keys as read by the json_to_recordset column lists of the insert statements.
    submissionJson: JSON.stringify({
      id: item.submissionId,
      sid: item.survey.id,
      vid: item.version.id,
      lid: item.newLeadId,
      ext: item.externalId,
      answers: item.answers,
      score: scored.score,
      tier: scored.tier,
      persona: scored.persona,
      expl: scored.explanation,
      at: item.createdAt,
    }),
    newLeadJson: newLeadRow({
      ...item,
      ...attributionColumns(item.attribution),
      id: item.newLeadId,
      score: scored.score,
      tier: scored.tier,
      persona: scored.persona,
    }),
  };
}

/** The leads of a batch by normalized phone and email. */
class ContactIndex {
  private readonly byPhone = new Map<string, LeadState>();
  private readonly byEmail = new Map<string, LeadState>();

  register(l: LeadState): void {
    if (l.phone) this.byPhone.set(l.phone, l);
    if (l.email) this.byEmail.set(l.email, l);
  }

  find(item: Pick<PreparedItem, 'phone' | 'email'>): LeadState | undefined {
    return (item.phone ? this.byPhone.get(item.phone) : undefined) ?? (item.email ? this.byEmail.get(item.email) : undefined);
  }

  hasPhone(phone: string): boolean {
    return this.byPhone.has(phone);
  }

  hasEmail(email: string): boolean {
    return this.byEmail.has(email);
  }
}

/** The state of a stored lead before this batch touches it. */
function storedLeadState(l: Lead): LeadState {
  return {
    ...pick(l),
    isNew: false,
    before: { score: l.score, tier: l.tier, persona: l.persona, ownerId: l.ownerId, squadId: l.squadId },
    contactChanged: false,
    rescored: false,
    def: null,
    json: null,
    submissions: 0,
  };
}

/** The lead a new contact creates (PROSPECT, no owner yet). */
function newLeadState(item: PreparedItem): LeadState {
  return {
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
    createdAt: item.createdAt,
    assignedAt: null,
    before: { score: null, tier: null, persona: null, ownerId: null, squadId: null },
    contactChanged: false,
    rescored: false,
    def: null,
    json: item.newLeadJson,
    submissions: 0,
  };
}

/** Fills in contacts the lead did not have (unless another lead already uses them), and a first-touch attribution. */
function fillContacts(lead: LeadState, item: PreparedItem, index: ContactIndex): void {
  if (!lead.email && item.email && !index.hasEmail(item.email)) {
    lead.email = item.email;
    lead.contactChanged = true;
  }
  if (!lead.phone && item.phone && !index.hasPhone(item.phone)) {
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

/** The submission as stored for `item`, pointing at `leadId`. */
function submissionRow(ctx: RequestContext, item: PreparedItem, leadId: string): IntakeSubmission {
  return {
    id: item.submissionId,
    organizationId: ctx.organizationId,
    surveyId: item.survey.id,
    surveyVersionId: item.version.id,
    leadId,
    externalId: item.externalId,
    answers: item.answers,
    score: item.scored.score,
    tier: item.scored.tier,
    persona: item.scored.persona,
    explanation: item.scored.explanation,
    submittedByUserId: ctx.auditActor.actorUserId,
    submittedByApiKeyId: ctx.auditActor.actorApiKeyId,
    createdAt: item.createdAt,
  };
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
