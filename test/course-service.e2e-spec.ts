import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext } from '../src/common/request-context.js';
import { Role } from '../src/organization/entities/team-kind.js';
import { OrganizationService } from '../src/organization/organization.service.js';
import { PeopleService } from '../src/organization/people.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

const RECORD_ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`;
const PROGRESS = `mutation($input: RecordProgressInput!) { recordProgress(input: $input) { duplicate enrollment { id status lessonsCompleted lessonsTotal } } }`;
const ENROLLMENT_OF_ORDER = `SELECT id, curator_id, status, sold_by_rep_id, sold_by_squad_id FROM enrollment WHERE order_id = $1`;

describe('course service', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let curatorB2: { id: string; email: string };
  let squadB2: string;
  let n = 0;
  const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000);

  const sell = async (opts: { repId: string; squadId: string; sku?: string; paidAt?: Date; referredByLeadId?: string }) => {
    const k = ++n;
    const lead = await createLead(t.app, org.organizationId, {
      name: `Student ${k}`,
      ownerId: opts.repId,
      squadId: opts.squadId,
      at: daysAgo(30),
      referredByLeadId: opts.referredByLeadId,
    });
    const res = expectData(
      await t.gql<{ recordOrder: { order: { id: string } } }>(
        RECORD_ORDER,
        {
          input: {
            externalId: `cs-pay-${k}`,
            leadId: lead,
            productSku: opts.sku ?? 'COURSE',
            amount: 99900,
            paidAt: (opts.paidAt ?? daysAgo(20)).toISOString(),
          },
        },
        admin,
      ),
    );
    const [enrollment] = await t.db.dataSource.query(ENROLLMENT_OF_ORDER, [res.recordOrder.order.id]);
    return { lead, orderId: res.recordOrder.order.id, enrollment };
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'cs', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
    for (const [sku, kind] of [
      ['COURSE', 'REGULAR'],
      ['CLUB', 'SUBSCRIPTION'],
    ] as const) {
      expectData(await t.gql(`mutation { createProduct(input: { sku: "${sku}", name: "${sku}", kind: ${kind}, listPrice: 99900 }) { id } }`, {}, admin));
    }
    const ctx = RequestContext.system(org.organizationId);
    squadB2 = (await t.app.get(OrganizationService).createSquad(ctx, { legionId: org.legionB, name: 'B2' })).id;
    const u = await t.app
      .get(PeopleService)
      .createUser(ctx, { email: 'cur.b2.1@cs.test', name: 'Curator B2', password: PASSWORD, role: Role.MEMBER, squadId: squadB2 });
    curatorB2 = { id: u.id, email: u.email };
    // Everyone has been in their squad for three months.
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [org.organizationId]);
    // Only squad B1 takes new students, so assignment is predictable.
    expectData(
      await t.gql(
        'mutation($s: [ID!]) { updateCourseServiceSettings(input: { squadIds: $s, curatorCapacity: 50 }) { curatorCapacity } }',
        { s: [org.squads.B1] },
        admin,
      ),
    );
  });
  afterAll(async () => t?.close());

  it('enrolls on payment with a curator, moves the lead to LEARNING, and a full refund marks it REFUNDED', async () => {
    const { lead, orderId, enrollment } = await sell({ repId: org.members.A1[0].id, squadId: org.squads.A1 });
    expect(enrollment).toMatchObject({
      curator_id: org.members.B1[0].id,
      status: 'ACTIVE',
      sold_by_rep_id: org.members.A1[0].id,
      sold_by_squad_id: org.squads.A1,
    });
    expect((await t.db.dataSource.query('SELECT stage FROM lead WHERE id = $1', [lead]))[0].stage).toBe('LEARNING');
    expectData(
      await t.gql(
        'mutation($o: ID!) { recordRefund(input: { externalId: "cs-rf-1", orderId: $o, amount: 99900, refundedAt: "2026-11-20T00:00:00Z", reason: "left" }) { refund { id } } }',
        { o: orderId },
        admin,
      ),
    );
    const [after] = await t.db.dataSource.query(ENROLLMENT_OF_ORDER, [orderId]);
    expect(after.status).toBe('REFUNDED');
  });

  it('never assigns beyond a curator capacity', async () => {
    expectData(await t.gql('mutation { updateCourseServiceSettings(input: { curatorCapacity: 1 }) { curatorCapacity } }', {}, admin));
    const active = (
      await t.db.dataSource.query(`SELECT count(*)::int AS n FROM enrollment WHERE curator_id = $1 AND status = 'ACTIVE'`, [org.members.B1[0].id])
    )[0].n;
    expect(active).toBe(0);
    const results = await Promise.all([
      sell({ repId: org.members.A1[0].id, squadId: org.squads.A1 }),
      sell({ repId: org.members.A1[1].id, squadId: org.squads.A1 }),
    ]);
    const assigned = results.filter((r) => r.enrollment.curator_id !== null);
    expect(assigned).toHaveLength(1);
    expectData(await t.gql('mutation { updateCourseServiceSettings(input: { curatorCapacity: 50 }) { curatorCapacity } }', {}, admin));
  });

  it('records progress idempotently and never backwards; completion completes the lead; study days count', async () => {
    const { enrollment, lead } = await sell({ repId: org.members.A2[0].id, squadId: org.squads.A2 });
    const lms = expectData(
      await t.gql<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "LMS", scopes: ["lms:write"] }) { secret } }', {}, admin),
    ).createApiKey.secret;
    const send = (eventId: string, done: number, at: string) =>
      t.gql<{ recordProgress: { duplicate: boolean; enrollment: { status: string; lessonsCompleted: number; lessonsTotal: number } } }>(
        PROGRESS,
        { input: { enrollmentId: enrollment.id, lessonsCompleted: done, lessonsTotal: 10, occurredAt: at, externalEventId: eventId } },
        { apiKey: lms },
      );
    expect(expectData(await send('ev-1', 3, '2026-11-10T10:00:00Z')).recordProgress).toMatchObject({
      duplicate: false,
      enrollment: { lessonsCompleted: 3, lessonsTotal: 10 },
    });
    expect(expectData(await send('ev-3', 7, '2026-11-12T10:00:00Z')).recordProgress.enrollment.lessonsCompleted).toBe(7);
    // An older event arriving late never moves progress backwards.
    expect(expectData(await send('ev-2', 5, '2026-11-11T10:00:00Z')).recordProgress.enrollment.lessonsCompleted).toBe(7);
    // The same event again changes nothing.
    expect(expectData(await send('ev-3', 7, '2026-11-12T10:00:00Z')).recordProgress.duplicate).toBe(true);
    const days = await t.db.dataSource.query('SELECT day::text FROM study_day WHERE enrollment_id = $1 ORDER BY day', [enrollment.id]);
    expect(days.map((d: { day: string }) => d.day)).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
    expectError(await send('ev-bad', 11, '2026-11-13T10:00:00Z'), 'BAD_USER_INPUT');
    const done = expectData(await send('ev-4', 10, '2026-11-13T10:00:00Z')).recordProgress.enrollment;
    expect(done.status).toBe('COMPLETED');
    expect((await t.db.dataSource.query('SELECT stage FROM lead WHERE id = $1', [lead]))[0].stage).toBe('COMPLETED');
    const events = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = $1', [enrollment.id]))[0].n;
    expect(events).toBe(4);
    // A club purchase after completion makes the student a club member.
    expectData(
      await t.gql(
        RECORD_ORDER,
        { input: { externalId: `club-${enrollment.id}`, leadId: lead, productSku: 'CLUB', amount: 19900, paidAt: '2026-11-14T10:00:00Z' } },
        admin,
      ),
    );
    const club = await t.db.dataSource.query('SELECT is_renewal, curator_id FROM club_membership WHERE lead_id = $1', [lead]);
    expect(club).toEqual([{ is_renewal: false, curator_id: org.members.B1[0].id }]);
  });

  it('computes NPS exactly and keeps one answer per round', async () => {
    const scores = [10, 9, 8, 7, 6, 0, 10];
    const ids: string[] = [];
    for (const score of scores) {
      const { enrollment } = await sell({ repId: org.members.A1[0].id, squadId: org.squads.A1 });
      ids.push(enrollment.id);
      expectData(
        await t.gql(
          'mutation($e: ID!, $s: Int!) { recordNps(input: { enrollmentId: $e, round: "nps-test", score: $s, answeredAt: "2026-11-21T08:00:00Z" }) { duplicate } }',
          { e: enrollment.id, s: score },
          admin,
        ),
      );
    }
    // Same answer again: idempotent; a different one: CONFLICT.
    expect(
      expectData(
        await t.gql<{ recordNps: { duplicate: boolean } }>(
          'mutation($e: ID!) { recordNps(input: { enrollmentId: $e, round: "nps-test", score: 10, answeredAt: "2026-11-21T08:00:00Z" }) { duplicate } }',
          { e: ids[0] },
          admin,
        ),
      ).recordNps.duplicate,
    ).toBe(true);
    expectError(
      await t.gql('mutation($e: ID!) { recordNps(input: { enrollmentId: $e, round: "nps-test", score: 2 }) { duplicate } }', { e: ids[0] }, admin),
      'CONFLICT',
    );
    expectError(
      await t.gql('mutation($e: ID!) { recordNps(input: { enrollmentId: $e, round: "x", score: 11 }) { duplicate } }', { e: ids[0] }, admin),
      'BAD_USER_INPUT',
    );
    const res = expectData(
      await t.gql<{ metricValues: { values: { metricKey: string; value: number; numerator: number; denominator: number }[] } }>(
        'query($c: ID!) { metricValues(input: { metricKeys: ["nps"], entityType: MEMBER, entityIds: [$c], period: { kind: DAY, start: "2026-11-21" } }) { values { metricKey value numerator denominator } } }',
        { c: org.members.B1[0].id },
        admin,
      ),
    );
    // promoters 3 (10, 9, 10), detractors 2 (6, 0), answers 7: NPS = 100 × 1 / 7.
    expect(res.metricValues.values[0]).toEqual({ metricKey: 'nps', value: 100 / 7, numerator: 1, denominator: 7 });
  });

  it('credits downstream metrics to the selling rep and squad at sale time, even after a squad move', async () => {
    const seller = org.members.A2[1];
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE user_id = $1`, [seller.id]);
    const { enrollment } = await sell({ repId: seller.id, squadId: org.squads.A2, paidAt: daysAgo(10) });
    expect(enrollment.sold_by_squad_id).toBe(org.squads.A2);
    await t.app.get(PeopleService).moveMember(RequestContext.system(org.organizationId), { userId: seller.id, squadId: org.squads.A1 });
    expectData(
      await t.gql(
        'mutation($e: ID!) { recordNps(input: { enrollmentId: $e, round: "sold", score: 3, answeredAt: "2026-11-22T08:00:00Z" }) { duplicate } }',
        { e: enrollment.id },
        admin,
      ),
    );
    const q =
      'query($ids: [ID!]) { metricValues(input: { metricKeys: ["sold_nps"], entityType: SQUAD, entityIds: $ids, period: { kind: DAY, start: "2026-11-22" } }) { values { entityId numerator denominator } } }';
    const res = expectData(
      await t.gql<{ metricValues: { values: { entityId: string; numerator: number; denominator: number }[] } }>(
        q,
        { ids: [org.squads.A1, org.squads.A2] },
        admin,
      ),
    );
    const by = Object.fromEntries(res.metricValues.values.map((v) => [v.entityId, v]));
    expect(by[org.squads.A2]).toMatchObject({ numerator: -1, denominator: 1 });
    expect(by[org.squads.A1]).toMatchObject({ numerator: 0, denominator: 0 });
  });

  it('lets curators see only their students; sellers only aggregates', async () => {
    const { enrollment } = await sell({ repId: org.members.A1[0].id, squadId: org.squads.A1 });
    const curB1 = await t.login(org.members.B1[0].email, PASSWORD);
    const curB2 = await t.login(curatorB2.email, PASSWORD);
    const leadB1 = await t.login(org.leads.B1.email, PASSWORD);
    const seller = await t.login(org.members.A1[0].email, PASSWORD);
    expectData(await t.gql('query($id: ID!) { enrollment(id: $id) { id npsResponses { comment } } }', { id: enrollment.id }, curB1));
    expectData(await t.gql('query($id: ID!) { enrollment(id: $id) { id } }', { id: enrollment.id }, leadB1));
    expectError(await t.gql('query($id: ID!) { enrollment(id: $id) { id } }', { id: enrollment.id }, curB2), 'FORBIDDEN');
    expectError(await t.gql('query($id: ID!) { enrollment(id: $id) { npsResponses { comment } } }', { id: enrollment.id }, seller), 'FORBIDDEN');
    const list = expectData(await t.gql<{ enrollments: { nodes: { id: string }[] } }>('{ enrollments(first: 200) { nodes { id } } }', {}, curB2));
    expect(list.enrollments.nodes).toEqual([]);
    const sellerList = expectData(await t.gql<{ enrollments: { nodes: { id: string }[] } }>('{ enrollments(first: 200) { nodes { id } } }', {}, seller));
    expect(sellerList.enrollments.nodes).toEqual([]);
    expectError(
      await t.gql('mutation($e: ID!) { recordNps(input: { enrollmentId: $e, round: "hack", score: 10 }) { duplicate } }', { e: enrollment.id }, curB2),
      'FORBIDDEN',
    );
    expectError(
      await t.gql(
        'query($m: ID!) { curatorScorecard(memberId: $m, period: { kind: MONTH, start: "2026-11-01" }) { entityName } }',
        { m: org.members.B1[0].id },
        curB2,
      ),
      'FORBIDDEN',
    );
  });

  it('builds a curator scorecard with the previous period and the students behind it', async () => {
    const curB1 = await t.login(org.members.B1[0].email, PASSWORD);
    const res = expectData(
      await t.gql<{
        curatorScorecard: {
          entityName: string;
          period: { label: string };
          previousPeriod: { label: string };
          lines: { current: { metricKey: string; numerator: number; denominator: number | null } }[];
          students: { nodes: { id: string }[] };
        };
      }>(
        'query($m: ID!) { curatorScorecard(memberId: $m, period: { kind: MONTH, start: "2026-11-01" }) { entityName period { label } previousPeriod { label } lines { current { metricKey numerator denominator } previous { value } change } students(first: 100) { nodes { id } } } }',
        { m: org.members.B1[0].id },
        curB1,
      ),
    );
    const card = res.curatorScorecard;
    expect(card.period.label).toBe('2026-11');
    expect(card.previousPeriod.label).toBe('2026-10');
    expect(card.lines.map((l) => l.current.metricKey)).toEqual([
      'completion_rate',
      'average_progress',
      'daily_study_rate',
      'nps',
      'csat_course',
      'csat_service',
      'repurchase_rate',
      'k_factor',
      'cs_refund_rate',
      'club_renewal_rate',
    ]);
    // Seven answers from the NPS test and one from the downstream-credit test.
    expect(card.lines.find((l) => l.current.metricKey === 'nps')!.current.denominator).toBe(8);
    expect(card.students.nodes.length).toBeGreaterThan(5);
  });
});

describe('course service class cohorts', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'cls', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [org.organizationId]);
  });
  afterAll(async () => t?.close());

  it("puts an enrolled student's onboarding steps, in their persona's wording, on the curator's agenda", async () => {
    const content = {
      changeNote: 'v1',
      steps: [
        {
          key: 'onboarding',
          dayOffset: 0,
          localTime: '18:00',
          windowMinutes: 240,
          channel: 'PRIVATE_MESSAGE',
          audience: 'LEADS',
          title: 'Onboarding call',
          scripts: [
            { text: 'Hi {{lead.firstName}}, here is how the course works: watch the format video first.' },
            { persona: 'advanced', text: 'Hi {{lead.firstName}}, skip the intro and go straight to practice.' },
          ],
        },
      ],
      objections: [],
    };
    const pb = expectData(
      await t.gql<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
        { input: { legionId: org.legionB, name: 'Course onboarding', kind: 'COURSE_SERVICE', productName: 'Analytics', content } },
        admin,
      ),
    );
    expectData(await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: pb.createPlaybook.draft.id }, admin));
    const today = new Date().toISOString().slice(0, 10);
    const cohort = expectData(
      await t.gql<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        { input: { name: 'November class', startDate: today, timeZone: 'UTC', playbookVersionId: pb.createPlaybook.draft.id, squadIds: [org.squads.B1] } },
        admin,
      ),
    ).createCohort;
    const product = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { sku: "C", name: "Course", kind: REGULAR, listPrice: 1000 }) { id } }',
        {},
        admin,
      ),
    ).createProduct.id;
    const lead = await createLead(t.app, org.organizationId, { name: 'Ada Advanced', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    await t.db.dataSource.query(`UPDATE lead SET persona = 'advanced' WHERE id = $1`, [lead]);
    const enrollment = expectData(
      await t.gql<{ createEnrollment: { curatorId: string; classCohortId: string } }>(
        'mutation($l: ID!, $p: ID!, $c: ID!) { createEnrollment(input: { leadId: $l, productId: $p, classCohortId: $c }) { curatorId classCohortId } }',
        { l: lead, p: product, c: cohort.id },
        admin,
      ),
    ).createEnrollment;
    expect(enrollment.curatorId).toBe(org.members.B1[0].id);
    const curator = await t.login(org.members.B1[0].email, PASSWORD);
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 2 * 86400_000).toISOString();
    const agenda = expectData(
      await t.gql<{ myAgenda: { lead: { name: string }; script: { text: string; persona: string | null } }[] }>(
        'query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { lead { name } script { text persona } } }',
        { from, to },
        curator,
      ),
    ).myAgenda;
    expect(agenda).toEqual([{ lead: { name: 'Ada Advanced' }, script: { text: 'Hi Ada, skip the intro and go straight to practice.', persona: 'advanced' } }]);
    // The selling rep does not get the student's course-service steps.
    const rep = await t.login(org.members.A1[0].email, PASSWORD);
    const repAgenda = expectData(
      await t.gql<{ myAgenda: unknown[] }>('query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { id } }', { from, to }, rep),
    ).myAgenda;
    expect(repAgenda).toEqual([]);
    // A second student fills in the ONBOARDING questionnaire: "advanced" picks the skip-to-practice path.
    const onboardingDef = {
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
    const survey = expectData(
      await t.gql<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        { i: { name: 'Onboarding', kind: 'ONBOARDING', definition: onboardingDef } },
        admin,
      ),
    ).createSurvey.id;
    expectData(await t.gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { version } } }', { id: survey }, admin));
    const lead2 = await createLead(t.app, org.organizationId, { name: 'Bo Builder', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const e2 = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        'mutation($l: ID!, $p: ID!, $c: ID!) { createEnrollment(input: { leadId: $l, productId: $p, classCohortId: $c }) { id } }',
        { l: lead2, p: product, c: cohort.id },
        admin,
      ),
    ).createEnrollment.id;
    const ONBOARD =
      'mutation($e: ID!, $s: ID!, $o: String!) { submitOnboarding(input: { enrollmentId: $e, surveyId: $s, answers: [{ questionKey: "level", optionKeys: [$o] }] }) { persona personaReason enrollment { onboardingPersona } } }';
    expectError(await t.gql(ONBOARD, { e: e2, s: survey, o: 'expert' }, curator), 'BAD_USER_INPUT');
    const onboarded = expectData(
      await t.gql<{ submitOnboarding: { persona: string; enrollment: { onboardingPersona: string } } }>(ONBOARD, { e: e2, s: survey, o: 'pro' }, curator),
    ).submitOnboarding;
    expect(onboarded).toMatchObject({ persona: 'advanced', enrollment: { onboardingPersona: 'advanced' } });
    const agenda2 = expectData(
      await t.gql<{ myAgenda: { lead: { name: string }; script: { text: string } }[] }>(
        'query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { lead { name } script { text } } }',
        { from, to },
        curator,
      ),
    ).myAgenda;
    expect(agenda2.find((i) => i.lead.name === 'Bo Builder')!.script.text).toBe('Hi Bo, skip the intro and go straight to practice.');
    // An intake (pre-sales) survey cannot serve as onboarding.
    const intakeSurvey = expectData(
      await t.gql<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        { i: { name: 'Intake', kind: 'INTAKE', definition: onboardingDef } },
        admin,
      ),
    ).createSurvey.id;
    expectError(await t.gql(ONBOARD, { e: e2, s: intakeSurvey, o: 'pro' }, curator), 'BAD_USER_INPUT');
    // A pre-sales cohort is refused as a class.
    const wrong = expectError(
      await t.gql(
        'mutation($l: ID!, $p: ID!, $c: ID!) { createEnrollment(input: { leadId: $l, productId: $p, classCohortId: $c }) { id } }',
        { l: lead, p: product, c: '00000000-0000-0000-0000-000000000000' },
        admin,
      ),
      'BAD_USER_INPUT',
    );
    expect(wrong.message).toMatch(/no such cohort/);
  });
});
