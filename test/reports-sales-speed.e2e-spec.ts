import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Lead, LeadSource, LeadStage } from '../src/leads/entities/lead.entity.js';
import { AgendaItem, AgendaItemStatus, ObjectionLog } from '../src/sop/entities/agenda-item.entity.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

const CONTENT = {
  changeNote: 'v1',
  steps: [{ key: 'dm', dayOffset: 0, localTime: '21:00', channel: 'PRIVATE_MESSAGE', audience: 'LEADS', title: 'Hello DM', scripts: [{ text: 'Hi' }] }],
  objections: [{ key: 'price', objection: 'Too expensive', answers: [{ text: 'Pay in 4 parts' }] }],
};
const at = (iso: string) => new Date(iso);
const FEB = { kind: 'CUSTOM', start: '2026-02-01', end: '2026-03-01' };
const KEYS = ['speed_to_lead_minutes', 'contact_rate_1h', 'contact_rate_24h'];

/**
 * Assignments (UTC) and first contacts:
 *   rep11 (A1): L1 Feb 10 10:00 → step done 10:30 (30 min); L2 10:00 → objection 12:00, step 13:00 (120);
 *               L3 10:00 → never contacted
 *   rep12 (A1): L4 Feb 11 09:00 → step done Feb 12 09:00 (1,440 = exactly 24 h);
 *               L5 09:00, moved to rep21 (A2) at 10:00 before any contact → not contacted
 *   rep21 (A2): L5 Feb 11 10:00 → step done 10:20 (20); L6 Feb 12 08:00 → objection 07:00 (before: ignored), step 08:45 (45)
 *   L7 goes to the A1 pool (no rep): not an assignment to a rep.
 */
describe('sales reports: speed to lead and contact rate', () => {
  let t: TestApp;
  let org: FixtureOrg;
  const tok: Record<string, string> = {};
  const L: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'stl');
    tok.admin = await t.login(org.admin.email, PASSWORD);
    tok.leadA1 = await t.login(org.leads.A1.email, PASSWORD);
    const m = t.db.dataSource.manager;
    const [rep11, rep12] = org.members.A1;
    const [rep21] = org.members.A2;
    const lead = async (name: string, ownerId: string | null, squad: 'A1' | 'A2') =>
      (
        await m.insert(Lead, {
          organizationId: org.organizationId,
          name,
          source: LeadSource.AD,
          stage: LeadStage.INTRO,
          stageChangedAt: new Date(),
          ownerId,
          squadId: org.squads[squad],
        })
      ).identifiers[0]!.id as string;
    L.L1 = await lead('L1', rep11!.id, 'A1');
    L.L2 = await lead('L2', rep11!.id, 'A1');
    L.L3 = await lead('L3', rep11!.id, 'A1');
    L.L4 = await lead('L4', rep12!.id, 'A1');
    L.L5 = await lead('L5', rep21!.id, 'A2');
    L.L6 = await lead('L6', rep21!.id, 'A2');
    L.L7 = await lead('L7', null, 'A1');
    const event = (leadId: string, from: string | null, to: string | null, fromSquad: string | null, toSquad: string, when: string) =>
      t.db.dataSource.query(
        `INSERT INTO lead_assignment_event (organization_id, lead_id, from_owner_id, to_owner_id, from_squad_id, to_squad_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [org.organizationId, leadId, from, to, fromSquad, toSquad, at(when)],
      );
    const { A1, A2 } = org.squads;
    await event(L.L1, null, rep11!.id, null, A1, '2026-02-10T10:00:00Z');
    await event(L.L2, null, rep11!.id, null, A1, '2026-02-10T10:00:00Z');
    await event(L.L3, null, rep11!.id, null, A1, '2026-02-10T10:00:00Z');
    await event(L.L4, null, rep12!.id, null, A1, '2026-02-11T09:00:00Z');
    await event(L.L5, null, rep12!.id, null, A1, '2026-02-11T09:00:00Z');
    await event(L.L5, rep12!.id, rep21!.id, A1, A2, '2026-02-11T10:00:00Z');
    await event(L.L6, null, rep21!.id, null, A2, '2026-02-12T08:00:00Z');
    await event(L.L7, null, null, null, A1, '2026-02-10T10:00:00Z');

    // A playbook and cohort give every lead an agenda item; contacts are set on them.
    const created = expectData(
      await t.gql<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
        { input: { legionId: org.legionA, name: 'Camp', kind: 'PRE_SALES', content: CONTENT } },
        tok.admin,
      ),
    ).createPlaybook;
    const version = expectData(
      await t.gql<{ publishPlaybookVersion: { id: string; objections: { id: string }[] } }>(
        'mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id objections { id } } }',
        { id: created.draft.id },
        tok.admin,
      ),
    ).publishPlaybookVersion;
    expectData(
      await t.gql(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: {
            name: 'Feb',
            startDate: '2026-02-09',
            timeZone: 'Asia/Shanghai',
            playbookVersionId: version.id,
            squadIds: [A1, A2],
            leadIds: [L.L1, L.L2, L.L3, L.L4, L.L5, L.L6],
          },
        },
        tok.admin,
      ),
    );
    const items = await m.find(AgendaItem, { where: { organizationId: org.organizationId } });
    const itemOf = (leadId: string) => items.find((i) => i.leadId === leadId)!;
    const done = (leadId: string, when: string) =>
      m.update(AgendaItem, { id: itemOf(leadId).id }, { status: AgendaItemStatus.DONE, completedAt: at(when), onTime: true });
    const objection = (leadId: string, when: string) =>
      m.insert(ObjectionLog, {
        organizationId: org.organizationId,
        agendaItemId: itemOf(leadId).id,
        objectionId: version.objections[0]!.id,
        answerId: null,
        leadId,
        repId: itemOf(leadId).repId,
        loggedAt: at(when),
      });
    await done(L.L1, '2026-02-10T10:30:00Z');
    await objection(L.L2, '2026-02-10T12:00:00Z');
    await done(L.L2, '2026-02-10T13:00:00Z');
    await done(L.L4, '2026-02-12T09:00:00Z');
    await done(L.L5, '2026-02-11T10:20:00Z');
    await objection(L.L6, '2026-02-12T07:00:00Z');
    await done(L.L6, '2026-02-12T08:45:00Z');
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = '2026-01-01' WHERE organization_id = $1`, [org.organizationId]);
  });
  afterAll(async () => t?.close());

  type Values = { series: { metricKey: string; values: (number | null)[]; numerators: number[]; denominators: (number | null)[] }[] };
  const values = async (entityType: string, entityIds: string[], token = tok.admin) =>
    expectData(
      await t.gql<{ metricValues: Values }>(
        `query($input: MetricValuesInput!) { metricValues(input: $input) { series { metricKey values numerators denominators } } }`,
        { input: { metricKeys: KEYS, entityType, entityIds, period: FEB } },
        token,
      ),
    ).metricValues.series.map((s) => [s.metricKey, s.values, s.numerators, s.denominators]);

  it('is in the catalog with definitions', async () => {
    const metrics = expectData(
      await t.gql<{ metrics: { key: string; unit: string; direction: string; isRate: boolean; definition: string }[] }>(
        '{ metrics(teamKind: PRE_SALES) { key unit direction isRate definition } }',
        {},
        tok.admin,
      ),
    ).metrics;
    expect(metrics.filter((x) => KEYS.includes(x.key)).map((x) => [x.key, x.unit, x.direction, x.isRate])).toEqual([
      ['contact_rate_1h', 'RATIO', 'HIGHER_IS_BETTER', true],
      ['contact_rate_24h', 'RATIO', 'HIGHER_IS_BETTER', true],
      ['speed_to_lead_minutes', 'MINUTES', 'LOWER_IS_BETTER', false],
    ]);
    expect(metrics.find((x) => x.key === 'speed_to_lead_minutes')!.definition).toMatch(/Median minutes/);
  });

  it('per rep: exact medians (even count = mean of the middle two) and contact rates', async () => {
    const [rep11, rep12] = org.members.A1;
    const [rep21, rep22] = org.members.A2;
    expect(await values('MEMBER', [rep11!.id, rep12!.id, rep21!.id, rep22!.id])).toEqual([
      ['speed_to_lead_minutes', [75, 1440, 32.5, null], [2, 1, 2, 0], [null, null, null, null]],
      ['contact_rate_1h', [1 / 3, 0, 1, null], [1, 0, 2, 0], [3, 2, 2, 0]],
      ['contact_rate_24h', [2 / 3, 0.5, 1, null], [2, 1, 2, 0], [3, 2, 2, 0]],
    ]);
  });

  it('per squad and legion: over their own assignments (not a median of medians)', async () => {
    expect(await values('SQUAD', [org.squads.A1, org.squads.A2, org.squads.B1])).toEqual([
      ['speed_to_lead_minutes', [120, 32.5, null], [3, 2, 0], [null, null, null]],
      ['contact_rate_1h', [0.2, 1, null], [1, 2, 0], [5, 2, 0]],
      ['contact_rate_24h', [0.6, 1, null], [3, 2, 0], [5, 2, 0]],
    ]);
    expect(await values('LEGION', [org.legionA])).toEqual([
      ['speed_to_lead_minutes', [45], [5], [null]],
      ['contact_rate_1h', [3 / 7], [3], [7]],
      ['contact_rate_24h', [5 / 7], [5], [7]],
    ]);
  });

  it('computes the three metrics with one statement', async () => {
    const q = (metricKeys: string[]) =>
      t.countStatements(() =>
        t.gql(
          `query($input: MetricValuesInput!) { metricValues(input: $input) { series { values } } }`,
          { input: { metricKeys, entityType: 'SQUAD', entityIds: [org.squads.A1], period: FEB } },
          tok.admin,
        ),
      );
    expect(await q(KEYS)).toBe(await q(['contact_rate_1h']));
  });

  it('a period without the assignments has no values', async () => {
    const res = expectData(
      await t.gql<{ metricValues: Values }>(
        `query($input: MetricValuesInput!) { metricValues(input: $input) { series { metricKey values } } }`,
        { input: { metricKeys: KEYS, entityType: 'SQUAD', entityIds: [org.squads.A1], period: { kind: 'MONTH', start: '2026-03-01' } } },
        tok.admin,
      ),
    ).metricValues.series.map((s) => s.values);
    expect(res).toEqual([[null], [null], [null]]);
  });

  it('is rankable on boards (lower is better for speed to lead)', async () => {
    const board = expectData(
      await t.gql<{ leaderboard: { entries: { rank: number | null; value: number | null; entity: { id: string } }[] } }>(
        `query($input: LeaderboardInput!) { leaderboard(input: $input) { entries { rank value entity { id } } } }`,
        {
          input: {
            scope: 'MEMBER',
            teamKind: 'PRE_SALES',
            populationId: org.legionA,
            metricKey: 'speed_to_lead_minutes',
            period: { kind: 'ISO_WEEK', start: '2026-02-10' },
          },
        },
        tok.admin,
      ),
    ).leaderboard.entries;
    const [rep11, rep12] = org.members.A1;
    const [rep21] = org.members.A2;
    expect(board.filter((e) => e.value !== null).map((e) => [e.entity.id, e.value, e.rank])).toEqual([
      [rep21!.id, 32.5, 1],
      [rep11!.id, 75, 2],
      [rep12!.id, 1440, 3],
    ]);
    expectError(
      await t.gql(
        `query($input: MetricValuesInput!) { metricValues(input: $input) { series { metricKey } } }`,
        {
          input: {
            metricKeys: ['speed_to_lead_minutes'],
            entityType: 'SQUAD',
            entityIds: [org.squads.A1],
            period: { kind: 'CUSTOM', start: '2026-03-01', end: '2026-02-01' },
          },
        },
        tok.admin,
      ),
      'BAD_USER_INPUT',
    );
  });
});
