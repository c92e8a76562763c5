import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodContaining, previousPeriod } from '@lib/schedule';
import { CommerceService } from '../../src/commerce/commerce.service.js';
import type { CreateProductInput, RecordOrderInput } from '../../src/commerce/dto/commerce.inputs.js';
import { RequestContext } from '../../src/common/request-context.js';
import { LeaderboardDefinitionsService } from '../../src/rankings/leaderboard-definitions.service.js';
import { PeriodClosingService } from '../../src/rankings/period-closing.service.js';
import { StandingsService } from '../../src/rankings/standings.service.js';
import { buildOrg, type FixtureOrg } from '../support/fixtures.js';
import { startTestContext, type TestContext } from '../support/harness.js';
import { createLead } from '../support/leads.js';

/**
 * Rankings as services (no GraphQL): orders recorded through CommerceService reach a weekly
 * leaderboard of legion A's four reps, and closing the week snapshots it once.
 */
describe('medium: rankings service', () => {
  let t: TestContext;
  let org: FixtureOrg;
  let ctx: RequestContext;
  const TZ = 'Asia/Shanghai';

  beforeAll(async () => {
    t = await startTestContext();
    org = await buildOrg(t.app, 'medrank');
    ctx = RequestContext.system(org.organizationId);
    // Everyone has been in their squad for two months, so last week has a population.
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE organization_id = $1`, [org.organizationId]);
    await t.app.get(CommerceService).createProduct(ctx, { sku: 'COURSE', name: 'Course', kind: 'REGULAR', listPrice: 99900 } as unknown as CreateProductInput);
  }, 300_000);
  afterAll(async () => t?.close());

  it('ranks reps by last week net revenue and closes the week into one snapshot', async () => {
    const week = previousPeriod('ISO_WEEK', periodContaining('ISO_WEEK', new Date(), TZ).startDate, TZ);
    const paidAt = new Date(week.start.getTime() + 50 * 3600_000);
    const reps = [
      { id: org.members.A1[0].id, squad: org.squads.A1 },
      { id: org.members.A1[1].id, squad: org.squads.A1 },
      { id: org.members.A2[0].id, squad: org.squads.A2 },
      { id: org.members.A2[1].id, squad: org.squads.A2 },
    ];
    for (const [k, rep] of reps.entries()) {
      const leadId = await createLead(t.app, org.organizationId, {
        name: `Buyer ${k}`,
        ownerId: rep.id,
        squadId: rep.squad,
        at: new Date(paidAt.getTime() - 3600_000),
      });
      await t.app
        .get(CommerceService)
        .recordOrder(ctx, { externalId: `med-${k}`, leadId, productSku: 'COURSE', amount: 10000 * (k + 1), paidAt } as unknown as RecordOrderInput);
    }
    const rankings = t.app.get(StandingsService);
    const closing = t.app.get(PeriodClosingService);
    const def = await t.app.get(LeaderboardDefinitionsService).createDefinition(ctx, {
      name: 'Reps weekly',
      scope: 'MEMBER',
      teamKind: 'PRE_SALES',
      populationType: 'LEGION',
      populationId: org.legionA,
      periodKind: 'ISO_WEEK',
      metricKey: 'net_revenue',
    } as unknown as Parameters<LeaderboardDefinitionsService['createDefinition']>[1]);
    const period = { kind: 'ISO_WEEK', start: week.startDate } as unknown as Parameters<PeriodClosingService['closePeriod']>[2];
    const live = await rankings.leaderboard(ctx, { definitionId: def.id, period } as unknown as Parameters<StandingsService['leaderboard']>[1]);
    expect(live.status).toBe('LIVE');
    expect(live.entries.map((e) => [e.entity.id, e.value, e.rank])).toEqual([
      [reps[3].id, 40000, 1],
      [reps[2].id, 30000, 2],
      [reps[1].id, 20000, 3],
      [reps[0].id, 10000, 4],
    ]);
    const closed = await closing.closePeriod(ctx, def.id, period);
    expect(closed.status).toBe('CLOSED');
    expect(closed.entries.map((e) => e.value)).toEqual([40000, 30000, 20000, 10000]);
    expect((await closing.closePeriod(ctx, def.id, period)).snapshotId).toBe(closed.snapshotId);
    const [{ n }] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM leaderboard_snapshot WHERE definition_id = $1', [def.id]);
    expect(n).toBe(1);
  }, 300_000);
});
