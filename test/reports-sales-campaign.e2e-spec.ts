import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SalesOrder } from '../src/commerce/entities/order.entity.js';
import { PriceTier } from '../src/commerce/entities/product.entity.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createPublishedSurvey, HOT_ANSWERS, submission } from './support/intake.js';

type Attr = { campaign: string | null; utmSource: string | null; utmMedium: string | null; utmContent: string | null };

describe('campaign attribution: intake, CSV import, spend, unit economics by campaign', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let surveyId: string;
  const ids: Record<string, string> = {};

  const submit = (input: Record<string, unknown>) =>
    t.gql<{ submitIntake: { lead: { id: string } } }>('mutation($i: SubmitIntakeInput!) { submitIntake(input: $i) { lead { id } } }', { i: input }, admin);
  const attributionOf = async (id: string): Promise<Attr> =>
    expectData(await t.gql<{ lead: Attr }>('query($id: ID!) { lead(id: $id) { campaign utmSource utmMedium utmContent } }', { id }, admin)).lead;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'camp');
    admin = await t.login(org.admin.email, PASSWORD);
    surveyId = await createPublishedSurvey(t, admin);
  });
  afterAll(async () => t?.close());

  it('submitIntake stores normalized attribution, first touch wins', async () => {
    const a = expectData(
      await submit(
        submission(surveyId, 'a-1', { email: 'a@camp.test' }, HOT_ANSWERS, {
          attribution: { campaign: '  Spring   SALE ', source: 'FaceBook', medium: 'CPC', content: ' Ad\t1 ' },
        }),
      ),
    ).submitIntake.lead.id;
    ids.A = a;
    expect(await attributionOf(a)).toEqual({ campaign: 'spring sale', utmSource: 'facebook', utmMedium: 'cpc', utmContent: 'ad 1' });
    // A later submission of the same lead with another campaign keeps the first touch.
    expectData(await submit(submission(surveyId, 'a-2', { email: 'a@camp.test' }, HOT_ANSWERS, { attribution: { campaign: 'Other', medium: 'email' } })));
    expect(await attributionOf(a)).toEqual({ campaign: 'spring sale', utmSource: 'facebook', utmMedium: 'cpc', utmContent: 'ad 1' });
    // A lead without attribution takes the first one that comes.
    const b = expectData(await submit(submission(surveyId, 'b-1', { email: 'b@camp.test' }))).submitIntake.lead.id;
    ids.B = b;
    expect(await attributionOf(b)).toEqual({ campaign: null, utmSource: null, utmMedium: null, utmContent: null });
    expectData(await submit(submission(surveyId, 'b-2', { email: 'b@camp.test' }, HOT_ANSWERS, { attribution: { campaign: 'Summer', medium: 'Email' } })));
    expect(await attributionOf(b)).toEqual({ campaign: 'summer', utmSource: null, utmMedium: 'email', utmContent: null });
  });

  it('refuses over-long or control-character values with their path, writing nothing', async () => {
    const before = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM lead WHERE organization_id = $1`, [org.organizationId]);
    const e1 = expectError(
      await submit(submission(surveyId, 'x-1', { email: 'x@camp.test' }, HOT_ANSWERS, { attribution: { campaign: 'c'.repeat(121), content: 'a\u0001b' } })),
      'BAD_USER_INPUT',
    );
    expect(e1.extensions!.fields).toEqual([
      { field: 'input.attribution.campaign', message: 'is longer than 120 characters' },
      { field: 'input.attribution.content', message: 'contains control characters' },
    ]);
    const batch = (inputs: unknown[]) =>
      t.gql<{ submitIntakeBatch: { submitted: number } }>(
        'mutation($i: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $i) { submitted } }',
        { i: inputs },
        admin,
      );
    const e2 = expectError(
      await batch([
        submission(surveyId, 'c-1', { email: 'c@camp.test' }, HOT_ANSWERS, { attribution: { campaign: 'SUMMER' } }),
        submission(surveyId, 'd-1', { email: 'd@camp.test' }, HOT_ANSWERS, { attribution: { medium: 'm'.repeat(121) } }),
      ]),
      'BAD_USER_INPUT',
    );
    expect(e2.extensions!.fields!.map((f) => f.field)).toEqual(['inputs.1.attribution.medium']);
    const after = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM lead WHERE organization_id = $1`, [org.organizationId]);
    expect(after[0].n).toBe(before[0].n);
    expect(
      expectData(await batch([submission(surveyId, 'c-1', { email: 'c@camp.test' }, HOT_ANSWERS, { attribution: { campaign: 'SUMMER' } })])).submitIntakeBatch
        .submitted,
    ).toBe(1);
    const [c] = await t.db.dataSource.query(`SELECT campaign FROM lead WHERE email = 'c@camp.test'`);
    expect(c.campaign).toBe('summer');
  });

  it('the CSV import takes campaign / utm_* columns', async () => {
    const csv = [
      'name,email,utm_campaign,utm_source,utm_medium,utm_content,goal,budget,hours,ready',
      'E,e@camp.test,Spring Sale,Google,CPC,,career,high,12,yes',
      'F,f@camp.test,' + 'x'.repeat(121) + ',,,,career,high,12,yes',
    ].join('\n');
    const res = await t.http().post(`/intake/import?surveyId=${surveyId}`).set('Authorization', `Bearer ${admin}`).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, imported: 1 });
    expect(res.body.errors).toEqual([{ line: 3, reason: expect.stringContaining('attribution.campaign: is longer than 120 characters') }]);
    const [e] = await t.db.dataSource.query(`SELECT id, campaign, utm_source, utm_medium, utm_content FROM lead WHERE email = 'e@camp.test'`);
    expect(e).toMatchObject({ campaign: 'spring sale', utm_source: 'google', utm_medium: 'cpc', utm_content: null });
  });

  it('spend per campaign (normalized the same way) and unitEconomics(groupBy: CAMPAIGN) end to end', async () => {
    const spend = (campaign: string, amount: number) =>
      t.gql<{ recordAcquisitionSpend: { campaign: string } }>(
        'mutation($c: String, $a: Money!, $d: String!) { recordAcquisitionSpend(input: { day: $d, channel: AD, campaign: $c, amount: $a }) { campaign } }',
        { c: campaign, a: amount, d: new Date().toISOString().slice(0, 10) },
        admin,
      );
    expect(expectData(await spend(' SPRING  sale', 100000)).recordAcquisitionSpend.campaign).toBe('spring sale');
    expect(expectData(await spend('Summer', 30000)).recordAcquisitionSpend.campaign).toBe('summer');
    expectError(await spend('s'.repeat(121), 1), 'BAD_USER_INPUT');
    const [{ id: product }] = await t.db.dataSource.query(
      `INSERT INTO product (organization_id, sku, name, kind, price_tier, list_price) VALUES ($1, 'course', 'Course', 'REGULAR', 'REGULAR', 50000) RETURNING id`,
      [org.organizationId],
    );
    await t.db.dataSource.manager.insert(SalesOrder, {
      organizationId: org.organizationId,
      externalId: 'pay-a',
      leadId: ids.A,
      productId: product,
      priceTier: PriceTier.REGULAR,
      amount: 50000,
      paidAt: new Date(),
      isConversion: true,
      isRepurchase: false,
      isReferralConversion: false,
    });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const rows = expectData(
      await t.gql<{
        unitEconomics: {
          group: string;
          leads: number;
          payingCustomers: number;
          spend: number;
          cac: number | null;
          firstOrderRevenue: number;
          unitEconomics: number | null;
        }[];
      }>(
        `query($f: String!, $to: String!) { unitEconomics(input: { groupBy: CAMPAIGN, from: $f, to: $to }) { group leads payingCustomers spend cac firstOrderRevenue unitEconomics } }`,
        { f: day(-2), to: day(2) },
        admin,
      ),
    ).unitEconomics;
    expect(rows.sort((x, y) => x.group.localeCompare(y.group))).toEqual([
      { group: 'spring sale', leads: 2, payingCustomers: 1, spend: 100000, cac: 100000, firstOrderRevenue: 50000, unitEconomics: -50000 },
      { group: 'summer', leads: 2, payingCustomers: 0, spend: 30000, cac: null, firstOrderRevenue: 0, unitEconomics: null },
    ]);
  });
});
