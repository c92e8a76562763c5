import { mulberry32 } from '@lib/stats';
import type { Db } from '../../database/transaction.js';
import type { SurveyDefinition } from '@lib/scoring';
import type { DemoOrg } from '../demo.service.js';
import { LeadSource, LeadStage, MessengerNetwork } from '../../leads/index.js';
import { LeadStageService } from '../../leads/index.js';
import { RoutingConfig, Survey, SurveyKind, SurveyVersion, SurveyVersionStatus } from '../../intake/index.js';
import type { IntakeService, RawSubmission } from '../../intake/index.js';
import { RoutingStrategy } from '../../intake/index.js';

/** The demo camp questionnaire: 8 questions, a budget cap, rules, A–D tiers and 4 personas. */
export function demoSurveyDefinition(): SurveyDefinition {
  return {
    questions: [
      {
        key: 'experience',
        type: 'SINGLE_CHOICE',
        label: 'How long have you worked in data / analytics?',
        required: true,
        weight: 1.5,
        group: 'background',
        options: [
          { key: 'none', label: 'Not yet', points: 0 },
          { key: 'under_1y', label: 'Under a year', points: 4 },
          { key: '1_3y', label: '1–3 years', points: 8 },
          { key: 'over_3y', label: 'Over 3 years', points: 12 },
        ],
      },
      {
        key: 'goal',
        type: 'SINGLE_CHOICE',
        label: 'What do you want from the course?',
        required: true,
        weight: 2,
        options: [
          { key: 'career_change', label: 'Change career', points: 10 },
          { key: 'promotion', label: 'Get promoted', points: 8 },
          { key: 'freelance', label: 'Freelance projects', points: 6 },
          { key: 'curiosity', label: 'Just curious', points: 1 },
        ],
      },
      {
        key: 'level',
        type: 'SINGLE_CHOICE',
        label: 'Your SQL / Python level',
        required: true,
        group: 'background',
        options: [
          { key: 'beginner', label: 'Beginner', points: 2 },
          { key: 'intermediate', label: 'Intermediate', points: 6 },
          { key: 'advanced', label: 'Advanced', points: 10 },
        ],
      },
      {
        key: 'formats',
        type: 'MULTIPLE_CHOICE',
        label: 'Which learning formats have you tried?',
        required: false,
        weight: 0.5,
        options: [
          { key: 'webinars', label: 'Webinars', points: 2 },
          { key: 'video_course', label: 'Video course', points: 4 },
          { key: 'mentoring', label: 'Mentoring', points: 6 },
          { key: 'none', label: 'None', points: 0 },
        ],
      },
      {
        key: 'budget',
        type: 'SINGLE_CHOICE',
        label: 'Budget for training',
        required: false,
        weight: 1.5,
        group: 'budget',
        options: [
          { key: 'under_3k', label: 'Under ¥3,000', points: 0 },
          { key: '3k_10k', label: '¥3,000–10,000', points: 10 },
          { key: 'over_10k', label: 'Over ¥10,000', points: 18 },
          { key: 'employer_pays', label: 'My employer pays', points: 24 },
        ],
      },
      {
        key: 'hours',
        type: 'NUMBER',
        label: 'Hours per week you can study',
        required: true,
        bands: [
          { max: 2, points: -5 },
          { min: 2, max: 5, points: 4 },
          { min: 5, max: 10, points: 9 },
          { min: 10, points: 12 },
        ],
      },
      { key: 'ready', type: 'YES_NO', label: 'Ready to start this month?', required: false, yesPoints: 8, noPoints: 0 },
      { key: 'comment', type: 'FREE_TEXT', label: 'Anything we should know?', required: false },
    ],
    groupCaps: [
      { group: 'background', maxPoints: 20 },
      { group: 'budget', maxPoints: 30 },
    ],
    rules: [
      {
        key: 'no_time_for_career_change',
        label: 'wants a career change with under 2 h/week',
        when: [
          { questionKey: 'goal', optionKeys: ['career_change'] },
          { questionKey: 'hours', max: 2 },
        ],
        points: -8,
      },
      {
        key: 'hot_and_funded',
        label: 'ready now and has a budget',
        when: [
          { questionKey: 'ready', equals: true },
          { questionKey: 'budget', optionKeys: ['3k_10k', 'over_10k', 'employer_pays'] },
        ],
        points: 6,
      },
    ],
    tiers: [
      { tier: 'A', minScore: 70 },
      { tier: 'B', minScore: 50 },
      { tier: 'C', minScore: 30 },
    ],
    defaultTier: 'D',
    personas: [
      {
        persona: 'career_switcher_novice',
        when: [
          { questionKey: 'goal', optionKeys: ['career_change'] },
          { questionKey: 'experience', optionKeys: ['none', 'under_1y'] },
        ],
      },
      { persona: 'advanced', when: [{ questionKey: 'level', optionKeys: ['advanced'] }] },
      { persona: 'upskiller', when: [{ questionKey: 'goal', optionKeys: ['promotion'] }] },
    ],
    defaultPersona: 'explorer',
  };
}

const GIVEN = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin'];
const NAMES = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Tao', 'Hui', 'Ping', 'Xin', 'Yu', 'Qiang', 'Mei', 'Hao', 'Lan', 'Bo', 'Ning'];
const DAY = 86_400_000;

/** Seeds the demo organization: the published camp survey, routing, and ~300 scored, routed leads over 8 weeks. */
export async function seedIntakeDemo(demo: DemoOrg, db: Db, intake: IntakeService, stages: LeadStageService, count = 300): Promise<void> {
  const m = db.manager; // the demo's one transaction
  const org = demo.organization.id;
  const ctx = demo.ctx;
  const survey = await m.save(m.create(Survey, { organizationId: org, name: 'Data Analyst camp — intake', kind: SurveyKind.INTAKE, currentVersionId: null }));
  const version = await m.save(
    m.create(SurveyVersion, {
      organizationId: org,
      surveyId: survey.id,
      version: 1,
      status: SurveyVersionStatus.PUBLISHED,
      definition: demoSurveyDefinition(),
      publishedAt: new Date(demo.now.getTime() - 60 * DAY),
      publishedByUserId: demo.managers[0].id,
    }),
  );
  await m.update(Survey, { id: survey.id }, { currentVersionId: version.id });
  await m.save(
    m.create(RoutingConfig, {
      organizationId: org,
      cohortRef: null,
      tierThreshold: 'B',
      strategy: RoutingStrategy.CAPACITY_WEIGHTED,
      squadIds: demo.preSalesSquads.map((s) => s.id),
      poolSquadId: demo.preSalesSquads[0].id,
      defaultCapacity: 20,
      defaultCountryCode: '86',
      lastAssignedUserId: null,
    }),
  );

  const rnd = mulberry32(20_261_123);
  const pickOne = <T>(xs: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return xs[Math.floor(rnd() * xs.length)];
    const total = weights.reduce((a, b) => a + b, 0);
    let r = rnd() * total;
    for (let i = 0; i < xs.length; i++) if ((r -= weights[i]) < 0) return xs[i];
    return xs[xs.length - 1];
  };
  const start = demo.now.getTime() - 56 * DAY;
  const times = Array.from({ length: count }, () => start + Math.floor(rnd() * 55 * DAY)).sort((a, b) => a - b);
  const inputs: RawSubmission[] = times.map((t, i) => {
    const name = `${pickOne(GIVEN)} ${pickOne(NAMES)}`;
    const phone = `138${String(10_000_000 + i * 7919).padStart(8, '0')}`; // national numbers: +86 applied
    const withEmail = rnd() < 0.6;
    const formats = ['webinars', 'video_course', 'mentoring'].filter(() => rnd() < 0.35);
    const source = pickOne([LeadSource.AD, LeadSource.REFERRAL, LeadSource.ORGANIC, LeadSource.OFFLINE_EVENT, LeadSource.PARTNER], [45, 20, 20, 10, 5]);
    return {
      surveyId: survey.id,
      externalId: `demo-form-${i + 1}`,
      contact: {
        name,
        phone,
        email: withEmail ? `${name.toLowerCase().replace(' ', '.')}.${i + 1}@example.cn` : null,
        messengerNetwork: rnd() < 0.7 ? MessengerNetwork.WECHAT : null,
        messengerHandle: null,
      },
      source,
      cohortRef: `camp-${new Date(t).toISOString().slice(0, 7)}`,
      referredByLeadId: null,
      // Ad leads come from two campaigns (no extra random draws: the rest of the demo stays the same).
      attribution:
        source === LeadSource.AD
          ? i % 2 === 0
            ? { campaign: 'autumn-ads', source: 'WeChat', medium: 'cpc', content: `banner-${i % 3}` }
            : { campaign: 'Brand Video', source: 'Douyin', medium: 'video', content: null }
          : null,
      answers: [
        { questionKey: 'experience', optionKeys: [pickOne(['none', 'under_1y', '1_3y', 'over_3y'], [30, 30, 25, 15])] },
        { questionKey: 'goal', optionKeys: [pickOne(['career_change', 'promotion', 'freelance', 'curiosity'], [35, 30, 15, 20])] },
        { questionKey: 'level', optionKeys: [pickOne(['beginner', 'intermediate', 'advanced'], [50, 35, 15])] },
        { questionKey: 'formats', optionKeys: formats.length ? formats : ['none'] },
        ...(rnd() < 0.85 ? [{ questionKey: 'budget', optionKeys: [pickOne(['under_3k', '3k_10k', 'over_10k', 'employer_pays'], [35, 35, 20, 10])] }] : []),
        { questionKey: 'hours', value: String(pickOne([1, 3, 4, 6, 8, 12, 15], [10, 20, 15, 20, 15, 12, 8])) },
        { questionKey: 'ready', value: rnd() < 0.45 ? 'yes' : 'no' },
      ],
      at: new Date(t),
    };
  });
  const { items, issues } = await intake.prepare(ctx, inputs);
  if (issues.length) throw new Error(`demo intake data is invalid: ${JSON.stringify(issues.slice(0, 3))}`);
  const outcome = await intake.process(ctx, items);

  // Lifecycle: better tiers go further. Past instants keep the history believable.
  const conv: Record<string, [number, number]> = { A: [0.75, 0.45], B: [0.55, 0.25], C: [0.3, 0.08], D: [0.12, 0.02] };
  for (const [i, r] of outcome.results.entries()) {
    const created = times[i];
    const tier = r.submission.tier;
    const [pIntro, pConv] = conv[tier] ?? [0.1, 0];
    const maxAt = demo.now.getTime() - 60_000;
    const at = (days: number) => new Date(Math.min(created + days * DAY, maxAt));
    const roll = rnd();
    if (roll < pIntro) {
      await stages.transition(ctx, r.leadId, LeadStage.INTRO, { at: at(1 + rnd()), reason: 'joined the camp group' });
      // Conversions are not set here: the commerce demo records orders, and a lead's first paid
      // regular order is what converts it. Camp members who would not buy may drop out.
      if (rnd() >= pConv / pIntro && rnd() < 0.4) {
        await stages.transition(ctx, r.leadId, LeadStage.LOST, { at: at(5 + rnd() * 2), reason: 'not now' });
      }
    } else if (rnd() < 0.15) {
      await stages.transition(ctx, r.leadId, LeadStage.LOST, { at: at(2 + rnd() * 3), reason: 'no answer' });
    }
  }
}
