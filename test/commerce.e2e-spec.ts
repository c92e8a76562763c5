import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext } from '../src/common/request-context.js';
import { TransactionRunner } from '../src/database/transaction.js';
import { RollupService } from '../src/metrics/rollup.service.js';
import { PeopleService } from '../src/organization/people.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { createLead, reassignLead } from './support/leads.js';

const RECORD_ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { duplicate order { id amount isConversion isRepurchase isReferralConversion creditedRepId creditedSquadId collectedAmount installments { seq amount status dueDate } } } }`;
const RECORD_REFUND = `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { duplicate refund { id amount } order { refundedAmount } } }`;
const METRICS = `query($input: MetricValuesInput!) { metricValues(input: $input) { period { label startDate endDate } values { metricKey entityId value numerator denominator } } }`;

describe('commerce and metrics', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  let admin: string;
  let products: Record<string, string>;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000);

  const order = (input: Record<string, unknown>, token = admin) =>
    t.gql<{ recordOrder: { duplicate: boolean; order: Record<string, unknown> & { id: string } } }>(RECORD_ORDER, { input }, token);
  const refund = (input: Record<string, unknown>, token = admin) =>
    t.gql<{ recordRefund: { duplicate: boolean; refund: { id: string }; order: { refundedAmount: number } } }>(RECORD_REFUND, { input }, token);
  const stageOf = async (leadId: string) => (await t.db.dataSource.query('SELECT stage FROM lead WHERE id = $1', [leadId]))[0].stage;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'shop');
    other = await buildOrg(t.app, 'othershop');
    admin = await t.login(org.admin.email, PASSWORD);
    products = {};
    for (const [sku, kind, price] of [
      ['CAMP-9', 'INTRO', 990],
      ['COURSE-499', 'REGULAR', 49900],
      ['COURSE-999', 'REGULAR', 99900],
      ['ADV-2999', 'ADVANCED', 299900],
      ['CLUB', 'SUBSCRIPTION', 9900],
    ] as const) {
      const res = expectData(
        await t.gql<{ createProduct: { id: string } }>(
          `mutation { createProduct(input: { sku: "${sku}", name: "${sku}", kind: ${kind}, listPrice: ${price} }) { id } }`,
          {},
          admin,
        ),
      );
      products[sku] = res.createProduct.id;
    }
  });
  afterAll(async () => t?.close());

  it('records a conversion, then a repurchase, and moves the lead to CONVERTED', async () => {
    const rep = org.members.A1[0];
    const lead = await createLead(t.app, org.organizationId, { name: 'Lena', ownerId: rep.id, squadId: org.squads.A1, at: daysAgo(10) });
    const intro = expectData(await order({ externalId: 'pay-intro-1', leadId: lead, productSku: 'CAMP-9', amount: 990, paidAt: daysAgo(9).toISOString() }));
    expect(intro.recordOrder.order).toMatchObject({ isConversion: false, isRepurchase: false });
    const conv = expectData(
      await order({ externalId: 'pay-conv-1', leadId: lead, productId: products['COURSE-499'], amount: 45000, paidAt: daysAgo(5).toISOString() }),
    );
    expect(conv.recordOrder.order).toMatchObject({
      isConversion: true,
      isRepurchase: false,
      creditedRepId: rep.id,
      creditedSquadId: org.squads.A1,
      collectedAmount: 45000,
    });
    // Converted, then enrolled on the course at once (course service).
    expect(await stageOf(lead)).toBe('LEARNING');
    const history = await t.db.dataSource.query('SELECT to_stage FROM lead_stage_change WHERE lead_id = $1 ORDER BY id', [lead]);
    expect(history.map((h: { to_stage: string }) => h.to_stage)).toEqual(['CONVERTED', 'LEARNING']);
    const again = expectData(await order({ externalId: 'pay-adv-1', leadId: lead, productSku: 'ADV-2999', amount: 299900, paidAt: daysAgo(1).toISOString() }));
    expect(again.recordOrder.order).toMatchObject({ isConversion: false, isRepurchase: true });
  });

  it('is idempotent under concurrent duplicates and rejects a reused externalId with other facts', async () => {
    const lead = await createLead(t.app, org.organizationId, { name: 'Dup', ownerId: org.members.A1[1].id, squadId: org.squads.A1 });
    const input = { externalId: 'pay-dup-1', leadId: lead, productSku: 'COURSE-999', amount: 99900, paidAt: daysAgo(2).toISOString() };
    const results = await Promise.all(Array.from({ length: 6 }, () => order(input)));
    const ids = new Set(results.map((r) => expectData(r).recordOrder.order.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !expectData(r).recordOrder.duplicate)).toHaveLength(1);
    const rows = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE external_id = 'pay-dup-1'`);
    expect(rows[0].n).toBe(1);
    expectError(await order({ ...input, amount: 100 }), 'CONFLICT');
  });

  it('never refunds more than was paid, even concurrently; a full refund of the conversion marks the lead REFUNDED', async () => {
    const lead = await createLead(t.app, org.organizationId, { name: 'Refundee', ownerId: org.members.A2[0].id, squadId: org.squads.A2 });
    const o = expectData(await order({ externalId: 'pay-ref-1', leadId: lead, productSku: 'COURSE-499', amount: 49900, paidAt: daysAgo(3).toISOString() }))
      .recordOrder.order;
    const refundedAt = daysAgo(2).toISOString();
    const concurrent = await Promise.all([
      refund({ externalId: 'rf-a', orderId: o.id, amount: 30000, refundedAt, reason: 'changed mind' }),
      refund({ externalId: 'rf-b', orderId: o.id, amount: 30000, refundedAt, reason: 'changed mind' }),
    ]);
    const ok = concurrent.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    const err = expectError(
      concurrent.find((r) => r.errors)!,
      'BAD_USER_INPUT',
    );
    expect(err.message).toMatch(/exceeds what can still be refunded on this order \(19900 of 49900\)/);
    expect(await stageOf(lead)).toBe('LEARNING');
    // Retrying the successful refund is a no-op.
    const winner = ok[0] === concurrent[0] ? 'rf-a' : 'rf-b';
    expect(expectData(await refund({ externalId: winner, orderId: o.id, amount: 30000, refundedAt, reason: 'changed mind' })).recordRefund.duplicate).toBe(
      true,
    );
    const rest = expectData(
      await refund({ externalId: 'rf-c', orderExternalId: 'pay-ref-1', amount: 19900, refundedAt: daysAgo(1).toISOString(), reason: 'rest' }),
    );
    expect(rest.recordRefund.order.refundedAmount).toBe(49900);
    expect(await stageOf(lead)).toBe('REFUNDED');
    expectError(await refund({ externalId: 'rf-d', orderId: o.id, amount: 1, refundedAt: daysAgo(1).toISOString(), reason: 'x' }), 'BAD_USER_INPUT');
  });

  it('rejects other currencies and unknown leads, and writes nothing', async () => {
    const before = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM sales_order'))[0].n;
    const lead = await createLead(t.app, org.organizationId, { name: 'Cur', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const err = expectError(
      await order({ externalId: 'pay-usd', leadId: lead, productSku: 'COURSE-499', amount: 100, currency: 'USD', paidAt: daysAgo(1).toISOString() }),
      'BAD_USER_INPUT',
    );
    expect(err.message).toMatch(/must be CNY/);
    expectError(
      await order({ externalId: 'pay-float', leadId: lead, productSku: 'COURSE-499', amount: 10.5, paidAt: daysAgo(1).toISOString() }),
      'BAD_USER_INPUT',
    );
    expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM sales_order'))[0].n).toBe(before);
  });

  it('schedules school-carried installments and tracks collection', async () => {
    const lead = await createLead(t.app, org.organizationId, { name: 'Parts', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const o = expectData(
      await order({
        externalId: 'pay-parts',
        leadId: lead,
        productSku: 'COURSE-999',
        amount: 100000,
        paidAt: daysAgo(40).toISOString(),
        installmentCount: 3,
        installmentCarrier: 'SCHOOL',
      }),
    ).recordOrder.order;
    expect((o.installments as { amount: number }[]).map((i) => i.amount)).toEqual([33334, 33333, 33333]);
    expect(o.collectedAmount).toBe(33334);
    expect((o.installments as { status: string }[]).map((i) => i.status)).toEqual(['PAID', 'OVERDUE', 'DUE']);
    expectData(
      await t.gql(
        'mutation($id: ID!) { recordInstallmentPayment(input: { orderId: $id, seq: 2, paidAt: "2026-11-01T00:00:00Z" }) { id } }',
        { id: o.id },
        admin,
      ),
    );
    const after = expectData(
      await t.gql<{ order: { collectedAmount: number } }>('query($id: ID!) { order(id: $id) { collectedAmount } }', { id: o.id }, admin),
    );
    expect(after.order.collectedAmount).toBe(66667);
  });

  it('keeps credit with the squad at payment time after a squad move', async () => {
    const mover = org.members.A2[1];
    // The rep has been in A2 for two months.
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE user_id = $1`, [mover.id]);
    const lead1 = await createLead(t.app, org.organizationId, { name: 'Before move', ownerId: mover.id, squadId: org.squads.A2, at: daysAgo(20) });
    expectData(await order({ externalId: 'pay-move-1', leadId: lead1, productSku: 'COURSE-499', amount: 40000, paidAt: daysAgo(15).toISOString() }));
    await t.app
      .get(PeopleService)
      .moveMember(RequestContext.system(org.organizationId), { userId: mover.id, squadId: org.squads.A1, effectiveAt: daysAgo(10) });
    const lead2 = await createLead(t.app, org.organizationId, { name: 'After move', ownerId: mover.id, squadId: org.squads.A1, at: daysAgo(9) });
    const o2 = expectData(await order({ externalId: 'pay-move-2', leadId: lead2, productSku: 'COURSE-499', amount: 41000, paidAt: daysAgo(5).toISOString() }))
      .recordOrder.order;
    expect(o2.creditedSquadId).toBe(org.squads.A1);
    const rows = await t.db.dataSource.query(`SELECT credited_squad_id FROM sales_order WHERE external_id = 'pay-move-1'`);
    expect(rows[0].credited_squad_id).toBe(org.squads.A2);
    const from = daysAgo(30).toISOString().slice(0, 10);
    const to = daysAgo(-1).toISOString().slice(0, 10);
    const res = expectData(
      await t.gql<{ metricValues: { values: { metricKey: string; entityId: string; numerator: number }[] } }>(
        METRICS,
        { input: { metricKeys: ['gross_revenue'], entityType: 'SQUAD', entityIds: [org.squads.A2], period: { kind: 'CUSTOM', start: from, end: to } } },
        admin,
      ),
    );
    const a2 = res.metricValues.values[0].numerator;
    const a2Orders = await t.db.dataSource.query(`SELECT coalesce(sum(amount), 0)::bigint AS s FROM sales_order WHERE credited_squad_id = $1`, [org.squads.A2]);
    expect(a2).toBe(Number(a2Orders[0].s));
    expect(a2).toBeGreaterThanOrEqual(40000);
  });

  it('computes rates with numerators and denominators', async () => {
    const rep = org.members.B1[0];
    const day = daysAgo(3);
    const leads = [];
    for (let i = 0; i < 4; i++)
      leads.push(await createLead(t.app, org.organizationId, { name: `Rate ${i}`, ownerId: rep.id, squadId: org.squads.B1, at: day }));
    expectData(await order({ externalId: 'pay-rate-1', leadId: leads[0], productSku: 'COURSE-999', amount: 90000, paidAt: day.toISOString() }));
    const res = expectData(
      await t.gql<{ metricValues: { values: { metricKey: string; entityId: string; value: number | null; numerator: number; denominator: number | null }[] } }>(
        METRICS,
        {
          input: {
            metricKeys: ['conversion_rate', 'leads_assigned', 'average_order_value', 'refund_rate'],
            entityType: 'MEMBER',
            entityIds: [rep.id],
            period: { kind: 'CUSTOM', start: daysAgo(7).toISOString().slice(0, 10), end: daysAgo(-2).toISOString().slice(0, 10) },
          },
        },
        admin,
      ),
    );
    const byKey = Object.fromEntries(res.metricValues.values.map((v) => [v.metricKey, v]));
    expect(byKey.conversion_rate).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    expect(byKey.leads_assigned).toMatchObject({ value: 4, numerator: 4, denominator: null });
    expect(byKey.average_order_value).toMatchObject({ value: 90000, numerator: 90000, denominator: 1 });
    expect(byKey.refund_rate).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expectError(
      await t.gql(METRICS, { input: { metricKeys: ['nope'], entityType: 'MEMBER', period: { kind: 'ISO_WEEK', start: '2026-11-23' } } }, admin),
      'BAD_USER_INPUT',
    );
    expectError(
      await t.gql(METRICS, { input: { metricKeys: ['roi'], entityType: 'MEMBER', period: { kind: 'ISO_WEEK', start: '2026-11-23' } } }, admin),
      'BAD_USER_INPUT',
    );
  });

  it('returns the same numbers in columns (entityIds, entities, series) as one object per value', async () => {
    const COLUMNS = `query($input: MetricValuesInput!) { metricValues(input: $input) {
      values { metricKey entityId value numerator denominator } entityIds entities { id name } series { metricKey values numerators denominators } } }`;
    type Res = {
      metricValues: {
        values: { metricKey: string; entityId: string; value: number | null; numerator: number; denominator: number | null }[];
        entityIds: string[];
        entities: { id: string; name: string }[];
        series: { metricKey: string; values: (number | null)[]; numerators: number[]; denominators: (number | null)[] }[];
      };
    };
    const keys = ['leads_assigned', 'conversion_rate', 'net_revenue'];
    const from = daysAgo(30).toISOString().slice(0, 10);
    const to = daysAgo(-1).toISOString().slice(0, 10);
    const res = expectData(
      await t.gql<Res>(COLUMNS, { input: { metricKeys: keys, entityType: 'SQUAD', period: { kind: 'CUSTOM', start: from, end: to } } }, admin),
    ).metricValues;
    expect(res.entityIds).toEqual(res.entities.map((e) => e.id));
    expect(new Set(res.entityIds)).toEqual(new Set(Object.values(org.squads)));
    expect(res.series.map((s) => s.metricKey)).toEqual(keys);
    const fromColumns = res.series.flatMap((s) =>
      res.entityIds.map((entityId, i) => ({
        metricKey: s.metricKey,
        entityId,
        value: s.values[i],
        numerator: s.numerators[i],
        denominator: s.denominators[i],
      })),
    );
    expect(fromColumns).toEqual(res.values);
    // Something was sold in these squads, so the comparison is not over zeros alone.
    expect(res.series.find((s) => s.metricKey === 'net_revenue')!.numerators.some((n) => n > 0)).toBe(true);
  });

  it('rejects a malformed metricValues request with every bad field, before any statement runs', async () => {
    const period = { kind: 'MONTH', start: '2026-11-01' };
    const fieldsOf = async (input: Record<string, unknown>) => {
      let result: GqlResult<unknown> | undefined;
      const statements = await t.countStatements(async () => {
        result = await t.gql(METRICS, { input }, admin);
      });
      expect(statements).toBe(1); // the session lookup only
      return (expectError(result!, 'BAD_USER_INPUT').extensions?.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await fieldsOf({ metricKeys: [], entityType: 'SQUAD', period })).toEqual(['input.metricKeys']);
    expect(await fieldsOf({ metricKeys: Array.from({ length: 31 }, () => 'conversions'), entityType: 'SQUAD', period })).toEqual(['input.metricKeys']);
    expect(await fieldsOf({ metricKeys: ['conversions'], entityType: 'SQUAD', entityIds: [org.squads.A1, 'squad-a1', 'x'], period })).toEqual([
      'input.entityIds.1',
      'input.entityIds.2',
    ]);
    expect(await fieldsOf({ metricKeys: ['conversions'], entityType: 'SQUAD', entityIds: Array.from({ length: 5001 }, () => org.squads.A1), period })).toEqual([
      'input.entityIds',
    ]);
    expect(await fieldsOf({ metricKeys: ['conversions'], entityType: 'SQUAD', period: { kind: 'CUSTOM', start: '1 Nov 2026', end: '2026-11-31x' } })).toEqual([
      'input.period.start',
      'input.period.end',
    ]);
    // A well-formed date that does not exist, and an unknown metric, are reported by the same code.
    expect(await fieldsOf({ metricKeys: ['conversions'], entityType: 'SQUAD', period: { kind: 'MONTH', start: '2026-02-30' } })).toEqual([
      'input.period.start',
    ]);
  });

  it('keeps rollups equal to a recomputation after a random sequence of orders, refunds and reassignments', async () => {
    let seed = 20261123;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const reps = [...org.members.A1, ...org.members.A2, org.leads.A1];
    const squadOf = (id: string) => (org.members.A1.some((m) => m.id === id) || id === org.leads.A1.id ? org.squads.A1 : org.squads.A2);
    const leadIds: string[] = [];
    const orderIds: { id: string; amount: number; refunded: number }[] = [];
    for (let step = 0; step < 60; step++) {
      const r = rnd();
      const at = daysAgo(Math.floor(rnd() * 50) + 1);
      if (r < 0.3 || leadIds.length < 3) {
        const owner = rnd() < 0.2 ? null : reps[Math.floor(rnd() * reps.length)];
        leadIds.push(
          await createLead(t.app, org.organizationId, { name: `R${step}`, ownerId: owner?.id ?? null, squadId: owner ? squadOf(owner.id) : org.squads.A1, at }),
        );
      } else if (r < 0.45) {
        const owner = reps[Math.floor(rnd() * reps.length)];
        await reassignLead(t.app, org.organizationId, leadIds[Math.floor(rnd() * leadIds.length)], owner.id, squadOf(owner.id), at);
      } else if (r < 0.8) {
        const skus = ['CAMP-9', 'COURSE-499', 'COURSE-999', 'ADV-2999', 'CLUB'];
        const amount = 1000 + Math.floor(rnd() * 100000);
        const res = await order({
          externalId: `rand-${step}`,
          leadId: leadIds[Math.floor(rnd() * leadIds.length)],
          productSku: skus[Math.floor(rnd() * skus.length)],
          amount,
          paidAt: at.toISOString(),
        });
        if (res.data) orderIds.push({ id: res.data.recordOrder.order.id, amount, refunded: 0 });
      } else if (orderIds.length) {
        const o = orderIds[Math.floor(rnd() * orderIds.length)];
        const amount = Math.max(1, Math.floor((o.amount - o.refunded) * rnd()));
        const res = await refund({ externalId: `rand-rf-${step}`, orderId: o.id, amount, refundedAt: new Date().toISOString(), reason: 'random' });
        if (res.data) o.refunded += amount;
      }
    }
    const diffs = await t.app.get(TransactionRunner).run(() => t.app.get(RollupService).verify(org.organizationId));
    expect(diffs).toEqual([]);
    const rows = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM rollup_daily WHERE organization_id = $1', [org.organizationId]))[0].n;
    expect(rows).toBeGreaterThan(10);
  });

  it('never lets another organization read or write this one', async () => {
    const otherAdmin = await t.login(other.admin.email, PASSWORD);
    const lead = await createLead(t.app, org.organizationId, { name: 'Private', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const o = expectData(await order({ externalId: 'pay-private', leadId: lead, productSku: 'COURSE-499', amount: 49900, paidAt: daysAgo(1).toISOString() }))
      .recordOrder.order;
    expectError(await t.gql('query($id: ID!) { order(id: $id) { id } }', { id: o.id }, otherAdmin), 'NOT_FOUND');
    const ordersList = expectData(await t.gql<{ orders: { nodes: { id: string }[] } }>('{ orders(first: 200) { nodes { id } } }', {}, otherAdmin));
    expect(ordersList.orders.nodes).toEqual([]);
    const m = expectData(
      await t.gql<{ metricValues: { values: unknown[] } }>(
        METRICS,
        { input: { metricKeys: ['gross_revenue'], entityType: 'SQUAD', entityIds: [org.squads.A1], period: { kind: 'MONTH', start: '2026-11-01' } } },
        otherAdmin,
      ),
    );
    expect(m.metricValues.values).toEqual([]);
    expectError(
      await t.gql(
        RECORD_ORDER,
        { input: { externalId: 'steal', leadId: lead, productSku: 'COURSE-499', amount: 1, paidAt: daysAgo(1).toISOString() } },
        otherAdmin,
      ),
      'BAD_USER_INPUT',
    );
    const rep = await t.login(org.members.A2[0].email, PASSWORD);
    expectError(await t.gql('query($id: ID!) { order(id: $id) { id } }', { id: o.id }, rep), 'FORBIDDEN');
    expectError(
      await t.gql(RECORD_ORDER, { input: { externalId: 'rep-try', leadId: lead, productSku: 'COURSE-499', amount: 1, paidAt: daysAgo(1).toISOString() } }, rep),
      'FORBIDDEN',
    );
  });

  it('accepts orders from a payment system API key with commerce:write only', async () => {
    const key = expectData(
      await t.gql<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "Pay", scopes: ["commerce:write"] }) { secret } }', {}, admin),
    ).createApiKey.secret;
    const formKey = expectData(
      await t.gql<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "Form", scopes: ["intake:submit"] }) { secret } }', {}, admin),
    ).createApiKey.secret;
    const lead = await createLead(t.app, org.organizationId, { name: 'Via key', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const input = { externalId: 'pay-key', leadId: lead, productSku: 'COURSE-499', amount: 49900, paidAt: daysAgo(1).toISOString() };
    expectData(await t.gql(RECORD_ORDER, { input }, { apiKey: key }));
    expectError(await t.gql(RECORD_ORDER, { input: { ...input, externalId: 'pay-key-2' } }, { apiKey: formKey }), 'FORBIDDEN');
    const audit = await t.db.dataSource.query(`SELECT actor_api_key_id FROM audit_event WHERE action = 'RECORDED' AND diff->>'externalId' = 'pay-key'`);
    expect(audit[0].actor_api_key_id).not.toBeNull();
  });
});

describe('unit economics worked example', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'ue', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  it('matches numbers checked by hand', async () => {
    for (const [sku, kind] of [
      ['C', 'REGULAR'],
      ['K', 'SUBSCRIPTION'],
    ] as const) {
      expectData(await t.gql(`mutation { createProduct(input: { sku: "${sku}", name: "${sku}", kind: ${kind}, listPrice: 1000 }) { id } }`, {}, admin));
    }
    const rep = org.members.A1[0].id;
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    // Campaign "spring": 4 leads, 2 buy; spend 1,000.00 (100000 minor units).
    const a = await createLead(t.app, org.organizationId, { name: 'A', ownerId: rep, squadId: org.squads.A1, at: at('2026-03-02'), campaign: 'spring' });
    const b = await createLead(t.app, org.organizationId, { name: 'B', ownerId: rep, squadId: org.squads.A1, at: at('2026-03-03'), campaign: 'spring' });
    await createLead(t.app, org.organizationId, { name: 'C', ownerId: rep, squadId: org.squads.A1, at: at('2026-03-04'), campaign: 'spring' });
    await createLead(t.app, org.organizationId, { name: 'D', ownerId: rep, squadId: org.squads.A1, at: at('2026-03-05'), campaign: 'spring' });
    // A referral of A that also buys (created later, outside the range: counts for K-factor only).
    const r = await createLead(t.app, org.organizationId, {
      name: 'R',
      ownerId: rep,
      squadId: org.squads.A1,
      at: at('2026-04-10'),
      campaign: 'friends',
      referredByLeadId: a,
    });
    const rec = (externalId: string, leadId: string, productSku: string, amount: number, paidAt: string) =>
      t.gql(RECORD_ORDER, { input: { externalId, leadId, productSku, amount, paidAt: at(paidAt).toISOString() } }, admin).then(expectData);
    await rec('a1', a, 'C', 60000, '2026-03-10'); // A converts: 600.00
    await rec('b1', b, 'C', 40000, '2026-03-12'); // B converts: 400.00
    await rec('a2', a, 'K', 30000, '2026-03-30'); // A repurchases 20 days later: 300.00
    await rec('b2', b, 'K', 30000, '2026-11-20'); // outside a 90-day horizon
    await rec('r1', r, 'C', 50000, '2026-04-15');
    expectData(
      await t.gql(
        RECORD_REFUND,
        { input: { externalId: 'b1-r', orderExternalId: 'b1', amount: 10000, refundedAt: at('2026-03-20').toISOString(), reason: 'partial' } },
        admin,
      ),
    );
    expectData(
      await t.gql('mutation { recordAcquisitionSpend(input: { day: "2026-03-01", channel: AD, campaign: "spring", amount: 100000 }) { id } }', {}, admin),
    );
    expectData(
      await t.gql(
        `mutation($s: ID!) { recordConversionCost(input: { day: "2026-03-15", squadId: $s, category: "commission", amount: 20000 }) { id } }`,
        { s: org.squads.A1 },
        admin,
      ),
    );

    const res = expectData(
      await t.gql<{ unitEconomics: Record<string, unknown>[] }>(
        `{ unitEconomics(input: { groupBy: CAMPAIGN, from: "2026-03-01", to: "2026-04-01", ltvHorizonDays: 90 }) {
            group leads payingCustomers spend cac conversionRate firstOrderRevenue conversionCost conversionCostPerCustomer unitEconomics ltv ltvToCac repurchaseRate kFactor paybackDays } }`,
        {},
        admin,
      ),
    );
    // customers 2; CAC = 100000 / 2 = 50000; first-order revenue net = 60000 + (40000 - 10000) = 90000;
    // conversion cost 20000 over all 2 customers in range = 10000 each; UE = 90000/2 - 50000 - 10000 = -15000.
    // LTV (90 days) = (60000 + 30000 + 30000) / 2 = 60000; LTV/CAC = 1.2; repurchase rate 1/2; K = 1/2.
    // Payback: cost to recover = 100000 + 10000*2 = 120000; cumulative by day offset: day 0 -> 90000, day 20 -> 120000 → 20.
    expect(res.unitEconomics).toEqual([
      {
        group: 'spring',
        leads: 4,
        payingCustomers: 2,
        spend: 100000,
        cac: 50000,
        conversionRate: 0.5,
        firstOrderRevenue: 90000,
        conversionCost: 20000,
        conversionCostPerCustomer: 10000,
        unitEconomics: -15000,
        ltv: 60000,
        ltvToCac: 1.2,
        repurchaseRate: 0.5,
        kFactor: 0.5,
        paybackDays: 20,
      },
    ]);
    const rep2 = await t.login(org.members.A1[0].email, PASSWORD);
    expectError(await t.gql('{ unitEconomics(input: { groupBy: CHANNEL, from: "2026-03-01", to: "2026-04-01" }) { group } }', {}, rep2), 'FORBIDDEN');
  });
});
