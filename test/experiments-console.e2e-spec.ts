import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { msprt, runningMinimum } from '@lib/stats';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';

// What the managers' experiment screens of the console need beyond the original API: feed filters
// by legion, verdict and owner, and the sequential p-value over the daily looks (a chart).

const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86400_000));

describe('experiments for the console: feed filters and sequential looks', () => {
  let t: TestApp;
  let org: FixtureOrg;
  const tk: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'expc');
    tk.manager = await t.login(org.manager.email, PASSWORD);
    tk.admin = await t.login(org.admin.email, PASSWORD);
    tk.repA1 = await t.login(org.members.A1[0].email, PASSWORD);
    tk.curB1 = await t.login(org.members.B1[0].email, PASSWORD);
  });
  afterAll(async () => t?.close());

  const create = async (token: string, input: Record<string, unknown> = {}) =>
    expectData(
      await t.gql<{ createExperiment: { id: string } }>(
        `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`,
        {
          input: {
            title: 'Voice note first',
            hypothesis: 'Voice notes get more replies',
            metricKey: 'replied',
            metricKind: 'LOGGED',
            minDetectableEffect: 0.05,
            variants: [
              { key: 'control', description: 'Text', isControl: true },
              { key: 'voice', description: 'Voice note' },
            ],
            ...input,
          },
        },
        token,
      ),
    ).createExperiment.id;
  const run = async (token: string, op: string, id: string) => expectData(await t.gql(`mutation($id: ID!) { ${op}(id: $id) { id } }`, { id }, token));
  const log = async (id: string, entries: unknown[], token: string) =>
    expectData(
      await t.gql(
        `mutation($id: ID!, $e: [ExperimentDataEntryInput!]!) { logExperimentData(experimentId: $id, entries: $e) { id } }`,
        { id, e: entries },
        token,
      ),
    );
  const feed = async (filter: Record<string, unknown>, token = tk.repA1) =>
    expectData(
      await t.gql<{ experimentFeed: { nodes: { id: string }[] } }>(
        `query($f: ExperimentFeedFilter) { experimentFeed(filter: $f, first: 50) { nodes { id } } }`,
        { f: filter },
        token,
      ),
    ).experimentFeed.nodes.map((n) => n.id);

  it('filters the feed by legion, verdict and owner', async () => {
    const repA = await create(tk.repA1);
    const curB = await create(tk.curB1, { title: 'Welcome call' });
    const mgr = await create(tk.manager, { squadId: org.squads.A2 });
    await run(tk.manager, 'startExperiment', mgr);
    await run(tk.manager, 'stopExperiment', mgr);
    expectData(await t.gql(`mutation($id: ID!) { concludeExperiment(id: $id, verdict: LOSS, summary: "no") { id } }`, { id: mgr }, tk.manager));

    const legionA = await feed({ legionId: org.legionA });
    expect(legionA).toEqual(expect.arrayContaining([repA, mgr]));
    expect(legionA).not.toContain(curB);
    expect(await feed({ legionId: org.legionB })).toEqual([curB]);
    expect(await feed({ verdict: 'LOSS' })).toEqual([mgr]);
    expect(await feed({ verdict: 'WIN' })).toEqual([]);
    expect(await feed({ ownerId: org.manager.id, status: 'CONCLUDED' })).toEqual([mgr]);
    expect(await feed({ ownerId: org.manager.id, status: 'DRAFT' })).toEqual([]);
    // Everyone reads every experiment: the filters narrow, they do not widen or hide by role.
    expect(await feed({ legionId: org.legionA }, tk.curB1)).toEqual(legionA);
    const bad = await t.gql(`query { experimentFeed(filter: { legionId: "nope" }) { nodes { id } } }`, {}, tk.repA1);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('returns the always-valid p-value after each daily look, never going up', async () => {
    const id = await create(tk.repA1, { analysisMode: 'SEQUENTIAL' });
    await run(tk.repA1, 'startExperiment', id);
    await t.db.dataSource.query(`UPDATE experiment SET started_at = now() - interval '4 days' WHERE id = $1`, [id]);
    const days: [number, number, number, number][] = [
      [200, 20, 200, 40],
      [200, 30, 200, 20],
      [200, 20, 200, 45],
    ];
    for (const [i, c] of days.entries()) {
      await log(
        id,
        [
          { variantKey: 'control', day: daysAgo(3 - i), exposures: c[0], conversions: c[1] },
          { variantKey: 'voice', day: daysAgo(3 - i), exposures: c[2], conversions: c[3] },
        ],
        tk.repA1,
      );
    }
    const res = expectData(
      await t.gql<{
        experiment: { analysis: { looks: number; comparisons: { pValue: number }[]; sequentialLooks: { variantKey: string; day: string; pValue: number }[] } };
      }>(`query($id: ID!) { experiment(id: $id) { analysis { looks comparisons { pValue } sequentialLooks { variantKey day pValue } } } }`, { id }, tk.manager),
    ).experiment.analysis;
    const cum = { c: { exposures: 0, conversions: 0 }, t: { exposures: 0, conversions: 0 } };
    const raw = days.map(([a, b, c, d]) => {
      cum.c = { exposures: cum.c.exposures + a, conversions: cum.c.conversions + b };
      cum.t = { exposures: cum.t.exposures + c, conversions: cum.t.conversions + d };
      return msprt(cum.c, cum.t, { alpha: 0.05, tau: 0.05 }).pValue;
    });
    const expected = runningMinimum(raw);
    expect(res.looks).toBe(3);
    expect(res.sequentialLooks.map((l) => [l.variantKey, l.day])).toEqual([
      ['voice', daysAgo(3)],
      ['voice', daysAgo(2)],
      ['voice', daysAgo(1)],
    ]);
    res.sequentialLooks.forEach((l, i) => expect(l.pValue).toBeCloseTo(expected[i], 12));
    expect(res.sequentialLooks[2].pValue).toBeCloseTo(res.comparisons[0].pValue, 12);

    const fixed = await create(tk.repA1);
    const f = expectData(
      await t.gql<{ experiment: { analysis: { sequentialLooks: unknown[] } } }>(
        `query($id: ID!) { experiment(id: $id) { analysis { sequentialLooks { day } } } }`,
        { id: fixed },
        tk.repA1,
      ),
    );
    expect(f.experiment.analysis.sequentialLooks).toEqual([]);
  });
});
