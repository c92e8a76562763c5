import { binomialSample, mulberry32 } from '@lib/stats';
import { DateTime } from 'luxon';
import type { Db } from '../../database/transaction.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditEvent } from '../../audit/index.js';
import type { DemoContributor, DemoOrg, DemoPerson } from '../demo.service.js';
import type { Squad } from '../../organization/index.js';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, MetricKind, RandomizationUnit } from '../../experiments/index.js';
import { Experiment, ExperimentAdoption, ExperimentDataEntry, ExperimentVariant } from '../../experiments/index.js';
import { analyzeDailyCounts, type DailyCount } from '../../experiments/index.js';
import { verdictWarnings } from '../../experiments/index.js';

interface DemoVariant {
  key: string;
  description: string;
  /** True conversion rate the numbers are drawn from. */
  rate: number;
  weight?: number;
  /** Multiplies the daily exposures (≠ weight share → sample ratio mismatch). */
  traffic?: number;
  script?: string;
}

interface DemoExperiment {
  squad: string;
  owner: 'lead' | number;
  title: string;
  hypothesis: string;
  tags: string[];
  metricKey: string;
  metricKind?: MetricKind;
  mode?: AnalysisMode;
  mde: number;
  planned?: number;
  tau?: number;
  status: ExperimentStatus;
  startDaysAgo?: number;
  days?: number;
  dailyExposures?: number;
  variants: DemoVariant[];
  verdict?: ExperimentVerdict;
  summary?: string;
  publishedDaysAgo?: number;
  note?: string;
  adoptedBy?: { squad: string; daysAgo: number }[];
  correction?: boolean;
}

const EXPERIMENTS: DemoExperiment[] = [
  {
    squad: 'Tigers',
    owner: 1,
    title: 'Voice note instead of text for the first message',
    hypothesis: 'A 20-second voice note feels personal; more prospects will reply than to a text greeting.',
    tags: ['first-contact', 'voice'],
    metricKey: 'replied',
    mde: 0.03,
    planned: 1800,
    status: ExperimentStatus.PUBLISHED,
    startDaysAgo: 24,
    days: 14,
    dailyExposures: 150,
    variants: [
      { key: 'control', description: 'Text greeting from the script', rate: 0.22 },
      { key: 'voice-note', description: '20-second voice note with the same content', rate: 0.285, script: 'Hi {name}, this is {rep} from Bright Path…' },
    ],
    verdict: ExperimentVerdict.WIN,
    summary: 'Voice notes lift first replies by about 6 points; every arm passed the planned sample and the allocation was clean.',
    publishedDaysAgo: 6,
    note: 'Switch first contact to voice notes; keep them under 30 seconds.',
    adoptedBy: [
      { squad: 'Falcons', daysAgo: 5 },
      { squad: 'Wolves', daysAgo: 3 },
    ],
    correction: true,
  },
  {
    squad: 'Falcons',
    owner: 2,
    title: '48-hour payment deadline instead of 24 hours',
    hypothesis: 'A longer deadline lowers pressure and lets more parents pay.',
    tags: ['deadline', 'pricing'],
    metricKey: 'paid_within_7d',
    mde: 0.02,
    planned: 1500,
    status: ExperimentStatus.CONCLUDED,
    startDaysAgo: 20,
    days: 13,
    dailyExposures: 125,
    variants: [
      { key: 'control', description: '24-hour deadline', rate: 0.08 },
      { key: 'deadline-48h', description: '48-hour deadline', rate: 0.083 },
    ],
    verdict: ExperimentVerdict.INCONCLUSIVE,
    summary: 'No measurable difference at the planned sample; the deadline length does not matter much.',
  },
  {
    squad: 'Stars',
    owner: 1,
    title: 'Referral ask in week 2 instead of week 4',
    hypothesis: 'Students are most enthusiastic in week 2; asking then yields more referrals.',
    tags: ['referral'],
    metricKey: 'referred_a_friend',
    mde: 0.02,
    planned: 2000,
    status: ExperimentStatus.RUNNING,
    startDaysAgo: 10,
    days: 10,
    dailyExposures: 110,
    variants: [
      { key: 'control', description: 'Ask in week 4', rate: 0.05 },
      { key: 'week-2', description: 'Ask in week 2', rate: 0.06, traffic: 0.78 },
    ],
  },
  {
    squad: 'Wolves',
    owner: 1,
    title: "Opening line with the student's name",
    hypothesis: "Using the child's name in the first line shows we listened and raises replies.",
    tags: ['first-contact', 'personalization'],
    metricKey: 'replied',
    mode: AnalysisMode.SEQUENTIAL,
    mde: 0.03,
    tau: 0.03,
    planned: 2500,
    status: ExperimentStatus.RUNNING,
    startDaysAgo: 9,
    days: 9,
    dailyExposures: 115,
    variants: [
      { key: 'control', description: 'Generic opening line', rate: 0.2 },
      { key: 'with-name', description: 'Opening line with the student name', rate: 0.25 },
    ],
  },
  {
    squad: 'Comets',
    owner: 2,
    title: 'Phone call reminder before the live class',
    hypothesis: 'A short call 1 hour before class raises attendance more than a chat reminder.',
    tags: ['live-class', 'reminder'],
    metricKey: 'attended_live_class',
    mde: 0.04,
    status: ExperimentStatus.DRAFT,
    variants: [
      { key: 'control', description: 'Chat reminder 1 hour before', rate: 0.6 },
      { key: 'call', description: 'Phone call 1 hour before', rate: 0.65 },
    ],
  },
  {
    squad: 'Tigers',
    owner: 'lead',
    title: 'Emoji in the price message',
    hypothesis: 'A friendlier price message with emoji softens the price shock.',
    tags: ['pricing', 'tone'],
    metricKey: 'replied',
    mde: 0.03,
    planned: 1000,
    status: ExperimentStatus.PUBLISHED,
    startDaysAgo: 30,
    days: 11,
    dailyExposures: 120,
    variants: [
      { key: 'control', description: 'Plain price message', rate: 0.26 },
      { key: 'emoji', description: 'Price message with emoji', rate: 0.205 },
    ],
    verdict: ExperimentVerdict.LOSS,
    summary: 'Emoji made the price message look less serious: fewer replies.',
    publishedDaysAgo: 15,
    note: 'Keep price messages plain.',
  },
  {
    squad: 'Falcons',
    owner: 1,
    title: '30-second video instead of the brochure',
    hypothesis: 'A short video of a real lesson converts better than the PDF brochure.',
    tags: ['content'],
    metricKey: 'converted_to_paid',
    metricKind: MetricKind.TRACKED,
    mde: 0.02,
    status: ExperimentStatus.RUNNING,
    startDaysAgo: 2,
    variants: [
      { key: 'control', description: 'PDF brochure', rate: 0.1 },
      { key: 'video', description: '30-second lesson video', rate: 0.12 },
    ],
  },
  {
    squad: 'Wolves',
    owner: 2,
    title: 'Mention the early-bird discount in the first call',
    hypothesis: 'Mentioning the discount early creates urgency.',
    tags: ['pricing', 'discount'],
    metricKey: 'paid_within_7d',
    mde: 0.02,
    planned: 1400,
    status: ExperimentStatus.STOPPED,
    startDaysAgo: 18,
    days: 14,
    dailyExposures: 100,
    variants: [
      { key: 'control', description: 'Discount in the follow-up', rate: 0.06 },
      { key: 'first-call', description: 'Discount in the first call', rate: 0.075 },
    ],
  },
  {
    squad: 'Stars',
    owner: 2,
    title: 'Daily study check-in at 8 pm instead of noon',
    hypothesis: 'Parents are home at 8 pm and can nudge their children.',
    tags: ['study-habit'],
    metricKey: 'studied_today',
    mde: 0.03,
    status: ExperimentStatus.ARCHIVED,
    startDaysAgo: 16,
    days: 3,
    dailyExposures: 60,
    variants: [
      { key: 'control', description: 'Check-in at noon', rate: 0.55 },
      { key: 'evening', description: 'Check-in at 8 pm', rate: 0.57 },
    ],
  },
  {
    squad: 'Comets',
    owner: 1,
    title: 'Shorter satisfaction survey',
    hypothesis: 'Three questions instead of ten will be completed more often.',
    tags: ['survey', 'csat'],
    metricKey: 'survey_completed',
    mde: 0.05,
    planned: 900,
    status: ExperimentStatus.RUNNING,
    startDaysAgo: 5,
    days: 5,
    dailyExposures: 40,
    variants: [
      { key: 'control', description: 'Ten questions', rate: 0.35 },
      { key: 'three-questions', description: 'Three questions', rate: 0.48 },
      { key: 'five-questions', description: 'Five questions', rate: 0.42 },
    ],
  },
  {
    squad: 'Tigers',
    owner: 3,
    title: 'Second follow-up after 2 days instead of 4',
    hypothesis: 'A faster follow-up catches prospects while they still remember us.',
    tags: ['follow-up'],
    metricKey: 'replied',
    mde: 0.03,
    planned: 1200,
    status: ExperimentStatus.CONCLUDED,
    startDaysAgo: 12,
    days: 5,
    dailyExposures: 45,
    variants: [
      { key: 'control', description: 'Follow up after 4 days', rate: 0.15 },
      { key: 'two-days', description: 'Follow up after 2 days', rate: 0.17 },
    ],
    verdict: ExperimentVerdict.WIN,
    summary: 'Looks better after a week; we are switching.',
  },
  {
    squad: 'Falcons',
    owner: 'lead',
    title: 'Testimonial screenshot in the first chat',
    hypothesis: "Another parent's words are more convincing than ours.",
    tags: ['first-contact', 'social-proof'],
    metricKey: 'replied',
    mde: 0.03,
    status: ExperimentStatus.DRAFT,
    variants: [
      { key: 'control', description: 'No testimonial', rate: 0.22 },
      { key: 'testimonial', description: 'Screenshot of a parent testimonial', rate: 0.24 },
    ],
  },
];

const STATUS_PATH: Record<ExperimentStatus, ExperimentStatus[]> = {
  [ExperimentStatus.DRAFT]: [],
  [ExperimentStatus.RUNNING]: [ExperimentStatus.RUNNING],
  [ExperimentStatus.STOPPED]: [ExperimentStatus.RUNNING, ExperimentStatus.STOPPED],
  [ExperimentStatus.CONCLUDED]: [ExperimentStatus.RUNNING, ExperimentStatus.STOPPED, ExperimentStatus.CONCLUDED],
  [ExperimentStatus.PUBLISHED]: [ExperimentStatus.RUNNING, ExperimentStatus.STOPPED, ExperimentStatus.CONCLUDED, ExperimentStatus.PUBLISHED],
  [ExperimentStatus.ARCHIVED]: [ExperimentStatus.RUNNING, ExperimentStatus.ARCHIVED],
};

/**
 * A dozen experiments across the demo squads: a clear winner published and adopted by two squads,
 * an inconclusive one, one with a sample ratio mismatch, one running in sequential mode with daily
 * logged entries, and others in every state. Numbers are drawn with a seeded PRNG (same demo every time).
 */
export function experimentsDemo(): DemoContributor {
  return { name: 'experiments', seed: (demo, db) => seedExperiments(demo, db) };
}

async function seedExperiments(demo: DemoOrg, db: Db): Promise<void> {
  const m = db.manager; // the demo's one transaction
  const random = mulberry32(20261123);
  const tz = demo.organization.timeZone;
  const squads = new Map<string, Squad>([...demo.preSalesSquads, ...demo.courseServiceSquads].map((s) => [s.name, s]));
  const members = (squad: Squad): DemoPerson[] => demo.repsBySquad.get(squad.id) ?? demo.curatorsBySquad.get(squad.id) ?? [];
  const leadOf = (squad: Squad): DemoPerson => demo.leads.find((l) => l.id === squad.leadId)!;
  const at = (daysAgo: number, hour = 18) =>
    DateTime.fromJSDate(demo.now).setZone(tz).minus({ days: daysAgo }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  const audits: QueryDeepPartialEntity<AuditEvent>[] = [];
  const audit = (entityId: string, action: string, actor: string | null, when: Date, diff: Record<string, unknown>) =>
    audits.push({
      organizationId: demo.organization.id,
      actorUserId: actor,
      actorApiKeyId: null,
      entityType: 'Experiment',
      entityId,
      action,
      diff: diff as object,
      occurredAt: when,
    });

  for (const spec of EXPERIMENTS) {
    const squad = squads.get(spec.squad)!;
    const owner = spec.owner === 'lead' ? leadOf(squad) : members(squad)[spec.owner - 1];
    const lead = leadOf(squad);
    const manager = demo.managers[squad.legionId === demo.preSalesLegion.id ? 0 : 1];
    const start = spec.startDaysAgo !== undefined ? at(spec.startDaysAgo, 9) : null;
    const end = start && spec.days !== undefined ? start.plus({ days: spec.days - 1 }).set({ hour: 20 }) : null;
    const createdAt = (start ?? at(1, 10)).minus({ days: 1 }).toJSDate();
    const path = STATUS_PATH[spec.status];
    const publishedAt = spec.publishedDaysAgo !== undefined ? at(spec.publishedDaysAgo, 11).toJSDate() : null;
    const concludedAt =
      end && path.includes(ExperimentStatus.CONCLUDED) ? (publishedAt ? new Date(publishedAt.getTime() - 86400_000) : end.plus({ days: 1 }).toJSDate()) : null;
    const stoppedAt = end && (path.includes(ExperimentStatus.STOPPED) || spec.status === ExperimentStatus.ARCHIVED) ? end.plus({ hours: 2 }).toJSDate() : null;

    const e = await m.save(
      m.create(Experiment, {
        organizationId: demo.organization.id,
        title: spec.title,
        hypothesis: spec.hypothesis,
        ownerId: owner.id,
        squadId: squad.id,
        teamKind: squad.legionId === demo.preSalesLegion.id ? demo.preSalesLegion.kind : demo.courseServiceLegion.kind,
        tags: [...spec.tags].sort(),
        metricKey: spec.metricKey,
        metricKind: spec.metricKind ?? MetricKind.LOGGED,
        randomizationUnit: RandomizationUnit.LEAD,
        analysisMode: spec.mode ?? AnalysisMode.FIXED_HORIZON,
        minDetectableEffect: spec.mde,
        plannedSamplePerArm: spec.planned ?? null,
        sequentialTau: spec.tau ?? null,
        playbookId: null,
        playbookStepKey: null,
        status: spec.status,
        startedAt: start?.toJSDate() ?? null,
        stoppedAt,
        verdict: null,
        winnerVariantKey: null,
        summary: null,
        conclusionWarnings: [],
        concludedAt: null,
        concludedById: null,
        publicationNote: null,
        publishedAt: null,
        publishedById: null,
        archivedAt: spec.status === ExperimentStatus.ARCHIVED ? stoppedAt : null,
        createdAt,
      }),
    );
    const variants: ExperimentVariant[] = [];
    for (const [i, v] of spec.variants.entries()) {
      variants.push(
        await m.save(
          m.create(ExperimentVariant, {
            experimentId: e.id,
            key: v.key,
            position: i,
            isControl: i === 0,
            description: v.description,
            script: v.script ?? null,
            weight: v.weight ?? 1,
          }),
        ),
      );
    }
    audit(e.id, 'CREATED', owner.id, createdAt, { title: e.title, ownerId: owner.id, squadId: squad.id, metricKey: e.metricKey });

    // Daily logged counts.
    const daily: DailyCount[] = [];
    if (start && spec.days && spec.dailyExposures && e.metricKind === MetricKind.LOGGED) {
      const rows: Partial<ExperimentDataEntry>[] = [];
      for (let d = 0; d < spec.days; d++) {
        const day = start.plus({ days: d });
        if (day > DateTime.fromJSDate(demo.now).setZone(tz)) break;
        const dayText = day.toISODate()!;
        for (const [i, v] of spec.variants.entries()) {
          const exposures = Math.round(spec.dailyExposures * (v.weight ?? 1) * (v.traffic ?? 1) * (0.85 + 0.3 * random()));
          const conversions = binomialSample(exposures, v.rate, random);
          rows.push({
            organizationId: demo.organization.id,
            experimentId: e.id,
            variantId: variants[i].id,
            day: dayText,
            exposures,
            conversions,
            note: null,
            recordedById: owner.id,
            recordedAt: day.set({ hour: 21 }).toJSDate(),
          });
          daily.push({ variantId: variants[i].id, day: dayText, exposures, conversions });
        }
      }
      if (spec.correction && rows.length > 2) {
        // A double-counted day fixed the next morning: a new entry with negative deltas.
        const wrong = rows[2];
        const fix = {
          ...wrong,
          exposures: -12,
          conversions: -2,
          note: 'Double-counted 12 chats on this day',
          recordedAt: new Date(wrong.recordedAt!.getTime() + 13 * 3600_000),
        };
        rows.push(fix);
        daily.push({ variantId: fix.variantId!, day: fix.day!, exposures: -12, conversions: -2 });
      }
      await m.insert(ExperimentDataEntry, rows);
    }

    let when = start?.toJSDate() ?? createdAt;
    let from = ExperimentStatus.DRAFT;
    for (const to of path) {
      const actor = to === ExperimentStatus.PUBLISHED ? manager.id : to === ExperimentStatus.CONCLUDED ? lead.id : owner.id;
      when =
        to === ExperimentStatus.RUNNING
          ? start!.toJSDate()
          : to === ExperimentStatus.CONCLUDED
            ? concludedAt!
            : to === ExperimentStatus.PUBLISHED
              ? publishedAt!
              : stoppedAt!;
      if (to === ExperimentStatus.CONCLUDED) {
        const analysis = analyzeDailyCounts({ ...e, variants }, daily);
        const winner = spec.verdict === ExperimentVerdict.WIN ? variants[1].key : null;
        const warnings = verdictWarnings(spec.verdict!, winner, analysis);
        Object.assign(e, {
          verdict: spec.verdict,
          winnerVariantKey: winner,
          summary: spec.summary,
          conclusionWarnings: warnings,
          concludedAt,
          concludedById: lead.id,
        });
        audit(e.id, 'CONCLUDED', actor, when, { status: [from, to], verdict: spec.verdict, winnerVariantKey: winner, summary: spec.summary, warnings });
      } else if (to === ExperimentStatus.PUBLISHED) {
        Object.assign(e, { publishedAt, publishedById: manager.id, publicationNote: spec.note ?? null });
        audit(e.id, 'PUBLISHED', actor, when, { status: [from, to], note: spec.note ?? null, verdict: spec.verdict });
      } else {
        audit(e.id, 'STATUS_CHANGED', actor, when, { status: [from, to] });
      }
      from = to;
    }
    await m.save(e);
    await m.query('UPDATE experiment SET updated_at = $2 WHERE id = $1', [
      e.id,
      publishedAt ?? concludedAt ?? stoppedAt ?? (end ? DateTime.min(end, DateTime.fromJSDate(demo.now)).toJSDate() : when),
    ]);

    for (const a of spec.adoptedBy ?? []) {
      const adopting = squads.get(a.squad)!;
      const adoptedAt = at(a.daysAgo, 10).toJSDate();
      await m.insert(ExperimentAdoption, {
        organizationId: demo.organization.id,
        experimentId: e.id,
        squadId: adopting.id,
        adoptedById: adopting.leadId,
        adoptedAt,
      });
      audit(e.id, 'ADOPTED', adopting.leadId, adoptedAt, { squadId: adopting.id });
    }
  }
  await m.insert(AuditEvent, audits);
}
