import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { CONVERTING_KINDS, Product, ProductKind } from '../commerce/index.js';
import type { OrderPaidEvent, OrderRefundedEvent } from '../commerce/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
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
import { Survey, SurveyKind, SurveyVersion } from '../intake/index.js';
import { normalizeAnswers } from '../intake/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Organization, Role, Squad, TeamKind, User } from '../organization/index.js';
import type {
  CreateEnrollmentInput,
  EnrollmentsFilterArgs,
  RecordCsatInput,
  RecordNpsInput,
  RecordProgressInput,
  SubmitOnboardingInput,
  UpdateCourseServiceSettingsInput,
} from './dto/course-service.inputs.js';
import {
  ClubMembership,
  CsatResponse,
  Enrollment,
  EnrollmentStatus,
  FeedbackSource,
  NpsResponse,
  ProgressEvent,
  StudyDay,
} from './entities/enrollment.entity.js';
import { CourseServiceSettings } from './entities/settings.entity.js';
import { CLUB_RENEWAL_GRACE_DAYS } from './course-service.metrics.js';

const CLUB_MEMBERSHIP_DAYS = 365;

/** A student in these stages has left: their enrollment cannot complete (docs/lifecycle.md). */
const GONE_STAGES: readonly LeadStage[] = [LeadStage.LOST, LeadStage.REFUNDED];

/** Enrollments, curator assignment, progress from the LMS, feedback and club memberships. */
@Injectable()
export class CourseServiceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly stages: LeadStageService,
    private readonly cohorts: CohortService,
    private readonly entries: SopEntryService,
    private readonly settle: AgendaSettleService,
  ) {}

  // ------------------------------------------------------------------ settings

  async settings(ctx: RequestContext, m: EntityManager = this.dataSource.manager): Promise<CourseServiceSettings> {
    return (
      (await m.findOne(CourseServiceSettings, { where: { organizationId: ctx.organizationId } })) ??
      m.create(CourseServiceSettings, { organizationId: ctx.organizationId, curatorCapacity: 60, squadIds: null, defaultCourseDays: 90 })
    );
  }

  async updateSettings(ctx: RequestContext, input: UpdateCourseServiceSettingsInput): Promise<CourseServiceSettings> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      const s = await this.settings(ctx, m);
      if (!scope.all) {
        // A MANAGER with legions: only as commander of a course-service legion, and only for its squads.
        const [commands] = await m.query(`SELECT 1 FROM legion WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND kind = 'COURSE_SERVICE'`, [
          ctx.organizationId,
          scope.legionIds,
        ]);
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
          const rows: { id: string }[] = await m.query(
            `SELECT s.id FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[]) AND l.kind = 'COURSE_SERVICE'`,
            [ctx.organizationId, input.squadIds],
          );
          const bad = input.squadIds.filter((id) => !rows.some((r) => r.id === id));
          if (bad.length) throw badInput([{ field: 'input.squadIds', message: `not course-service squads of this organization: ${bad.join(', ')}` }]);
        }
        s.squadIds = input.squadIds.length ? [...new Set(input.squadIds)] : null;
      }
      if (input.curatorCapacity !== undefined) s.curatorCapacity = input.curatorCapacity;
      if (input.defaultCourseDays !== undefined) s.defaultCourseDays = input.defaultCourseDays;
      await m.save(s);
      await this.audit.record(ctx, { entityType: 'CourseServiceSettings', entityId: ctx.organizationId, action: 'UPDATED', diff: { ...input } });
      return s;
    });
  }

  // ------------------------------------------------------------------ enrollments

  /** Order paid: a REGULAR/ADVANCED course creates an enrollment; a SUBSCRIPTION after completion a club membership. */
  async onOrderPaid(m: EntityManager, ctx: RequestContext, e: OrderPaidEvent): Promise<void> {
    if (CONVERTING_KINDS.includes(e.product.kind)) {
      await this.enroll(m, ctx, {
        leadId: e.order.leadId,
        productId: e.product.id,
        orderId: e.order.id,
        at: e.order.paidAt,
        soldByRepId: e.order.creditedRepId,
        soldBySquadId: e.order.creditedSquadId,
      });
    } else if (e.product.kind === ProductKind.SUBSCRIPTION) {
      await this.joinClub(m, ctx, e.order.leadId, e.order.id, e.order.paidAt);
    }
  }

  /** A full refund of the course order moves its enrollment to REFUNDED; of a club order ends the membership. */
  async onOrderRefunded(m: EntityManager, ctx: RequestContext, e: OrderRefundedEvent): Promise<void> {
    if (!e.fullyRefunded) return;
    const enrollment = await m.findOne(Enrollment, { where: { orderId: e.order.id, organizationId: ctx.organizationId } });
    if (enrollment && enrollment.status !== EnrollmentStatus.REFUNDED) {
      await m.update(Enrollment, { id: enrollment.id }, { status: EnrollmentStatus.REFUNDED, endedAt: e.refund.refundedAt });
      // docs/lifecycle.md: the refunded student's open course-service items of that class are settled.
      if (enrollment.classCohortId) {
        await this.settle.cancelInCohort(m, ctx, enrollment.leadId, enrollment.classCohortId, AgendaCancelReason.ENROLLMENT_REFUNDED, e.refund.refundedAt);
      }
      await this.audit.record(ctx, {
        entityType: 'Enrollment',
        entityId: enrollment.id,
        action: 'REFUNDED',
        diff: { status: [enrollment.status, EnrollmentStatus.REFUNDED] },
      });
    }
    await m.update(ClubMembership, { orderId: e.order.id, organizationId: ctx.organizationId }, { expiresAt: e.refund.refundedAt });
  }

  private async joinClub(m: EntityManager, ctx: RequestContext, leadId: string, orderId: string, paidAt: Date): Promise<void> {
    const completed = await m.findOne(Enrollment, {
      where: { leadId, organizationId: ctx.organizationId, status: EnrollmentStatus.COMPLETED },
      order: { completedAt: 'DESC' },
    });
    if (!completed) return; // the club is for students who completed a course
    const [prev] = await m.query(`SELECT max(expires_at) AS expires_at FROM club_membership WHERE lead_id = $1 AND organization_id = $3 AND starts_at < $2`, [
      leadId,
      paidAt,
      ctx.organizationId,
    ]);
    const prevEnd: Date | null = prev?.expires_at ? new Date(prev.expires_at) : null;
    const isRenewal = !!prevEnd && paidAt.getTime() <= prevEnd.getTime() + CLUB_RENEWAL_GRACE_DAYS * 86400_000;
    const startsAt = isRenewal && prevEnd && prevEnd > paidAt ? prevEnd : paidAt;
    const membership = await m.save(
      m.create(ClubMembership, {
        organizationId: ctx.organizationId,
        leadId,
        orderId,
        startsAt,
        expiresAt: new Date(startsAt.getTime() + CLUB_MEMBERSHIP_DAYS * 86400_000),
        isRenewal,
        curatorId: completed.curatorId,
        curatorSquadId: completed.curatorSquadId,
      }),
    );
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
    return this.tx.run(async (m) => {
      const lead = await m.findOne(Lead, { where: { id: input.leadId, organizationId: ctx.organizationId } });
      if (!lead) throw badInput([{ field: 'input.leadId', message: 'no such lead in this organization' }]);
      // The same rule as lead(id): nobody enrolls a lead they may not read.
      if (!canSeeLead(scope, lead)) throw forbidden('You can only enroll leads you can see (your squads’, or your legions’ as a manager).');
      const product = await m.findOne(Product, { where: { id: input.productId, organizationId: ctx.organizationId } });
      if (!product) throw badInput([{ field: 'input.productId', message: 'no such product in this organization' }]);
      if (!CONVERTING_KINDS.includes(product.kind)) throw badInput([{ field: 'input.productId', message: 'must be a REGULAR or ADVANCED course' }]);
      if (input.orderId) {
        const [order] = await m.query(`SELECT lead_id FROM sales_order WHERE id = $1 AND organization_id = $2`, [input.orderId, ctx.organizationId]);
        if (!order) throw badInput([{ field: 'input.orderId', message: 'no such order in this organization' }]);
        if (order.lead_id !== lead.id) throw badInput([{ field: 'input.orderId', message: 'is an order of another lead' }]);
        const existing = await m.findOne(Enrollment, { where: { orderId: input.orderId, organizationId: ctx.organizationId } });
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
        const [row] = await m.query(
          `SELECT sm.squad_id FROM squad_membership sm JOIN squad s ON s.id = sm.squad_id JOIN legion l ON l.id = s.legion_id
           WHERE sm.user_id = $1 AND sm.valid_to IS NULL AND sm.organization_id = $2 AND l.kind = 'COURSE_SERVICE'`,
          [input.curatorId, ctx.organizationId],
        );
        if (!row) throw badInput([{ field: 'input.curatorId', message: 'must be a member of a course-service squad' }]);
        this.access.assertCanManageSquad(scope, row.squad_id);
      }
      return this.enroll(m, ctx, { ...input, leadId: lead.id, productId: product.id, orderId: input.orderId ?? null, at: new Date() });
    });
  }

  private async enroll(
    m: EntityManager,
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
    const org = await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const settings = await this.settings(ctx, m);
    const start = input.startDate ?? DateTime.fromJSDate(input.at, { zone: org.timeZone }).toISODate()!;
    const end = input.endDate ?? DateTime.fromISO(start).plus({ days: settings.defaultCourseDays }).toISODate()!;
    if (end <= start) throw badInput([{ field: 'input.endDate', message: 'must be after startDate' }]);
    let curator: { id: string; squadId: string } | null;
    if (input.curatorId) {
      const [row] = await m.query(`SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL`, [input.curatorId]);
      curator = { id: input.curatorId, squadId: row.squad_id };
    } else {
      curator = await this.pickCurator(m, ctx, settings);
    }
    let soldByRepId = input.soldByRepId ?? null;
    let soldBySquadId = input.soldBySquadId ?? null;
    if (input.orderId && soldByRepId === null && soldBySquadId === null) {
      const [o] = await m.query(`SELECT credited_rep_id, credited_squad_id FROM sales_order WHERE id = $1 AND organization_id = $2`, [
        input.orderId,
        ctx.organizationId,
      ]);
      soldByRepId = o?.credited_rep_id ?? null;
      soldBySquadId = o?.credited_squad_id ?? null;
    }
    const enrollment = await m.save(
      m.create(Enrollment, {
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
      }),
    );
    const lead = await m.findOneOrFail(Lead, { where: { id: input.leadId } });
    // A class cohort runs a course-service playbook: the student's steps go on the curator's agenda.
    if (enrollment.classCohortId) await this.cohorts.addStudent(m, ctx.organizationId, enrollment.classCohortId, enrollment.leadId, curator?.squadId ?? null);
    else if (curator) await this.placeInClass(m, ctx, enrollment, lead, curator, org.timeZone, input.at);
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
    m: EntityManager,
    ctx: RequestContext,
    enrollment: Enrollment,
    lead: Lead,
    curator: { id: string; squadId: string },
    timeZone: string,
    at: Date,
  ): Promise<void> {
    let cohortId = (await this.cohorts.nextClass(m, ctx.organizationId, enrollment.productId, at))?.id ?? null;
    if (!cohortId) {
      const entry = (await this.entries.resolve(m, ctx.organizationId, [curator.squadId])).get(curator.squadId);
      let run: { versionId: string; name: string } | null = entry?.versionId
        ? { versionId: entry.versionId, name: `${entry.playbookName} v${entry.versionNumber}` }
        : null;
      if (!run) {
        const [last]: { playbook_version_id: string; name: string; number: number }[] = await m.query(
          `SELECT c.playbook_version_id, p.name, v.number FROM cohort c JOIN playbook_version v ON v.id = c.playbook_version_id JOIN playbook p ON p.id = v.playbook_id
            WHERE c.organization_id = $1 AND c.product_id = $2 AND p.kind = 'COURSE_SERVICE' ORDER BY c.start_date DESC, c.created_at DESC LIMIT 1`,
          [ctx.organizationId, enrollment.productId],
        );
        if (last) run = { versionId: last.playbook_version_id, name: `${last.name} v${last.number}` };
      }
      if (!run) return;
      cohortId = await this.cohorts.ensureRolling(m, {
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
    await m.update(Enrollment, { id: enrollment.id }, { classCohortId: cohortId });
    enrollment.classCohortId = cohortId;
    await this.cohorts.addStudent(m, ctx.organizationId, cohortId, lead.id, curator.squadId);
  }

  /**
   * Least-loaded curator among active MEMBERs of the chosen course-service squads with room
   * under the capacity (ties: fewest students ever, then id — a round robin). An advisory lock per
   * organization serializes assignments, so concurrent enrollments never exceed a capacity.
   * Null when nobody has room (the enrollment waits for a lead to assign it).
   */
  private async pickCurator(m: EntityManager, ctx: RequestContext, settings: CourseServiceSettings): Promise<{ id: string; squadId: string } | null> {
    await m.query(`SELECT pg_advisory_xact_lock(74211, hashtext($1))`, [ctx.organizationId]);
    const rows: { id: string; squad_id: string; active: string; total: string }[] = await m.query(
      `SELECT u.id, sm.squad_id,
              (SELECT count(*) FROM enrollment e WHERE e.curator_id = u.id AND e.status = 'ACTIVE') AS active,
              (SELECT count(*) FROM enrollment e WHERE e.curator_id = u.id) AS total
       FROM app_user u
       JOIN squad_membership sm ON sm.user_id = u.id AND sm.valid_to IS NULL
       JOIN squad s ON s.id = sm.squad_id JOIN legion l ON l.id = s.legion_id
       WHERE u.organization_id = $1 AND u.active AND u.role = 'MEMBER' AND l.kind = 'COURSE_SERVICE'
         AND ($2::uuid[] IS NULL OR sm.squad_id = ANY($2::uuid[]))
       ORDER BY 3, 4, u.id`,
      [ctx.organizationId, settings.squadIds],
    );
    const pick = rows.find((r) => Number(r.active) < settings.curatorCapacity);
    return pick ? { id: pick.id, squadId: pick.squad_id } : null;
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
    return this.tx.run(async (m) => {
      const enrollment = await m
        .createQueryBuilder(Enrollment, 'e')
        .setLock('pessimistic_write')
        .where('e.organization_id = :org', { org: ctx.organizationId })
        .andWhere(input.enrollmentId ? 'e.id = :ref' : 'e.external_ref = :ref', { ref: input.enrollmentId ?? input.externalRef })
        .getOne();
      if (!enrollment) throw notFound('Enrollment', input.enrollmentId ?? input.externalRef);
      if (scope) this.assertCanWork(scope, enrollment);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(ProgressEvent)
        .values({
          organizationId: ctx.organizationId,
          enrollmentId: enrollment.id,
          externalEventId: input.externalEventId,
          lessonsCompleted: input.lessonsCompleted,
          lessonsTotal: input.lessonsTotal,
          occurredAt: input.occurredAt,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return { enrollment, duplicate: true };
      const org = await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
      const day = DateTime.fromJSDate(input.occurredAt, { zone: org.timeZone }).toISODate()!;
      await m
        .createQueryBuilder()
        .insert()
        .into(StudyDay)
        .values({ enrollmentId: enrollment.id, day, organizationId: ctx.organizationId })
        .orIgnore()
        .execute();
      const newer = !enrollment.progressAt || input.occurredAt >= enrollment.progressAt;
      const before = { lessonsCompleted: enrollment.lessonsCompleted, lessonsTotal: enrollment.lessonsTotal, status: enrollment.status };
      enrollment.lessonsCompleted = Math.max(enrollment.lessonsCompleted, input.lessonsCompleted);
      if (newer) {
        if (input.lessonsTotal > 0) enrollment.lessonsTotal = input.lessonsTotal;
        enrollment.progressAt = input.occurredAt;
      }
      if (enrollment.status === EnrollmentStatus.ACTIVE && enrollment.lessonsTotal > 0 && enrollment.lessonsCompleted >= enrollment.lessonsTotal) {
        enrollment.status = EnrollmentStatus.COMPLETED;
        enrollment.completedAt = input.occurredAt;
        enrollment.endedAt = input.occurredAt;
        const lead = await m.findOneOrFail(Lead, { where: { id: enrollment.leadId } });
        if (GONE_STAGES.includes(lead.stage)) {
          throw conflict(`The student is ${lead.stage}: their enrollment cannot be completed (record the lead's return first).`, { leadStage: lead.stage });
        }
        if (lead.stage !== LeadStage.COMPLETED && canTransition(lead.stage, LeadStage.COMPLETED)) {
          await this.stages.transition(ctx, lead.id, LeadStage.COMPLETED, { at: input.occurredAt, reason: 'course completed' });
        }
      }
      await m.save(enrollment);
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

  /** Marks an active enrollment as dropped (curator, their lead, managers); `then` runs in the same transaction (the drop reason). */
  async dropEnrollment(ctx: RequestContext, id: string, reason: string, then?: (m: EntityManager, e: Enrollment) => Promise<void>): Promise<Enrollment> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      const e = await this.load(m, ctx, id);
      this.assertCanWork(scope, e);
      if (e.status !== EnrollmentStatus.ACTIVE) throw conflict(`Only an ACTIVE enrollment can be dropped (this one is ${e.status}).`);
      e.status = EnrollmentStatus.DROPPED;
      e.endedAt = new Date();
      await m.save(e);
      if (e.classCohortId) await this.settle.cancelInCohort(m, ctx, e.leadId, e.classCohortId, AgendaCancelReason.ENROLLMENT_DROPPED, e.endedAt);
      await this.audit.record(ctx, { entityType: 'Enrollment', entityId: e.id, action: 'DROPPED', diff: { reason } });
      if (then) await then(m, e);
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
    return this.tx.run(async (m) => {
      const enrollment = await this.load(m, ctx, input.enrollmentId);
      if (scope) this.assertCanWork(scope, enrollment);
      const survey = await m.findOne(Survey, { where: { id: input.surveyId, organizationId: ctx.organizationId } });
      if (!survey) throw badInput([{ field: 'input.surveyId', message: 'no such survey in this organization' }]);
      if (survey.kind !== SurveyKind.ONBOARDING) throw badInput([{ field: 'input.surveyId', message: 'must be an ONBOARDING survey' }]);
      if (!survey.currentVersionId) throw badInput([{ field: 'input.surveyId', message: 'has no published version yet' }]);
      const version = await m.findOneOrFail(SurveyVersion, { where: { id: survey.currentVersionId } });
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
      await m.save(enrollment);
      await m.update(Lead, { id: enrollment.leadId }, { persona: result.persona });
      if (enrollment.classCohortId) await this.cohorts.generate(m, ctx.organizationId, enrollment.classCohortId, { leadIds: [enrollment.leadId] });
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
    return this.recordFeedback(ctx, input.enrollmentId, async (m, e, source) => {
      const values = {
        organizationId: ctx.organizationId,
        enrollmentId: e.id,
        round: input.round.trim(),
        score: input.score,
        comment: input.comment?.trim() || null,
        source,
        answeredAt: input.answeredAt ?? new Date(),
      };
      const res = await m.createQueryBuilder().insert().into(NpsResponse).values(values).orIgnore().returning('id').execute();
      const existing = await m.findOneOrFail(NpsResponse, { where: { enrollmentId: e.id, round: values.round } });
      const inserted = (res.raw as unknown[]).length > 0;
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
    return this.recordFeedback(ctx, input.enrollmentId, async (m, e, source) => {
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
      const res = await m.createQueryBuilder().insert().into(CsatResponse).values(values).orIgnore().returning('id').execute();
      const existing = await m.findOneOrFail(CsatResponse, { where: { enrollmentId: e.id, round: values.round } });
      const inserted = (res.raw as unknown[]).length > 0;
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

  private async recordFeedback<T>(
    ctx: RequestContext,
    enrollmentId: string,
    work: (m: EntityManager, e: Enrollment, source: FeedbackSource) => Promise<T>,
  ): Promise<T> {
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async (m) => {
      const e = await this.load(m, ctx, enrollmentId);
      if (scope) this.assertCanWork(scope, e);
      return work(m, e, ctx.actor.kind === 'API_KEY' ? FeedbackSource.STUDENT : FeedbackSource.CURATOR);
    });
  }

  async npsResponses(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<NpsResponse[]> {
    if (!enrollmentIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(NpsResponse, 'n')
      .where('n.organization_id = :org AND n.enrollment_id = ANY(:ids)', { org: ctx.organizationId, ids: [...enrollmentIds] })
      .orderBy('n.answered_at', 'ASC')
      .getMany();
  }

  async csatResponses(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<CsatResponse[]> {
    if (!enrollmentIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(CsatResponse, 'c')
      .where('c.organization_id = :org AND c.enrollment_id = ANY(:ids)', { org: ctx.organizationId, ids: [...enrollmentIds] })
      .orderBy('c.answered_at', 'ASC')
      .getMany();
  }

  /**
   * What the students list shows of each enrollment, in one statement: the student's name, the
   * last local day with study activity, the latest NPS score, and the installments of the student's orders that are not
   * refunded (paid, unpaid, unpaid and due before today in the organization's time zone).
   */
  async studentFacts(ctx: RequestContext, enrollmentIds: readonly string[]): Promise<StudentFacts[]> {
    if (!enrollmentIds.length) return [];
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const today = DateTime.now().setZone(org.timeZone).toISODate();
    const rows: {
      id: string;
      name: string;
      last_study_day: string | null;
      nps: number | null;
      paid: string | number;
      unpaid: string | number;
      overdue: string | number;
    }[] = await this.dataSource.query(
      `SELECT e.id, l.name,
           (SELECT max(d.day)::text FROM study_day d WHERE d.enrollment_id = e.id) AS last_study_day,
           (SELECT n.score FROM nps_response n WHERE n.enrollment_id = e.id ORDER BY n.answered_at DESC, n.id DESC LIMIT 1) AS nps,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NOT NULL) FROM order_installment i JOIN sales_order so ON so.id = i.order_id
             WHERE so.lead_id = e.lead_id AND so.organization_id = e.organization_id AND so.refunded_amount < so.amount) AS paid,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NULL) FROM order_installment i JOIN sales_order so ON so.id = i.order_id
             WHERE so.lead_id = e.lead_id AND so.organization_id = e.organization_id AND so.refunded_amount < so.amount) AS unpaid,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NULL AND i.due_date < $3::date) FROM order_installment i JOIN sales_order so ON so.id = i.order_id
             WHERE so.lead_id = e.lead_id AND so.organization_id = e.organization_id AND so.refunded_amount < so.amount) AS overdue
         FROM enrollment e JOIN lead l ON l.id = e.lead_id
         WHERE e.organization_id = $1 AND e.id = ANY($2)`,
      [ctx.organizationId, [...enrollmentIds], today],
    );
    return rows.map((r) => ({
      enrollmentId: r.id,
      studentName: r.name,
      lastStudyDay: r.last_study_day,
      latestNps: r.nps == null ? null : Number(r.nps),
      installments: { paid: Number(r.paid), unpaid: Number(r.unpaid), overdue: Number(r.overdue) },
    }));
  }

  // ------------------------------------------------------------------ reads and access

  private async load(m: EntityManager, ctx: RequestContext, id: string): Promise<Enrollment> {
    const e = await m.findOne(Enrollment, { where: { id, organizationId: ctx.organizationId } });
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
    const e = await this.load(this.dataSource.manager, ctx, id);
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
    const qb = this.dataSource.manager
      .createQueryBuilder(Enrollment, 'e')
      .where('e.organization_id = :org', { org: ctx.organizationId })
      .orderBy('e.start_date', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(first + 1);
    if (!scope.all) {
      const squads = scope.role === Role.MEMBER ? [] : scope.manageSquadIds;
      qb.andWhere('(e.curator_id = :self OR e.curator_squad_id = ANY(:squads))', { self: scope.userId, squads });
    }
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.curatorId) qb.andWhere('e.curator_id = :curatorId', { curatorId: filter.curatorId });
    if (filter.squadId) qb.andWhere('e.curator_squad_id = :squadId', { squadId: filter.squadId });
    if (filter.period) {
      qb.andWhere('e.start_date < :pEnd AND e.end_date >= :pStart', { pStart: filter.period.startDate, pEnd: filter.period.endDate });
    }
    if (after) {
      const [startDate, id] = decodeCursor(after, 2);
      qb.andWhere('(e.start_date, e.id) < (:cStart, :cId)', { cStart: startDate, cId: id });
    }
    const rows = await qb.getMany();
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
      const user = await this.dataSource.manager.findOne(User, { where: { id: entity.memberId, organizationId: ctx.organizationId } });
      if (!user) throw notFound('Member', entity.memberId);
      if (scope.all || user.id === scope.userId) return { id: user.id, name: user.name };
      const [row] = await this.dataSource.query(`SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL`, [user.id]);
      if (!row || scope.role === Role.MEMBER || !scope.manageSquadIds.includes(row.squad_id))
        throw forbidden('Only the curator, their lead and managers can read this scorecard.');
      return { id: user.id, name: user.name };
    }
    const squad = await this.dataSource.manager.findOne(Squad, { where: { id: entity.squadId!, organizationId: ctx.organizationId } });
    if (!squad) throw notFound('Squad', entity.squadId);
    const [legion] = await this.dataSource.query(`SELECT kind FROM legion WHERE id = $1`, [squad.legionId]);
    if (legion.kind !== TeamKind.COURSE_SERVICE) throw badInput([{ field: 'squadId', message: 'is not a course-service squad' }]);
    if (!scope.all && !(scope.role !== Role.MEMBER && scope.manageSquadIds.includes(squad.id)) && !scope.readSquadIds.includes(squad.id)) {
      throw forbidden('Only the squad, its lead and managers can read this scorecard.');
    }
    return { id: squad.id, name: squad.name };
  }
}

export interface StudentFacts {
  enrollmentId: string;
  studentName: string;
  lastStudyDay: string | null;
  latestNps: number | null;
  installments: { paid: number; unpaid: number; overdue: number };
}
