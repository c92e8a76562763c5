import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { COLD_ANSWERS, createPublishedSurvey, HOT_ANSWERS, submission, WARM_ANSWERS } from './support/intake.js';

// surveyCalibration.tiers (docs/intake.md, "Calibration"): conversion by score band, i.e. by the tier
// of each lead's latest submission in the window, in the current version's tier order.
describe('intake: calibration by score band', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'caltiers');
    admin = await t.login(org.admin.email, PASSWORD);
    manager = await t.login(org.manager.email, PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  const QUERY = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
    surveyCalibration(surveyId: $id, from: $from, to: $to) { leads converted tiers { tier minScore leads converted conversionRate lift } }
  }`;
  type Result = {
    surveyCalibration: {
      leads: number;
      converted: number;
      tiers: { tier: string; minScore: number | null; leads: number; converted: number; conversionRate: number | null; lift: number | null }[];
    };
  };

  it('counts leads and conversions per tier, highest tier first, the default tier last, empty tiers included', async () => {
    const id = await createPublishedSurvey(t, admin, undefined, 'Tier calibration');
    const answers = [HOT_ANSWERS, HOT_ANSWERS, WARM_ANSWERS, COLD_ANSWERS];
    const res = expectData(
      await t.gql<{ submitIntakeBatch: { results: { lead: { id: string; tier: string } }[] } }>(
        'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { results { lead { id tier } } } }',
        { inputs: answers.map((a, i) => submission(id, `tier-${i}`, { email: `tier${i}@x.cn` }, a)) },
        admin,
      ),
    ).submitIntakeBatch.results.map((r) => r.lead);
    expect(res.map((l) => l.tier)).toEqual(['A', 'A', 'B', 'D']);
    for (const leadId of [res[0]!.id, res[2]!.id]) {
      expectData(await t.gql('mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { stage } }', { i: { leadId, stage: 'CONVERTED' } }, admin));
    }
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const cal = expectData(await t.gql<Result>(QUERY, { id, from, to }, manager)).surveyCalibration;
    expect([cal.leads, cal.converted]).toEqual([4, 2]);
    expect(cal.tiers).toEqual([
      { tier: 'A', minScore: 70, leads: 2, converted: 1, conversionRate: 0.5, lift: 1 },
      { tier: 'B', minScore: 45, leads: 1, converted: 1, conversionRate: 1, lift: 2 },
      { tier: 'C', minScore: 20, leads: 0, converted: 0, conversionRate: null, lift: null },
      { tier: 'D', minScore: null, leads: 1, converted: 0, conversionRate: 0, lift: 0 },
    ]);
    // A window without submissions lists the tiers with nothing in them.
    const empty = expectData(await t.gql<Result>(QUERY, { id, from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' }, admin)).surveyCalibration;
    expect(empty.tiers.map((x) => [x.tier, x.leads, x.conversionRate])).toEqual([
      ['A', 0, null],
      ['B', 0, null],
      ['C', 0, null],
      ['D', 0, null],
    ]);
    const rep = await t.login(org.members.A1[0].email, PASSWORD);
    expectError(await t.gql(QUERY, { id, from, to }, rep), 'FORBIDDEN');
  });
});
