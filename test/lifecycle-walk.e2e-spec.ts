import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { createPublishedSurvey, HOT_ANSWERS, setRouting, SUBMIT, submission, type SubmitResult } from './support/intake.js';
import { expectData, expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';

/**
 * docs/lifecycle.md, walked through the GraphQL API only (no hand-added cohort members):
 * submitIntake → INTRO (camp entry) → order → CONVERTED/LEARNING (class, onboarding on the
 * curator's agenda) → COMPLETED → second order → REPURCHASED → a referral converts → REFERRING.
 */

const CAMP = {
  changeNote: 'v1',
  steps: [
    {
      key: 'dm',
      dayOffset: 1,
      localTime: '20:00',
      windowMinutes: 120,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      title: 'Hello DM',
      scripts: [{ text: 'Hi {{lead.firstName}}' }, { persona: 'switcher', text: 'Hi {{lead.firstName}}, ready to change careers?' }],
    },
    {
      key: 'fit',
      dayOffset: 2,
      localTime: '10:00',
      channel: 'TASK',
      audience: 'LEADS',
      title: 'See if the full course fits',
      scripts: [{ text: 'Check fit' }],
    },
    {
      key: 'welcome-buyer',
      dayOffset: 3,
      localTime: '10:00',
      windowMinutes: 120,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      afterPurchase: true,
      title: 'Thank the buyer',
      scripts: [{ text: 'Welcome aboard, {{lead.firstName}}' }],
    },
  ],
  objections: [],
};

const ONBOARDING = {
  changeNote: 'v1',
  steps: [
    {
      key: 'welcome-call',
      dayOffset: 1,
      localTime: '19:00',
      windowMinutes: 180,
      channel: 'CALL',
      audience: 'LEADS',
      title: 'Welcome call',
      scripts: [
        { text: 'Hi {{lead.firstName}}, watch the intro video first.' },
        { persona: 'switcher', text: 'Hi {{lead.firstName}}, here is the career-change track.' },
        { persona: 'advanced', text: 'Hi {{lead.firstName}}, skip to practice.' },
      ],
    },
    {
      key: 'practice-review',
      dayOffset: 2,
      localTime: '20:00',
      windowMinutes: 240,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      personas: ['advanced'],
      title: 'Review the first project',
      scripts: [{ text: 'Send me your first project, {{lead.firstName}}.' }],
    },
    {
      key: 'class-post',
      dayOffset: 1,
      localTime: '12:00',
      windowMinutes: 120,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: 'Class post',
      scripts: [{ text: 'Welcome!' }],
    },
  ],
  objections: [],
};

const ONBOARDING_SURVEY = {
  questions: [
    {
      key: 'level',
      type: 'SINGLE_CHOICE',
      required: true,
      options: [
        { key: 'new', points: 0 },
        { key: 'pro', points: 10 },
      ],
    },
  ],
  tiers: [{ tier: 'A', minScore: 5 }],
  defaultTier: 'B',
  personas: [{ persona: 'advanced', when: [{ questionKey: 'level', optionKeys: ['pro'] }] }],
  defaultPersona: 'novice',
};

type Row = { key: string; status: string; reason: string | null; rep_id: string; cohort_id: string };
type AgendaRow = {
  leadId: string | null;
  status: string;
  cancelReason: string | null;
  step: { key: string };
  script: { persona: string | null; text: string } | null;
};

describe('one customer lifecycle, through the API', () => {
  let t: TestApp;
  let org: FixtureOrg;
  const tok: Record<string, string> = {};
  let course: string;
  let advanced: string;
  let classCohort: string;
  let onboardingSurvey: string;
  let surveyId: string;
  let studentId: string;
  let ownerId: string;
  let enrollmentId: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const curator = () => org.members.B1[0];

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => expectData(await t.gql<T>(query, variables, token));
  const publish = async (legionId: string, name: string, kind: string, content: object): Promise<string> => {
    const created = await ok<{ createPlaybook: { id: string; draft: { id: string } } }>(
      'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id } } }',
      { input: { legionId, name, kind, productName: 'Analytics', content } },
      tok.admin,
    );
    await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: created.createPlaybook.draft.id }, tok.admin);
    return created.createPlaybook.id;
  };
  const items = async (leadId: string): Promise<Row[]> =>
    t.db.dataSource.query(
      `SELECT s.key, a.status, a.cancel_reason AS reason, a.rep_id, a.cohort_id FROM agenda_item a JOIN playbook_step s ON s.id = a.step_id
        WHERE a.lead_id = $1 ORDER BY a.created_at, s.position`,
      [leadId],
    );
  const states = async (leadId: string) => (await items(leadId)).map((r) => [r.key, r.status, r.reason]);
  const lead = async (id: string, token = tok.admin) =>
    (
      await ok<{ lead: { id: string; stage: string; persona: string; ownerId: string } }>(
        'query($id: ID!) { lead(id: $id) { id stage persona ownerId } }',
        { id },
        token,
      )
    ).lead;
  const agenda = async (email: string): Promise<AgendaRow[]> =>
    (
      await ok<{ myAgenda: AgendaRow[] }>(
        'query($f: DateTime!, $to: DateTime!) { myAgenda(from: $f, to: $to) { leadId status cancelReason step { key } script { persona text } } }',
        { f: new Date(Date.now() - 86400_000).toISOString(), to: new Date(Date.now() + 6 * 86400_000).toISOString() },
        await t.login(email, PASSWORD),
      )
    ).myAgenda;
  const enrollments = async (token: string) =>
    (
      await ok<{
        enrollments: { nodes: { id: string; leadId: string; productId: string; orderId: string; classCohortId: string; curatorId: string; status: string }[] };
      }>('{ enrollments(first: 50) { nodes { id leadId productId orderId classCohortId curatorId status } } }', {}, token)
    ).enrollments.nodes;
  const metrics = async (keys: string[], memberId: string) => {
    const res = await ok<{ metricValues: { values: { metricKey: string; numerator: number }[] } }>(
      'query($input: MetricValuesInput!) { metricValues(input: $input) { values { metricKey numerator } } }',
      { input: { metricKeys: keys, entityType: 'MEMBER', entityIds: [memberId], period: { kind: 'CUSTOM', start: day(-2), end: day(2) } } },
      tok.admin,
    );
    return Object.fromEntries(res.metricValues.values.map((v) => [v.metricKey, v.numerator]));
  };
  let orderSeq = 0;
  const ORDER = 'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { duplicate order { id isConversion isRepurchase isReferralConversion } } }';
  const paidAt = new Map<string, string>();
  const order = (leadId: string, productId: string, externalId = `walk-${++orderSeq}`) =>
    t.gql<{ recordOrder: { duplicate: boolean; order: { id: string; isConversion: boolean; isRepurchase: boolean; isReferralConversion: boolean } } }>(
      ORDER,
      {
        i: {
          externalId,
          leadId,
          productId,
          amount: 499900,
          paidAt: paidAt.get(externalId) ?? paidAt.set(externalId, new Date().toISOString()).get(externalId),
        },
      },
      tok.admin,
    );
  const history = async (leadId: string) =>
    (await t.db.dataSource.query(`SELECT to_stage FROM lead_stage_change WHERE lead_id = $1 ORDER BY changed_at, id`, [leadId])).map(
      (r: { to_stage: string }) => r.to_stage,
    );

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'walk');
    tok.admin = await t.login(org.admin.email, PASSWORD);
    tok.curator = await t.login(curator().email, PASSWORD);
    // Pre-sales: the legion's entry is its camp, open for sign-ups from tomorrow.
    const camp = await publish(org.legionA, 'Camp', 'PRE_SALES', CAMP);
    const campVersion = (await t.db.dataSource.query(`SELECT id FROM playbook_version WHERE playbook_id = $1`, [camp]))[0].id;
    await ok(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name: 'Spring camp', startDate: day(0), timeZone: 'Asia/Shanghai', playbookVersionId: campVersion, squadIds: [org.squads.A1] } },
      tok.admin,
    );
    await ok('mutation($i: SetSopEntryInput!) { setSopEntry(input: $i) { id } }', { i: { legionId: org.legionA, playbookId: camp, mode: 'CAMP' } }, tok.admin);
    // Course service: a class of the REGULAR course, and a rolling 1:1 onboarding for courses without classes.
    const onboarding = await publish(org.legionB, 'Onboarding', 'COURSE_SERVICE', ONBOARDING);
    const onboardingVersion = (await t.db.dataSource.query(`SELECT id FROM playbook_version WHERE playbook_id = $1`, [onboarding]))[0].id;
    const product = (sku: string, kind: string) =>
      ok<{ createProduct: { id: string } }>(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        { i: { sku, name: sku, kind, listPrice: 499900 } },
        tok.admin,
      );
    course = (await product('COURSE', 'REGULAR')).createProduct.id;
    advanced = (await product('ADVANCED', 'ADVANCED')).createProduct.id;
    classCohort = (
      await ok<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id productId } }',
        {
          input: {
            name: 'Course class 1',
            startDate: day(1),
            timeZone: 'Asia/Shanghai',
            playbookVersionId: onboardingVersion,
            squadIds: [org.squads.B1],
            productId: course,
          },
        },
        tok.admin,
      )
    ).createCohort.id;
    await ok(
      'mutation($i: SetSopEntryInput!) { setSopEntry(input: $i) { id } }',
      { i: { squadId: org.squads.B1, playbookId: onboarding, mode: 'ROLLING' } },
      tok.admin,
    );
    surveyId = await createPublishedSurvey(t, tok.admin);
    onboardingSurvey = (
      await ok<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        { i: { name: 'Onboarding', kind: 'ONBOARDING', definition: ONBOARDING_SURVEY } },
        tok.admin,
      )
    ).createSurvey.id;
    await ok('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { version } } }', { id: onboardingSurvey }, tok.admin);
    await setRouting(t, tok.admin, { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 100, defaultCountryCode: '86' });
  });
  afterAll(async () => t?.close());

  it('1. submitIntake: the routed lead joins the camp, is INTRO and on its rep’s agenda with its persona’s script', async () => {
    const res = await ok<SubmitResult>(SUBMIT, { i: submission(surveyId, 'walk-1', { name: 'Wang Lei', email: 'wang@walk.cn' }, HOT_ANSWERS) }, tok.admin);
    const l = res.submitIntake.lead;
    studentId = l.id;
    ownerId = l.ownerId!;
    expect(l).toMatchObject({ stage: 'INTRO', persona: 'switcher', squadId: org.squads.A1 });
    expect(await states(studentId)).toEqual([
      ['dm', 'PENDING', null],
      ['fit', 'PENDING', null],
      ['welcome-buyer', 'PENDING', null],
    ]);
    const rep = org.members.A1.find((m) => m.id === ownerId)!;
    const mine = (await agenda(rep.email)).filter((i) => i.leadId === studentId);
    expect(mine.map((i) => [i.step.key, i.status, i.script?.persona ?? null])).toEqual([
      ['dm', 'PENDING', 'switcher'],
      ['fit', 'PENDING', null],
      ['welcome-buyer', 'PENDING', null],
    ]);
    expect(mine[0]!.script!.text).toBe('Hi Wang, ready to change careers?');
    expect(await metrics(['leads_assigned', 'conversions'], ownerId)).toEqual({ leads_assigned: 1, conversions: 0 });
  });

  it('2. a paid REGULAR order: CONVERTED → LEARNING, pre-sales items settled but the after-purchase one, the class and onboarding on the curator’s agenda', async () => {
    const paid = expectData(await order(studentId, course, 'walk-order-1')).recordOrder;
    expect(paid.order).toMatchObject({ isConversion: true, isRepurchase: false });
    // A retry of the same payment enrolls nobody twice.
    expect(expectData(await order(studentId, course, 'walk-order-1')).recordOrder.duplicate).toBe(true);
    expect(await history(studentId)).toEqual(['PROSPECT', 'INTRO', 'CONVERTED', 'LEARNING']);
    expect((await lead(studentId)).stage).toBe('LEARNING');
    const mine = (await enrollments(tok.curator)).filter((e) => e.leadId === studentId);
    expect(mine).toEqual([
      {
        id: expect.any(String),
        leadId: studentId,
        productId: course,
        orderId: paid.order.id,
        classCohortId: classCohort,
        curatorId: curator().id,
        status: 'ACTIVE',
      },
    ]);
    enrollmentId = mine[0]!.id;
    // Asking for the order's enrollment by hand returns the same one (idempotent), never a second.
    const again = await ok<{ createEnrollment: { id: string } }>(
      'mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }',
      { i: { leadId: studentId, productId: course, orderId: paid.order.id } },
      tok.admin,
    );
    expect(again.createEnrollment.id).toBe(enrollmentId);
    expect(
      expectError(
        await t.gql(
          'mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }',
          { i: { leadId: studentId, productId: advanced, orderId: paid.order.id } },
          tok.admin,
        ),
        'CONFLICT',
      ).message,
    ).toContain('another course');
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM enrollment WHERE lead_id = $1`, [studentId]);
    expect(n).toBe(1);

    expect(await states(studentId)).toEqual([
      ['dm', 'CANCELLED', 'LEAD_CONVERTED'],
      ['fit', 'CANCELLED', 'LEAD_CONVERTED'],
      ['welcome-buyer', 'PENDING', null],
      ['welcome-call', 'PENDING', null],
    ]);
    const onCurator = (await agenda(curator().email)).filter((i) => i.leadId === studentId);
    expect(onCurator.map((i) => [i.step.key, i.status, i.script?.persona ?? null])).toEqual([['welcome-call', 'PENDING', 'switcher']]);
    expect(onCurator[0]!.script!.text).toBe('Hi Wang, here is the career-change track.');
    expect((await items(studentId)).find((i) => i.key === 'welcome-call')!.rep_id).toBe(curator().id);
    expect(await metrics(['conversions', 'gross_revenue'], ownerId)).toEqual({ conversions: 1, gross_revenue: 499900 });
  });

  it('3. the onboarding survey’s persona picks the path: the advanced student gets the practice review', async () => {
    await ok(
      'mutation($i: SubmitOnboardingInput!) { submitOnboarding(input: $i) { persona } }',
      { i: { enrollmentId, surveyId: onboardingSurvey, answers: [{ questionKey: 'level', optionKeys: ['pro'] }] } },
      tok.curator,
    );
    const onCurator = (await agenda(curator().email)).filter((i) => i.leadId === studentId);
    expect(onCurator.map((i) => [i.step.key, i.script?.persona ?? null])).toEqual([
      ['welcome-call', 'advanced'],
      ['practice-review', null],
    ]);
  });

  it('4. completion moves the student to COMPLETED', async () => {
    const PROGRESS = 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { enrollment { status lessonsCompleted } } }';
    await ok(
      PROGRESS,
      { i: { enrollmentId, lessonsCompleted: 5, lessonsTotal: 10, occurredAt: new Date().toISOString(), externalEventId: 'lms-1' } },
      tok.curator,
    );
    expect((await lead(studentId)).stage).toBe('LEARNING');
    const done = await ok<{ recordProgress: { enrollment: { status: string } } }>(
      PROGRESS,
      { i: { enrollmentId, lessonsCompleted: 10, lessonsTotal: 10, occurredAt: new Date().toISOString(), externalEventId: 'lms-2' } },
      tok.curator,
    );
    expect(done.recordProgress.enrollment.status).toBe('COMPLETED');
    expect((await lead(studentId)).stage).toBe('COMPLETED');
    expect(await metrics(['repurchases'], ownerId)).toEqual({ repurchases: 0 });
  });

  it('5. a later ADVANCED order (no classes): REPURCHASED, a rolling onboarding cohort of the student for the curator', async () => {
    const paid = expectData(await order(studentId, advanced, 'walk-order-2')).recordOrder.order;
    expect(paid).toMatchObject({ isConversion: false, isRepurchase: true });
    expect((await lead(studentId)).stage).toBe('REPURCHASED');
    const mine = (await enrollments(tok.curator)).filter((e) => e.leadId === studentId && e.productId === advanced);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'ACTIVE', curatorId: curator().id, orderId: paid.id });
    const [rolling] = await t.db.dataSource.query(`SELECT rolling_lead_id, product_id, start_date::text AS start_date FROM cohort WHERE id = $1`, [
      mine[0]!.classCohortId,
    ]);
    expect(rolling).toMatchObject({ rolling_lead_id: studentId, product_id: advanced });
    expect(rolling.start_date.slice(0, 10)).toBe(day(0));
    const inRolling = (await items(studentId)).filter((i) => i.cohort_id === mine[0]!.classCohortId);
    expect(inRolling.map((i) => [i.key, i.status, i.rep_id])).toEqual([
      ['welcome-call', 'PENDING', curator().id],
      ['practice-review', 'PENDING', curator().id],
    ]);
    expect(await metrics(['repurchases', 'gross_revenue'], ownerId)).toEqual({ repurchases: 1, gross_revenue: 999800 });
  });

  it('6. a referral who converts marks the referrer REFERRING', async () => {
    const friend = (
      await ok<SubmitResult>(
        SUBMIT,
        { i: submission(surveyId, 'walk-2', { name: 'Li Na', email: 'li@walk.cn' }, HOT_ANSWERS, { referredByLeadId: studentId }) },
        tok.admin,
      )
    ).submitIntake.lead;
    expect(friend.stage).toBe('INTRO');
    const paid = expectData(await order(friend.id, course, 'walk-order-3')).recordOrder.order;
    expect(paid).toMatchObject({ isConversion: true, isReferralConversion: true });
    expect((await lead(studentId)).stage).toBe('REFERRING');
    expect(await history(studentId)).toEqual(['PROSPECT', 'INTRO', 'CONVERTED', 'LEARNING', 'COMPLETED', 'REPURCHASED', 'REFERRING']);
    expect((await lead(friend.id)).stage).toBe('LEARNING');
    expect(await metrics(['referral_conversions', 'conversions'], friend.ownerId!)).toMatchObject({ referral_conversions: 1 });
  });

  it('7. nonsense moves change nothing: completing a LOST student’s enrollment is a CONFLICT', async () => {
    const friend = (await t.db.dataSource.query(`SELECT id FROM lead WHERE email = 'li@walk.cn'`))[0].id;
    await ok('mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { stage } }', { i: { leadId: friend, stage: 'LOST' } }, tok.admin);
    // LOST settles every open item of the lead, the curator's onboarding included.
    expect((await states(friend)).filter((r) => r[1] === 'PENDING')).toEqual([]);
    const [e] = (await enrollments(tok.curator)).filter((x) => x.leadId === friend);
    const err = expectError(
      await t.gql(
        'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { enrollment { status } } }',
        { i: { enrollmentId: e!.id, lessonsCompleted: 10, lessonsTotal: 10, occurredAt: new Date().toISOString(), externalEventId: 'lms-friend' } },
        tok.curator,
      ),
      'CONFLICT',
    );
    expect(err.message).toContain('LOST');
    const [after] = await t.db.dataSource.query(`SELECT status, lessons_completed FROM enrollment WHERE id = $1`, [e!.id]);
    expect(after).toEqual({ status: 'ACTIVE', lessons_completed: 0 });
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = $1`, [e!.id]);
    expect(n).toBe(0);
    expect((await lead(friend)).stage).toBe('LOST');
  });

  it('8. a refunded course order cancels the student’s pending course-service items of that class', async () => {
    await ok(
      'mutation($i: RecordRefundInput!) { recordRefund(input: $i) { refund { id } } }',
      { i: { externalId: 'walk-refund-1', orderExternalId: 'walk-order-2', amount: 499900, refundedAt: new Date().toISOString(), reason: 'changed mind' } },
      tok.admin,
    );
    const [e] = (await enrollments(tok.curator)).filter((x) => x.leadId === studentId && x.productId === advanced);
    expect(e!.status).toBe('REFUNDED');
    const inRolling = (await items(studentId)).filter((i) => i.cohort_id === e!.classCohortId);
    expect(inRolling.map((i) => [i.key, i.status, i.reason])).toEqual([
      ['welcome-call', 'CANCELLED', 'ENROLLMENT_REFUNDED'],
      ['practice-review', 'CANCELLED', 'ENROLLMENT_REFUNDED'],
    ]);
    // The first course's items are untouched; the repurchase was not the converting order, so the stage stays.
    expect((await items(studentId)).filter((i) => i.cohort_id === classCohort).every((i) => i.status === 'PENDING')).toBe(true);
    expect((await lead(studentId)).stage).toBe('REFERRING');
  });

  it('9. two concurrent stage changes of one lead leave one consistent state and one set of settled items', async () => {
    const res = await ok<SubmitResult>(SUBMIT, { i: submission(surveyId, 'walk-3', { name: 'Zhao Min', email: 'zhao@walk.cn' }, HOT_ANSWERS) }, tok.admin);
    const id = res.submitIntake.lead.id;
    const change = (stage: string) =>
      t.gql<{ changeLeadStage: { stage: string } }>(
        'mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { stage } }',
        { i: { leadId: id, stage } },
        tok.admin,
      );
    const results: GqlResult<{ changeLeadStage: { stage: string } }>[] = await Promise.all([change('LOST'), change('CONVERTED')]);
    for (const r of results) if (r.errors) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(r.errors[0]!.extensions!.code);
    expect(results.some((r) => !r.errors)).toBe(true);
    // Either LOST then CONVERTED (a lost lead may buy) or CONVERTED then a refused LOST: CONVERTED both ways.
    const final = (await lead(id)).stage;
    expect(final).toBe('CONVERTED');
    const chain: { from_stage: string | null; to_stage: string }[] = await t.db.dataSource.query(
      `SELECT from_stage, to_stage FROM lead_stage_change WHERE lead_id = $1 ORDER BY changed_at, id`,
      [id],
    );
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.from_stage).toBe(chain[i - 1]!.to_stage);
    expect(chain[chain.length - 1]!.to_stage).toBe(final);
    const rows = await items(id);
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['dm', 'CANCELLED'],
      ['fit', 'CANCELLED'],
      ['welcome-buyer', 'PENDING'],
    ]);
    // One cancellation per settled item (the second change found nothing left to settle).
    const cancels = await t.db.dataSource.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_event WHERE entity_type = 'AgendaItem' AND action = 'CANCELLED' AND diff->>'leadId' = $1 GROUP BY entity_id`,
      [id],
    );
    // (LOST first cancels the after-purchase step too, and CONVERTED reopens it.)
    expect(cancels.length).toBeGreaterThanOrEqual(2);
    expect(cancels.every((c: { n: number }) => c.n === 1)).toBe(true);
  });
});
