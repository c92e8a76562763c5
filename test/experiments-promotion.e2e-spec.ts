import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86400_000));
const PROMOTION = `promotion { versionId stepKey variants { variant change before after } unchangedVariants }`;
type Promotion = {
  versionId: string;
  stepKey: string;
  variants: { variant: string; change: string; before: string | null; after: string }[];
  unchangedVariants: string[];
};

describe('winning scripts reach persona variants', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let manager: string;
  let rep: string;
  let playbookId: string;
  const WIN = 'Hi {{lead.firstName}}, I just sent you a 30-second voice note about the course.';

  const concludedWin = async (title: string) => {
    const e = expectData(
      await t.gql<{ createExperiment: { id: string } }>(
        `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`,
        {
          input: {
            title,
            hypothesis: 'Voice notes get more replies',
            metricKey: 'replied',
            metricKind: 'LOGGED',
            minDetectableEffect: 0.02,
            playbookId,
            playbookStepKey: 'first-dm',
            variants: [
              { key: 'control', description: 'Text', isControl: true, script: 'Hi {{lead.firstName}}' },
              { key: 'voice', description: 'Voice note', script: WIN },
            ],
          },
        },
        rep,
      ),
    ).createExperiment;
    expectData(await t.gql(`mutation($id: ID!) { startExperiment(id: $id) { id } }`, { id: e.id }, rep));
    await t.db.dataSource.query(`UPDATE experiment SET started_at = now() - interval '3 days' WHERE id = $1`, [e.id]);
    expectData(
      await t.gql(
        `mutation($id: ID!, $e: [ExperimentDataEntryInput!]!) { logExperimentData(experimentId: $id, entries: $e) { id } }`,
        {
          id: e.id,
          e: [
            { variantKey: 'control', day: daysAgo(1), exposures: 10000, conversions: 1000 },
            { variantKey: 'voice', day: daysAgo(1), exposures: 10000, conversions: 1150 },
          ],
        },
        rep,
      ),
    );
    expectData(await t.gql(`mutation($id: ID!) { stopExperiment(id: $id) { id } }`, { id: e.id }, rep));
    expectData(
      await t.gql(
        `mutation($id: ID!) { concludeExperiment(id: $id, verdict: WIN, summary: "voice wins", winnerVariantKey: "voice") { id } }`,
        { id: e.id },
        rep,
      ),
    );
    return e.id;
  };
  const publish = (id: string, variants?: string[] | null, promote = true) =>
    t.gql<{ publishExperiment: { status: string; promotion: Promotion | null } }>(
      `mutation($id: ID!, $p: Boolean!, $v: [String!]) { publishExperiment(id: $id, note: "Use it", promoteToPlaybook: $p, promoteToVariants: $v) { status ${PROMOTION} } }`,
      { id, p: promote, v: variants ?? null },
      manager,
    );
  const draft = async () =>
    expectData(
      await t.gql<{ playbook: { draft: { number: number; changeNote: string; steps: { scripts: { persona: string | null; text: string }[] }[] } } }>(
        'query($id: ID!) { playbook(id: $id) { draft { number changeNote steps { scripts { persona text } } } } }',
        { id: playbookId },
        admin,
      ),
    ).playbook.draft;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'prom');
    admin = await t.login(org.admin.email, PASSWORD);
    manager = await t.login(org.manager.email, PASSWORD);
    rep = await t.login(org.members.A1[0].email, PASSWORD);
    const pb = expectData(
      await t.gql<{ createPlaybook: { id: string; draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id } } }',
        {
          input: {
            legionId: org.legionA,
            name: 'Camp',
            kind: 'PRE_SALES',
            productName: 'Course',
            content: {
              changeNote: 'v1',
              steps: [
                {
                  key: 'first-dm',
                  dayOffset: 0,
                  localTime: '20:00',
                  windowMinutes: 60,
                  channel: 'PRIVATE_MESSAGE',
                  audience: 'LEADS',
                  title: 'First DM',
                  scripts: [
                    { text: 'Hi {{lead.firstName}}' },
                    { persona: 'parent', text: 'Hi {{lead.firstName}}, about your child’s course' },
                    { persona: 'student', text: 'Hey {{lead.firstName}}!' },
                  ],
                },
              ],
              objections: [],
            },
          },
        },
        admin,
      ),
    ).createPlaybook;
    playbookId = pb.id;
    expectData(await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: pb.draft.id }, admin));
  }, 120_000);
  afterAll(async () => t?.close());

  it('without variants promotes the default only (as before) and lists the persona variants left unchanged', async () => {
    const id = await concludedWin('Voice DM, default only');
    const res = expectData(await publish(id)).publishExperiment;
    expect(res.status).toBe('PUBLISHED');
    expect(res.promotion).toMatchObject({
      stepKey: 'first-dm',
      variants: [{ variant: 'default', change: 'CHANGED', before: 'Hi {{lead.firstName}}', after: WIN }],
      unchangedVariants: ['parent', 'student'],
    });
    const d = await draft();
    expect(d.number).toBe(2);
    expect(d.steps[0].scripts).toEqual([
      { persona: null, text: WIN },
      { persona: 'parent', text: 'Hi {{lead.firstName}}, about your child’s course' },
      { persona: 'student', text: 'Hey {{lead.firstName}}!' },
    ]);
    expect(d.changeNote).toBe('Promoted from experiment "Voice DM, default only": default changed; unchanged: parent, student');
    expect(res.promotion!.versionId).toBeTruthy();
  });

  it('promotes into the chosen persona variants, adding missing ones, and shows the change per variant in the draft', async () => {
    const id = await concludedWin('Voice DM, personas');
    const res = expectData(await publish(id, ['default', 'parent', 'professional'])).publishExperiment;
    expect(res.promotion).toMatchObject({
      variants: [
        { variant: 'default', change: 'SAME', before: WIN, after: WIN },
        { variant: 'parent', change: 'CHANGED', before: 'Hi {{lead.firstName}}, about your child’s course', after: WIN },
        { variant: 'professional', change: 'ADDED', before: null, after: WIN },
      ],
      unchangedVariants: ['student'],
    });
    const d = await draft();
    expect(d.number).toBe(2); // the open draft takes it
    expect(d.steps[0].scripts).toEqual([
      { persona: null, text: WIN },
      { persona: 'parent', text: WIN },
      { persona: 'student', text: 'Hey {{lead.firstName}}!' },
      { persona: 'professional', text: WIN },
    ]);
    expect(d.changeNote.split('\n')[1]).toBe(
      'Promoted from experiment "Voice DM, personas": default same, parent changed, professional added; unchanged: student',
    );
    const [audit] = await t.db.dataSource.query(`SELECT diff FROM audit_event WHERE entity_type = 'Experiment' AND entity_id = $1 AND action = 'PUBLISHED'`, [
      id,
    ]);
    expect(audit.diff.promotion.unchangedVariants).toEqual(['student']);
  });

  it('refuses unknown personas and variants without promotion, changing nothing', async () => {
    const id = await concludedWin('Voice DM, bad');
    const before = await draft();
    const err = expectError(await publish(id, ['parent', 'martian']), 'BAD_USER_INPUT');
    expect((err.extensions as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['promoteToVariants.1']);
    expectError(await publish(id, ['parent'], false), 'BAD_USER_INPUT');
    expectError(await publish(id, []), 'BAD_USER_INPUT');
    expect(await draft()).toEqual(before);
    const [row] = await t.db.dataSource.query(`SELECT status, promotion FROM experiment WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'CONCLUDED', promotion: null });
  });
});
