import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { badInput, notFound } from '../common/errors.js';
import { checkedNumber } from '../common/money.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { checkLocalRange } from '../metrics/index.js';
import { AccessService, OrganizationRepository } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { CourseQualityRepository, type CourseQualityRawRow } from './course-quality.repository.js';
import { CourseServiceRepository } from './course-service.repository.js';
import { CourseServiceService } from './course-service.service.js';
import { CourseQualityGroupBy, type CourseQualityInput, type RecordAttendanceInput } from './dto/course-quality.inputs.js';
import { ReadDb } from '../database/read-db.js';

export interface CourseQualityRow {
  groupKey: string | null;
  group: string;
  enrollments: number;
  endedEnrollments: number;
  completedByEnd: number;
  completionRate: number | null;
  sessionsReported: number;
  sessionsAttended: number;
  attendanceRate: number | null;
  npsAnswers: number;
  nps: number | null;
  csatAnswers: number;
  csatCourse: number | null;
  csatService: number | null;
  refunded: number;
  refundRate: number | null;
  repurchased: number;
  repurchaseRate: number | null;
}

const per = (num: number, den: number) => (den > 0 ? num / den : null);

/** Live-class attendance from the learning platform and the per-course / per-class quality view. */
@Injectable()
export class CourseQualityService {
  constructor(
    private readonly repo: CourseQualityRepository,
    private readonly enrollments: CourseServiceRepository,
    private readonly orgs: OrganizationRepository,
    private readonly readDb: ReadDb,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cs: CourseServiceService,
  ) {}

  /**
   * Records one attendance report: an API key with `lms:write`, or the curator / lead of the
   * student. Idempotent by externalEventId (the same event again answers `duplicate: true` and
   * changes nothing); for a session, the newest report (occurredAt) decides.
   */
  async recordAttendance(
    ctx: RequestContext,
    input: RecordAttendanceInput,
  ): Promise<{ enrollmentId: string; sessionKey: string; attended: boolean; duplicate: boolean }> {
    if (!input.enrollmentId && !input.externalRef) throw badInput([{ field: 'input.enrollmentId', message: 'give enrollmentId or externalRef' }]);
    const late = Date.now() + 5 * 60_000;
    const problems = [
      ...(input.occurredAt.getTime() > late ? [{ field: 'input.occurredAt', message: 'cannot be in the future' }] : []),
      ...(input.sessionAt.getTime() > late ? [{ field: 'input.sessionAt', message: 'cannot be in the future (report sessions that took place)' }] : []),
      ...(input.occurredAt < input.sessionAt ? [{ field: 'input.occurredAt', message: 'is before the session started' }] : []),
    ];
    if (problems.length) throw badInput(problems);
    const sessionKey = input.sessionKey.trim();
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async () => {
      const enrollment = await this.enrollments.enrollmentByRef(ctx.organizationId, input, false);
      if (!enrollment) throw notFound('Enrollment', input.enrollmentId ?? input.externalRef);
      if (scope) this.cs.assertCanWork(scope, enrollment);
      const inserted = await this.repo.insertAttendance({
        organizationId: ctx.organizationId,
        enrollmentId: enrollment.id,
        externalEventId: input.externalEventId,
        sessionKey,
        sessionAt: input.sessionAt,
        attended: input.attended,
        minutesAttended: input.minutesAttended ?? null,
        occurredAt: input.occurredAt,
      });
      const duplicate = !inserted;
      const latest = await this.repo.latestAttended(enrollment.id, sessionKey);
      if (!duplicate) {
        await this.audit.record(ctx, {
          entityType: 'Enrollment',
          entityId: enrollment.id,
          action: 'ATTENDANCE',
          diff: { sessionKey, attended: input.attended, eventId: input.externalEventId },
        });
      }
      return { enrollmentId: enrollment.id, sessionKey, attended: latest ?? input.attended, duplicate };
    });
  }

  /**
   * Quality per course (product) or class cohort over the enrollments started in [from, to)
   * that the caller may see (curators their students, course-service leads their squad's,
   * managers their legions', ADMIN all; pre-sales staff none). One statement after the checks.
   */
  async courseQuality(ctx: RequestContext, input: CourseQualityInput, now = new Date()): Promise<CourseQualityRow[]> {
    if (!Object.values(CourseQualityGroupBy).includes(input.groupBy)) {
      throw badInput([{ field: 'input.groupBy', message: `must be one of ${Object.values(CourseQualityGroupBy).join(', ')}` }]);
    }
    const org = await this.orgs.getOrganization(ctx.organizationId);
    checkLocalRange(org.timeZone, input, { from: 'input.from', to: 'input.to' });
    const scope = await this.access.scope(ctx);
    const reach = { all: scope.all, userId: scope.userId, role: scope.role, squadIds: scope.role === Role.MEMBER ? [] : scope.manageSquadIds };
    const byProduct = input.groupBy === CourseQualityGroupBy.PRODUCT;
    const rows = await this.readDb.run(() => this.repo.courseQuality(ctx.organizationId, byProduct, input.from, input.to, reach, now));
    return rows.map(toQualityRow);
  }
}

/** One group of the view: counts checked and turned into rates. */
function toQualityRow(r: CourseQualityRawRow): CourseQualityRow {
  const n = (v: unknown) => checkedNumber(v, 'Course quality');
  const enrollments = n(r.enrollments);
  const ended = n(r.ended);
  const sessions = n(r.sessions);
  const npsAnswers = n(r.nps_answers);
  const csatAnswers = n(r.csat_answers);
  return {
    groupKey: r.grp === '' ? null : r.grp,
    group: r.grp === '' ? '(no class)' : (r.label ?? String(r.grp)),
    enrollments,
    endedEnrollments: ended,
    completedByEnd: n(r.completed),
    completionRate: per(n(r.completed), ended),
    sessionsReported: sessions,
    sessionsAttended: n(r.attended),
    attendanceRate: per(n(r.attended), sessions),
    npsAnswers,
    nps: npsAnswers > 0 ? (100 * n(r.nps_net)) / npsAnswers : null,
    csatAnswers,
    csatCourse: per(n(r.csat_course), csatAnswers),
    csatService: per(n(r.csat_service), csatAnswers),
    refunded: n(r.refunded),
    refundRate: per(n(r.refunded), enrollments),
    repurchased: n(r.repurchased),
    repurchaseRate: per(n(r.repurchased), enrollments),
  };
}
