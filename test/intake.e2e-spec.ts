import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startDemoTestApp, startTestApp, type TestApp } from './support/harness.js';
import {
  COLD_ANSWERS,
  createPublishedSurvey,
  HOT_ANSWERS,
  setRouting,
  SUBMIT,
  submission,
  SURVEY_DEFINITION,
  WARM_ANSWERS,
  type SubmitResult,
} from './support/intake.js';

describe('intake: submissions, scoring, idempotency and dedupe', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let surveyId: string;
  const tokens: Record<string, string> = {};
  let apiKey: string;
  let badKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'intake');
    tokens.admin = await t.login(org.admin.email, PASSWORD);
    tokens.manager = await t.login(org.manager.email, PASSWORD);
    tokens.rep = await t.login(org.members.A1[0].email, PASSWORD);
    surveyId = await createPublishedSurvey(t, tokens.admin);
    await setRouting(t, tokens.admin, {
      tierThreshold: 'B',
      strategy: 'ROUND_ROBIN',
      squadIds: [org.squads.A1, org.squads.A2],
      defaultCapacity: 50,
      defaultCountryCode: '86',
    });
    const key = (scopes: string[]) =>
      t.gql<{ createApiKey: { secret: string } }>(
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
        { i: { name: scopes.join() || 'none', scopes } },
        tokens.admin,
      );
    apiKey = expectData(await key(['intake:submit'])).createApiKey.secret;
    badKey = expectData(await key(['commerce:write'])).createApiKey.secret;
  });
  afterAll(async () => t?.close());

  const count = async (table: string) => Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('scores a submission made with a user token and explains it', async () => {
    const res = expectData(
      await t.gql<SubmitResult>(
        SUBMIT,
        { i: submission(surveyId, 'form-1', { name: 'Anna', phone: '+86 138 0013 8000', email: 'Anna@Example.COM' }) },
        tokens.rep,
      ),
    );
    const r = res.submitIntake;
    expect(r.duplicate).toBe(false);
    expect(r.existingLead).toBe(false);
    expect(r.lead).toMatchObject({
      name: 'Anna',
      phone: '+8613800138000',
      email: 'anna@example.com',
      score: 105,
      tier: 'A',
      persona: 'switcher',
      stage: 'PROSPECT',
    });
    expect(r.explanation.total).toBe(105);
    expect(r.explanation.caps).toEqual([{ group: 'money', before: 40, after: 30, cut: 10 }]);
    expect(r.explanation.rules).toEqual([{ ruleKey: 'hot', points: 5 }]);
    expect(r.explanation.contributions.map((c) => [c.questionKey, c.weightedPoints])).toEqual([
      ['goal', 40],
      ['budget', 40],
      ['hours', 20],
      ['ready', 10],
      ['formats', 0],
    ]);
    expect(r.lead.ownerId).not.toBeNull();
  });

  it('accepts an API key with the intake scope and refuses one without it', async () => {
    const ok = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'bot-1', { name: 'Bo', email: 'bo@example.com' }, COLD_ANSWERS) }, { apiKey }),
    );
    // A key learns nothing about the lead (issue 14): it is written all the same.
    expect(ok.submitIntake).toMatchObject({ duplicate: false, lead: null, existingLead: null, submission: null });
    const [bo] = await t.db.dataSource.query(`SELECT tier, owner_id, squad_id FROM lead WHERE email = 'bo@example.com'`);
    expect(bo).toEqual({ tier: 'D', owner_id: null, squad_id: org.squads.A1 });
    const before = await count('intake_submission');
    expectError(await t.gql(SUBMIT, { i: submission(surveyId, 'bot-2', { email: 'c@example.com' }) }, { apiKey: badKey }), 'FORBIDDEN');
    expect(await count('intake_submission')).toBe(before);
    // API keys still cannot read leads.
    expectError(await t.gql('{ leads(first: 5) { nodes { id } } }', {}, { apiKey }), 'FORBIDDEN');
  });

  it('is idempotent by externalId: the same submission returns the same result and counts once', async () => {
    const input = submission(surveyId, 'form-idem', { name: 'Idem', phone: '+86 139 0000 0001' }, WARM_ANSWERS);
    const first = expectData(await t.gql<SubmitResult>(SUBMIT, { i: input }, tokens.admin)).submitIntake;
    const subs = await count('intake_submission');
    const second = expectData(await t.gql<SubmitResult>(SUBMIT, { i: input }, tokens.admin)).submitIntake;
    expect(second.duplicate).toBe(true);
    expect(second.lead.id).toBe(first.lead.id);
    expect(second.submission).toEqual(first.submission);
    expect(second.explanation).toEqual(first.explanation);
    expect(await count('intake_submission')).toBe(subs);
  });

  it('never double-inserts concurrent duplicates', async () => {
    const input = submission(surveyId, 'form-race', { name: 'Race', phone: '+86 139 0000 0002' });
    const results = await Promise.all(Array.from({ length: 6 }, () => t.gql<SubmitResult>(SUBMIT, { i: input }, tokens.admin)));
    const data = results.map((r) => expectData(r).submitIntake);
    expect(new Set(data.map((d) => d.lead.id)).size).toBe(1);
    expect(new Set(data.map((d) => d.submission.id)).size).toBe(1);
    expect(data.filter((d) => !d.duplicate)).toHaveLength(1);
    const rows = await t.db.dataSource.query(`SELECT count(*) AS n FROM intake_submission WHERE external_id = 'form-race'`);
    expect(Number(rows[0].n)).toBe(1);
    const leads = await t.db.dataSource.query(`SELECT count(*) AS n FROM lead WHERE phone = '+8613900000002'`);
    expect(Number(leads[0].n)).toBe(1);
  });

  it('attaches a second submission from the same person (normalized phone or email) and re-scores the lead', async () => {
    const first = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'dup-a', { name: 'Chen', phone: '138-1111-2222' }, COLD_ANSWERS) }, tokens.admin),
    ).submitIntake;
    expect(first.lead).toMatchObject({ phone: '+8613811112222', tier: 'D' });
    const byPhone = expectData(
      await t.gql<SubmitResult>(
        SUBMIT,
        { i: submission(surveyId, 'dup-b', { name: 'Chen L.', phone: '+86 (138) 1111 2222', email: 'CHEN@mail.cn' }, HOT_ANSWERS) },
        tokens.admin,
      ),
    ).submitIntake;
    expect(byPhone.existingLead).toBe(true);
    expect(byPhone.duplicate).toBe(false);
    expect(byPhone.lead).toMatchObject({ id: first.lead.id, name: 'Chen', email: 'chen@mail.cn', tier: 'A', score: 105 });
    expect(byPhone.lead.ownerId).not.toBeNull(); // now hot: routed out of the pool
    const byEmail = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'dup-c', { email: ' chen@MAIL.cn ' }, WARM_ANSWERS) }, tokens.admin),
    ).submitIntake;
    expect(byEmail.lead).toMatchObject({ id: first.lead.id, tier: 'B', ownerId: byPhone.lead.ownerId });
    const n = await t.db.dataSource.query(`SELECT count(*) AS n FROM intake_submission WHERE lead_id = $1`, [first.lead.id]);
    expect(Number(n[0].n)).toBe(3);
  });

  it('rejects bad answers and contacts with BAD_USER_INPUT and writes nothing', async () => {
    const before = [await count('lead'), await count('intake_submission'), await count('audit_event')];
    const err = expectError(
      await t.gql(
        SUBMIT,
        {
          i: submission(surveyId, 'bad-1', { phone: '12345' }, [
            { questionKey: 'goal', optionKeys: ['astronaut'] },
            { questionKey: 'shoe_size', value: '42' },
          ]),
        },
        tokens.admin,
      ),
      'BAD_USER_INPUT',
    );
    const fields = err.extensions!.fields!.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['input.contact.phone', 'input.answers.0', 'input.answers.1', 'input.answers']));
    expect(err.extensions!.fields!.find((f) => f.field === 'input.answers')!.message).toContain("required question 'hours'");
    expectError(await t.gql(SUBMIT, { i: submission(surveyId, 'bad-2', {}) }, { apiKey }), 'BAD_USER_INPUT');
    expect([await count('lead'), await count('intake_submission'), await count('audit_event')]).toEqual(before);
  });

  it('checks every field of the input itself: ids, lengths, counts, batch size; nothing written', async () => {
    const before = [await count('lead'), await count('intake_submission'), await count('audit_event')];
    const err = expectError(
      await t.gql(
        SUBMIT,
        {
          i: submission(
            'not-a-uuid',
            'x'.repeat(201),
            { email: 'ok@example.com', messengerHandle: 'h'.repeat(121), phone: '1'.repeat(41) },
            [{ questionKey: 'goal', optionKeys: Array.from({ length: 101 }, (_, i) => `o${i}`) }],
            { cohortRef: 'c'.repeat(121), referredByLeadId: 'nope' },
          ),
        },
        { apiKey },
      ),
      'BAD_USER_INPUT',
    );
    expect(err.extensions!.fields!.map((f) => f.field).sort()).toEqual(
      [
        'input.surveyId',
        'input.externalId',
        'input.contact.phone',
        'input.contact.messengerHandle',
        'input.cohortRef',
        'input.referredByLeadId',
        'input.answers.0.optionKeys',
      ].sort(),
    );
    expect(err.extensions!.fields!.find((f) => f.field === 'input.surveyId')!.message).toBe('must be a UUID');
    const BATCH = 'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted } }';
    const empty = expectError(await t.gql(BATCH, { inputs: [] }, { apiKey }), 'BAD_USER_INPUT');
    expect(empty.extensions!.fields).toEqual([{ field: 'inputs', message: 'has 0 submissions; send 1 to 1000 per request' }]);
    const many = Array.from({ length: 1001 }, (_, i) => submission(surveyId, `too-many-${i}`, { email: `m${i}@example.com` }));
    expectError(await t.gql(BATCH, { inputs: many }, { apiKey }), 'BAD_USER_INPUT');
    expect([await count('lead'), await count('intake_submission'), await count('audit_event')]).toEqual(before);
  });

  it('submits a batch with the same semantics', async () => {
    const res = expectData(
      await t.gql<{
        submitIntakeBatch: {
          submitted: number;
          duplicates: number;
          leadsCreated: number;
          leadsUpdated: number;
          results: { duplicate: boolean; lead: { id: string } }[];
        };
      }>(
        'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted duplicates leadsCreated leadsUpdated results { duplicate lead { id } } } }',
        {
          inputs: [
            submission(surveyId, 'batch-1', { email: 'b1@example.com' }),
            submission(surveyId, 'batch-2', { email: 'B1@example.com' }, COLD_ANSWERS),
            submission(surveyId, 'batch-1', { email: 'b1@example.com' }),
            submission(surveyId, 'form-1', { phone: '+8613800138000' }),
          ],
        },
        tokens.admin,
      ),
    ).submitIntakeBatch;
    expect(res).toMatchObject({ submitted: 2, duplicates: 2, leadsCreated: 1, leadsUpdated: 0 });
    expect(res.results.map((r) => r.duplicate)).toEqual([false, false, true, true]);
    expect(res.results[1].lead.id).toBe(res.results[0].lead.id);
    // Both submissions of the new contact point at the one lead created for it.
    const rows: { lead_id: string }[] = await t.db.dataSource.query(
      `SELECT lead_id FROM intake_submission WHERE external_id IN ('batch-1', 'batch-2') ORDER BY external_id`,
    );
    expect(rows.map((r) => r.lead_id)).toEqual([res.results[0].lead.id, res.results[0].lead.id]);
    const err = expectError(
      await t.gql(
        'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted } }',
        {
          inputs: [submission(surveyId, 'batch-3', { email: 'b3@example.com' }), submission(surveyId, 'batch-4', { email: 'nope' })],
        },
        tokens.admin,
      ),
      'BAD_USER_INPUT',
    );
    expect(err.extensions!.fields!.map((f) => f.field)).toEqual(['inputs.1.contact.email']);
  });

  it('takes concurrent batches holding the same externalIds in opposite orders: each written once, all runs report it', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `swap-${i}`);
    const batchOf = (order: string[]) => order.map((id) => submission(surveyId, id, { email: `${id}@example.com` }));
    const query =
      'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted duplicates results { submission { id externalId } lead { id email } } } }';
    type Batch = { submitted: number; duplicates: number; results: { submission: { id: string; externalId: string }; lead: { id: string; email: string } }[] };
    const orders = [ids, [...ids].reverse(), ids, [...ids].reverse()];
    const runs = (await Promise.all(orders.map((o) => t.gql<{ submitIntakeBatch: Batch }>(query, { inputs: batchOf(o) }, tokens.admin)))).map(
      (r) => expectData(r).submitIntakeBatch,
    );
    expect(runs.reduce((n, r) => n + r.submitted, 0)).toBe(ids.length);
    expect(runs.reduce((n, r) => n + r.duplicates, 0)).toBe(ids.length * 3);
    // Every run reports the one stored submission and lead of each externalId.
    const seen = new Map<string, string>();
    for (const r of runs) {
      for (const x of r.results) {
        expect(x.lead.email).toBe(`${x.submission.externalId}@example.com`);
        const key = `${x.submission.id}/${x.lead.id}`;
        expect(seen.get(x.submission.externalId) ?? key).toBe(key);
        seen.set(x.submission.externalId, key);
      }
    }
    const [subs] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM intake_submission WHERE external_id LIKE 'swap-%'`);
    const [leads] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM lead WHERE email LIKE 'swap-%'`);
    expect([subs.n, leads.n]).toEqual([ids.length, ids.length]);
  });
});

describe('intake: routing thresholds, capacity under concurrency, deactivation', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let surveyId: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'routing');
    admin = await t.login(org.admin.email, PASSWORD);
    surveyId = await createPublishedSurvey(t, admin);
    await setRouting(t, admin, { tierThreshold: 'B', strategy: 'CAPACITY_WEIGHTED', squadIds: [org.squads.A1], defaultCapacity: 3 });
    await setRouting(t, admin, { cohortRef: 'vip', tierThreshold: 'A', strategy: 'TIER_PRIORITY', squadIds: [org.squads.A2], defaultCapacity: 10 });
  });
  afterAll(async () => t?.close());

  const owners = async () =>
    (await t.db.dataSource.query(
      `SELECT owner_id, count(*)::int AS n FROM lead WHERE organization_id = $1 AND stage IN ('PROSPECT', 'INTRO') GROUP BY owner_id`,
      [org.organizationId],
    )) as { owner_id: string | null; n: number }[];

  it('applies the campaign config: threshold A, its squads and its pool', async () => {
    const warm = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'vip-1', { email: 'v1@x.cn' }, WARM_ANSWERS, { cohortRef: 'vip' }) }, admin),
    );
    expect(warm.submitIntake.lead).toMatchObject({ tier: 'B', ownerId: null, squadId: org.squads.A2 });
    const hotLead = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'vip-2', { email: 'v2@x.cn' }, HOT_ANSWERS, { cohortRef: 'vip' }) }, admin),
    );
    expect(hotLead.submitIntake.lead.squadId).toBe(org.squads.A2);
    expect([org.members.A2[0].id, org.members.A2[1].id]).toContain(hotLead.submitIntake.lead.ownerId);
    const coldLead = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'def-1', { email: 'd1@x.cn' }, COLD_ANSWERS) }, admin));
    expect(coldLead.submitIntake.lead).toMatchObject({ tier: 'D', ownerId: null, squadId: org.squads.A1 });
  });

  it('never exceeds capacity nor assigns a lead twice under concurrent submissions', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, `rush-${i}`, { email: `rush${i}@x.cn` }, WARM_ANSWERS) }, admin),
      ),
    );
    const leads = results.map((r) => expectData(r).submitIntake.lead);
    const owned = leads.filter((l) => l.ownerId !== null);
    expect(owned).toHaveLength(6); // two A1 reps × capacity 3
    const counts = Object.fromEntries((await owners()).map((r) => [r.owner_id ?? 'pool', r.n]));
    expect(counts[org.members.A1[0].id]).toBe(3);
    expect(counts[org.members.A1[1].id]).toBe(3);
    const audits = await t.db.dataSource.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_event WHERE action = 'ASSIGNED' AND entity_id = ANY($1) GROUP BY entity_id`,
      [owned.map((l) => l.id)],
    );
    expect(audits).toHaveLength(6);
    expect(audits.every((a: { n: number }) => a.n === 1)).toBe(true);
  });

  it('reassigns a deactivated rep’s open leads to reps with capacity, else to the pool', async () => {
    const [rep1, rep2] = org.members.A1;
    const rep1Leads = (await t.db.dataSource.query(`SELECT id FROM lead WHERE owner_id = $1`, [rep1.id])).map((r: { id: string }) => r.id).sort();
    expect(rep1Leads).toHaveLength(3);
    expectData(await t.gql('mutation($i: SetRepCapacityInput!) { setRepCapacity(input: $i) }', { i: { userId: rep2.id, maxOpenLeads: 5 } }, admin));
    expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: rep1.id }, admin));
    const after = await t.db.dataSource.query(`SELECT owner_id, squad_id FROM lead WHERE id = ANY($1) ORDER BY score DESC, created_at`, [rep1Leads]);
    // rep2 had 3 of 5: two more fit, the third goes to A1's pool.
    expect(after.filter((r: { owner_id: string | null }) => r.owner_id === rep2.id)).toHaveLength(2);
    expect(after.filter((r: { owner_id: string | null; squad_id: string }) => r.owner_id === null && r.squad_id === org.squads.A1)).toHaveLength(1);
    expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: rep2.id }, admin));
    const left = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM lead WHERE owner_id = ANY($1) AND stage IN ('PROSPECT','INTRO')`, [
      [rep1.id, rep2.id],
    ]);
    expect(left[0].n).toBe(0);
    // Nobody left in A1: new hot leads wait in the pool.
    const lead = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'late-1', { email: 'late@x.cn' }) }, admin)).submitIntake.lead;
    expect(lead).toMatchObject({ ownerId: null, squadId: org.squads.A1 });
  });
});

describe('intake: survey versions, re-scoring, calibration, CSV import, demo', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let manager: string;
  let rep: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'surveys');
    admin = await t.login(org.admin.email, PASSWORD);
    manager = await t.login(org.manager.email, PASSWORD);
    rep = await t.login(org.members.A1[0].email, PASSWORD);
    await setRouting(t, admin, { tierThreshold: 'A', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 100, defaultCountryCode: '7' });
  });
  afterAll(async () => t?.close());

  const VERSIONS = `query($id: ID!) { survey(id: $id) { currentVersion { id version status definition { questions { key options { key points } } } } draft { version issues { path message } } versions { version status } } }`;
  type Versions = {
    survey: {
      currentVersion: {
        id: string;
        version: number;
        status: string;
        definition: { questions: { key: string; options: { key: string; points: number }[] | null }[] };
      };
      draft: { version: number; issues: { path: string; message: string }[] } | null;
      versions: { version: number; status: string }[];
    };
  };

  it('keeps survey definitions to ADMIN and MANAGER', async () => {
    expectError(
      await t.gql(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        { i: { name: 'x', kind: 'INTAKE', definition: SURVEY_DEFINITION } },
        rep,
      ),
      'FORBIDDEN',
    );
    expectError(await t.gql('{ surveys { id } }', {}, rep), 'FORBIDDEN');
    const id = await createPublishedSurvey(t, manager, SURVEY_DEFINITION, 'Manager survey');
    expect(expectData(await t.gql<{ surveys: { id: string }[] }>('{ surveys(kind: INTAKE) { id } }', {}, admin)).surveys.map((s) => s.id)).toContain(id);
  });

  it('freezes a published version: edits go to a new draft, submissions record their version', async () => {
    const id = await createPublishedSurvey(t, admin);
    const v1 = expectData(await t.gql<Versions>(VERSIONS, { id }, admin)).survey.currentVersion;
    const changed = structuredClone(SURVEY_DEFINITION);
    changed.questions[0].options![0].points = 1;
    const draft = expectData(
      await t.gql<{ saveSurveyDraft: { version: number; status: string } }>(
        'mutation($i: SaveSurveyDraftInput!) { saveSurveyDraft(input: $i) { version status } }',
        { i: { surveyId: id, definition: changed } },
        admin,
      ),
    ).saveSurveyDraft;
    expect(draft).toEqual({ version: 2, status: 'DRAFT' });
    const after = expectData(await t.gql<Versions>(VERSIONS, { id }, admin)).survey;
    expect(after.currentVersion.version).toBe(1);
    expect(after.currentVersion.definition.questions[0].options![0]).toEqual({ key: 'career', points: 20 });
    expect(after.versions).toEqual([
      { version: 2, status: 'DRAFT' },
      { version: 1, status: 'PUBLISHED' },
    ]);
    const sub = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(id, 'v1-sub', { phone: '8 (903) 555-12-12' }) }, admin)).submitIntake;
    expect(sub.submission.surveyVersionId).toBe(v1.id);
    expect(sub.lead.phone).toBe('+79035551212');

    // An invalid draft is reported on the version and refused at publish, field by field.
    const broken = structuredClone(SURVEY_DEFINITION);
    broken.questions[2].bands = [
      { min: 0, max: 5, points: 1 },
      { min: 4, max: 8, points: 2 },
    ] as never;
    broken.rules[0].when[0].questionKey = 'missing';
    expectData(
      await t.gql('mutation($i: SaveSurveyDraftInput!) { saveSurveyDraft(input: $i) { version } }', { i: { surveyId: id, definition: broken } }, admin),
    );
    const issues = expectData(await t.gql<Versions>(VERSIONS, { id }, admin)).survey.draft!.issues;
    expect(issues.length).toBeGreaterThanOrEqual(2);
    const err = expectError(await t.gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { version } } }', { id }, admin), 'BAD_USER_INPUT');
    const fields = err.extensions!.fields!.map((f) => f.field);
    expect(fields.some((f) => f.startsWith('definition.questions[2].bands'))).toBe(true);
    expect(fields.some((f) => f.startsWith('definition.rules[0].when[0]'))).toBe(true);
    expect(expectData(await t.gql<Versions>(VERSIONS, { id }, admin)).survey.currentVersion.version).toBe(1);
  });

  it('re-scores leads on publish and counts changed tiers', async () => {
    const id = await createPublishedSurvey(t, admin, SURVEY_DEFINITION, 'Rescore');
    const answers = [HOT_ANSWERS, HOT_ANSWERS, WARM_ANSWERS, COLD_ANSWERS, COLD_ANSWERS];
    const inputs = answers.map((a, i) => submission(id, `rs-${i}`, { email: `rs${i}@x.cn` }, a));
    expectData(await t.gql('mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted } }', { inputs }, admin));
    // v2: hours are worth more: HOT 105 → 125 (A stays A), WARM 50 → 50 (B), COLD 10 → 30 (D → C).
    const v2 = structuredClone(SURVEY_DEFINITION);
    v2.questions[2].bands = [
      { max: 3, points: 0 },
      { min: 3, max: 10, points: 30 },
      { min: 10, points: 40 },
    ] as never;
    expectData(await t.gql('mutation($i: SaveSurveyDraftInput!) { saveSurveyDraft(input: $i) { version } }', { i: { surveyId: id, definition: v2 } }, admin));
    const res = expectData(
      await t.gql<{ publishSurvey: { version: { version: number }; rescore: { rescored: number; tierChanged: number; skipped: number } } }>(
        'mutation($id: ID!) { publishSurvey(surveyId: $id, rescore: true) { version { version } rescore { rescored tierChanged skipped } } }',
        { id },
        admin,
      ),
    ).publishSurvey;
    expect(res.version.version).toBe(2);
    expect(res.rescore).toEqual({ rescored: 5, tierChanged: 2, skipped: 0 });
    const tiers = await t.db.dataSource.query(`SELECT email, tier, score FROM lead WHERE email LIKE 'rs%' ORDER BY email`);
    expect(tiers.map((r: { tier: string; score: string }) => [r.tier, Number(r.score)])).toEqual([
      ['A', 125],
      ['A', 125],
      ['B', 50],
      ['C', 30],
      ['C', 30],
    ]);
    // Running it again changes nothing.
    const again = expectData(
      await t.gql<{ rescoreSurveyLeads: { tierChanged: number } }>('mutation($id: ID!) { rescoreSurveyLeads(surveyId: $id) { tierChanged } }', { id }, admin),
    );
    expect(again.rescoreSurveyLeads.tierChanged).toBe(0);
  });

  it('calibrates: per option leads, conversions, rate and lift, computed exactly', async () => {
    const id = await createPublishedSurvey(t, admin, SURVEY_DEFINITION, 'Calibration');
    const mk = (goal: string, hours: string, ready: string | null) => [
      { questionKey: 'goal', optionKeys: [goal] },
      { questionKey: 'hours', value: hours },
      ...(ready ? [{ questionKey: 'ready', value: ready }] : []),
    ];
    const rows = [mk('career', '12', 'yes'), mk('career', '4', 'no'), mk('promotion', '12', 'yes'), mk('curious', '1', null)];
    const res = expectData(
      await t.gql<{ submitIntakeBatch: { results: { lead: { id: string } }[] } }>(
        'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { results { lead { id } } } }',
        { inputs: rows.map((a, i) => submission(id, `cal-${i}`, { email: `cal${i}@x.cn` }, a)) },
        admin,
      ),
    ).submitIntakeBatch.results.map((r) => r.lead.id);
    for (const leadId of [res[0], res[2]]) {
      expectData(await t.gql('mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { stage } }', { i: { leadId, stage: 'CONVERTED' } }, admin));
    }
    // A later resubmission of lead 1 (now "promotion") replaces its earlier answers.
    expectData(await t.gql(SUBMIT, { i: submission(id, 'cal-1b', { email: 'cal1@x.cn' }, mk('promotion', '4', 'no')) }, admin));
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const cal = expectData(
      await t.gql<{
        surveyCalibration: {
          leads: number;
          converted: number;
          conversionRate: number;
          options: { questionKey: string; optionKey: string; leads: number; converted: number; conversionRate: number | null; lift: number | null }[];
        };
      }>(
        'query($id: ID!, $from: DateTime!, $to: DateTime!) { surveyCalibration(surveyId: $id, from: $from, to: $to) { leads converted conversionRate options { questionKey optionKey leads converted conversionRate lift } } }',
        { id, from, to },
        manager,
      ),
    ).surveyCalibration;
    expect([cal.leads, cal.converted, cal.conversionRate]).toEqual([4, 2, 0.5]);
    const by = Object.fromEntries(cal.options.map((o) => [`${o.questionKey}:${o.optionKey}`, [o.leads, o.converted, o.conversionRate, o.lift]]));
    expect(by['goal:career']).toEqual([1, 1, 1, 2]);
    expect(by['goal:promotion']).toEqual([2, 1, 0.5, 1]);
    expect(by['goal:curious']).toEqual([1, 0, 0, 0]);
    expect(by['ready:yes']).toEqual([2, 2, 1, 2]);
    expect(by['ready:no']).toEqual([1, 0, 0, 0]);
    expect(by['hours:band:..3']).toEqual([1, 0, 0, 0]);
    expect(by['hours:band:3..10']).toEqual([1, 0, 0, 0]);
    expect(by['hours:band:10..']).toEqual([2, 2, 1, 2]);
    expect(by['budget:high']).toEqual([0, 0, null, null]);
    const empty = expectData(
      await t.gql<{ surveyCalibration: { leads: number; conversionRate: number | null } }>(
        'query($id: ID!) { surveyCalibration(surveyId: $id, from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z") { leads conversionRate } }',
        { id },
        admin,
      ),
    ).surveyCalibration;
    expect(empty).toEqual({ leads: 0, conversionRate: null });
    expectError(
      await t.gql('query($id: ID!) { surveyCalibration(surveyId: $id, from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z") { leads } }', { id }, rep),
      'FORBIDDEN',
    );
  });

  it('imports leads from CSV over HTTP: reports bad rows by line, batches good rows, re-runs add nothing', async () => {
    const id = await createPublishedSurvey(t, admin, SURVEY_DEFINITION, 'Import');
    const csv = [
      'name,phone,email,source,goal,budget,hours,ready,formats,note',
      '"Ivanov, Ivan",8 903 111 22 33,,ad,career,high,12,yes,video|mentor,"said ""call me""',
      'in the evening"',
      'Petr,12,,ad,career,high,12,yes,,',
      'Olga,,olga@x.ru,referral,astronaut,,4,,,',
      'Bad Source,,bs@x.ru,tv,career,,4,,,',
      'Masha,+7 903 444 55 66,MASHA@x.ru,organic,curious,low,1,no,,',
      'Short,row',
      '',
    ].join('\r\n');
    const post = (body: string, query = `surveyId=${id}`) =>
      t.http().post(`/intake/import?${query}`).set('Authorization', `Bearer ${admin}`).set('Content-Type', 'text/csv').send(body);
    const res = await post(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 6, imported: 2, duplicates: 0, leadsCreated: 2 });
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6, 8]);
    expect(res.body.errors[0].reason).toContain('phone');
    expect(res.body.errors[1].reason).toContain("unknown option 'astronaut'");
    expect(res.body.errors[2].reason).toContain("source: 'tv'");
    expect(res.body.errors[3].reason).toContain('has 2 fields');
    const ivan = await t.db.dataSource.query(
      `SELECT l.name, l.phone, l.tier, s.answers FROM lead l JOIN intake_submission s ON s.lead_id = l.id WHERE l.phone = '+79031112233'`,
    );
    expect(ivan[0]).toMatchObject({ name: 'Ivanov, Ivan', tier: 'A' });
    expect(ivan[0].answers.find((a: { questionKey: string }) => a.questionKey === 'note').value).toBe('said "call me"\r\nin the evening');
    expect(ivan[0].answers.find((a: { questionKey: string }) => a.questionKey === 'formats').optionKeys).toEqual(['video', 'mentor']);

    const again = await post(csv);
    expect(again.body).toMatchObject({ rows: 6, imported: 0, duplicates: 2, leadsCreated: 0 });
    const count = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM intake_submission WHERE survey_id = $1`, [id]);
    expect(count[0].n).toBe(2);

    const unknown = await post('name,email,shoe_size\nA,a@x.ru,42\n');
    expect(unknown.body.errors).toEqual([{ line: 1, reason: expect.stringContaining("unknown column 'shoe_size'") }]);
    expect((await post(csv, 'surveyId=nope')).status).toBe(400);
    const asRep = await t.http().post(`/intake/import?surveyId=${id}`).set('Authorization', `Bearer ${rep}`).set('Content-Type', 'text/csv').send(csv);
    expect(asRep.status).toBe(403);
    const anonymous = await t.http().post(`/intake/import?surveyId=${id}`).set('Content-Type', 'text/csv').send(csv);
    expect(anonymous.status).toBe(401);
  });

  it('seeds the demo: a published survey and a few hundred scored leads over 8 weeks', async () => {
    // Its own app on the run's demo database (startDemoTestApp), not this file's.
    const t = await startDemoTestApp();
    const { organizationId } = t.demo;
    try {
      const [stats] = await t.db.dataSource.query(
        `SELECT count(*)::int AS leads, count(owner_id)::int AS owned, count(DISTINCT owner_id)::int AS reps,
                min(created_at) AS first,
                count(*) FILTER (WHERE stage IN ('CONVERTED', 'LEARNING', 'COMPLETED', 'REFUNDED'))::int AS converted,
                count(*) FILTER (WHERE stage IN ('CONVERTED', 'LEARNING', 'COMPLETED', 'REFUNDED')
                                   AND NOT EXISTS (SELECT 1 FROM sales_order o WHERE o.lead_id = lead.id AND o.is_conversion))::int AS converted_without_order,
                count(*) FILTER (WHERE stage = 'LOST')::int AS lost, count(*) FILTER (WHERE stage = 'INTRO')::int AS intro
           FROM lead WHERE organization_id = $1 AND EXISTS (SELECT 1 FROM intake_submission s WHERE s.lead_id = lead.id)`,
        [organizationId],
      );
      // The intake demo's leads are the ones with a questionnaire (other demo parts add their own).
      expect(stats.leads).toBe(300);
      expect(stats.owned).toBeGreaterThan(30);
      expect(stats.reps).toBeGreaterThanOrEqual(10);
      expect(Date.now() - new Date(stats.first).getTime()).toBeGreaterThan(40 * 86400_000);
      // Converted (and beyond) only through a recorded conversion order.
      expect(stats.converted).toBeGreaterThan(5);
      expect(stats.converted_without_order).toBe(0);
      expect(stats.lost).toBeGreaterThan(5);
      expect(stats.intro).toBeGreaterThan(5);
    } finally {
      await t.close();
    }
  }, 180_000);
});
