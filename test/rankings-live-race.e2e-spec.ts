import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { RankingsLiveService } from '../src/rankings/rankings-live.service.js';
import { StandingsService } from '../src/rankings/standings.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

// Issue 21 item 4: subscriptions racing orders. The first message of a subscription is the
// current board; subscribers arriving together share one computation; no committed order is
// ever missing from a subscriber's latest board.
const ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`;
const CREATE = `mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }`;
const SUB = `subscription($id: ID!) { standingsChanged(leaderboardId: $id) { version entries { value entity { id } } } }`;

interface Board {
  entries: { value: number | null; entity: { id: string } }[];
}

describe('standingsChanged racing orders', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let boardId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'liverace');
    admin = await t.login(org.admin.email, PASSWORD);
    expectData(await t.gql(`mutation { createProduct(input: { sku: "C", name: "C", kind: REGULAR, listPrice: 99900 }) { id } }`, {}, admin));
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE organization_id = $1`, [org.organizationId]);
    boardId = expectData(
      await t.gql<{ createLeaderboard: { id: string } }>(
        CREATE,
        {
          input: {
            name: 'Race board',
            scope: 'MEMBER',
            teamKind: 'PRE_SALES',
            populationType: 'ORG',
            periodKind: 'ISO_WEEK',
            metricKey: 'gross_revenue',
          },
        },
        admin,
      ),
    ).createLeaderboard.id;
    await t.app.listen(0, '127.0.0.1');
  }, 120_000);
  afterAll(async () => t?.close());

  const sale = async (rep: string, squad: string, amount: number) => {
    const n = ++seq;
    const at = new Date(Date.now() - 60_000);
    const lead = await createLead(t.app, org.organizationId, { name: `R${n}`, ownerId: rep, squadId: squad, at: new Date(at.getTime() - 3600_000) });
    expectData(await t.gql(ORDER, { input: { externalId: `race-${n}`, leadId: lead, productSku: 'C', amount, paidAt: at.toISOString() } }, admin));
  };
  const totalOf = (b: Board) => b.entries.reduce((sum, e) => sum + (e.value ?? 0), 0);

  it('sends the current board first, shares the first computation, and loses no order to subscribers registering meanwhile', async () => {
    const live = t.app.get(RankingsLiveService);
    live.debounceMs = 50;
    const rankings = t.app.get(StandingsService);
    const computations = jest.spyOn(rankings, 'currentBoard');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const clients: Client[] = [];
    const received: Board[][] = [];
    const subscribe = () => {
      const c = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: { authorization: `Bearer ${admin}` },
      });
      clients.push(c);
      const mine: Board[] = [];
      received.push(mine);
      c.subscribe<{ standingsChanged: Board }>(
        { query: SUB, variables: { id: boardId } },
        { next: (v) => v.data && mine.push(v.data.standingsChanged), error: () => undefined, complete: () => undefined },
      );
    };
    const waitFor = async (cond: () => boolean, what: string) => {
      for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!cond()) throw new Error(`timed out waiting for ${what}`);
    };
    const reps = [...org.members.A1.map((m) => [m.id, org.squads.A1] as const), ...org.members.A2.map((m) => [m.id, org.squads.A2] as const)];
    try {
      await sale(reps[0][0], reps[0][1], 1000);
      let expected = 1000;
      // 10 subscribers arrive together: one computation for all their first boards.
      await new Promise((r) => setTimeout(r, 200));
      computations.mockClear();
      for (let i = 0; i < 10; i++) subscribe();
      await waitFor(() => received.every((r) => r.length > 0), 'a first message for every subscriber');
      expect(received.map((r) => totalOf(r[0]))).toEqual(received.map(() => expected));
      expect(computations.mock.calls.length).toBe(1);

      // 20 more arrive while orders are being recorded.
      const orders: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        subscribe();
        if (i % 5 === 0) {
          const amount = 1000 * (i + 2);
          expected += amount;
          orders.push(sale(reps[i % reps.length][0], reps[i % reps.length][1], amount));
        }
      }
      await Promise.all(orders);
      await waitFor(() => received.every((r) => r.length > 0), 'a first message for every subscriber');
      // Every subscriber ends with a board holding every committed order.
      await waitFor(() => received.every((r) => totalOf(r[r.length - 1]) === expected), 'every order on every board');
      expect(received.map((r) => totalOf(r[r.length - 1]))).toEqual(received.map(() => expected));

      // Once everyone is registered: one more order reaches everyone with one computation per push.
      computations.mockClear();
      const counts = received.map((r) => r.length);
      await sale(reps[1][0], reps[1][1], 5000);
      expected += 5000;
      await waitFor(() => received.every((r) => totalOf(r[r.length - 1]) === expected), 'the last order on every board');
      expect(received.every((r, i) => r.length === counts[i] + 1)).toBe(true);
      // Two commits (the lead, the order), each heard twice at most (rollups, lead events): debounced into ≤ 3 computations, not one per subscriber.
      expect(computations.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      computations.mockRestore();
      for (const c of clients) await c.dispose();
    }
  });
});
