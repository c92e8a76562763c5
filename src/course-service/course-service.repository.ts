import { Injectable } from '@nestjs/common';
import type { DeepPartial } from 'typeorm';
import { orderRowSql, Product } from '../commerce/index.js';
import { Db } from '../database/transaction.js';
import { Survey, SurveyVersion } from '../intake/index.js';
import { Lead, leadRowSql } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { cohortRowSql } from '../sop/index.js';
import type { EnrollmentsFilterArgs } from './dto/course-service.inputs.js';
import { applyKeyset, keysetAfter } from '../common/graphql/keyset.js';
import { ClubMembership, CsatResponse, Enrollment, EnrollmentStatus, NpsResponse, ProgressEvent, StudyDay } from './entities/enrollment.entity.js';
import { CourseServiceSettings } from './entities/settings.entity.js';

/** A curator who may take a new student: their squad and their ACTIVE / all-time student counts. */
export interface CuratorCandidate {
  id: string;
  squadId: string;
  active: number;
  total: number;
}

/** A student's latest club membership (`CourseServiceRepository.latestClubMemberships`). */
export interface LatestClubMembership {
  id: string;
  leadId: string;
  leadName: string;
  startsAt: Date;
  expiresAt: Date;
  curatorId: string | null;
  curatorSquadId: string | null;
  memberships: number;
}

/** What the students list shows of an enrollment (`CourseServiceRepository.studentFacts`). */
export interface StudentFactsRow {
  enrollmentId: string;
  studentName: string;
  lastStudyDay: string | null;
  latestNps: number | null;
  installments: { paid: number; unpaid: number; overdue: number };
}

/** The filters of a page of enrollments (`CourseServiceRepository.enrollmentsPage`). */
export interface EnrollmentsPageQuery {
  organizationId: string;
  /** Null: every enrollment; else the caller's own students and those of these squads. */
  reach: { self: string | null; squadIds: string[] } | null;
  filter: EnrollmentsFilterArgs & { period?: { startDate: string; endDate: string } };
  after?: string | null;
  limit: number;
}

/**
 * Every statement on enrollments, progress, study days, feedback, club memberships and the
 * course-service settings; plus the few reads of other contexts' rows an enrollment needs (the
 * lead, the product, the onboarding survey) until those contexts export repositories of their own.
 */
@Injectable()
export class CourseServiceRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------ settings

  /** The organization's settings, or the defaults (not saved) when it has none. */
  async settingsOrDefault(organizationId: string): Promise<CourseServiceSettings> {
    const m = this.db.manager;
    return (
      (await m.findOne(CourseServiceSettings, { where: { organizationId } })) ??
      m.create(CourseServiceSettings, { organizationId, curatorCapacity: 60, squadIds: null, defaultCourseDays: 90 })
    );
  }

  /** Writes the settings (insert or update). */
  async saveSettings(s: CourseServiceSettings): Promise<void> {
    await this.db.manager.save(s);
  }

  // ------------------------------------------------------------------ enrollments

  /** Reads one enrollment of the organization, or null. */
  findEnrollment(organizationId: string, id: string): Promise<Enrollment | null> {
    return this.db.manager.findOne(Enrollment, { where: { id, organizationId } });
  }

  /** The enrollment a paid order created, or null. */
  enrollmentOfOrder(organizationId: string, orderId: string): Promise<Enrollment | null> {
    return this.db.manager.findOne(Enrollment, { where: { orderId, organizationId } });
  }

  /** The lead's enrollments. */
  enrollmentsOfLead(organizationId: string, leadId: string): Promise<Enrollment[]> {
    return this.db.manager.find(Enrollment, { where: { leadId, organizationId } });
  }

  /** The lead's latest ACTIVE enrollment (by start date), or null. */
  activeEnrollmentOfLead(organizationId: string, leadId: string): Promise<Enrollment | null> {
    return this.db.manager.findOne(Enrollment, {
      where: { leadId, organizationId, status: EnrollmentStatus.ACTIVE },
      order: { startDate: 'DESC', id: 'DESC' },
    });
  }

  /** The lead's latest COMPLETED enrollment (by completion), or null. */
  lastCompletedEnrollment(organizationId: string, leadId: string): Promise<Enrollment | null> {
    return this.db.manager.findOne(Enrollment, {
      where: { leadId, organizationId, status: EnrollmentStatus.COMPLETED },
      order: { completedAt: 'DESC' },
    });
  }

  /** The enrollment by id or by the learning platform's reference, optionally locked until the transaction ends. */
  enrollmentByRef(organizationId: string, ref: { enrollmentId?: string | null; externalRef?: string | null }, lock: boolean): Promise<Enrollment | null> {
    const qb = this.db.manager.createQueryBuilder(Enrollment, 'e');
    if (lock) qb.setLock('pessimistic_write');
    return qb
      .where('e.organization_id = :org', { org: organizationId })
      .andWhere(ref.enrollmentId ? 'e.id = :ref' : 'e.external_ref = :ref', { ref: ref.enrollmentId ?? ref.externalRef })
      .getOne();
  }

  /** Inserts an enrollment. */
  createEnrollment(values: DeepPartial<Enrollment>): Promise<Enrollment> {
    const m = this.db.manager;
    return m.save(m.create(Enrollment, values));
  }

  /** Writes an enrollment's changed fields. */
  async saveEnrollment(e: Enrollment): Promise<void> {
    await this.db.manager.save(e);
  }

  /** Sets some fields of an enrollment. */
  async updateEnrollment(id: string, values: Partial<Pick<Enrollment, 'status' | 'endedAt' | 'classCohortId'>>): Promise<void> {
    await this.db.manager.update(Enrollment, { id }, values);
  }

  /** One page of enrollments by (start date, id) descending, with the filters of the students list. */
  enrollmentsPage(q: EnrollmentsPageQuery): Promise<Enrollment[]> {
    const qb = this.db.manager.createQueryBuilder(Enrollment, 'e').where('e.organization_id = :org', { org: q.organizationId });
    if (q.reach) qb.andWhere('(e.curator_id = :self OR e.curator_squad_id = ANY(:squads))', { self: q.reach.self, squads: q.reach.squadIds });
    const f = q.filter;
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.curatorId) qb.andWhere('e.curator_id = :curatorId', { curatorId: f.curatorId });
    if (f.squadId) qb.andWhere('e.curator_squad_id = :squadId', { squadId: f.squadId });
    if (f.period) qb.andWhere('e.start_date < :pEnd AND e.end_date >= :pStart', { pStart: f.period.startDate, pEnd: f.period.endDate });
    return applyKeyset(qb, { sort: 'e.start_date', id: 'e.id', direction: 'DESC', limit: q.limit, after: keysetAfter(q.after) }).getMany();
  }

  /**
   * Serializes curator assignment in the organization until the transaction ends, then lists the
   * active MEMBERs of its course-service squads (or of `squadIds`) with their ACTIVE and all-time
   * student counts, least loaded first (ties: fewest ever, then id).
   */
  async lockAndListCuratorCandidates(organizationId: string, squadIds: string[] | null): Promise<CuratorCandidate[]> {
    await this.db.query(`SELECT pg_advisory_xact_lock(74211, hashtext($1))`, [organizationId]);
    const rows: { id: string; squad_id: string; active: string; total: string }[] = await this.db.query(
      `SELECT u.id, sm.squad_id,
              (SELECT count(*) FROM enrollment e WHERE e.curator_id = u.id AND e.status = 'ACTIVE') AS active,
              (SELECT count(*) FROM enrollment e WHERE e.curator_id = u.id) AS total
       FROM ${orgSql.user.as('u')}
       JOIN ${orgSql.membership.as('sm')} ON sm.user_id = u.id AND sm.valid_to IS NULL
       JOIN ${orgSql.squad.as('s')} ON s.id = sm.squad_id JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id
       WHERE u.organization_id = $1 AND u.active AND u.role = 'MEMBER' AND l.kind = 'COURSE_SERVICE'
         AND ($2::uuid[] IS NULL OR sm.squad_id = ANY($2::uuid[]))
       ORDER BY 3, 4, u.id`,
      [organizationId, squadIds],
    );
    return rows.map((r) => ({ id: r.id, squadId: r.squad_id, active: Number(r.active), total: Number(r.total) }));
  }

  /** The current squad of the user if it is a course-service squad of the organization, else null. */
  async currentCourseServiceSquad(organizationId: string, userId: string): Promise<string | null> {
    const [row]: { squad_id: string }[] = await this.db.query(
      `SELECT sm.squad_id FROM ${orgSql.membership.as('sm')} JOIN ${orgSql.squad.as('s')} ON s.id = sm.squad_id JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id
           WHERE sm.user_id = $1 AND sm.valid_to IS NULL AND sm.organization_id = $2 AND l.kind = 'COURSE_SERVICE'`,
      [userId, organizationId],
    );
    return row?.squad_id ?? null;
  }

  /**
   * What the students list shows of each enrollment, in one statement: the student's name, the
   * last local day with study activity, the latest NPS score, and the installments of the
   * student's orders that are not refunded (paid, unpaid, unpaid and due before `today`).
   */
  async studentFacts(organizationId: string, enrollmentIds: readonly string[], today: string | null): Promise<StudentFactsRow[]> {
    const installments = orderRowSql.installmentsOfLead('i', 'e.lead_id', 'e.organization_id');
    const rows: {
      id: string;
      name: string;
      last_study_day: string | null;
      nps: number | null;
      paid: string | number;
      unpaid: string | number;
      overdue: string | number;
    }[] = await this.db.query(
      `SELECT e.id, l.name,
           (SELECT max(d.day)::text FROM study_day d WHERE d.enrollment_id = e.id) AS last_study_day,
           (SELECT n.score FROM nps_response n WHERE n.enrollment_id = e.id ORDER BY n.answered_at DESC, n.id DESC LIMIT 1) AS nps,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NOT NULL) ${installments}) AS paid,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NULL) ${installments}) AS unpaid,
           (SELECT count(*) FILTER (WHERE i.paid_at IS NULL AND i.due_date < $3::date) ${installments}) AS overdue
         FROM enrollment e JOIN ${leadRowSql.from('l')} ON l.id = e.lead_id
         WHERE e.organization_id = $1 AND e.id = ANY($2)`,
      [organizationId, [...enrollmentIds], today],
    );
    return rows.map((r) => ({
      enrollmentId: r.id,
      studentName: r.name,
      lastStudyDay: r.last_study_day,
      latestNps: r.nps == null ? null : Number(r.nps),
      installments: { paid: Number(r.paid), unpaid: Number(r.unpaid), overdue: Number(r.overdue) },
    }));
  }

  // ------------------------------------------------------------------ progress

  /** Inserts a progress event unless its external id was seen; true when inserted. */
  async insertProgressEvent(
    values: Pick<ProgressEvent, 'organizationId' | 'enrollmentId' | 'externalEventId' | 'lessonsCompleted' | 'lessonsTotal' | 'occurredAt'>,
  ): Promise<boolean> {
    const res = await this.db.manager.createQueryBuilder().insert().into(ProgressEvent).values(values).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }

  /** Marks a local day as a study day of the enrollment (once). */
  async markStudyDay(organizationId: string, enrollmentId: string, day: string): Promise<void> {
    await this.db.manager.createQueryBuilder().insert().into(StudyDay).values({ enrollmentId, day, organizationId }).orIgnore().execute();
  }

  // ------------------------------------------------------------------ feedback

  /** Inserts an NPS answer unless the round was answered; true when inserted. */
  async insertNps(values: Pick<NpsResponse, 'organizationId' | 'enrollmentId' | 'round' | 'score' | 'comment' | 'source' | 'answeredAt'>): Promise<boolean> {
    const res = await this.db.manager.createQueryBuilder().insert().into(NpsResponse).values(values).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }

  /** The enrollment's NPS answer of a round (throws when there is none). */
  npsOfRound(enrollmentId: string, round: string): Promise<NpsResponse> {
    return this.db.manager.findOneOrFail(NpsResponse, { where: { enrollmentId, round } });
  }

  /** Inserts a CSAT answer unless the round was answered; true when inserted. */
  async insertCsat(
    values: Pick<CsatResponse, 'organizationId' | 'enrollmentId' | 'round' | 'courseScore' | 'serviceScore' | 'comment' | 'source' | 'answeredAt'>,
  ): Promise<boolean> {
    const res = await this.db.manager.createQueryBuilder().insert().into(CsatResponse).values(values).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }

  /** The enrollment's CSAT answer of a round (throws when there is none). */
  csatOfRound(enrollmentId: string, round: string): Promise<CsatResponse> {
    return this.db.manager.findOneOrFail(CsatResponse, { where: { enrollmentId, round } });
  }

  /** NPS answers of these enrollments, oldest first. */
  npsResponses(organizationId: string, enrollmentIds: readonly string[]): Promise<NpsResponse[]> {
    return this.db.manager
      .createQueryBuilder(NpsResponse, 'n')
      .where('n.organization_id = :org AND n.enrollment_id = ANY(:ids)', { org: organizationId, ids: [...enrollmentIds] })
      .orderBy('n.answered_at', 'ASC')
      .getMany();
  }

  /** CSAT answers of these enrollments, oldest first. */
  csatResponses(organizationId: string, enrollmentIds: readonly string[]): Promise<CsatResponse[]> {
    return this.db.manager
      .createQueryBuilder(CsatResponse, 'c')
      .where('c.organization_id = :org AND c.enrollment_id = ANY(:ids)', { org: organizationId, ids: [...enrollmentIds] })
      .orderBy('c.answered_at', 'ASC')
      .getMany();
  }

  // ------------------------------------------------------------------ club

  /** When the lead's club memberships that started before `before` end, at the latest; null if none. */
  async previousClubExpiry(organizationId: string, leadId: string, before: Date): Promise<Date | null> {
    const [prev] = await this.db.query<{ expires_at: Date | null }>(
      `SELECT max(expires_at) AS expires_at FROM club_membership WHERE lead_id = $1 AND organization_id = $3 AND starts_at < $2`,
      [leadId, before, organizationId],
    );
    return prev?.expires_at ? new Date(prev.expires_at) : null;
  }

  /** Inserts a club membership. */
  createClubMembership(values: DeepPartial<ClubMembership>): Promise<ClubMembership> {
    const m = this.db.manager;
    return m.save(m.create(ClubMembership, values));
  }

  /**
   * Each student's latest club membership (the one that expires last) with their number of
   * memberships and name, for the students within `reach` (their curator, or one of the squads)
   * and optionally of one curator squad.
   */
  async latestClubMemberships(
    organizationId: string,
    reach: { self: string | null; squadIds: string[] } | null,
    squadId: string | null,
  ): Promise<LatestClubMembership[]> {
    const params: unknown[] = [organizationId];
    const where: string[] = [];
    if (reach) {
      params.push(reach.self, reach.squadIds);
      where.push(`(c.curator_id = $2 OR c.curator_squad_id = ANY($3::uuid[]))`);
    }
    if (squadId) {
      params.push(squadId);
      where.push(`c.curator_squad_id = $${params.length}`);
    }
    const rows: {
      id: string;
      lead_id: string;
      lead_name: string;
      starts_at: Date;
      expires_at: Date;
      curator_id: string | null;
      curator_squad_id: string | null;
      memberships: number;
    }[] = await this.db.query(
      `SELECT c.*, l.name AS lead_name FROM (
           SELECT DISTINCT ON (cm.lead_id) cm.id, cm.lead_id, cm.starts_at, cm.expires_at, cm.curator_id, cm.curator_squad_id,
                  count(*) OVER (PARTITION BY cm.lead_id)::int AS memberships
           FROM club_membership cm WHERE cm.organization_id = $1
           ORDER BY cm.lead_id, cm.expires_at DESC, cm.id DESC) c
         JOIN ${leadRowSql.from('l')} ON l.id = c.lead_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      leadId: r.lead_id,
      leadName: r.lead_name,
      startsAt: new Date(r.starts_at),
      expiresAt: new Date(r.expires_at),
      curatorId: r.curator_id,
      curatorSquadId: r.curator_squad_id,
      memberships: Number(r.memberships),
    }));
  }

  /** Ends the club memberships bought with the order at `at`. */
  async expireClubMembershipsOfOrder(organizationId: string, orderId: string, at: Date): Promise<void> {
    await this.db.manager.update(ClubMembership, { orderId, organizationId }, { expiresAt: at });
  }

  // ------------------------------------------------------------------ other contexts' rows

  /** The lead (leads context) of the organization, or null. */
  findLead(organizationId: string, id: string): Promise<Lead | null> {
    return this.db.manager.findOne(Lead, { where: { id, organizationId } });
  }

  /** The lead (leads context); throws when there is none. */
  getLead(id: string): Promise<Lead> {
    return this.db.manager.findOneOrFail(Lead, { where: { id } });
  }

  /** Sets the lead's persona (the onboarding result). */
  async setLeadPersona(leadId: string, persona: string | null): Promise<void> {
    await this.db.manager.update(Lead, { id: leadId }, { persona });
  }

  /** The product (commerce context) of the organization, or null. */
  findProduct(organizationId: string, id: string): Promise<Product | null> {
    return this.db.manager.findOne(Product, { where: { id, organizationId } });
  }

  /** The survey (intake context) of the organization, or null. */
  findSurvey(organizationId: string, id: string): Promise<Survey | null> {
    return this.db.manager.findOne(Survey, { where: { id, organizationId } });
  }

  /** A survey version (intake context); throws when there is none. */
  getSurveyVersion(id: string): Promise<SurveyVersion> {
    return this.db.manager.findOneOrFail(SurveyVersion, { where: { id } });
  }

  /** The lead of an order of the organization and who it is credited to; null when there is no such order. */
  async orderFacts(organizationId: string, orderId: string): Promise<{ leadId: string; creditedRepId: string | null; creditedSquadId: string | null } | null> {
    const [o]: { lead_id: string; credited_rep_id: string | null; credited_squad_id: string | null }[] = await this.db.query(
      `SELECT lead_id, credited_rep_id, credited_squad_id FROM ${orderRowSql.orderFrom('so')} WHERE id = $1 AND organization_id = $2`,
      [orderId, organizationId],
    );
    return o ? { leadId: o.lead_id, creditedRepId: o.credited_rep_id, creditedSquadId: o.credited_squad_id } : null;
  }

  /** The playbook version of the product's latest class running a course-service playbook, or null. */
  async latestCourseServiceRun(organizationId: string, productId: string): Promise<{ versionId: string; name: string; number: number } | null> {
    const [last]: { playbook_version_id: string; name: string; number: number }[] = await this.db.query(
      cohortRowSql.latestCourseServiceRunOfProduct('$1', '$2'),
      [organizationId, productId],
    );
    return last ? { versionId: last.playbook_version_id, name: last.name, number: last.number } : null;
  }
}
