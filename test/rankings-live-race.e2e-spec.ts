import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { diffLines } from '@lib/ranking';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { RankingsLiveService } from '../src/rankings/rankings-live.service.js';
import { StandingsService } from '../src/rankings/standings.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';
import { LiveBoard, standingsSubscription, type StandingsMessage } from './support/live-board.js';

// Issue 21 item 4: subscriptions racing orders. The first message of a subscription is the
// current board; subscribers arriving together share one computation; no committed order is
// ever missing from a subscriber's latest board.
const ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`;
const CREATE = `mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }`;
const LINE = `rank position band value previousRank rankDelta bottomStreak unrankedReason entity { id name }`;
const HEADER = `definitionId name version rulesVersion status windowStart populationRate period { label startDate } bands { top middle bottom unranked }`;
const SUB = standingsSubscription(HEADER, LINE);
const READ = `query($id: ID!) { leaderboard(input: { definitionId: $id }) { revision ${HEADER} entries { ${LINE} } } }`;

interface Line {
  rank: number | null;
  position: number | null;
  band: string;
  value: number | null;
  entity: { id: string; name: string };
}
interface Board {
  entries: Line[];
  bands: Record<string, number>;
}
type Message = StandingsMessage<Board, Line>;

describe('standingsChanged: whole board, changes, resync, racing orders', () => {
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
  const read = async () => {
    const { revision, ...board } = expectData(await t.gql<{ leaderboard: Board & { revision: string } }>(READ, { id: boardId }, admin)).leaderboard;
    return { revision, board: board as Board };
  };
  const waitFor = async (cond: () => boolean, what: string) => {
    for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!cond()) throw new Error(`timed out waiting for ${what}`);
  };
  /** One subscriber; `drop(m)` true leaves a message unapplied (a client that missed it). */
  const watch = (clients: Client[], drop: (m: Message) => boolean = () => false) => {
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const c = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${admin}` },
    });
    clients.push(c);
    const copy = new LiveBoard<Board, Line>();
    const heard: Message[] = [];
    c.subscribe<{ standingsChanged: Message }>(
      { query: SUB, variables: { id: boardId } },
      {
        next: (v) => {
          if (!v.data) return;
          heard.push(v.data.standingsChanged);
          if (!drop(v.data.standingsChanged)) copy.apply(v.data.standingsChanged);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return { copy, heard };
  };
  /** A lead (a commit that changes no revenue line) and, separately, its order. */
  const leadFor = async (rep: string, squad: string) => {
    const n = ++seq;
    const at = new Date(Date.now() - 60_000);
    const lead = await createLead(t.app, org.organizationId, { name: `D${n}`, ownerId: rep, squadId: squad, at: new Date(at.getTime() - 3600_000) });
    return (amount: number) => t.gql(ORDER, { input: { externalId: `delta-${n}`, leadId: lead, productSku: 'C', amount, paidAt: at.toISOString() } }, admin);
  };

  it('sends the current board first, shares the first computation, and loses no order to subscribers registering meanwhile', async () => {
    const live = t.app.get(RankingsLiveService);
    live.debounceMs = 50;
    const rankings = t.app.get(StandingsService);
    const computations = jest.spyOn(rankings, 'currentBoard');
    const clients: Client[] = [];
    const received: Board[][] = [];
    const copies: LiveBoard<Board, Line>[] = [];
    const subscribe = () => {
      const { copy } = watch(clients);
      copies.push(copy);
      received.push(copy.boards);
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
      // Each subscriber applied changes to its first board without a gap, and ends with the board a fresh read returns.
      expect(copies.map((c) => c.gaps)).toEqual(copies.map(() => 0));
      const fresh = expectData(await t.gql<{ leaderboard: Board & { revision: string } }>(READ, { id: boardId }, admin)).leaderboard;
      const { revision, ...freshBoard } = fresh;
      expect(copies.map((c) => c.revision)).toEqual(copies.map(() => revision));
      for (const c of copies) expect(c.board).toEqual(freshBoard);
      // The last push is a change (not the whole board) for every subscriber: the rep's line and the lines it overtook.
      expect(copies.map((c) => c.messages[c.messages.length - 1].board)).toEqual(copies.map(() => null));
      // Two commits (the lead, the order), each heard twice at most (rollups, lead events): debounced into ≤ 3 computations, not one per subscriber.
      expect(computations.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      computations.mockRestore();
      for (const c of clients) await c.dispose();
    }
  });
  it('first message: the whole board with the revision `leaderboard` reads; an order: a change with exactly the changed lines', async () => {
    const live = t.app.get(RankingsLiveService);
    live.debounceMs = 200;
    const clients: Client[] = [];
    const rep = org.members.A2[0];
    try {
      const order = await leadFor(rep.id, org.squads.A2);
      await new Promise((r) => setTimeout(r, 400)); // the lead's dirty events settle first
      const before = await read();
      const sub = watch(clients);
      await waitFor(() => sub.heard.length === 1, 'the first message');
      expect(sub.heard[0]).toMatchObject({ revision: before.revision, baseRevision: null, header: null, changed: [], removed: [] });
      expect(sub.heard[0].board).toEqual(before.board);

      expectData(await order(123_400));
      await waitFor(() => sub.heard.length === 2, 'the change');
      const after = await read();
      const expected = diffLines(before.board.entries, after.board.entries);
      expect(expected.changed.map((l) => l.entity.id)).toContain(rep.id);
      expect(expected.changed.length).toBeLessThan(after.board.entries.length);
      const change = sub.heard[1];
      expect(change).toMatchObject({ revision: after.revision, baseRevision: before.revision, board: null, removed: expected.removed });
      expect(change.changed).toEqual(expected.changed);
      const { entries: _entries, ...header } = after.board;
      expect(change.header).toEqual(header);
      // Applying it to the first board gives the board a fresh read returns.
      expect(sub.copy.board).toEqual(after.board);
      expect(sub.copy.revision).toBe(after.revision);
      // Nothing changed since: no further message.
      await new Promise((r) => setTimeout(r, 500));
      expect(sub.heard.length).toBe(2);
    } finally {
      for (const c of clients) await c.dispose();
    }
  });

  it('a client that missed a revision sees the gap, reads the board again and continues with the next change', async () => {
    const live = t.app.get(RankingsLiveService);
    live.debounceMs = 200;
    const clients: Client[] = [];
    const rep = org.members.A1[1];
    let dropped = 0;
    try {
      const orders = [await leadFor(rep.id, org.squads.A1), await leadFor(rep.id, org.squads.A1), await leadFor(rep.id, org.squads.A1)];
      await new Promise((r) => setTimeout(r, 400));
      // The client misses the first change after its first board.
      const sub = watch(clients, (m) => m.baseRevision !== null && dropped++ === 0);
      await waitFor(() => sub.heard.length === 1, 'the first message');
      expectData(await orders[0](1_100));
      await waitFor(() => sub.heard.length === 2, 'the first change');
      expect(sub.copy.messages.length).toBe(1);
      expectData(await orders[1](2_200));
      await waitFor(() => sub.heard.length === 3, 'the second change');
      // Its base is the missed revision: a gap; the copy is unchanged.
      expect(sub.heard[2].baseRevision).toBe(sub.heard[1].revision);
      expect(sub.copy.gaps).toBe(1);
      expect(sub.copy.revision).toBe(sub.heard[0].revision);
      // Resync: the `leaderboard` query returns the board of the latest revision pushed.
      const now = await read();
      expect(now.revision).toBe(sub.heard[2].revision);
      sub.copy.resync(now.board, now.revision);
      expectData(await orders[2](3_300));
      await waitFor(() => sub.heard.length === 4, 'the third change');
      expect(sub.copy.gaps).toBe(1);
      expect(sub.copy.revision).toBe(sub.heard[3].revision);
      const fresh = await read();
      expect(sub.copy.revision).toBe(fresh.revision);
      expect(sub.copy.board).toEqual(fresh.board);
    } finally {
      for (const c of clients) await c.dispose();
    }
  });
});
