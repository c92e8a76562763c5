import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { COLD_ANSWERS, createPublishedSurvey, HOT_ANSWERS, setRouting, SUBMIT, submission, WARM_ANSWERS, type SubmitResult } from './support/intake.js';

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
    expect(ok.submitIntake.lead).toMatchObject({ tier: 'D', ownerId: null, squadId: org.squads.A1 });
    const before = await count('intake_submission');
    expectError(await t.gql(SUBMIT, { i: submission(surveyId, 'bot-2', { email: 'c@example.com' }) }, { apiKey: badKey }), 'FORBIDDEN');
    expect(await count('intake_submission')).toBe(before);
    // API keys still cannot read leads.
    expectError(await t.gql('{ leads(first: 5) { nodes { id } } }', {}, { apiKey }), 'FORBIDDEN');
  });

  it('is idempotent by externalId: the same submission returns the same result and counts once', async () => {
    const input = submission(surveyId, 'form-idem', { name: 'Idem', phone: '+86 139 0000 0001' }, WARM_ANSWERS);
    const first = expectData(await t.gql<SubmitResult>(SUBMIT, { i: input }, { apiKey })).submitIntake;
    const subs = await count('intake_submission');
    const second = expectData(await t.gql<SubmitResult>(SUBMIT, { i: input }, { apiKey })).submitIntake;
    expect(second.duplicate).toBe(true);
    expect(second.lead.id).toBe(first.lead.id);
    expect(second.submission).toEqual(first.submission);
    expect(second.explanation).toEqual(first.explanation);
    expect(await count('intake_submission')).toBe(subs);
  });

  it('never double-inserts concurrent duplicates', async () => {
    const input = submission(surveyId, 'form-race', { name: 'Race', phone: '+86 139 0000 0002' });
    const results = await Promise.all(Array.from({ length: 6 }, () => t.gql<SubmitResult>(SUBMIT, { i: input }, { apiKey })));
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
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'dup-a', { name: 'Chen', phone: '138-1111-2222' }, COLD_ANSWERS) }, { apiKey }),
    ).submitIntake;
    expect(first.lead).toMatchObject({ phone: '+8613811112222', tier: 'D' });
    const byPhone = expectData(
      await t.gql<SubmitResult>(
        SUBMIT,
        { i: submission(surveyId, 'dup-b', { name: 'Chen L.', phone: '+86 (138) 1111 2222', email: 'CHEN@mail.cn' }, HOT_ANSWERS) },
        { apiKey },
      ),
    ).submitIntake;
    expect(byPhone.existingLead).toBe(true);
    expect(byPhone.duplicate).toBe(false);
    expect(byPhone.lead).toMatchObject({ id: first.lead.id, name: 'Chen', email: 'chen@mail.cn', tier: 'A', score: 105 });
    expect(byPhone.lead.ownerId).not.toBeNull(); // now hot: routed out of the pool
    const byEmail = expectData(
      await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'dup-c', { email: ' chen@MAIL.cn ' }, WARM_ANSWERS) }, { apiKey }),
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
        { apiKey },
      ),
      'BAD_USER_INPUT',
    );
    const fields = err.extensions!.fields!.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['input.contact.phone', 'input.answers.0', 'input.answers.1', 'input.answers']));
    expect(err.extensions!.fields!.find((f) => f.field === 'input.answers')!.message).toContain("required question 'hours'");
    expectError(await t.gql(SUBMIT, { i: submission(surveyId, 'bad-2', {}) }, { apiKey }), 'BAD_USER_INPUT');
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
        { apiKey },
      ),
    ).submitIntakeBatch;
    expect(res).toMatchObject({ submitted: 2, duplicates: 2, leadsCreated: 1, leadsUpdated: 0 });
    expect(res.results.map((r) => r.duplicate)).toEqual([false, false, true, true]);
    expect(res.results[1].lead.id).toBe(res.results[0].lead.id);
    const err = expectError(
      await t.gql(
        'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted } }',
        {
          inputs: [submission(surveyId, 'batch-3', { email: 'b3@example.com' }), submission(surveyId, 'batch-4', { email: 'nope' })],
        },
        { apiKey },
      ),
      'BAD_USER_INPUT',
    );
    expect(err.extensions!.fields!.map((f) => f.field)).toEqual(['inputs.1.contact.email']);
  });
});
