import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';
import { COLD_ANSWERS, createPublishedSurvey, HOT_ANSWERS, setRouting, SUBMIT, submission, type SubmitResult } from './support/intake.js';

/** Issue 14, item 1: submitIntake must not be a way to read an existing lead. */
describe('security: intake results reveal a lead only to who may read it', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let surveyId: string;
  let apiKey: string;
  const tokens: Record<string, string> = {};
  let leadId: string;
  let ownerId: string;
  const PHONE = '+86 138 5555 0001';

  const BATCH = `mutation($inputs: [SubmitIntakeInput!]!) {
    submitIntakeBatch(inputs: $inputs) { submitted duplicates leadsCreated leadsUpdated assigned
      results { duplicate existingLead lead { id name ownerId } submission { id } explanation { total } } }
  }`;
  type BatchResult = {
    submitIntakeBatch: {
      submitted: number;
      duplicates: number;
      leadsCreated: number | null;
      leadsUpdated: number | null;
      assigned: number | null;
      results: {
        duplicate: boolean;
        existingLead: boolean | null;
        lead: { id: string } | null;
        submission: { id: string } | null;
        explanation: { total: number };
      }[];
    };
  };
  const submissionsOf = async (id: string) =>
    Number((await t.db.dataSource.query('SELECT count(*)::int AS n FROM intake_submission WHERE lead_id = $1', [id]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'secintake');
    tokens.admin = await t.login(org.admin.email, PASSWORD);
    tokens.repA1 = await t.login(org.members.A1[0].email, PASSWORD);
    tokens.leadA1 = await t.login(org.leads.A1.email, PASSWORD);
    tokens.leadA2 = await t.login(org.leads.A2.email, PASSWORD);
    surveyId = await createPublishedSurvey(t, tokens.admin);
    // Hot leads go to the reps of A2 only.
    await setRouting(t, tokens.admin, {
      tierThreshold: 'B',
      strategy: 'ROUND_ROBIN',
      squadIds: [org.squads.A2],
      defaultCapacity: 50,
      defaultCountryCode: '86',
    });
    apiKey = expectData(
      await t.gql<{ createApiKey: { secret: string } }>(
        'mutation { createApiKey(input: { name: "form", scopes: ["intake:submit"] }) { secret } }',
        {},
        tokens.admin,
      ),
    ).createApiKey.secret;
    const first = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'known-1', { name: 'Known Person', phone: PHONE }) }, tokens.admin));
    leadId = first.submitIntake.lead.id;
    ownerId = first.submitIntake.lead.ownerId!;
    expect([org.members.A2[0].id, org.members.A2[1].id]).toContain(ownerId);
  });
  afterAll(async () => t?.close());

  const noTraceOfTheLead = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain(leadId);
    expect(text).not.toContain(ownerId);
    expect(text).not.toContain('Known Person');
  };

  it('an intake:submit API key gets no lead, no existingLead, no stored submission; the submission is still attached', async () => {
    const before = await submissionsOf(leadId);
    const res = await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'key-1', { name: 'Someone', phone: PHONE }, COLD_ANSWERS) }, { apiKey });
    const r = expectData(res).submitIntake;
    expect(r).toMatchObject({ duplicate: false, existingLead: null, lead: null, submission: null });
    expect(r.explanation.total).toBe(10); // the scoring of the key's own answers
    noTraceOfTheLead(res);
    expect(await submissionsOf(leadId)).toBe(before + 1);
    // A repeat says duplicate and nothing else.
    const again = await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'key-1', { name: 'Someone', phone: PHONE }, COLD_ANSWERS) }, { apiKey });
    expect(expectData(again).submitIntake).toMatchObject({ duplicate: true, existingLead: null, lead: null, submission: null });
    noTraceOfTheLead(again);
    // A new contact: still nothing about the lead that was created.
    const fresh = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'key-2', { email: 'new@x.cn' }, COLD_ANSWERS) }, { apiKey }));
    expect(fresh.submitIntake).toMatchObject({ duplicate: false, existingLead: null, lead: null, submission: null });
  });

  it('a MEMBER of another squad gets no lead; the lead’s squad LEAD (who may read it) does', async () => {
    expect((await t.gql(`query($id: ID!) { lead(id: $id) { id } }`, { id: leadId }, tokens.repA1)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rep = await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'rep-1', { name: 'X', phone: PHONE }) }, tokens.repA1);
    expect(expectData(rep).submitIntake).toMatchObject({ duplicate: false, existingLead: null, lead: null, submission: null });
    noTraceOfTheLead(rep);
    const otherLead = await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'lead-a1-1', { name: 'X', phone: PHONE }) }, tokens.leadA1);
    expect(expectData(otherLead).submitIntake.lead).toBeNull();
    noTraceOfTheLead(otherLead);
    const reader = expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, 'lead-a2-1', { name: 'X', phone: PHONE }) }, tokens.leadA2));
    expect(reader.submitIntake).toMatchObject({ existingLead: true, lead: { id: leadId, name: 'Known Person', ownerId } });
    expect(reader.submitIntake.submission).not.toBeNull();
  });

  it('batches: no lead and no lead counts for a key or a caller who cannot read every lead; all of it for ADMIN', async () => {
    const inputs = [submission(surveyId, 'b-1', { name: 'Y', phone: PHONE }, HOT_ANSWERS), submission(surveyId, 'b-2', { email: 'b2@x.cn' }, COLD_ANSWERS)];
    const byKey = await t.gql<BatchResult>(BATCH, { inputs }, { apiKey });
    const k = expectData(byKey).submitIntakeBatch;
    expect(k).toMatchObject({ submitted: 2, duplicates: 0, leadsCreated: null, leadsUpdated: null, assigned: null });
    expect(k.results.every((r) => r.lead === null && r.existingLead === null && r.submission === null)).toBe(true);
    noTraceOfTheLead(byKey);
    const byRep = await t.gql<BatchResult>(BATCH, { inputs: [submission(surveyId, 'b-3', { name: 'Y', phone: PHONE })] }, tokens.repA1);
    expect(expectData(byRep).submitIntakeBatch).toMatchObject({ submitted: 1, leadsCreated: null, leadsUpdated: null, assigned: null });
    noTraceOfTheLead(byRep);
    const byAdmin = expectData(await t.gql<BatchResult>(BATCH, { inputs: [submission(surveyId, 'b-4', { name: 'Y', phone: PHONE })] }, tokens.admin));
    expect(byAdmin.submitIntakeBatch).toMatchObject({ submitted: 1, leadsCreated: 0, leadsUpdated: 1 });
    expect(byAdmin.submitIntakeBatch.results[0]).toMatchObject({ existingLead: true, lead: { id: leadId } });
  });
  it('CSV import: lead counts only for a manager who may read every lead touched', async () => {
    const created = expectData(
      await t.gql<{ createUser: { id: string } }>(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { email: 'bmanager@secintake.test', name: 'B manager', password: PASSWORD, role: 'MANAGER' } },
        tokens.admin,
      ),
    ).createUser;
    expectData(
      await t.gql('mutation($id: ID!, $c: ID) { updateLegion(id: $id, input: { commanderId: $c }) { id } }', { id: org.legionB, c: created.id }, tokens.admin),
    );
    const managerB = await t.login('bmanager@secintake.test', PASSWORD);
    const post = (token: string, csv: string) =>
      t.http().post(`/intake/import?surveyId=${surveyId}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/csv').send(csv);
    const before = await submissionsOf(leadId);
    const res = await post(managerB, `external_id,name,phone,goal,hours\ncsv-1,Z,${PHONE},career,12\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 1, imported: 1, leadsCreated: null, leadsUpdated: null, assigned: null });
    noTraceOfTheLead(res.body);
    expect(await submissionsOf(leadId)).toBe(before + 1);
    const byAdmin = await post(tokens.admin, `external_id,name,phone,goal,hours\ncsv-2,Z,${PHONE},career,12\n`);
    expect(byAdmin.body).toMatchObject({ rows: 1, imported: 1, leadsCreated: 0, leadsUpdated: 1 });
  });
});
