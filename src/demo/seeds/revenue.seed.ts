import { mulberry32 } from '@lib/stats';
import { DateTime } from 'luxon';
import type { Db } from '../../database/transaction.js';
import type { CommerceService } from '../../commerce/index.js';
import { InstallmentCarrier, type SalesOrder } from '../../commerce/index.js';
import { Product } from '../../commerce/index.js';
import { AcquisitionSpend } from '../../commerce/index.js';
import { AttendanceEvent } from '../../course-service/index.js';
import { Enrollment, EnrollmentStatus, NpsResponse, FeedbackSource, ProgressEvent } from '../../course-service/index.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { Lead, LeadSource, LeadStage } from '../../leads/index.js';
import type { LeadEvents } from '../../leads/index.js';
import { Cohort, CohortLead, CohortSquad, CohortType } from '../../sop/index.js';

const DAY = 86400_000;
const LESSONS = 24;

/** A distribution model of the demo: how its leads behave. */
interface Model {
  key: string;
  name: string;
  leads: number;
  /** Share of leads that pay the 9.90 camp first. */
  trial: number;
  conversion: number;
  /** Cumulative shares of the LOW, REGULAR (rest: ADVANCED) tiers among converting orders. */
  ladder: [number, number];
  referral: number;
  upsell: number;
  spend: number;
  /** Chance a student completes the class and attends a live session. */
  diligence: number;
}

const MODELS: Model[] = [
  {
    key: 'free_camp',
    name: 'Free 4-day camp',
    leads: 60,
    trial: 0,
    conversion: 0.07,
    ladder: [0.7, 1],
    referral: 0.1,
    upsell: 0.05,
    spend: 300000,
    diligence: 0.45,
  },
  {
    key: 'paid_camp',
    name: 'Paid 5-day camp (9.90)',
    leads: 28,
    trial: 0.5,
    conversion: 0.25,
    ladder: [0.35, 0.8],
    referral: 0.3,
    upsell: 0.2,
    spend: 400000,
    diligence: 0.7,
  },
  {
    key: 'trial_class',
    name: 'Trial class',
    leads: 30,
    trial: 0,
    conversion: 0.15,
    ladder: [0.4, 1],
    referral: 0.15,
    upsell: 0.1,
    spend: 250000,
    diligence: 0.55,
  },
];

/**
 * Demo data for the revenue reports (issue 18): cohort types, two months of historical camps of
 * each type (free camps convert worst, paid 9.90 camps best and sell up the 499 / 999 / 2,999
 * ladder), spend per camp, referrals, and the courses those sales started — ended by now, with
 * progress against per-course completion thresholds, live-class attendance and NPS — so
 * funnelComparison, unitEconomics, referralValue, cohortRevenue and courseQuality show real
 * differences. Everything goes through the real recording logic (orders, rollups, enrollments).
 */
export function revenueDemo(commerce: CommerceService, leadEvents: LeadEvents): DemoContributor {
  return {
    name: 'revenue reports',
    // Last: its ANALYZE at the end covers every contributor's rows.
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const rnd = mulberry32(18);

      const org = demo.organization.id;
      const zone = demo.organization.timeZone;
      const now = demo.now.getTime();
      const product = async (sku: string) => m.findOneOrFail(Product, { where: { organizationId: org, sku } });
      const [camp, low, regular, advanced] = [await product('CAMP-5D'), await product('COURSE-STD'), await product('COURSE-PLUS'), await product('ADV-PRO')];
      // Completion thresholds: the standard course counts 80 % of lessons, the advanced programme 70 %.
      await m.update(Product, { id: low.id }, { completionThresholdPct: 80 });
      await m.update(Product, { id: regular.id }, { completionThresholdPct: 80 });
      await m.update(Product, { id: advanced.id }, { completionThresholdPct: 70 });

      const types = new Map<string, CohortType>();
      for (const model of MODELS) types.set(model.key, await m.save(m.create(CohortType, { organizationId: org, key: model.key, name: model.name })));
      // The running demo camp (CAMP-5D at 9.90) is a paid camp.
      await m.update(Cohort, { organizationId: org }, { cohortTypeId: types.get('paid_camp')!.id });

      const [preSales] = await m.query(
        `SELECT v.id FROM playbook_version v JOIN playbook p ON p.id = v.playbook_id
          WHERE p.organization_id = $1 AND p.kind = 'PRE_SALES' AND v.status = 'PUBLISHED' ORDER BY v.created_at LIMIT 1`,
        [org],
      );
      const [courseService] = await m.query(
        `SELECT v.id FROM playbook_version v JOIN playbook p ON p.id = v.playbook_id
          WHERE p.organization_id = $1 AND p.kind = 'COURSE_SERVICE' AND v.status = 'PUBLISHED' ORDER BY v.created_at LIMIT 1`,
        [org],
      );
      if (!preSales) throw new Error('revenue demo: no published pre-sales playbook to attach camps to (the SOP demo must run first)');
      const reps = demo.preSalesSquads.flatMap((s) => (demo.repsBySquad.get(s.id) ?? []).map((r) => ({ rep: r, squadId: s.id })));
      let seq = 0;
      let pay = 0;
      const clamp = (t: number) => new Date(Math.min(t, now - 60_000));
      const record = (leadId: string, p: Product, amount: number, paidAt: Date): Promise<SalesOrder> =>
        commerce
          .recordOrder(demo.ctx, {
            externalId: `demo-rev-${++pay}`,
            leadId,
            productId: p.id,
            amount,
            paidAt,
            installmentCount: 1,
            installmentCarrier: InstallmentCarrier.PARTNER,
          })
          .then((r) => r.order);
      /** Leads created and assigned in one batch (one assignment event for all of them, as intake routing does). */
      const newLeads = async (specs: { name: string; createdAt: Date; owner: (typeof reps)[number]; referredByLeadId?: string | null }[]) => {
        const rows = specs.map((x) =>
          m.create(Lead, {
            organizationId: org,
            name: x.name,
            email: `${x.name.toLowerCase().replace(/\W+/g, '.')}.${++seq}@demo.example`,
            phone: null,
            source: x.referredByLeadId ? LeadSource.REFERRAL : LeadSource.AD,
            referredByLeadId: x.referredByLeadId ?? null,
            ownerId: x.owner.rep.id,
            squadId: x.owner.squadId,
            assignedAt: x.createdAt,
            stage: LeadStage.INTRO,
            stageChangedAt: x.createdAt,
            createdAt: x.createdAt,
          }),
        );
        const saved = await m.save(rows, { chunk: 200 });
        await leadEvents.fireAssigned(
          demo.ctx,
          saved.map((lead) => ({
            organizationId: org,
            leadId: lead.id,
            fromOwnerId: null,
            toOwnerId: lead.ownerId,
            squadId: lead.squadId,
            fromSquadId: null,
            at: lead.createdAt,
          })),
        );
        return saved;
      };

      const orders: { order: SalesOrder; model: Model; classId: string | null }[] = [];
      for (const daysAgo of [160, 130]) {
        const start = DateTime.fromMillis(now - daysAgo * DAY, { zone }).startOf('day');
        const month = start.toFormat('LLLL');
        const classCohort = courseService
          ? await m.save(
              m.create(Cohort, {
                organizationId: org,
                name: `Class — ${month} ${start.year}`,
                startDate: start.plus({ days: 10 }).toISODate()!,
                timeZone: zone,
                playbookVersionId: courseService.id,
                productName: null,
                offerDeadline: null,
                createdById: null,
              }),
            )
          : null;
        if (classCohort)
          await m.insert(
            CohortSquad,
            demo.courseServiceSquads.map((s) => ({ cohortId: classCohort.id, squadId: s.id })),
          );
        for (const model of MODELS) {
          const cohort = await m.save(
            m.create(Cohort, {
              organizationId: org,
              name: `${model.name} — ${month} ${start.year}`,
              startDate: start.toISODate()!,
              timeZone: zone,
              playbookVersionId: preSales.id,
              cohortTypeId: types.get(model.key)!.id,
              productName: null,
              offerDeadline: null,
              createdById: null,
            }),
          );
          await m.insert(
            CohortSquad,
            demo.preSalesSquads.map((s) => ({ cohortId: cohort.id, squadId: s.id })),
          );
          await m.insert(AcquisitionSpend, {
            organizationId: org,
            day: start.toISODate()!,
            channel: LeadSource.AD,
            campaign: null,
            cohortRef: null,
            cohortId: cohort.id,
            amount: model.spend,
            externalId: null,
            note: 'demo',
          });
          // Deterministic counts (every k-th lead converts, every k-th customer refers a friend), random details.
          const nth = (i: number, share: number) => Math.floor((i + 1) * share) > Math.floor(i * share);
          let customers = 0;
          const leads = await newLeads(
            Array.from({ length: model.leads }, (_, i) => ({
              name: `${model.key.replace('_', ' ')} ${month} ${i + 1}`,
              createdAt: new Date(start.toMillis() - DAY + Math.floor(rnd() * 20) * 3600_000),
              owner: reps[(seq + i) % reps.length],
            })),
          );
          await m.insert(
            CohortLead,
            leads.map((lead) => ({ cohortId: cohort.id, leadId: lead.id })),
          );
          const friends: { name: string; createdAt: Date; owner: (typeof reps)[number]; referredByLeadId: string; paidAt: Date }[] = [];
          for (let i = 0; i < leads.length; i++) {
            const lead = leads[i];
            if (rnd() < model.trial) await record(lead.id, camp, 990, clamp(start.toMillis() + 2 * 3600_000));
            if (!nth(i, model.conversion)) continue;
            const pick = rnd();
            const course = pick < model.ladder[0] ? low : pick < model.ladder[1] ? regular : advanced;
            const paidAt = clamp(start.toMillis() + (4 + Math.floor(rnd() * 4)) * DAY + 12 * 3600_000);
            orders.push({ order: await record(lead.id, course, course.listPrice, paidAt), model, classId: classCohort?.id ?? null });
            if (course !== advanced && rnd() < model.upsell) {
              const next = course === low ? regular : advanced;
              await record(lead.id, next, next.listPrice, clamp(paidAt.getTime() + 45 * DAY));
            }
            if (nth(customers++, model.referral)) {
              const owner = reps.find((r) => r.rep.id === lead.ownerId) ?? reps[0];
              friends.push({
                name: `friend of ${lead.name}`,
                createdAt: clamp(paidAt.getTime() + 20 * DAY),
                owner,
                referredByLeadId: lead.id,
                paidAt: clamp(paidAt.getTime() + 25 * DAY),
              });
            }
          }
          const referred = await newLeads(friends);
          for (let i = 0; i < referred.length; i++) await record(referred[i].id, low, low.listPrice, friends[i].paidAt);
        }
      }

      // The courses those sales started (90 days: ended by now): progress, attendance, NPS.
      const progress: Partial<ProgressEvent>[] = [];
      const attendance: Partial<AttendanceEvent>[] = [];
      const nps: Partial<NpsResponse>[] = [];
      let ev = 0;
      for (const { order, model, classId } of orders) {
        const e = await m.findOne(Enrollment, { where: { organizationId: org, orderId: order.id } });
        if (!e || e.status !== EnrollmentStatus.ACTIVE) continue;
        const start = DateTime.fromISO(e.startDate, { zone });
        const completes = rnd() < model.diligence;
        const finalLessons = completes ? LESSONS - Math.floor(rnd() * 3) : 4 + Math.floor(rnd() * 12);
        for (let step = 1; step <= 4; step++) {
          const at = start.plus({ days: step * 20, hours: 20 });
          if (at.toMillis() > now) break;
          progress.push({
            organizationId: org,
            enrollmentId: e.id,
            externalEventId: `demo-rev-lms-${++ev}`,
            lessonsCompleted: Math.round((finalLessons * step) / 4),
            lessonsTotal: LESSONS,
            occurredAt: at.toJSDate(),
          });
        }
        e.lessonsTotal = LESSONS;
        e.lessonsCompleted = finalLessons;
        e.classCohortId = classId;
        if (finalLessons >= LESSONS) {
          e.status = EnrollmentStatus.COMPLETED;
          e.completedAt = start.plus({ days: 80, hours: 20 }).toJSDate();
          e.endedAt = e.completedAt;
        }
        e.progressAt = progress.length ? (progress[progress.length - 1].occurredAt as Date) : null;
        await m.save(e);
        for (let week = 1; week <= 12; week++) {
          const sessionAt = start.plus({ weeks: week, hours: 20 });
          if (sessionAt.toMillis() > now) break;
          attendance.push({
            organizationId: org,
            enrollmentId: e.id,
            externalEventId: `demo-rev-att-${++ev}`,
            sessionKey: `week-${week}-live`,
            sessionAt: sessionAt.toJSDate(),
            attended: rnd() < model.diligence + 0.15,
            minutesAttended: null,
            occurredAt: sessionAt.plus({ hours: 2 }).toJSDate(),
          });
        }
        const score = Math.max(0, Math.min(10, Math.round(model.diligence * 10 + rnd() * 4 - 1)));
        nps.push({
          organizationId: org,
          enrollmentId: e.id,
          round: 'course-end',
          score,
          comment: null,
          source: FeedbackSource.STUDENT,
          answeredAt: start.plus({ days: 85 }).toJSDate(),
        });
      }
      if (progress.length) await m.insert(ProgressEvent, progress);
      if (attendance.length) await m.insert(AttendanceEvent, attendance);
      if (nps.length) await m.insert(NpsResponse, nps);
      // The embedded database never analyzes by itself: give the planner statistics for the reports.
      await m.query('ANALYZE');
    },
  };
}
