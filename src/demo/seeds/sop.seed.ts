import { campDayDate, localDateOf, resolveLocalDateTime } from '@lib/schedule';
import { In } from 'typeorm';
import type { Db } from '../../database/transaction.js';
import type { AuditService } from '../../audit/index.js';
import type { DemoOrg } from '../demo.service.js';
import { Lead, LeadSource, LeadStage } from '../../leads/index.js';
import { TeamKind } from '../../organization/index.js';
import type { PlaybookContentInput } from '../../sop/index.js';
import type { CohortService } from '../../sop/index.js';
import { AgendaItem, AgendaItemStatus, ObjectionLog } from '../../sop/index.js';
import { Cohort, CohortLead, CohortSquad } from '../../sop/index.js';
import { GroupScope, Playbook, PlaybookObjection, PlaybookStep, PlaybookVersion, PlaybookVersionStatus, StepAudience, StepChannel } from '../../sop/index.js';
import { validateContent } from '../../sop/index.js';
import { normalizeContent } from '../../sop/index.js';

const G = StepAudience.GROUP;
const L = StepAudience.LEADS;

/** The demo's 5-day pre-sales camp (script variants for every intake persona of the demo catalog; tiers A/B/C). */
export const DEMO_CAMP: PlaybookContentInput = {
  changeNote: 'First refined version: timings from the autumn camps, scripts per persona.',
  steps: [
    {
      key: 'warmup-invite',
      dayOffset: -1,
      localTime: '20:00',
      windowMinutes: 120,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Warm-up: set expectations in the group',
      goal: 'Everyone knows when day 0 starts and what they will get.',
      scripts: [
        {
          text: 'Hi everyone, I am {{rep.name}} from {{squad.name}}! Tomorrow at 20:00 our camp "{{cohort.name}}" starts. Turn on notifications so you do not miss lesson 1 🎯',
        },
      ],
    },
    {
      key: 'welcome',
      dayOffset: 0,
      localTime: '20:00',
      windowMinutes: 60,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Welcome post (day 0, 20:00)',
      goal: 'Open the camp: schedule, rules, first small win.',
      scripts: [
        {
          text: 'Welcome to {{cohort.name}}! 🎉 5 days, 1 lesson a day at 19:30, a live class on day 3. Today: introduce yourself in one line — who you are and why {{product.name}}.',
        },
      ],
    },
    {
      key: 'hello-dm',
      dayOffset: 0,
      localTime: '21:00',
      windowMinutes: 180,
      channel: StepChannel.PRIVATE_MESSAGE,
      audience: L,
      title: 'Personal hello to every lead',
      goal: 'Start a 1:1 conversation; learn the goal behind the sign-up.',
      scripts: [
        { text: 'Hi {{lead.firstName}}, {{rep.firstName}} here, your guide for the camp. What made you join {{cohort.name}}?' },
        {
          persona: 'explorer',
          text: 'Hello {{lead.firstName}}! {{rep.firstName}} here. Just curious about the field, or is there something you would like to build? Tell me and I will point you to the right lessons.',
        },
        {
          persona: 'career_switcher_novice',
          text: 'Hey {{lead.firstName}} 👋 {{rep.firstName}} here. Starting from zero towards a new job? Happy to help you plan the 5 days step by step.',
        },
        {
          persona: 'upskiller',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. Which part of your job would you like {{product.name}} to speed up? Each lesson takes 20 minutes, so it fits after work.',
        },
        {
          persona: 'advanced',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. You already work with this daily — which topic of the camp do you want to go deeper on?',
        },
      ],
    },
    {
      key: 'lesson1-reminder',
      dayOffset: 1,
      localTime: '19:00',
      windowMinutes: 30,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Lesson 1 reminder',
      goal: 'Attendance of lesson 1 above 60 %.',
      scripts: [{ text: 'Lesson 1 starts in 30 minutes (19:30) ⏰ Day {{day}} of {{cohort.name}}. Grab a notebook!' }],
    },
    {
      key: 'lesson1-followup',
      dayOffset: 1,
      localTime: '21:30',
      windowMinutes: 120,
      channel: StepChannel.PRIVATE_MESSAGE,
      audience: L,
      tiers: ['A', 'B'],
      title: 'Lesson 1 follow-up (tier A/B)',
      goal: 'Check understanding; collect one question.',
      scripts: [
        { text: '{{lead.firstName}}, how was lesson 1? What was the one thing you will try tomorrow?' },
        { persona: 'explorer', text: '{{lead.firstName}}, did the lesson 1 exercise work out? Send me a screenshot and I will give feedback 🙂' },
        { persona: 'upskiller', text: '{{lead.firstName}}, lesson 1 done? Here is a 5-minute version of the key idea you can use at work tomorrow.' },
        {
          persona: 'career_switcher_novice',
          text: '{{lead.firstName}}, lesson 1 is the first brick of your new profession 🧱 Anything that was unclear? Ask me anything.',
        },
        { persona: 'advanced', text: '{{lead.firstName}}, lesson 1 was the basics for you — want the bonus task from the full course to test yourself?' },
      ],
    },
    {
      key: 'lesson2-reminder',
      dayOffset: 2,
      localTime: '12:00',
      windowMinutes: 60,
      channel: StepChannel.GROUP_POST,
      audience: G,
      groupScope: GroupScope.PER_SQUAD,
      title: 'Squad lead: lunchtime teaser for lesson 2',
      goal: 'Keep the group warm between lessons.',
      scripts: [{ text: 'Tonight in lesson 2: how a beginner finished a real project in 3 weeks. 19:30, see you there!' }],
    },
    {
      key: 'case-study',
      dayOffset: 2,
      localTime: '19:30',
      windowMinutes: 30,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Case-study post (day 2, 19:30)',
      goal: 'Show a result of someone like them.',
      scripts: [
        { text: 'Meet Lina: 2 months ago she was where you are today. Now she builds dashboards for her team. Her story in 3 screenshots 👇 (day {{day}})' },
      ],
    },
    {
      key: 'call-tier-a',
      dayOffset: 2,
      localTime: '21:00',
      windowMinutes: 240,
      channel: StepChannel.CALL,
      audience: L,
      tiers: ['A'],
      title: 'Call tier A leads',
      goal: 'A 10-minute call: goal, budget, decision maker.',
      scripts: [
        {
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} from {{cohort.name}}. Do you have 10 minutes? I would like to understand your goal and see if the full course fits.',
        },
        {
          persona: 'explorer',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. A quick call about what you liked most in the camp so far and where it could take you?',
        },
        {
          persona: 'career_switcher_novice',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. 10 minutes to map your path to a first job in the field and see if the full course fits?',
        },
        {
          persona: 'upskiller',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. 10 minutes about the tasks at work you want to speed up, and whether the full course covers them?',
        },
        {
          persona: 'advanced',
          text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. 10 minutes to see which advanced modules match your daily work?',
        },
      ],
    },
    {
      key: 'live-reminder',
      dayOffset: 3,
      localTime: '19:00',
      windowMinutes: 20,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Live class starts in 30 minutes',
      goal: 'Live attendance above 40 %.',
      scripts: [{ text: '🔴 LIVE at 19:30: our head teacher answers your questions and shows the full {{product.name}} program. Link in the pinned message.' }],
    },
    {
      key: 'live-class',
      dayOffset: 3,
      localTime: '19:30',
      windowMinutes: 90,
      channel: StepChannel.TASK,
      audience: G,
      groupScope: GroupScope.PER_SQUAD,
      title: 'Squad lead: host the live-class Q&A thread',
      goal: 'Collect questions, answer within 5 minutes.',
      scripts: [],
    },
    {
      key: 'after-live',
      dayOffset: 3,
      localTime: '21:30',
      windowMinutes: 120,
      channel: StepChannel.PRIVATE_MESSAGE,
      audience: L,
      tiers: ['A', 'B'],
      title: 'After the live class: offer preview',
      goal: 'Announce the offer before it is public.',
      scripts: [
        { text: '{{lead.firstName}}, tomorrow we open enrolment for {{product.name}} with a camp-only price until {{deadline}}. Want me to reserve a seat?' },
        {
          persona: 'career_switcher_novice',
          text: '{{lead.firstName}}, tomorrow enrolment opens — there is an installment plan for career changers, and the camp price holds until {{deadline}}. Shall I send details?',
        },
        {
          persona: 'explorer',
          text: '{{lead.firstName}}, tomorrow we open enrolment. I can show you the weekly plan and the camp price, valid until {{deadline}}.',
        },
        {
          persona: 'upskiller',
          text: '{{lead.firstName}}, tomorrow enrolment opens; the camp price holds until {{deadline}} and I can prepare an invoice for your employer. Interested?',
        },
        {
          persona: 'advanced',
          text: '{{lead.firstName}}, tomorrow enrolment opens — you can start straight from the advanced track at the camp price until {{deadline}}. Shall I reserve a seat?',
        },
      ],
    },
    {
      key: 'offer',
      dayOffset: 4,
      localTime: '10:00',
      windowMinutes: 60,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Offer day: price and deadline',
      goal: 'Everyone sees the offer and the deadline.',
      scripts: [
        {
          text: 'Enrolment for {{product.name}} is open! 🎓 Camp price until {{deadline}}; 4 or 6 installments available. Reply "+" and I will send your link.',
        },
      ],
    },
    {
      key: 'deadline-dm',
      dayOffset: 4,
      localTime: '20:00',
      windowMinutes: 180,
      channel: StepChannel.PRIVATE_MESSAGE,
      audience: L,
      tiers: ['A', 'B'],
      title: 'Deadline reminder to tier A/B leads',
      goal: 'Convert before the deadline.',
      scripts: [
        { text: '{{lead.firstName}}, the camp price ends at {{deadline}}. Any question I can answer before then?' },
        {
          persona: 'upskiller',
          text: '{{lead.firstName}}, a last note: the camp price ends at {{deadline}}. Many of our students get it reimbursed by their employer — want the invoice template?',
        },
        {
          persona: 'career_switcher_novice',
          text: '{{lead.firstName}}, the camp price ends at {{deadline}}. The first module is where career changers build their base — shall I hold your seat?',
        },
        {
          persona: 'explorer',
          text: '{{lead.firstName}}, the camp price ends at {{deadline}}. There is a 14-day refund, so you can try the course without risk. Any question before then?',
        },
        {
          persona: 'advanced',
          text: '{{lead.firstName}}, the camp price ends at {{deadline}}; the advanced track starts with real projects. Any question before then?',
        },
      ],
    },
    {
      key: 'last-call',
      dayOffset: 4,
      localTime: '22:30',
      windowMinutes: 60,
      channel: StepChannel.GROUP_POST,
      audience: G,
      title: 'Last call before the deadline',
      goal: 'Final push; thank everyone.',
      scripts: [{ text: 'Last 90 minutes of the camp price ⏳ Thank you all for 5 amazing days of {{cohort.name}}!' }],
    },
  ],
  objections: [
    {
      key: 'price',
      objection: 'It is too expensive.',
      answers: [
        { label: 'installments', text: 'I understand. Most people split it: 6 installments bring it to the price of a coffee a day. Shall I show the plan?' },
        {
          persona: 'career_switcher_novice',
          label: 'value of a new job',
          text: 'It is a real investment. Compared with private tutoring it costs about a third per hour, with homework feedback included.',
        },
        { persona: 'upskiller', label: 'employer pays', text: 'Many companies cover training: I can send an invoice template for your manager.' },
      ],
    },
    {
      key: 'time',
      objection: 'I do not have time.',
      answers: [
        { text: 'Lessons take 20 minutes and stay available; students who do 3 a week finish on time.' },
        { persona: 'upskiller', text: 'Most of our students work full time: evenings and weekends are enough, and you can pause during busy weeks.' },
        { persona: 'explorer', text: 'Lessons are 20 minutes and you can do them whenever you like; you get a weekly summary of your progress.' },
      ],
    },
    {
      key: 'think',
      stepKey: 'deadline-dm',
      objection: "I'll think about it.",
      answers: [
        { label: 'clarify', text: 'Of course. What exactly would you like to think over — the price, the schedule or whether it fits your goal?' },
        { label: 'deadline', text: 'Sure. Just so you know, the camp price ends at {{deadline}}; I can hold a seat for you until then.' },
      ],
    },
    {
      key: 'trust',
      objection: 'How do I know it works?',
      answers: [
        { text: 'Here are three graduates like you with their projects; you can message one of them. And there is a 14-day refund.' },
        { persona: 'career_switcher_novice', text: 'Our graduates’ portfolios are public — I can send five from people who switched careers like you.' },
      ],
    },
    {
      key: 'spouse',
      objection: 'I need to ask my husband / wife.',
      answers: [{ text: 'Of course! Shall I send a one-page summary you can show them, with the price and the schedule?' }],
    },
    {
      key: 'too-young',
      objection: 'My child is too young for this.',
      answers: [{ text: 'The track starts at 8 years old with visual exercises; lesson 1 of the camp was exactly that level.' }],
    },
    {
      key: 'tried-before',
      objection: 'I already tried an online course and gave up.',
      answers: [{ text: 'That happens a lot alone. Here you have a curator and a group with weekly deadlines — 82 % finish.' }],
    },
    {
      key: 'refund',
      objection: 'What if I want my money back?',
      answers: [{ text: 'You have 14 days for a full refund, no questions asked, and a pro-rata refund after that.' }],
    },
    {
      key: 'online',
      objection: 'Online learning does not work for me.',
      answers: [{ text: 'There are live sessions twice a week and a curator checks every homework — it feels more like a class than a video course.' }],
    },
    {
      key: 'later',
      objection: 'Maybe next month.',
      answers: [{ text: 'Next month the price goes back to normal; if the timing is the issue, you can start later and still keep the camp price.' }],
    },
    {
      key: 'certificate',
      objection: 'Is the certificate recognised?',
      answers: [
        { persona: 'upskiller', text: 'Yes — employers in our partner list recognise it, and your portfolio matters even more; we help you build it.' },
      ],
    },
    {
      key: 'level',
      objection: 'I am a complete beginner.',
      answers: [
        { persona: 'career_switcher_novice', text: 'Perfect — 70 % of our students start from zero; the first month covers the basics step by step.' },
        { text: 'The course starts from zero; the camp lessons are the level of the first module.' },
      ],
    },
  ],
};

const LEAD_NAMES = [
  'Li Na',
  'Wang Fang',
  'Zhang Wei',
  'Liu Yang',
  'Chen Jie',
  'Yang Min',
  'Huang Lei',
  'Zhao Jing',
  'Wu Tao',
  'Zhou Xin',
  'Xu Ming',
  'Sun Li',
  'Ma Chao',
  'Zhu Hong',
  'Hu Bo',
  'Guo Mei',
  'He Qiang',
  'Lin Yu',
  'Luo Dan',
  'Gao Ping',
  'Song Hui',
];
/** Keys of the demo persona catalog (seeds/personas.seed.ts), as the intake survey produces them. */
const PERSONAS = ['career_switcher_novice', 'upskiller', 'explorer', 'advanced'];
const TIERS = ['A', 'B', 'B', 'C'];

/** Small deterministic hash → [0, 1). */
function unit(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/**
 * Demo: the camp playbook (published), a running cohort that started two days ago in the
 * organization's zone with the pre-sales squads and their leads, and a realistic past (done on
 * time, late, missed, skipped) so compliance has numbers and a rep sees today's agenda.
 */
export async function seedSopDemo(demo: DemoOrg, db: Db, cohorts: CohortService, audit: AuditService): Promise<void> {
  const m = db.manager; // the demo's one transaction
  const orgId = demo.organization.id;
  const tz = demo.organization.timeZone;
  const content = normalizeContent(DEMO_CAMP);
  const issues = validateContent(content);
  if (issues.length) throw new Error(`Demo playbook is invalid: ${JSON.stringify(issues)}`);

  const playbook = await m.save(
    m.create(Playbook, {
      organizationId: orgId,
      legionId: demo.preSalesLegion.id,
      name: '5-day pre-sales camp',
      description: 'Free 5-day camp → regular course. Lessons at 19:30, live class on day 3, offer on day 4.',
      kind: TeamKind.PRE_SALES,
      productName: 'Data Analytics Bootcamp',
      clonedFromPlaybookId: null,
      clonedFromVersionId: null,
      createdById: demo.managers[0]!.id,
    }),
  );
  const publishedAt = new Date(demo.now.getTime() - 10 * 86400_000);
  const version = await m.save(
    m.create(PlaybookVersion, {
      organizationId: orgId,
      playbookId: playbook.id,
      number: 1,
      status: PlaybookVersionStatus.PUBLISHED,
      basedOnVersionId: null,
      changeNote: DEMO_CAMP.changeNote ?? '',
      publishedAt,
      publishedById: demo.managers[0]!.id,
      retiredAt: null,
    }),
  );
  await m.insert(
    PlaybookStep,
    content.steps.map((s, position) => ({ ...s, organizationId: orgId, versionId: version.id, position })),
  );
  await m.insert(
    PlaybookObjection,
    content.objections.map((o, position) => ({ ...o, organizationId: orgId, versionId: version.id, position })),
  );

  // Leads: the demo reps' existing pre-sales leads if the intake demo created some, else ~20 of our own.
  const squadIds = demo.preSalesSquads.map((s) => s.id);
  const reps = squadIds.flatMap((id) => (demo.repsBySquad.get(id) ?? []).map((r) => ({ ...r, squadId: id })));
  let leads = await m.find(Lead, {
    where: { organizationId: orgId, ownerId: In(reps.map((r) => r.id)), squadId: In(squadIds) },
    take: 120,
    order: { createdAt: 'ASC' },
  });
  if (leads.length === 0) {
    const rows = LEAD_NAMES.map((name, i) => {
      const rep = reps[i % reps.length]!;
      return {
        organizationId: orgId,
        name,
        source: i % 3 === 0 ? LeadSource.REFERRAL : LeadSource.AD,
        cohortRef: 'camp-demo',
        tier: TIERS[i % TIERS.length]!,
        persona: PERSONAS[i % PERSONAS.length]!,
        score: 90 - i * 3,
        ownerId: rep.id,
        squadId: rep.squadId,
        assignedAt: new Date(demo.now.getTime() - 3 * 86400_000),
        stage: LeadStage.INTRO,
        stageChangedAt: new Date(demo.now.getTime() - 2 * 86400_000),
      };
    });
    await m.insert(Lead, rows);
    leads = await m.find(Lead, { where: { organizationId: orgId, cohortRef: 'camp-demo' } });
  }

  const startDate = localDateOf(new Date(demo.now.getTime() - 2 * 86400_000), tz);
  const offerDeadline = resolveLocalDateTime({ date: campDayDate(startDate, 4), localTime: '23:59', timeZone: tz }).instant;
  const cohort = await m.save(
    m.create(Cohort, {
      organizationId: orgId,
      name: `Camp ${startDate} (demo)`,
      startDate,
      timeZone: tz,
      playbookVersionId: version.id,
      productName: null,
      offerDeadline,
      createdById: demo.managers[0]!.id,
    }),
  );
  await m.insert(
    CohortSquad,
    squadIds.map((squadId) => ({ cohortId: cohort.id, squadId })),
  );
  if (leads.length)
    await m.insert(
      CohortLead,
      leads.map((l) => ({ cohortId: cohort.id, leadId: l.id })),
    );
  // As if the cohort had been set up the week before it started.
  await cohorts.generate(orgId, cohort.id, { asOf: new Date(demo.now.getTime() - 7 * 86400_000) });

  // The past: each rep has a habit (some follow the SOP closely, some less so).
  const past = await m
    .createQueryBuilder(AgendaItem, 'i')
    .where('i.cohort_id = :c AND i.on_time_deadline < :now', { c: cohort.id, now: demo.now })
    .orderBy('i.due_at', 'ASC')
    .getMany();
  const updates: {
    id: string;
    status: AgendaItemStatus;
    completedAt: Date | null;
    onTime: boolean | null;
    skippedAt: Date | null;
    skipReason: string | null;
    missedAt: Date | null;
  }[] = [];
  for (const it of past) {
    const discipline = 0.55 + 0.4 * unit(it.repId);
    const r = unit(it.id);
    const due = it.dueAt.getTime();
    if (r < discipline) {
      const at = new Date(due + Math.floor(r * 20) * 60_000);
      updates.push({
        id: it.id,
        status: AgendaItemStatus.DONE,
        completedAt: at,
        onTime: at.getTime() <= it.onTimeDeadline.getTime(),
        skippedAt: null,
        skipReason: null,
        missedAt: null,
      });
    } else if (r < discipline + 0.1) {
      const at = new Date(it.onTimeDeadline.getTime() + 45 * 60_000);
      updates.push({
        id: it.id,
        status: AgendaItemStatus.DONE,
        completedAt: at < demo.now ? at : demo.now,
        onTime: false,
        skippedAt: null,
        skipReason: null,
        missedAt: null,
      });
    } else if (r < discipline + 0.14 && it.leadId) {
      updates.push({
        id: it.id,
        status: AgendaItemStatus.SKIPPED,
        completedAt: null,
        onTime: null,
        skippedAt: new Date(due - 30 * 60_000),
        skipReason: 'Lead asked to talk tomorrow',
        missedAt: null,
      });
    } else if (it.windowEnd) {
      updates.push({ id: it.id, status: AgendaItemStatus.MISSED, completedAt: null, onTime: null, skippedAt: null, skipReason: null, missedAt: it.windowEnd });
    }
  }
  for (const u of updates) {
    await m.update(
      AgendaItem,
      { id: u.id },
      {
        status: u.status,
        completedAt: u.completedAt,
        onTime: u.onTime,
        skippedAt: u.skippedAt,
        skipReason: u.skipReason,
        missedAt: u.missedAt,
        actedById: null,
      },
    );
  }

  // A few objection logs on completed private items (which answers were used).
  const objections = await m.find(PlaybookObjection, { where: { versionId: version.id }, order: { position: 'ASC' } });
  const general = objections.filter((o) => o.stepKey === null);
  const done = past.filter((it) => it.leadId && updates.find((u) => u.id === it.id)?.status === AgendaItemStatus.DONE).slice(0, 12);
  if (done.length && general.length) {
    await m.insert(
      ObjectionLog,
      done.map((it, i) => {
        const o = general[i % Math.min(4, general.length)]!;
        const answer = o.answers[i % o.answers.length] ?? null;
        return {
          organizationId: orgId,
          agendaItemId: it.id,
          objectionId: o.id,
          answerId: answer?.id ?? null,
          leadId: it.leadId,
          repId: it.repId,
          loggedById: it.repId,
          note: null,
          loggedAt: updates.find((u) => u.id === it.id)!.completedAt!,
        };
      }),
    );
  }
  // Leads the intake demo lost (or refunded) before the camp ran: their items from then on are
  // settled as the live rules would have (docs/sop.md "Stage changes settle the agenda").
  const [settled]: [{ id: string }[], number] = await m.query(
    `UPDATE agenda_item a SET status = 'CANCELLED', cancelled_at = l.stage_changed_at, missed_at = NULL,
            cancel_reason = (CASE l.stage WHEN 'LOST' THEN 'LEAD_LOST' ELSE 'LEAD_REFUNDED' END)::agenda_cancel_reason
       FROM lead l
      WHERE l.id = a.lead_id AND a.cohort_id = $1 AND l.stage IN ('LOST', 'REFUNDED') AND a.status IN ('PENDING', 'MISSED')
        AND COALESCE(a.window_end, a.on_time_deadline) > l.stage_changed_at
      RETURNING a.id`,
    [cohort.id],
  );
  await audit.record(demo.ctx, [
    ...settled.map((r) => ({ entityType: 'AgendaItem', entityId: r.id, action: 'CANCELLED', diff: { status: ['PENDING', 'CANCELLED'], demo: true } })),
    { entityType: 'Playbook', entityId: playbook.id, action: 'DEMO_SEEDED', diff: { name: playbook.name, versionId: version.id } },
    { entityType: 'Cohort', entityId: cohort.id, action: 'DEMO_SEEDED', diff: { name: cohort.name, leads: leads.length } },
  ]);
}
