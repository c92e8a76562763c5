import { DateTime } from 'luxon';
import type { Db } from '../../database/transaction.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { Enrollment, EnrollmentStatus, FeedbackSource, NpsResponse } from '../../course-service/index.js';
import { Intervention, InterventionChannel, InterventionOutcome, InterventionReason } from '../../course-service/index.js';
import { riskReasonsAt } from '../../course-service/index.js';

/**
 * Demo at-risk students and interventions: of the running enrollments with a curator (started at
 * least two weeks ago), the first one stops studying nine days ago and answers NPS 4 yesterday;
 * the second answers NPS 3 yesterday. Their curator called the first two days ago (no answer)
 * and messaged the second yesterday; a third student got a check-in call.
 */
export function interventionsDemo(): DemoContributor {
  return {
    name: 'course-service-interventions',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const org = demo.organization.id;
      const zone = demo.organization.timeZone;
      const now = DateTime.fromJSDate(demo.now, { zone });
      const today = now.toISODate()!;
      const candidates = await m
        .createQueryBuilder(Enrollment, 'e')
        .where('e.organization_id = :org AND e.status = :active AND e.curator_id IS NOT NULL', { org, active: EnrollmentStatus.ACTIVE })
        .andWhere('e.start_date <= :started AND e.end_date >= :today', { started: now.minus({ days: 14 }).toISODate(), today })
        .orderBy('e.start_date', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .take(3)
        .getMany();
      if (candidates.length < 3) return;
      const [idle, unhappy, fine] = candidates;
      // The first student's last nine days of study never happened.
      const cut = now.minus({ days: 9 }).startOf('day');
      await m.query(`DELETE FROM progress_event WHERE enrollment_id = $1 AND occurred_at >= $2`, [idle.id, cut.toJSDate()]);
      await m.query(`DELETE FROM study_day WHERE enrollment_id = $1 AND day >= $2::date`, [idle.id, cut.toISODate()]);
      const [last] = await m.query(`SELECT max(lessons_completed) AS done, max(occurred_at) AS at FROM progress_event WHERE enrollment_id = $1`, [idle.id]);
      await m.update(Enrollment, { id: idle.id }, { lessonsCompleted: Number(last?.done ?? 0), progressAt: last?.at ?? null });
      const yesterday = now.minus({ days: 1 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
      for (const [e, score] of [
        [idle, 4],
        [unhappy, 3],
      ] as const) {
        await m.query(`DELETE FROM nps_response WHERE enrollment_id = $1 AND round = 'check-in'`, [e.id]);
        await m.insert(NpsResponse, {
          organizationId: org,
          enrollmentId: e.id,
          round: 'check-in',
          score,
          comment: score === 4 ? 'No time lately, feel behind.' : 'Lessons are too fast.',
          source: FeedbackSource.STUDENT,
          answeredAt: yesterday.toJSDate(),
        });
      }
      const log = async (e: Enrollment, at: DateTime, channel: InterventionChannel, reason: InterventionReason, outcome: InterventionOutcome, note: string) => {
        const reasons = await riskReasonsAt(db, org, e.id, at.toJSDate(), zone);
        await m.insert(Intervention, {
          organizationId: org,
          enrollmentId: e.id,
          leadId: e.leadId,
          authorId: e.curatorId,
          curatorId: e.curatorId,
          curatorSquadId: e.curatorSquadId,
          channel,
          reason,
          outcome,
          note,
          atRiskReasons: reasons.map((r) => r.code),
          occurredAt: at.toJSDate(),
        });
      };
      await log(
        idle,
        now.minus({ days: 2 }).set({ hour: 11, minute: 0 }),
        InterventionChannel.CALL,
        InterventionReason.NO_STUDY,
        InterventionOutcome.NO_ANSWER,
        'Called twice, no answer.',
      );
      await log(
        unhappy,
        now.minus({ hours: 3 }),
        InterventionChannel.MESSAGE,
        InterventionReason.NPS_DETRACTOR,
        InterventionOutcome.NEEDS_HELP,
        'Offered a slower track.',
      );
      await log(fine, now.minus({ days: 5 }), InterventionChannel.CALL, InterventionReason.OTHER, InterventionOutcome.REACHED, 'Two-week check-in.');
    },
  };
}
