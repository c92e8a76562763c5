import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService } from '../audit/index.js';
import { CONVERTING_KINDS, ProductKind } from '../commerce/index.js';
import type { OrderPaidEvent, OrderRefundedEvent } from '../commerce/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { Lead, LeadStage } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { canTransition, LeadStageService } from '../leads/index.js';
import { CohortService } from '../sop/index.js';
import { AgendaSettleService } from '../sop/index.js';
import { AgendaCancelReason } from '../sop/index.js';
import { SopEntryService } from '../sop/index.js';
import { scoreSubmission, validateAnswers, type Answer, type ScoreResult } from '@lib/scoring';
import { SurveyKind } from '../intake/index.js';
import { normalizeAnswers } from '../intake/index.js';
import { AccessService, OrganizationRepository, PeopleRepository, type AccessScope } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import type {
  CreateEnrollmentInput,
  EnrollmentsFilterArgs,
  RecordCsatInput,
  RecordNpsInput,
  RecordProgressInput,
  SubmitOnboardingInput,
  UpdateCourseServiceSettingsInput,
} from './dto/course-service.inputs.js';
import { CsatResponse, Enrollment, EnrollmentStatus, FeedbackSource, NpsResponse } from './entities/enrollment.entity.js';
import type { CourseServiceSettings } from './entities/settings.entity.js';
import { CLUB_RENEWAL_GRACE_DAYS } from './course-service.metrics.js';
import { CourseServiceRepository, type StudentFactsRow } from './course-service.repository.js';

const CLUB_MEMBERSHIP_DAYS = 365;

/** A student in these stages has left: their enrollment cannot complete (docs/lifecycle.md). */
const GONE_STAGES: readonly LeadStage[] = [LeadStage.LOST, LeadStage.REFUNDED];

/** Enrollments, curator assignment, progress from the LMS, feedback and club memberships. */
@Injectable()
export class CourseServiceService {
  constructor(
    private readonly repo: CourseServiceRepository,
    private readonly orgs: OrganizationRepository,
    private readonly people: PeopleRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly stages: LeadStageService,
    private readonly cohorts: CohortService,
    private readonly entries: SopEntryService,
    private readonly settle: AgendaSettleService,
  ) {}

  // ------------------------------------------------------------------ settings

  async settings(ctx: RequestContext): Promise<CourseServiceSettings> {
    return this.repo.settingsOrDefault(ctx.organizationId);
  }

  async updateSettings(ctx: RequestContext, input: UpdateCourseServiceSettingsInput): Promise<CourseServiceSettings> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const s = await this.settings(ctx);
      if (!scope.all) {
        // A MANAGER with legions: only as commander of a course-service legion, and only for its squads.
        const commands = await this.orgs.anyLegionOfKind(ctx.organizationId, scope.legionIds, TeamKind.COURSE_SERVICE);
        if (!commands) throw forbidden('Course-service settings are changed by ADMINs and by the managers of a course-service legion.');
        const before = s.squadIds ?? [];
        const after = input.squadIds ?? before;
        const touched = [...after.filter((id) => !before.includes(id)), ...before.filter((id) => !after.includes(id))];
        if (input.squadIds !== undefined && (after.length === 0 || touched.some((id) => !scope.manageSquadIds.includes(id)))) {
          throw forbidden('You can only add or remove the squads of the legions you command.');
        }
      }
      if (input.squadIds !== undefined) {
        if (input.squadIds.length) {
          const found = await this.orgs.squadIdsOfKind(ctx.organizationId, input.squadIds, TeamKind.COURSE_SERVICE);
          const bad = input.squadIds.filter((id) => !found.includes(id));
          if (bad.length) throw badInput([{ field: 'input.squadIds', message: `not course-service squads of this organization: ${bad.join(', ')}` }]);
        }
        s.squadIds = input.squadIds.length ? [...new Set(input.squadIds)] : null;
      }
      if (input.curatorCapacity !== undefined) s.curatorCapacity = input.curatorCapacity;
      if (input.defaultCourseDays !== undefined) s.defaultCourseDays = input.defaultCourseDays;
      await this.repo.saveSettings(s);
      await this.audit.record(ctx, { entityType: 'CourseServiceSettings', entityId: ctx.organizationId, action: 'UPDATED', diff: { ...input } });
      return s;
    });
  }

  // ------------------------------------------------------------------ enrollments

  /** Order paid: a REGULAR/ADVANCED course creates an enrollment; a SUBSCRIPTION after completion a club membership. */
  async onOrderPaid(ctx: RequestContext, e: OrderPaidEvent): Promise<void> {
    if (CONVERTING_KINDS.includes(e.product.kind)) {
      await this.enroll(ctx, {
        leadId: e.order.leadId,
        productId: e.product.id,
        orderId: e.order.id,
        at: e.order.paidAt,
        soldByRepId: e.order.creditedRepId,
        soldBySquadId: e.order.creditedSquadId,
      });
    } else if (e.product.kind === ProductKind.SUBSCRIPTION) {
      await this.joinClub(ctx, e.order.leadId, e.order.id, e.order.paidAt);
    }
  }

  /** A full refund of the course order moves its enrollment to REFUNDED; of a club order ends the membership. */
  async onOrderRefunded(ctx: RequestContext, e: OrderRefundedEvent): Promise<void> {
    if (!e.fullyRefunded) return;
    const enrollment = await this.repo.enrollmentOfOrder(ctx.organizationId, e.order.id);
    if (enrollment && enrollment.status !== EnrollmentStatus.REFUNDED) {
      await this.repo.updateEnrollment(enrollment.id, { status: EnrollmentStatus.REFUNDED, endedAt: e.refund.refundedAt });
      // docs/lifecycle.md: the refunded student's open course-service items of that class are settled.
      if (enrollment.classCohortId) {
        await this.settle.cancelInCohort(ctx, enrollment.leadId, enrollment.classCohortId, AgendaCancelReason.ENROLLMENT_REFUNDED, e.refund.refundedAt);
      }
      await this.audit.record(ctx, {
        entityType: 'Enrollment',
        entityId: enrollment.id,
        action: 'REFUNDED',
        diff: { status: [enrollment.status, EnrollmentStatus.REFUNDED] },
      });
    }
    await this.repo.expireClubMembershipsOfOrder(ctx.organizationId, e.order.id, e.refund.refundedAt);
  }

  private async joinClub(ctx: RequestContext, leadId: string, orderId: string, paidAt: Date): Promise<void> {
    const completed = await this.repo.lastCompletedEnrollment(ctx.organizationId, leadId);
    if (!completed) return; // the club is for students who completed a course
    const prevEnd = await this.repo.previousClubExpiry(ctx.organizationId, leadId, paidAt);
    const isRenewal = !!prevEnd && paidAt.getTime() <= prevEnd.getTime() + CLUB_RENEWAL_GRACE_DAYS * 86400_000;
    const startsAt = isRenewal && prevEnd && prevEnd > paidAt ? prevEnd : paidAt;
    const membership = await this.repo.createClubMembership({
      organizationId: ctx.organizationId,
      leadId,
      orderId,
      startsAt,
      expiresAt: new Date(startsAt.getTime() + CLUB_MEMBERSHIP_DAYS * 86400_000),
      isRenewal,
      curatorId: completed.curatorId,
      curatorSquadId: completed.curatorSquadId,
    });
    await this.audit.record(ctx, {
      entityType: 'ClubMembership',
      entityId: membership.id,
      action: isRenewal ? 'RENEWED' : 'JOINED',
      diff: { leadId, orderId },
    });
  }

  async createEnrollment(ctx: RequestContext, input: CreateEnrollmentInput): Promise<Enrollment> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const lead = await this.repo.findLead(ctx.organizationId, input.leadId);
      if (!lead) throw badInput([{ field: 'input.leadId', message: 'no such lead in this organization' }]);
      // The same rule as lead(id): nobody enrolls a lead they may not read.
      if (!canSeeLead(scope, lead)) throw forbidden('You can only enroll leads you can see (your squads’, or your legions’ as a manager).');
      const product = await this.repo.findProduct(ctx.organizationId, input.productId);
      if (!product) throw badInput([{ field: 'input.productId', message: 'no such product in this organization' }]);
      if (!CONVERTING_KINDS.includes(product.kind)) throw badInput([{ field: 'input.productId', message: 'must be a REGULAR or ADVANCED course' }]);
      if (input.orderId) {
        const order = await this.repo.orderFacts(ctx.organizationId, input.orderId);
        if (!order) throw badInput([{ field: 'input.orderId', message: 'no such order in this organization' }]);
        if (order.leadId !== lead.id) throw badInput([{ field: 'input.orderId', message: 'is an order of another lead' }]);
        const existing = await this.repo.enrollmentOfOrder(ctx.organizationId, input.orderId);
        if (existing) {
          // The paid order enrolled the student already (automatically): asking again returns it.
          if (existing.productId !== product.id) throw conflict('This order already has an enrollment in another course.', { enrollmentId: existing.id });
          if (input.classCohortId && existing.classCohortId !== input.classCohortId) {
            throw conflict('This order already has an enrollment in another class; the class is not changed here.', { enrollmentId: existing.id });
          }
          if (input.curatorId && existing.curatorId !== input.curatorId) {
            throw conflict('This order already has an enrollment with another curator.', { enrollmentId: existing.id });
          }
          return existing;
        }
      }
      if (input.curatorId) {
        const squadId = await this.repo.currentCourseServiceSquad(ctx.organizationId, input.curatorId);
        if (!squadId) throw badInput([{ field: 'input.curatorId', message: 'must be a member of a course-service squad' }]);
        this.access.assertCanManageSquad(scope, squadId);
      }
      return this.enroll(ctx, { ...input, leadId: lead.id, productId: product.id, orderId: input.orderId ?? null, at: new Date() });
    });
  }

  private async enroll(
    ctx: RequestContext,
    input: {
      leadId: string;
      productId: string;
      orderId?: string | null;
      at: Date;
      curatorId?: string | null;
      classCohortId?: string | null;
      externalRef?: string;
      startDate?: string;
      endDate?: string;
      lessonsTotal?: number;
      soldByRepId?: string | null;
      soldBySquadId?: string | null;
    },
  ): Promise<Enrollment> {
    const org = await this.orgs.getOrganization(ctx.organizationId);
    const settings = await this.settings(ctx);
    const start = input.startDate ?? DateTime.fromJSDate(input.at, { zone: org.timeZone }).toISODate()!;
    const end = input.endDate ?? DateTime.fromISO(start).plus({ days: settings.defaultCourseDays }).toISODate()!;
    if (end <= start) throw badInput([{ field: 'input.endDate', message: 'must be after startDate' }]);
    let curator: { id: string; squadId: string } | null;
    if (input.curatorId) {
      curator = { id: input.curatorId, squadId: (await this.people.currentSquadId(input.curatorId))! };
    } else {
      curator = await this.pickCurator(ctx, settings);
    }
    let soldByRepId = input.soldByRepId ?? null;
    let soldBySquadId = input.soldBySquadId ?? null;
    if (input.orderId && soldByRepId === null && soldBySquadId === null) {
      const o = await this.repo.orderFacts(ctx.organizationId, input.orderId);
      soldByRepId = o?.creditedRepId ?? null;
      soldBySquadId = o?.creditedSquadId ?? null;
    }
    const enrollment = await this.repo.createEnrollment({
      organizationId: ctx.organizationId,
      leadId: input.leadId,
      productId: input.productId,
      orderId: input.orderId ?? null,
      externalRef: input.externalRef ?? null,
      classCohortId: input.classCohortId ?? null,
      curatorId: curator?.id ?? null,
      curatorSquadId: curator?.squadId ?? null,
      soldByRepId,
      soldBySquadId,
      status: EnrollmentStatus.ACTIVE,
      startDate: start,
      endDate: end,
      lessonsCompleted: 0,
      lessonsTotal: input.lessonsTotal ?? 0,
    });
    const lead = await this.repo.getLead(input.leadId);
    // A class cohort runs a course-service playbook: the student's steps go on the curator's agenda.
    if (enrollment.classCohortId) await this.cohorts.addStudent(ctx.organizationId, enrollment.classCohortId, enrollment.leadId, curator?.squadId ?? null);
    else if (curator) await this.placeInClass(ctx, enrollment, lead, curator, org.timeZone, input.at);
    if (lead.stage !== LeadStage.LEARNING && canTransition(lead.stage, LeadStage.LEARNING)) {
      await this.stages.transition(ctx, lead.id, LeadStage.LEARNING, { at: input.at, reason: 'enrolled' });
    }
    await this.audit.record(ctx, {
      entityType: 'Enrollment',
      entityId: enrollment.id,
      action: 'CREATED',
      diff: { leadId: input.leadId, productId: input.productId, orderId: input.orderId ?? null, curatorId: enrollment.curatorId },
    });
    return enrollment;
  }

  /**
   * docs/lifecycle.md "Purchase → course service": a student without a class joins the product's
   * next class (earliest start on or after the purchase day), else a rolling cohort of their own
   * starting on the enrollment's start date, running the curator squad's entry playbook (or the
   * playbook of the product's latest class). Their persona (intake, then onboarding) picks the
   * path. Nothing to run: the enrollment stays without a class.
   */
  private async placeInClass(
    ctx: RequestContext,
    enrollment: Enrollment,
    lead: Lead,
    curator: { id: string; squadId: string },
    timeZone: string,
    at: Date,
  ): Promise<void> {
    let cohortId = (await this.cohorts.nextClass(ctx.organizationId, enrollment.productId, at))?.id ?? null;
    if (!cohortId) {
      const entry = (await this.entries.resolve(ctx.organizationId, [curator.squadId])).get(curator.squadId);
      let run: { versionId: string; name: string } | null = entry?.versionId
        ? { versionId: entry.versionId, name: `${entry.playbookName} v${entry.versionNumber}` }
        : null;
      if (!run) {
        const last = await this.repo.latestCourseServiceRun(ctx.organizationId, enrollment.productId);
        if (last) run = { versionId: last.versionId, name: `${last.name} v${last.number}` };
      }
      if (!run) return;
      cohortId = await this.cohorts.ensureRolling({
        organizationId: ctx.organizationId,
        leadId: lead.id,
        leadName: lead.name,
        squadId: curator.squadId,
        versionId: run.versionId,
        name: `${run.name} 1:1`,
        startDate: enrollment.startDate,
        timeZone,
        at,
        createdById: ctx.userId,
        productId: enrollment.productId,
      });
    }
    await this.repo.updateEnrollment(enrollment.id, { classCohortId: cohortId });
    enrollment.classCohortId = cohortId;
    await this.cohorts.addStudent(ctx.organizationId, cohortId, lead.id, curator.squadId);
  }

  /**
   * Least-loaded curator among active MEMBERs of the chosen course-service squads with room
   * under the capacity (ties: fewest students ever, then id — a round robin). An advisory lock per
   * organization serializes assignments, so concurrent enrollments never exceed a capacity.
   * Null when nobody has room (the enrollment waits for a lead to assign it).
   */
  private async pickCurator(ctx: RequestContext, settings: CourseServiceSettings): Promise<{ id: string; squadId: string } | null> {
    const rows = await this.repo.lockAndListCuratorCandidates(ctx.organizationId, settings.squadIds);
    const pick = rows.find((r) => r.active < settings.curatorCapacity);
    return pick ? { id: pick.id, squadId: pick.squadId } : null;
  }

  // ------------------------------------------------------------------ progress

  /**
   * Progress from the learning platform. Idempotent by externalEventId; out-of-order events never
   * move progress backwards; every event marks its local day as a study day.
   */
  async recordProgress(ctx: RequestContext, input: RecordProgressInput): Promise<{ enrollment: Enrollment; duplicate: boolean }> {
    if (!input.enrollmentId && !input.externalRef) throw badInput([{ field: 'input.enrollmentId', message: 'give enrollmentId or externalRef' }]);
    if (input.lessonsTotal > 0 && input.lessonsCompleted > input.lessonsTotal)
      throw badInput([{ field: 'input.lessonsCompleted', message: 'cannot exceed lessonsTotal' }]);
    if (input.occurredAt.getTime() > Date.now() + 5 * 60_000) throw badInput([{ field: 'input.occurredAt', message: 'cannot be in the future' }]);
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async () => {
      const enrollment = await this.repo.enrollmentByRef(ctx.organizationId, input, true);
      if (!enrollment) throw notFound('Enrollment', input.enrollmentId ?? input.externalRef);
      if (scope) this.assertCanWork(scope, enrollment);
      const inserted = await this.repo.insertProgressEvent({
        organizationId: ctx.organizationId,
        enrollmentId: enrollment.id,
        externalEventId: input.externalEventId,
        lessonsCompleted: input.lessonsCompleted,
        lessonsTotal: input.lessonsTotal,
        occurredAt: input.occurredAt,
      });
      if (!inserted) return { enrollment, duplicate: true };
      const org = await this.orgs.getOrganization(ctx.organizationId);
      const day = DateTime.fromJSDate(input.occurredAt, { zone: org.timeZone }).toISODate()!;
      await this.repo.markStudyDay(ctx.organizationId, enrollment.id, day);
      const newer = !enrollment.progressAt || input.occurredAt >= enrollment.progressAt;
      const before = { lessonsCompleted: enrollment.lessonsCompleted, lessonsTotal: enrollment.lessonsTotal, status: enrollment.status };
      enrollment.lessonsCompleted = Math.max(enrollment.lessonsCompleted, input.lessonsCompleted);
      if (newer) {
        if (input.lessonsTotal > 0) enrollment.lessonsTotal = input.lessonsTotal;
        enrollment.progressAt = input.occurredAt;
      }
      if (enrollment.status === EnrollmentStatus.ACTIVE && enrollment.lessonsTotal > 0 && enrollment.lessonsCompleted >= enrollment.lessonsTotal) {
        await this.complete(ctx, enrollment, input.occurredAt);
      }
      await this.repo.saveEnrollment(enrollment);
      if (before.lessonsCompleted !== enrollment.lessonsCompleted || before.status !== enrollment.status || before.lessonsTotal !== enrollment.lessonsTotal) {
        await this.audit.record(ctx, {
          entityType: 'Enrollment',
          entityId: enrollment.id,
          action: 'PROGRESS',
          diff: {
            lessonsCompleted: [before.lessonsCompleted, enrollment.lessonsCompleted],
            status: [before.status, enrollment.status],
            eventId: input.externalEventId,
          },
        });
      }
      return { enrollment, duplicate: false };
    });
  }

  /** Progress reached the lesson count: the enrollment completes and its lead moves to COMPLETED (unless they left). */
  private async complete(ctx: RequestContext, enrollment: Enrollment, at: Date): Promise<void> {
    enrollment.status = EnrollmentStatus.COMPLETED;
    enrollment.completedAt = at;
    enrollment.endedAt = at;
    const lead = await this.repo.getLead(enrollment.leadId);
    if (GONE_STAGES.includes(lead.stage)) {
      throw conflict(`The student is ${lead.stage}: their enrollment cannot be completed (record the lead's return first).`, { leadStage: lead.stage });
    }
    if (lead.stage !== LeadStage.COMPLETED && canTransition(lead.stage, LeadStage.COMPLETED)) {
      await this.stages.transition(ctx, lead.id, LeadStage.COMPLETED, { at, reason: 'course completed' });
    }
  }

  /** Marks an active enrollment as dropped (curator, their lead, managers); `then` runs in the same transaction (the drop reason). */
  async dropEnrollment(ctx: RequestContext, id: string, reason: string, then?: (e: Enrollment) => Promise<void>): Promise<Enrollment> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const e = await this.load(ctx, id);
      this.assertCanWork(scope, e);
      if (e.status !== EnrollmentStatus.ACTIVE) throw conflict(`Only an ACTIVE enrollment can be dropped (this one is ${e.status}).`);
      e.status = EnrollmentStatus.DROPPED;
      e.endedAt = new Date();
      await this.repo.saveEnrollment(e);
      if (e.classCohortId) await this.settle.cancelInCohort(ctx, e.leadId, e.classCohortId, AgendaCancelReason.ENROLLMENT_DROPPED, e.endedAt);
      await this.audit.record(ctx, { entityType: 'Enrollment', entityId: e.id, action: 'DROPPED', diff: { reason } });
      if (then) await then(e);
      return e;
    });
  }

  // ------------------------------------------------------------------ onboarding

  /**
   * The student's onboarding questionnaire (an ONBOARDING survey, scored by the intake engine):
   * its persona picks the onboarding path — the course-service playbook's persona variants — so
   * it becomes the enrollment's and the student's persona, and the class cohort's steps for that
   * persona are added to the curator's agenda.
   */
  async submitOnboarding(ctx: RequestContext, input: SubmitOnboardingInput): Promise<{ enrollment: Enrollment; result: ScoreResult }> {
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async () => {
      const enrollment = await this.load(ctx, input.enrollmentId);
      if (scope) this.assertCanWork(scope, enrollment);
      const survey = await this.repo.findSurvey(ctx.organizationId, input.surveyId);
      if (!survey) throw badInput([{ field: 'input.surveyId', message: 'no such survey in this organization' }]);
      if (survey.kind !== SurveyKind.ONBOARDING) throw badInput([{ field: 'input.surveyId', message: 'must be an ONBOARDING survey' }]);
      if (!survey.currentVersionId) throw badInput([{ field: 'input.surveyId', message: 'has no published version yet' }]);
      const version = await this.repo.getSurveyVersion(survey.currentVersionId);
      const raw: Answer[] = input.answers.map((a) => ({
        questionKey: a.questionKey,
        ...(a.optionKeys ? { optionKeys: a.optionKeys } : {}),
        value: a.value ?? null,
      }));
      const issues = validateAnswers(version.definition, raw);
      if (issues.length) {
        throw badInput(
          issues.map((i) => ({
            field: `input.answers.${Math.max(
              0,
              raw.findIndex((a) => a.questionKey === i.questionKey),
            )}`,
            message: `${i.questionKey}: ${i.message}`,
          })),
        );
      }
      const result = scoreSubmission(version.definition, normalizeAnswers(version.definition, raw));
      const before = enrollment.onboardingPersona;
      enrollment.onboardingPersona = result.persona;
      await this.repo.saveEnrollment(enrollment);
      await this.repo.setLeadPersona(enrollment.leadId, result.persona);
      if (enrollment.classCohortId) await this.cohorts.generate(ctx.organizationId, enrollment.classCohortId, { leadIds: [enrollment.leadId] });
      await this.audit.record(ctx, {
        entityType: 'Enrollment',
        entityId: enrollment.id,
        action: 'ONBOARDED',
        diff: {
          onboardingPersona: [before, result.persona],
          surveyVersionId: version.id,
          score: result.score,
          personaReason: result.explanation.personaReason,
        },
      });
      return { enrollment, result };
    });
  }

  // ------------------------------------------------------------------ feedback

  async recordNps(ctx: RequestContext, input: RecordNpsInput): Promise<{ response: NpsResponse; duplicate: boolean }> {
    return this.recordFeedback(ctx, input.enrollmentId, async (e, source) => {
      const values = {
        organizationId: ctx.organizationId,
        enrollmentId: e.id,
        round: input.round.trim(),
        score: input.score,
        comment: input.comment?.trim() || null,
        source,
        answeredAt: input.answeredAt ?? new Date(),
      };
      const inserted = await this.repo.insertNps(values);
      const existing = await this.repo.npsOfRound(e.id, values.round);
      if (!inserted && existing.score !== input.score)
        throw conflict(`This student already answered NPS round "${values.round}" (score ${existing.score}); one answer per round.`);
      if (inserted)
        await this.audit.record(ctx, {
          entityType: 'Enrollment',
          entityId: e.id,
          action: 'NPS_RECORDED',
          diff: { round: values.round, score: input.score },
        });
      return { response: existing, duplicate: !inserted };
    });
  }

  async recordCsat(ctx: RequestContext, input: RecordCsatInput): Promise<{ response: CsatResponse; duplicate: boolean }> {
    return this.recordFeedback(ctx, input.enrollmentId, async (e, source) => {
      const values = {
        organizationId: ctx.organizationId,
        enrollmentId: e.id,
        round: input.round.trim(),
        courseScore: input.courseScore,
        serviceScore: input.serviceScore,
        comment: input.comment?.trim() || null,
        source,
        answeredAt: input.answeredAt ?? new Date(),
      };
      const inserted = await this.repo.insertCsat(values);
      const existing = await this.repo.csatOfRound(e.id, values.round);
      if (!inserted && (existing.courseScore !== input.courseScore || existing.serviceScore !== input.serviceScore)) {
        throw conflict(`This student already answered satisfaction round "${values.round}"; one answer per round.`);
      }
      if (inserted)
        await this.audit.record(ctx, {
          entityType: 'Enrollment',
          entityId: e.id,
          action: 'CSAT_RECORDED',
          diff: { round: values.round, courseScore: input.courseScore, serviceScore: input.serviceScore },
        });
      return { response: existing, duplicate: !inserted };
    });
  }

  private async recordFeedback<T>(ctx: RequestContext, enrollmentId: string, work: (e: Enrollment, source: FeedbackSource) => Promise<T>): Promise<T> {
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async () => {
      const e = await this.load(ctx, enrollmentId);
      if (scope) this.assertCanWork(scope, e);
      return work(e, ctx.actor.kind === 'API_KEY' ? FeedbackSource.STUDENT : FeedbackSource.CURATOR);
    });
  }

  async npsResponses(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<NpsResponse[]> {
    if (!enrollmentIds.length) return [];
    return this.repo.npsResponses(ctx.organizationId, enrollmentIds);
  }

  async csatResponses(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<CsatResponse[]> {
    if (!enrollmentIds.length) return [];
    return this.repo.csatResponses(ctx.organizationId, enrollmentIds);
  }

  /**
   * What the students list shows of each enrollment, in one statement: the student's name, the
   * last local day with study activity, the latest NPS score, and the installments of the student's orders that are not
   * refunded (paid, unpaid, unpaid and due before today in the organization's time zone).
   */
  async studentFacts(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<StudentFacts[]> {
    if (!enrollmentIds.length) return [];
    const org = await this.orgs.getOrganization(ctx.organizationId);
    const today = DateTime.now().setZone(org.timeZone).toISODate();
    return this.repo.studentFacts(ctx.organizationId, enrollmentIds, today);
  }

  // ------------------------------------------------------------------ reads and access

  private async load(ctx: RequestContext, id: string): Promise<Enrollment> {
    const e = await this.repo.findEnrollment(ctx.organizationId, id);
    if (!e) throw notFound('Enrollment', id);
    return e;
  }

  /** Curators work their own students; course-service leads their squad's; managers their legions'; ADMIN all. */
  private canSee(scope: AccessScope, e: Enrollment): boolean {
    if (scope.all) return true;
    if (e.curatorId && e.curatorId === scope.userId) return true;
    return !!e.curatorSquadId && scope.role !== Role.MEMBER && scope.manageSquadIds.includes(e.curatorSquadId);
  }

  assertCanWork(scope: AccessScope, e: Enrollment): void {
    if (!this.canSee(scope, e)) throw forbidden('You can only see and work the students of your own squad (curators: their own students).');
  }

  async enrollment(ctx: RequestContext, id: string): Promise<Enrollment> {
    const e = await this.load(ctx, id);
    this.assertCanWork(await this.access.scope(ctx), e);
    return e;
  }

  /** Students the caller may see, newest first. Pre-sales staff see none (only aggregates). */
  async enrollments(
    ctx: RequestContext,
    filter: EnrollmentsFilterArgs & { period?: { startDate: string; endDate: string } },
    first: number,
    after?: string | null,
  ): Promise<Connection<Enrollment>> {
    const scope = await this.access.scope(ctx);
    const rows = await this.repo.enrollmentsPage({
      organizationId: ctx.organizationId,
      reach: scope.all ? null : { self: scope.userId, squadIds: scope.role === Role.MEMBER ? [] : scope.manageSquadIds },
      filter,
      after,
      limit: first + 1,
    });
    return toConnection(
      rows,
      first,
      (e) => [e.startDate, e.id],
      (e) => e,
    );
  }

  /** Who may read a scorecard: the curator themself, their lead, managers; squads: its lead and managers. */
  async assertCanReadScorecard(ctx: RequestContext, entity: { memberId?: string; squadId?: string }): Promise<{ id: string; name: string }> {
    const scope = await this.access.scope(ctx);
    if (entity.memberId) {
      const user = await this.people.findUser(ctx.organizationId, entity.memberId);
      if (!user) throw notFound('Member', entity.memberId);
      if (scope.all || user.id === scope.userId) return { id: user.id, name: user.name };
      const squadId = await this.people.currentSquadId(user.id);
      if (!squadId || scope.role === Role.MEMBER || !scope.manageSquadIds.includes(squadId))
        throw forbidden('Only the curator, their lead and managers can read this scorecard.');
      return { id: user.id, name: user.name };
    }
    const squad = await this.orgs.findSquad(ctx.organizationId, entity.squadId!);
    if (!squad) throw notFound('Squad', entity.squadId);
    if ((await this.orgs.legionKind(squad.legionId)) !== TeamKind.COURSE_SERVICE)
      throw badInput([{ field: 'squadId', message: 'is not a course-service squad' }]);
    if (!scope.all && !(scope.role !== Role.MEMBER && scope.manageSquadIds.includes(squad.id)) && !scope.readSquadIds.includes(squad.id)) {
      throw forbidden('Only the squad, its lead and managers can read this scorecard.');
    }
    return { id: squad.id, name: squad.name };
  }
}

export type StudentFacts = StudentFactsRow;
