import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LeadEvents, type LeadAssignedEvent } from '../src/leads/lead-events.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { COLD_ANSWERS, createPublishedSurvey, HOT_ANSWERS, setRouting, SUBMIT, submission, type SubmitResult } from './support/intake.js';

describe('leads: visibility, stages, reassignment, pagination, no N+1', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  let surveyId: string;
  const tokens: Record<string, string> = {};
  const hot: SubmitResult['submitIntake']['lead'][] = [];
  const cold: SubmitResult['submitIntake']['lead'][] = [];
  const assigned: LeadAssignedEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(LeadEvents).onAssigned(async (_ctx, events) => {
      assigned.push(...events);
    });
    org = await buildOrg(t.app, 'leads');
    other = await buildOrg(t.app, 'other');
    tokens.admin = await t.login(org.admin.email, PASSWORD);
    tokens.manager = await t.login(org.manager.email, PASSWORD);
    tokens.leadA1 = await t.login(org.leads.A1.email, PASSWORD);
    tokens.rep1 = await t.login(org.members.A1[0].email, PASSWORD);
    tokens.rep2 = await t.login(org.members.A1[1].email, PASSWORD);
    tokens.repB = await t.login(org.members.B1[0].email, PASSWORD);
    tokens.otherAdmin = await t.login(other.admin.email, PASSWORD);
    surveyId = await createPublishedSurvey(t, tokens.admin);
    await setRouting(t, tokens.admin, { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1, org.squads.A2], defaultCapacity: 50 });
    for (let i = 0; i < 4; i++) {
      hot.push(
        expectData(await t.gql<SubmitResult>(SUBMIT, { i: submission(surveyId, `hot-${i}`, { name: `Hot ${i}`, email: `hot${i}@x.cn` }) }, tokens.admin))
          .submitIntake.lead,
      );
    }
    for (let i = 0; i < 2; i++) {
      cold.push(
        expectData(
          await t.gql<SubmitResult>(
            SUBMIT,
            { i: submission(surveyId, `cold-${i}`, { name: `Cold ${i}`, email: `cold${i}@x.cn` }, COLD_ANSWERS) },
            tokens.admin,
          ),
        ).submitIntake.lead,
      );
    }
  });
  afterAll(async () => t?.close());

  const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
  const list = async (token: string, args = 'first: 50') =>
    expectData(await t.gql<{ leads: { nodes: { id: string }[] } }>(`{ leads(${args}) { nodes { id } } }`, {}, token)).leads.nodes;

  it('routes hot leads round robin over the current MEMBER reps of the chosen squads and fires LeadEvents', () => {
    expect(hot.map((l) => l.ownerId)).toEqual([org.members.A1[0].id, org.members.A1[1].id, org.members.A2[0].id, org.members.A2[1].id]);
    expect(hot.map((l) => l.squadId)).toEqual([org.squads.A1, org.squads.A1, org.squads.A2, org.squads.A2]);
    expect(cold.map((l) => [l.ownerId, l.squadId])).toEqual([
      [null, org.squads.A1],
      [null, org.squads.A1],
    ]);
    expect(assigned.map((e) => [e.leadId, e.fromOwnerId, e.toOwnerId, e.squadId])).toEqual(hot.map((l) => [l.id, null, l.ownerId, l.squadId]));
  });

  it('lets a MEMBER see their own leads and their squad pool only', async () => {
    expect(ids(await list(tokens.rep1))).toEqual(ids([hot[0], ...cold]));
    expectError(await t.gql('query($id: ID!) { lead(id: $id) { id } }', { id: hot[1].id }, tokens.rep1), 'FORBIDDEN');
    expectData(await t.gql('query($id: ID!) { lead(id: $id) { id } }', { id: cold[0].id }, tokens.rep1));
    expect(await list(tokens.repB)).toEqual([]);
  });

  it("lets a LEAD see their squad's leads but not another squad's; a MANAGER their legions'", async () => {
    expect(ids(await list(tokens.leadA1))).toEqual(ids([hot[0], hot[1], ...cold]));
    expectError(await t.gql('query($id: ID!) { lead(id: $id) { id } }', { id: hot[2].id }, tokens.leadA1), 'FORBIDDEN');
    expect(ids(await list(tokens.manager))).toEqual(ids([...hot, ...cold]));
    expect(ids(await list(tokens.admin))).toEqual(ids([...hot, ...cold]));
  });

  it('shows nothing to another organization', async () => {
    expectError(await t.gql('query($id: ID!) { lead(id: $id) { id } }', { id: hot[0].id }, tokens.otherAdmin), 'NOT_FOUND');
    expect(await list(tokens.otherAdmin)).toEqual([]);
    expectError(await t.gql('query($id: ID!) { leadStageHistory(leadId: $id) { toStage } }', { id: hot[0].id }, tokens.otherAdmin), 'NOT_FOUND');
  });

  it('filters and paginates with cursors', async () => {
    expect(ids(await list(tokens.admin, 'first: 50, tier: "A"'))).toEqual(ids(hot));
    expect(ids(await list(tokens.admin, 'first: 50, unassigned: true'))).toEqual(ids(cold));
    expect(ids(await list(tokens.admin, `first: 50, ownerId: "${org.members.A2[0].id}"`))).toEqual([hot[2].id]);
    expect(ids(await list(tokens.admin, 'first: 50, search: "hot3@"'))).toEqual([hot[3].id]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { leads: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = expectData(
        await t.gql('query($a: String) { leads(first: 4, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }', { a: after }, tokens.admin),
      );
      seen.push(...page.leads.nodes.map((n) => n.id));
      if (!page.leads.pageInfo.hasNextPage) break;
      after = page.leads.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(ids([...hot, ...cold]));
  });

  it('moves a lead through sensible stages only, with history', async () => {
    const change = (token: string, leadId: string, stage: string) =>
      t.gql<{ changeLeadStage: { stage: string } }>(
        'mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { stage } }',
        { i: { leadId, stage, reason: 'call' } },
        token,
      );
    expect(expectData(await change(tokens.rep1, hot[0].id, 'INTRO')).changeLeadStage.stage).toBe('INTRO');
    expect(expectData(await change(tokens.rep1, hot[0].id, 'CONVERTED')).changeLeadStage.stage).toBe('CONVERTED');
    expectError(await change(tokens.rep1, hot[0].id, 'PROSPECT'), 'CONFLICT');
    expectError(await change(tokens.rep1, hot[1].id, 'INTRO'), 'FORBIDDEN');
    const history = expectData(
      await t.gql<{ leadStageHistory: { fromStage: string | null; toStage: string; actorUserId: string | null }[] }>(
        'query($id: ID!) { leadStageHistory(leadId: $id) { fromStage toStage actorUserId } }',
        { id: hot[0].id },
        tokens.rep1,
      ),
    ).leadStageHistory;
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, 'PROSPECT'],
      ['PROSPECT', 'INTRO'],
      ['INTRO', 'CONVERTED'],
    ]);
    expect(history[1].actorUserId).toBe(org.members.A1[0].id);
  });

  it('reassigns by hand within the squads one manages, respecting capacity, audited', async () => {
    const reassign = (token: string, input: Record<string, unknown>) =>
      t.gql<{ reassignLead: { ownerId: string | null; squadId: string | null } }>(
        'mutation($i: ReassignLeadInput!) { reassignLead(input: $i) { ownerId squadId } }',
        { i: input },
        token,
      );
    expectError(await reassign(tokens.rep1, { leadId: cold[0].id, ownerId: org.members.A1[0].id }), 'FORBIDDEN');
    expectError(await reassign(tokens.leadA1, { leadId: hot[1].id, ownerId: org.members.A2[0].id }), 'FORBIDDEN');
    expect(expectData(await reassign(tokens.leadA1, { leadId: cold[0].id, ownerId: org.members.A1[1].id })).reassignLead).toEqual({
      ownerId: org.members.A1[1].id,
      squadId: org.squads.A1,
    });
    // rep2 now has hot[1] and cold[0] open: a capacity of 2 is full.
    expectData(
      await t.gql('mutation($i: SetRepCapacityInput!) { setRepCapacity(input: $i) }', { i: { userId: org.members.A1[1].id, maxOpenLeads: 2 } }, tokens.leadA1),
    );
    const full = expectError(await reassign(tokens.manager, { leadId: cold[1].id, ownerId: org.members.A1[1].id }), 'CONFLICT');
    expect(full.message).toContain('capacity 2');
    expect(expectData(await reassign(tokens.manager, { leadId: cold[1].id, ownerId: org.members.A1[1].id, ignoreCapacity: true })).reassignLead.ownerId).toBe(
      org.members.A1[1].id,
    );
    expect(expectData(await reassign(tokens.manager, { leadId: cold[1].id, ownerId: null })).reassignLead).toEqual({ ownerId: null, squadId: org.squads.A1 });
    const audit = await t.db.dataSource.query(`SELECT action, diff FROM audit_event WHERE entity_id = $1 AND action = 'ASSIGNED' ORDER BY id`, [cold[1].id]);
    expect(audit.map((a: { diff: { ownerId: unknown } }) => a.diff.ownerId)).toEqual([
      [null, org.members.A1[1].id],
      [org.members.A1[1].id, null],
    ]);
    expect(assigned.filter((e) => e.leadId === cold[1].id).map((e) => e.toOwnerId)).toEqual([org.members.A1[1].id, null]);
  });

  it('loads nested owner, squad and latest submission without N+1', async () => {
    const bulk = (from: number, to: number, referred: (i: number) => boolean) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return submission(
          surveyId,
          `bulk-${i}`,
          { name: `Bulk ${i}`, email: `bulk${i}@x.cn` },
          i % 2 ? HOT_ANSWERS : COLD_ANSWERS,
          referred(i) ? { referredByLeadId: hot[2].id } : {},
        );
      });
    const submit = async (inputs: unknown[]) =>
      expectData(await t.gql('mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted } }', { inputs }, tokens.admin));
    // The newest ten (the first page) are the second batch, and they need every relation the
    // hundred do (owners, referrers), or the ten count fewer statements than the hundred: leads of
    // one batch share created_at, so which of them come first would depend on their random ids.
    await submit(bulk(0, 100, (i) => i % 3 === 0));
    await submit(bulk(100, 110, () => true));
    const q = (first: number) =>
      `{ leads(first: ${first}) { nodes { id owner { name squad { name } } squad { name legion { name } } referredBy { id } latestSubmission { score tier explanation { total } } } } }`;
    const counted = (first: number) =>
      t.countStatements(async () => {
        const res = expectData(await t.gql<{ leads: { nodes: { latestSubmission: unknown }[] } }>(q(first), {}, tokens.manager));
        expect(res.leads.nodes).toHaveLength(first);
        expect(res.leads.nodes.every((n) => n.latestSubmission !== null)).toBe(true);
      });
    const ten = await counted(10);
    const hundred = await counted(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(12);
  });
});
