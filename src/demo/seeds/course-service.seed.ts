import { mulberry32 } from '@lib/stats';
import { DateTime } from 'luxon';
import type { Db } from '../../database/transaction.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import type { CourseServiceService } from '../../course-service/index.js';
import { CsatResponse, Enrollment, EnrollmentStatus, FeedbackSource, NpsResponse, ProgressEvent, StudyDay } from '../../course-service/index.js';

const LESSONS = 24;

/**
 * Demo course service: the enrollments that the demo's paid orders created get a lesson count,
 * a progress history with study days, NPS and CSAT answers with a realistic spread.
 */
export function courseServiceDemo(_cs: CourseServiceService): DemoContributor {
  return {
    name: 'course-service',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const rnd = mulberry32(2026);
      const org = demo.organization.id;
      const zone = demo.organization.timeZone;
      const enrollments = await m.find(Enrollment, { where: { organizationId: org, status: EnrollmentStatus.ACTIVE }, order: { startDate: 'ASC', id: 'ASC' } });
      const now = DateTime.fromJSDate(demo.now, { zone });
      const events: Partial<ProgressEvent>[] = [];
      const days: Partial<StudyDay>[] = [];
      const nps: Partial<NpsResponse>[] = [];
      const csat: Partial<CsatResponse>[] = [];
      let n = 0;
      for (const e of enrollments) {
        const start = DateTime.fromISO(e.startDate, { zone });
        const elapsed = Math.max(0, Math.floor(now.diff(start, 'days').days));
        const diligence = 0.3 + rnd() * 0.7;
        let done = 0;
        for (let d = 0; d <= elapsed; d++) {
          if (rnd() > diligence * 0.6) continue;
          done = Math.min(LESSONS, done + 1);
          const at = start.plus({ days: d, hours: 19 + Math.floor(rnd() * 3) });
          if (at > now) break;
          events.push({
            organizationId: org,
            enrollmentId: e.id,
            externalEventId: `demo-lms-${++n}`,
            lessonsCompleted: done,
            lessonsTotal: LESSONS,
            occurredAt: at.toJSDate(),
          });
          days.push({ enrollmentId: e.id, day: at.toISODate()!, organizationId: org });
        }
        e.lessonsTotal = LESSONS;
        e.lessonsCompleted = done;
        e.progressAt = events.length ? (events[events.length - 1].occurredAt as Date) : null;
        if (done >= LESSONS) {
          e.status = EnrollmentStatus.COMPLETED;
          e.completedAt = e.progressAt;
          e.endedAt = e.progressAt;
        }
        await m.save(e);
        if (elapsed >= 14 && rnd() < 0.7) {
          const happy = diligence * 10 + rnd() * 3;
          const score = Math.max(0, Math.min(10, Math.round(happy)));
          const answeredAt = start.plus({ days: 14, hours: 12 }).toJSDate();
          nps.push({
            organizationId: org,
            enrollmentId: e.id,
            round: 'week-2',
            score,
            comment: score >= 9 ? 'Great curator, very responsive.' : score <= 6 ? 'Too fast for me.' : null,
            source: FeedbackSource.STUDENT,
            answeredAt,
          });
          csat.push({
            organizationId: org,
            enrollmentId: e.id,
            round: 'week-2',
            courseScore: Math.max(1, Math.min(5, Math.round(score / 2))),
            serviceScore: Math.max(1, Math.min(5, Math.round(score / 2 + rnd()))),
            comment: null,
            source: FeedbackSource.STUDENT,
            answeredAt,
          });
        }
      }
      for (let i = 0; i < events.length; i += 1000) await m.insert(ProgressEvent, events.slice(i, i + 1000));
      for (let i = 0; i < days.length; i += 1000)
        await m
          .createQueryBuilder()
          .insert()
          .into(StudyDay)
          .values(days.slice(i, i + 1000))
          .orIgnore()
          .execute();
      if (nps.length) await m.insert(NpsResponse, nps);
      if (csat.length) await m.insert(CsatResponse, csat);
    },
  };
}
