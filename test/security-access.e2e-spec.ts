import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';
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

/** A minimal valid playbook content (one private step with a prepared objection answer). */
export const PLAYBOOK_CONTENT = {
  steps: [
    {
      key: 'dm',
      dayOffset: 0,
      localTime: '10:00',
      windowMinutes: 60,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      title: 'Hello',
      scripts: [{ text: 'Hi' }],
    },
  ],
  objections: [{ key: 'price', objection: 'Too expensive', answers: [{ text: 'Installments' }] }],
};
const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id objections { answers { id } } } } }`;
type CreatedPlaybook = { createPlaybook: { id: string; draft: { id: string; objections: { answers: { id: string }[] }[] } } };

/** Issue 14, item 3: every id of an input must exist in the caller's organization; nothing is written otherwise. */
describe('security: ids of another organization are refused before anything is written', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tok: Record<string, string> = {};
  let leadId: string;
  let otherOrderId: string;
  let otherPlaybook: CreatedPlaybook['createPlaybook'];
  let ownPlaybook: CreatedPlaybook['createPlaybook'];
  const count = async (table: string, orgId = org.organizationId) =>
    Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [orgId]))[0].n);
  const ENROLL = 'mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }';
  let productId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'xorg1', { timeZone: 'UTC' });
    other = await buildOrg(t.app, 'xorg2', { timeZone: 'UTC' });
    tok.admin = await t.login(org.admin.email, PASSWORD);
    tok.other = await t.login(other.admin.email, PASSWORD);
    tok.repA1 = await t.login(org.members.A1[0].email, PASSWORD);
    for (const [token, kind] of [
      [tok.admin, 'REGULAR'],
      [tok.other, 'REGULAR'],
      [tok.other, 'SUBSCRIPTION'],
    ] as const) {
      const id = expectData(
        await t.gql<{ createProduct: { id: string } }>(
          `mutation { createProduct(input: { sku: "${kind}", name: "${kind}", kind: ${kind}, listPrice: 99900 }) { id } }`,
          {},
          token,
        ),
      ).createProduct.id;
      if (token === tok.admin) productId = id;
    }
    leadId = await createLead(t.app, org.organizationId, { name: 'Own lead', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const otherLead = await createLead(t.app, other.organizationId, { name: 'Other lead', ownerId: other.members.A1[0].id, squadId: other.squads.A1 });
    // A club order in the other organization: it enrolls nobody there.
    otherOrderId = expectData(
      await t.gql<{ recordOrder: { order: { id: string } } }>(
        'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } } }',
        { i: { externalId: 'x-1', leadId: otherLead, productSku: 'SUBSCRIPTION', amount: 1000, paidAt: new Date(Date.now() - 86400_000).toISOString() } },
        tok.other,
      ),
    ).recordOrder.order.id;
    otherPlaybook = expectData(
      await t.gql<CreatedPlaybook>(
        CREATE_PLAYBOOK,
        { input: { name: 'Theirs', kind: 'PRE_SALES', legionId: other.legionA, content: PLAYBOOK_CONTENT } },
        tok.other,
      ),
    ).createPlaybook;
    ownPlaybook = expectData(
      await t.gql<CreatedPlaybook>(
        CREATE_PLAYBOOK,
        { input: { name: 'Ours', kind: 'PRE_SALES', legionId: org.legionA, content: PLAYBOOK_CONTENT } },
        tok.admin,
      ),
    ).createPlaybook;
  });
  afterAll(async () => t?.close());

  it('createEnrollment: an unknown orderId or another organization’s order is BAD_USER_INPUT input.orderId; nothing written', async () => {
    const before = [await count('enrollment'), await count('audit_event')];
    for (const orderId of ['7f1c1f4e-8d7e-4a55-9d6a-0c2f3b7c1a11', otherOrderId]) {
      const err = expectError(await t.gql(ENROLL, { i: { leadId, productId, orderId } }, tok.admin), 'BAD_USER_INPUT');
      expect(err.extensions!.fields).toEqual([{ field: 'input.orderId', message: 'no such order in this organization' }]);
    }
    expect([await count('enrollment'), await count('audit_event')]).toEqual(before);
  });

  it('a refund in one organization never touches an enrollment of another that names its order', async () => {
    const enrollmentId = expectData(await t.gql<{ createEnrollment: { id: string } }>(ENROLL, { i: { leadId, productId } }, tok.admin)).createEnrollment.id;
    // Data written before the fix: an enrollment pointing at the other organization's order.
    await t.db.dataSource.query('UPDATE enrollment SET order_id = $1 WHERE id = $2', [otherOrderId, enrollmentId]);
    const audits = await count('audit_event');
    expectData(
      await t.gql(
        'mutation($o: ID!, $at: DateTime!) { recordRefund(input: { externalId: "x-rf-1", orderId: $o, amount: 1000, refundedAt: $at, reason: "r" }) { refund { id } } }',
        { o: otherOrderId, at: new Date().toISOString() },
        tok.other,
      ),
    );
    const [row] = await t.db.dataSource.query('SELECT status FROM enrollment WHERE id = $1', [enrollmentId]);
    expect(row.status).toBe('ACTIVE');
    expect(await count('audit_event')).toBe(audits);
  });

  it('createExperiment / updateExperiment: playbookId and playbookStepKey must name a playbook step of the organization', async () => {
    const input = (extra: Record<string, unknown>) => ({
      title: 'x',
      hypothesis: 'y',
      metricKey: 'replied',
      metricKind: 'LOGGED',
      minDetectableEffect: 0.02,
      variants: [
        { key: 'control', description: 'a', isControl: true },
        { key: 'b', description: 'b' },
      ],
      ...extra,
    });
    const CREATE = 'mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }';
    const before = [await count('experiment'), await count('audit_event')];
    const cases: [Record<string, unknown>, string][] = [
      [{ playbookId: otherPlaybook.id, playbookStepKey: 'dm' }, 'input.playbookId'],
      [{ playbookId: '7f1c1f4e-8d7e-4a55-9d6a-0c2f3b7c1a11', playbookStepKey: 'dm' }, 'input.playbookId'],
      [{ playbookId: ownPlaybook.id, playbookStepKey: 'no-such-step' }, 'input.playbookStepKey'],
    ];
    for (const [extra, field] of cases) {
      const err = expectError(await t.gql(CREATE, { i: input(extra) }, tok.repA1), 'BAD_USER_INPUT');
      expect(err.extensions!.fields!.map((f) => f.field)).toEqual([field]);
    }
    expect([await count('experiment'), await count('audit_event')]).toEqual(before);
    const ok = expectData(
      await t.gql<{ createExperiment: { id: string } }>(CREATE, { i: input({ playbookId: ownPlaybook.id, playbookStepKey: 'dm' }) }, tok.repA1),
    );
    const UPDATE = 'mutation($id: ID!, $i: UpdateExperimentInput!) { updateExperiment(id: $id, input: $i) { playbookId } }';
    const err = expectError(await t.gql(UPDATE, { id: ok.createExperiment.id, i: { playbookId: otherPlaybook.id } }, tok.repA1), 'BAD_USER_INPUT');
    expect(err.extensions!.fields!.map((f) => f.field)).toEqual(['input.playbookId']);
    const [row] = await t.db.dataSource.query('SELECT playbook_id FROM experiment WHERE id = $1', [ok.createExperiment.id]);
    expect(row.playbook_id).toBe(ownPlaybook.id);
  });

  it('playbook content: an answer id that is not one of the playbook’s own is BAD_USER_INPUT; the draft is unchanged', async () => {
    const foreign = otherPlaybook.draft.objections[0].answers[0].id;
    const own = ownPlaybook.draft.objections[0].answers[0].id;
    const content = (id: string) => ({ ...PLAYBOOK_CONTENT, objections: [{ key: 'price', objection: 'Too expensive', answers: [{ id, text: 'Changed' }] }] });
    const UPDATE = 'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { objections { answers { id text } } } }';
    for (const id of [foreign, '7f1c1f4e-8d7e-4a55-9d6a-0c2f3b7c1a11']) {
      const err = expectError(await t.gql(UPDATE, { id: ownPlaybook.draft.id, c: content(id) }, tok.admin), 'BAD_USER_INPUT');
      expect(err.extensions!.fields!.map((f) => f.field)).toEqual(['objections[0].answers[0].id']);
    }
    const rows = await t.db.dataSource.query('SELECT answers FROM playbook_objection WHERE version_id = $1', [ownPlaybook.draft.id]);
    expect(rows[0].answers).toEqual([expect.objectContaining({ id: own, text: 'Installments' })]);
    expectError(
      await t.gql(CREATE_PLAYBOOK, { input: { name: 'New', kind: 'PRE_SALES', legionId: org.legionA, content: content(own) } }, tok.admin),
      'BAD_USER_INPUT',
    );
    // Its own answer id is kept.
    const kept = expectData(
      await t.gql<{ updatePlaybookDraft: { objections: { answers: { id: string; text: string }[] }[] } }>(
        UPDATE,
        { id: ownPlaybook.draft.id, c: content(own) },
        tok.admin,
      ),
    );
    expect(kept.updatePlaybookDraft.objections[0].answers).toEqual([{ id: own, text: 'Changed' }]);
  });
});
