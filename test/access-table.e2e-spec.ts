import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { createPublishedSurvey, setRouting, submission, SURVEY_DEFINITION } from './support/intake.js';
import { createLead } from './support/leads.js';

/**
 * Walks the access table of docs/api.md ("## Roles and visibility"): for every row marked †,
 * the operation is executed against the fixture organization as each of the eight callers and
 * the outcome (`yes` = no error, else the error code) must be what the table says. So the table
 * is the specification and this test keeps it true. ACCESS_TABLE_PRINT=1 prints the observed rows.
 */

const CALLERS = ['ADMIN', 'MGR_IN', 'MGR_OUT', 'LEAD_OWN', 'LEAD_OTHER', 'MEMBER_OWN', 'MEMBER_OTHER', 'API_KEY'] as const;
type Caller = (typeof CALLERS)[number];
type Home = 'A1' | 'A2' | 'B1';
type Auth = string | { apiKey: string };

interface Row {
  /** As in the table's first column (without †). */
  op: string;
  home: Home;
  /** The target, as in the table's second column (starts with the home squad). */
  target: string;
  /** Prepares a fresh target (as ADMIN or the system) and runs the operation as `auth`. */
  run: (auth: Auth) => Promise<GqlResult<unknown>>;
}

const DOC = new URL('../docs/api.md', import.meta.url);

function parseTable(): Map<string, { target: string; cells: string[]; walked: boolean }> {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('## Roles and visibility');
  const end = text.indexOf('\n## ', start + 5);
  const section = text.slice(start, end);
  const rows = new Map<string, { target: string; cells: string[]; walked: boolean }>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cols = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cols.length < 11) continue; // the roles summary above the access table
    const raw = cols[0].replace(/`/g, '');
    const walked = raw.endsWith('†');
    const op = raw.replace('†', '').trim();
    rows.set(op, { target: cols[1], cells: cols.slice(2, 10).map((c) => c.split(/[\s(]/)[0]), walked });
  }
  return rows;
}

describe('access table (docs/api.md) walked as every role', () => {
  let t: TestApp;
  let org: FixtureOrg;
  const auth = {} as Record<string, Auth>;
  const ids: Record<string, string> = {};
  let n = 0;
  const admin = () => auth.ADMIN as string;
  const people: Record<Home, Record<Exclude<Caller, 'ADMIN' | 'API_KEY'>, () => Auth>> = {
    A1: {
      MGR_IN: () => auth.mgrIn,
      MGR_OUT: () => auth.mgrB,
      LEAD_OWN: () => auth.leadA1,
      LEAD_OTHER: () => auth.leadA2,
      MEMBER_OWN: () => auth.repA1,
      MEMBER_OTHER: () => auth.repA2,
    },
    A2: {
      MGR_IN: () => auth.mgrIn,
      MGR_OUT: () => auth.mgrB,
      LEAD_OWN: () => auth.leadA2,
      LEAD_OTHER: () => auth.leadA1,
      MEMBER_OWN: () => auth.repA2,
      MEMBER_OTHER: () => auth.repA1,
    },
    B1: {
      MGR_IN: () => auth.mgrB,
      MGR_OUT: () => auth.mgrIn,
      LEAD_OWN: () => auth.leadB1,
      LEAD_OTHER: () => auth.leadA1,
      MEMBER_OWN: () => auth.curB1,
      MEMBER_OTHER: () => auth.repA1,
    },
  } as never;
  const as = (home: Home, who: Caller): Auth => (who === 'ADMIN' ? auth.ADMIN : who === 'API_KEY' ? auth.API_KEY : people[home][who]());

  const gql = (q: string, v: Record<string, unknown>, a: Auth) => t.gql(q, v, a);
  const ownLead = (name = 'lead') => createLead(t.app, org.organizationId, { name: `${name} ${++n}`, ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
  const poolLead = () => createLead(t.app, org.organizationId, { name: `pool ${++n}`, ownerId: null, squadId: org.squads.A1 });
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString();
  const localDay = (offset: number) => day(offset).slice(0, 10);
  const PLAYBOOK = {
    steps: [
      {
        key: 'dm',
        dayOffset: 0,
        localTime: '10:00',
        windowMinutes: 60,
        channel: 'PRIVATE_MESSAGE',
        audience: 'LEADS',
        title: 'Hello',
        scripts: [{ text: 'Hi' }],
      },
    ],
    objections: [{ key: 'price', objection: 'Too expensive', answers: [{ text: 'Installments' }] }],
  };
  const newPlaybook = async (publish: boolean) => {
    const p = expectData(
      await t.gql<{ createPlaybook: { id: string; draft: { id: string } } }>(
        'mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { id draft { id } } }',
        { i: { name: `Playbook ${++n}`, kind: 'PRE_SALES', legionId: org.legionA, content: PLAYBOOK } },
        admin(),
      ),
    ).createPlaybook;
    if (publish) expectData(await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: p.draft.id }, admin()));
    return { playbookId: p.id, versionId: p.draft.id };
  };

  const freshItem = async () => {
    const lead = await ownLead('item');
    expectData(await t.gql('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: ids.cohort, l: [lead] }, admin()));
    return (await t.db.dataSource.query('SELECT id FROM agenda_item WHERE lead_id = $1', [lead]))[0].id as string;
  };
  const freshExperiment = async () =>
    expectData(
      await t.gql<{ createExperiment: { id: string } }>(
        'mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }',
        {
          i: {
            title: `exp ${++n}`,
            hypothesis: 'h',
            metricKey: 'replied',
            metricKind: 'LOGGED',
            minDetectableEffect: 0.02,
            variants: [
              { key: 'control', description: 'a', isControl: true },
              { key: 'b', description: 'b' },
            ],
          },
        },
        auth.repA1,
      ),
    ).createExperiment.id;
  const freshEnrollment = async () =>
    expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        'mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }',
        { i: { leadId: await ownLead('student'), productId: ids.product, curatorId: org.members.B1[0].id } },
        admin(),
      ),
    ).createEnrollment.id;
  const freshOrder = async () =>
    expectData(
      await t.gql<{ recordOrder: { order: { id: string } } }>(
        'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } } }',
        { i: { externalId: `acl-o-${++n}`, leadId: await ownLead(), productSku: 'COURSE', amount: 1000, paidAt: day(-1) } },
        admin(),
      ),
    ).recordOrder.order.id;

  const freshMember = async () =>
    expectData(
      await t.gql<{ createUser: { id: string } }>(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { email: `m${++n}@acl.test`, name: 'M', password: 'a long enough pass phrase', role: 'MEMBER', squadId: org.squads.A1 } },
        admin(),
      ),
    ).createUser.id;

  /** A coaching plan for rep A1.1's squadmate A1.2 would be reused: each call gets a new rep of A1 with a plan opened by ADMIN. */
  const freshPlan = async () =>
    expectData(
      await t.gql<{ openCoachingPlan: { id: string } }>(
        'mutation($i: OpenCoachingPlanInput!) { openCoachingPlan(input: $i) { id } }',
        { i: { subjectUserId: await freshMember(), goals: 'Follow up within a day', reviewDate: localDay(14) } },
        admin(),
      ),
    ).openCoachingPlan.id;

  const BOARD = { scope: 'MEMBER', teamKind: 'PRE_SALES', populationType: 'LEGION', periodKind: 'ISO_WEEK', metricKey: 'net_revenue' };
  const freshBoard = async () =>
    expectData(
      await t.gql<{ createLeaderboard: { id: string } }>(
        'mutation($i: CreateLeaderboardInput!) { createLeaderboard(input: $i) { id } }',
        { i: { ...BOARD, populationId: org.legionA, name: `Board ${++n}` } },
        admin(),
      ),
    ).createLeaderboard.id;

  const stoppedExperiment = async () => {
    const id = await freshExperiment();
    for (const op of ['startExperiment', 'stopExperiment']) expectData(await t.gql(`mutation($id: ID!) { ${op}(id: $id) { id } }`, { id }, auth.repA1));
    return id;
  };
  const concludedExperiment = async () => {
    const id = await stoppedExperiment();
    expectData(await t.gql('mutation($id: ID!) { concludeExperiment(id: $id, verdict: INCONCLUSIVE, summary: "no signal") { id } }', { id }, auth.repA1));
    return id;
  };

  const ROWS: Row[] = [
    // organization
    { op: 'organization', home: 'A1', target: '', run: (a) => gql('{ organization { id } }', {}, a) },
    { op: 'me', home: 'A1', target: '', run: (a) => gql('{ me { id } }', {}, a) },
    { op: 'legions', home: 'A1', target: '', run: (a) => gql('{ legions { id } }', {}, a) },
    { op: 'squads', home: 'A1', target: '', run: (a) => gql('{ squads { id } }', {}, a) },
    { op: 'squad', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { squad(id: $id) { id } }', { id: org.squads.A1 }, a) },
    { op: 'users', home: 'A1', target: '', run: (a) => gql('{ users(first: 5) { nodes { id } } }', {}, a) },
    { op: 'user', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { user(id: $id) { id } }', { id: org.members.A1[0].id }, a) },
    { op: 'apiKeys', home: 'A1', target: '', run: (a) => gql('{ apiKeys { id } }', {}, a) },
    {
      op: 'updateSquad',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updateSquad(id: $id, input: { name: "A1" }) { id } }', { id: org.squads.A1 }, a),
    },
    // leads
    { op: 'lead', home: 'A1', target: '', run: async (a) => gql('query($id: ID!) { lead(id: $id) { id } }', { id: await ownLead() }, a) },
    { op: 'leads', home: 'A1', target: '', run: (a) => gql('{ leads(first: 5) { nodes { id } } }', {}, a) },
    {
      op: 'leadStageHistory',
      home: 'A1',
      target: '',
      run: async (a) => gql('query($id: ID!) { leadStageHistory(leadId: $id) { toStage } }', { id: await ownLead() }, a),
    },
    {
      op: 'changeLeadStage',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($i: ChangeLeadStageInput!) { changeLeadStage(input: $i) { id } }', { i: { leadId: await poolLead(), stage: 'LOST', reason: 'x' } }, a),
    },
    {
      op: 'reassignLead',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($i: ReassignLeadInput!) { reassignLead(input: $i) { id } }', { i: { leadId: await poolLead(), ownerId: org.members.A1[1].id } }, a),
    },
    // intake
    {
      op: 'submitIntake',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: SubmitIntakeInput!) { submitIntake(input: $i) { duplicate lead { id } } }',
          { i: submission(ids.survey, `acl-${++n}`, { email: 'known@acl.test' }) },
          a,
        ),
    },
    {
      op: 'submitIntakeBatch',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $i) { submitted } }',
          { i: [submission(ids.survey, `acl-${++n}`, { email: 'known@acl.test' })] },
          a,
        ),
    },
    { op: 'surveys', home: 'A1', target: '', run: (a) => gql('{ surveys { id } }', {}, a) },
    { op: 'survey', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { survey(id: $id) { id } }', { id: ids.survey }, a) },
    { op: 'routingConfigs', home: 'A1', target: '', run: (a) => gql('{ routingConfigs { id } }', {}, a) },
    { op: 'repLoads', home: 'A1', target: '', run: (a) => gql('{ repLoads { userId } }', {}, a) },
    {
      op: 'setRepCapacity',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($i: SetRepCapacityInput!) { setRepCapacity(input: $i) }', { i: { userId: org.members.A1[1].id, maxOpenLeads: 50 } }, a),
    },
    // sop
    { op: 'playbooks', home: 'A1', target: '', run: (a) => gql('{ playbooks { id } }', {}, a) },
    { op: 'playbook', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { playbook(id: $id) { id } }', { id: ids.playbook }, a) },
    { op: 'cohorts', home: 'A1', target: '', run: (a) => gql('{ cohorts { id } }', {}, a) },
    { op: 'cohort', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { cohort(id: $id) { id } }', { id: ids.cohort }, a) },
    {
      op: 'updatePlaybookDraft',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }',
          { id: (await newPlaybook(false)).versionId, c: PLAYBOOK },
          a,
        ),
    },
    {
      op: 'publishPlaybookVersion',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: (await newPlaybook(false)).versionId }, a),
    },
    {
      op: 'retirePlaybookVersion',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { retirePlaybookVersion(versionId: $id) { id } }', { id: (await newPlaybook(true)).versionId }, a),
    },
    {
      op: 'addCohortLeads',
      home: 'A2',
      target: '',
      run: async (a) => {
        const lead = await createLead(t.app, org.organizationId, { name: `a2 ${++n}`, ownerId: org.members.A2[0].id, squadId: org.squads.A2 });
        return gql('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: ids.cohort, l: [lead] }, a);
      },
    },
    {
      op: 'sopCompliance(squadId)',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($i: SopComplianceInput!) { sopCompliance(input: $i) { total { counted } } }',
          { i: { from: day(-7), to: day(1), squadId: org.squads.A1 } },
          a,
        ),
    },
    {
      op: 'sopCompliance(memberId)',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($i: SopComplianceInput!) { sopCompliance(input: $i) { total { counted } } }',
          { i: { from: day(-7), to: day(1), memberId: org.members.A1[1].id } },
          a,
        ),
    },
    {
      op: 'squadAgenda',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($s: ID!, $f: DateTime!, $t: DateTime!) { squadAgenda(squadId: $s, from: $f, to: $t) { id } }',
          { s: org.squads.A1, f: day(-1), t: day(7) },
          a,
        ),
    },
    {
      op: 'agenda',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($m: ID!, $f: DateTime!, $t: DateTime!) { agenda(memberId: $m, from: $f, to: $t) { id } }',
          { m: org.members.A1[0].id, f: day(-1), t: day(7) },
          a,
        ),
    },
    {
      op: 'myAgenda',
      home: 'A1',
      target: '',
      run: (a) => gql('query($f: DateTime!, $t: DateTime!) { myAgenda(from: $f, to: $t) { id } }', { f: day(-1), t: day(7) }, a),
    },
    {
      op: 'myAgendaSheet',
      home: 'A1',
      target: '',
      run: (a) => gql('query($f: DateTime!, $t: DateTime!) { myAgendaSheet(from: $f, to: $t) { items { id } } }', { f: day(-1), t: day(7) }, a),
    },
    {
      op: 'squadAgendaSheet',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($s: ID!, $f: DateTime!, $t: DateTime!) { squadAgendaSheet(squadId: $s, from: $f, to: $t) { items { id } } }',
          { s: org.squads.A1, f: day(-1), t: day(7) },
          a,
        ),
    },
    // experiments
    { op: 'experiment', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { experiment(id: $id) { id } }', { id: ids.experiment }, a) },
    { op: 'experimentFeed', home: 'A1', target: '', run: (a) => gql('{ experimentFeed(first: 5) { nodes { id } } }', {}, a) },
    {
      op: 'createExperiment',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }',
          {
            i: {
              title: 'x',
              hypothesis: 'y',
              squadId: org.squads.A1,
              metricKey: 'replied',
              metricKind: 'LOGGED',
              minDetectableEffect: 0.02,
              variants: [
                { key: 'control', description: 'a', isControl: true },
                { key: 'b', description: 'b' },
              ],
            },
          },
          a,
        ),
    },
    {
      op: 'assignLeadToVariant',
      home: 'A1',
      target: '',
      run: async (a) => {
        const lead = await createLead(t.app, org.organizationId, { name: `v ${++n}`, ownerId: org.members.A1[1].id, squadId: org.squads.A1 });
        return gql('mutation($e: ID!, $l: ID!) { assignLeadToVariant(experimentId: $e, leadId: $l) { variantKey } }', { e: ids.tracked, l: lead }, a);
      },
    },
    // course service
    { op: 'enrollment', home: 'B1', target: '', run: (a) => gql('query($id: ID!) { enrollment(id: $id) { id } }', { id: ids.enrollment }, a) },
    { op: 'enrollments', home: 'B1', target: '', run: (a) => gql('{ enrollments(first: 5) { nodes { id } } }', {}, a) },
    {
      op: 'createEnrollment',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }', { i: { leadId: await ownLead(), productId: ids.product } }, a),
    },
    { op: 'courseServiceSettings', home: 'B1', target: '', run: (a) => gql('{ courseServiceSettings { curatorCapacity } }', {}, a) },
    {
      op: 'updateCourseServiceSettings',
      home: 'B1',
      target: '',
      run: (a) => gql('mutation { updateCourseServiceSettings(input: { curatorCapacity: 60 }) { curatorCapacity } }', {}, a),
    },
    {
      op: 'curatorScorecard',
      home: 'B1',
      target: '',
      run: (a) =>
        gql(
          'query($m: ID!, $p: PeriodInputModel!) { curatorScorecard(memberId: $m, period: $p) { entityId } }',
          { m: org.members.B1[0].id, p: { kind: 'MONTH', start: localDay(-40) } },
          a,
        ),
    },
    {
      op: 'squadScorecard',
      home: 'B1',
      target: '',
      run: (a) =>
        gql(
          'query($s: ID!, $p: PeriodInputModel!) { squadScorecard(squadId: $s, period: $p) { entityId } }',
          { s: org.squads.B1, p: { kind: 'MONTH', start: localDay(-40) } },
          a,
        ),
    },
    // commerce
    { op: 'products', home: 'A1', target: '', run: (a) => gql('{ products { id } }', {}, a) },
    { op: 'orders', home: 'A1', target: '', run: (a) => gql('{ orders(first: 5) { nodes { id } } }', {}, a) },
    {
      op: 'recordOrder',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } } }',
          { i: { externalId: `acl-o-${++n}`, leadId: await ownLead(), productSku: 'COURSE', amount: 1000, paidAt: day(-1) } },
          a,
        ),
    },
    {
      op: 'acquisitionSpend',
      home: 'A1',
      target: '',
      run: (a) => gql('query($f: String!, $t: String!) { acquisitionSpend(from: $f, to: $t) { id } }', { f: localDay(-30), t: localDay(0) }, a),
    },
    {
      op: 'unitEconomics',
      home: 'A1',
      target: '',
      run: (a) =>
        gql('query($i: UnitEconomicsInput!) { unitEconomics(input: $i) { group } }', { i: { from: localDay(-30), to: localDay(0), groupBy: 'CHANNEL' } }, a),
    },
    // more writes, each on a fresh target
    { op: 'legion', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { legion(id: $id) { id } }', { id: org.legionA }, a) },
    {
      op: 'updateLegion',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updateLegion(id: $id, input: { name: "Legion A" }) { id } }', { id: org.legionA }, a),
    },
    {
      op: 'createSquad',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($i: CreateSquadInput!) { createSquad(input: $i) { id } }', { i: { legionId: org.legionA, name: `Squad ${++n}` } }, a),
    },
    {
      op: 'createUser',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
          { i: { email: `new${++n}@acl.test`, name: 'New', password: 'a long enough pass phrase', role: 'MEMBER', squadId: org.squads.A1 } },
          a,
        ),
    },
    {
      op: 'updateUser',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updateUser(id: $id, input: { name: "acl rep.a1.1" }) { id } }', { id: org.members.A1[0].id }, a),
    },
    { op: 'updateOrganization', home: 'A1', target: '', run: (a) => gql('mutation { updateOrganization(input: { name: "acl school" }) { id } }', {}, a) },
    {
      op: 'createApiKey',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation { createApiKey(input: { name: "k", scopes: ["intake:submit"] }) { secret } }', {}, a),
    },
    {
      op: 'setRoutingConfig',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: RoutingConfigInput!) { setRoutingConfig(input: $i) { id } }',
          { i: { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 500 } },
          a,
        ),
    },
    {
      op: 'createSurvey',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
          { i: { name: `Survey ${++n}`, kind: 'INTAKE', definition: SURVEY_DEFINITION } },
          a,
        ),
    },
    {
      op: 'playbookVersion',
      home: 'A1',
      target: '',
      run: (a) => gql('query($id: ID!) { playbookVersion(id: $id) { id } }', { id: ids.version }, a),
    },
    {
      op: 'comparePlaybookVersions',
      home: 'A1',
      target: '',
      run: (a) => gql('query($a: ID!) { comparePlaybookVersions(a: $a, b: $a) { steps { key } } }', { a: ids.version }, a),
    },
    { op: 'scriptVariables', home: 'A1', target: '', run: (a) => gql('{ scriptVariables { name } }', {}, a) },
    {
      op: 'createPlaybook',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { id } }',
          { i: { name: `P ${++n}`, kind: 'PRE_SALES', legionId: org.legionA, content: PLAYBOOK } },
          a,
        ),
    },
    {
      op: 'updatePlaybook',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updatePlaybook(id: $id, input: { description: "d" }) { id } }', { id: ids.playbook }, a),
    },
    {
      op: 'createPlaybookDraft',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { createPlaybookDraft(playbookId: $id) { id } }', { id: (await newPlaybook(true)).playbookId }, a),
    },
    {
      op: 'createCohort',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }',
          { i: { name: `C ${++n}`, startDate: localDay(1), timeZone: 'UTC', playbookVersionId: ids.version, squadIds: [org.squads.A1] } },
          a,
        ),
    },
    {
      op: 'regenerateCohortAgenda',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { regenerateCohortAgenda(cohortId: $id) }', { id: ids.cohort }, a),
    },
    { op: 'agendaItem', home: 'A1', target: '', run: async (a) => gql('query($id: ID!) { agendaItem(id: $id) { id } }', { id: await freshItem() }, a) },
    { op: 'completeStep', home: 'A1', target: '', run: async (a) => gql('mutation($id: ID!) { completeStep(id: $id) { id } }', { id: await freshItem() }, a) },
    {
      op: 'skipStep',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { skipStep(id: $id, reason: "ill") { id } }', { id: await freshItem() }, a),
    },
    {
      op: 'updateExperiment',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updateExperiment(id: $id, input: { title: "t" }) { id } }', { id: ids.experiment }, a),
    },
    {
      op: 'startExperiment',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: await freshExperiment() }, a),
    },
    {
      op: 'archiveExperiment',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { archiveExperiment(id: $id) { id } }', { id: await freshExperiment() }, a),
    },
    {
      op: 'recordProgress',
      home: 'B1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { duplicate } }',
          { i: { enrollmentId: ids.enrollment, externalEventId: `ev-${++n}`, lessonsCompleted: 1, lessonsTotal: 10, occurredAt: day(0) } },
          a,
        ),
    },
    {
      op: 'recordNps',
      home: 'B1',
      target: '',
      run: async (a) =>
        gql('mutation($i: RecordNpsInput!) { recordNps(input: $i) { duplicate } }', { i: { enrollmentId: await freshEnrollment(), round: 'r1', score: 9 } }, a),
    },
    {
      op: 'dropEnrollment',
      home: 'B1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { dropEnrollment(id: $id, reason: "left") { id } }', { id: await freshEnrollment() }, a),
    },
    { op: 'order', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { order(id: $id) { id } }', { id: ids.order }, a) },
    {
      op: 'recordRefund',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($i: RecordRefundInput!) { recordRefund(input: $i) { duplicate } }',
          { i: { externalId: `acl-r-${++n}`, orderId: await freshOrder(), amount: 10, refundedAt: day(0), reason: 'r' } },
          a,
        ),
    },
    {
      op: 'createProduct',
      home: 'A1',
      target: '',
      run: (a) => gql(`mutation { createProduct(input: { sku: "SKU${++n}", name: "P", kind: INTRO, listPrice: 100 }) { id } }`, {}, a),
    },
    {
      op: 'conversionCosts',
      home: 'A1',
      target: '',
      run: (a) => gql('query($f: String!, $t: String!) { conversionCosts(from: $f, to: $t) { id } }', { f: localDay(-30), t: localDay(0) }, a),
    },
    // a third batch
    {
      op: 'updateProduct',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { updateProduct(id: $id, input: { name: "Course" }) { id } }', { id: ids.product }, a),
    },
    {
      op: 'recordCsat',
      home: 'B1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($i: RecordCsatInput!) { recordCsat(input: $i) { duplicate } }',
          { i: { enrollmentId: await freshEnrollment(), round: 'r1', courseScore: 5, serviceScore: 4 } },
          a,
        ),
    },
    {
      op: 'stopExperiment',
      home: 'A1',
      target: '',
      run: async (a) => {
        const id = await freshExperiment();
        expectData(await t.gql('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id }, auth.repA1));
        return gql('mutation($id: ID!) { stopExperiment(id: $id) { id } }', { id }, a);
      },
    },
    {
      op: 'moveMember',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($i: MoveMemberInput!) { moveMember(input: $i) { id } }', { i: { userId: await freshMember(), squadId: org.squads.A2 } }, a),
    },
    {
      op: 'deactivateUser',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: await freshMember() }, a),
    },
    {
      op: 'reactivateUser',
      home: 'A1',
      target: '',
      run: async (a) => {
        const id = await freshMember();
        expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id }, admin()));
        return gql('mutation($id: ID!) { reactivateUser(id: $id) { id } }', { id }, a);
      },
    },
    {
      op: 'revokeApiKey',
      home: 'A1',
      target: '',
      run: async (a) => {
        const key = expectData(
          await t.gql<{ createApiKey: { apiKey: { id: string } } }>(
            'mutation { createApiKey(input: { name: "r", scopes: ["lms:write"] }) { apiKey { id } } }',
            {},
            admin(),
          ),
        ).createApiKey.apiKey.id;
        return gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key }, a);
      },
    },
    {
      op: 'addCohortSquads',
      home: 'A2',
      target: '',
      run: async (a) => {
        const cohort = expectData(
          await t.gql<{ createCohort: { id: string } }>(
            'mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }',
            { i: { name: `C ${++n}`, startDate: localDay(1), timeZone: 'UTC', playbookVersionId: ids.version, squadIds: [org.squads.A1] } },
            admin(),
          ),
        ).createCohort.id;
        return gql('mutation($c: ID!, $s: [ID!]!) { addCohortSquads(cohortId: $c, squadIds: $s) { id } }', { c: cohort, s: [org.squads.A2] }, a);
      },
    },
    {
      op: 'clonePlaybook',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: ClonePlaybookInput!) { clonePlaybook(input: $i) { id } }',
          { i: { playbookId: ids.playbook, legionId: org.legionA, name: `Clone ${++n}` } },
          a,
        ),
    },
    {
      op: 'saveSurveyDraft',
      home: 'A1',
      target: '',
      run: (a) =>
        gql('mutation($i: SaveSurveyDraftInput!) { saveSurveyDraft(input: $i) { id } }', { i: { surveyId: ids.survey, definition: SURVEY_DEFINITION } }, a),
    },
    {
      op: 'surveyCalibration',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($s: ID!, $f: DateTime!, $t: DateTime!) { surveyCalibration(surveyId: $s, from: $f, to: $t) { leads } }',
          { s: ids.survey, f: day(-30), t: day(0) },
          a,
        ),
    },
    {
      op: 'metricValues',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($i: MetricValuesInput!) { metricValues(input: $i) { period { start } } }',
          { i: { metricKeys: ['conversions'], entityType: 'SQUAD', entityIds: [org.squads.A1], period: { kind: 'MONTH', start: localDay(-40) } } },
          a,
        ),
    },
    {
      op: 'openCoachingPlan',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql(
          'mutation($i: OpenCoachingPlanInput!) { openCoachingPlan(input: $i) { id } }',
          { i: { subjectUserId: await freshMember(), goals: 'Follow up within a day', reviewDate: localDay(14) } },
          a,
        ),
    },
    // a fourth batch
    { op: 'createLegion', home: 'A1', target: '', run: (a) => gql(`mutation { createLegion(input: { name: "L${++n}", kind: PRE_SALES }) { id } }`, {}, a) },
    {
      op: 'recordAcquisitionSpend',
      home: 'A1',
      target: '',
      run: (a) => gql(`mutation { recordAcquisitionSpend(input: { day: "${localDay(-1)}", channel: AD, campaign: "c${++n}", amount: 100 }) { id } }`, {}, a),
    },
    {
      op: 'recordConversionCost',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          `mutation($s: ID!) { recordConversionCost(input: { day: "${localDay(-1)}", squadId: $s, category: "commission", amount: 100 }) { id } }`,
          { s: org.squads.A1 },
          a,
        ),
    },
    {
      op: 'logExperimentData',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($id: ID!, $e: [ExperimentDataEntryInput!]!) { logExperimentData(experimentId: $id, entries: $e) { id } }',
          { id: ids.running, e: [{ day: localDay(0), variantKey: 'b', exposures: 10, conversions: 1 }] },
          a,
        ),
    },
    {
      op: 'rescoreSurveyLeads',
      home: 'A1',
      target: '',
      run: (a) => gql('mutation($id: ID!) { rescoreSurveyLeads(surveyId: $id) { rescored } }', { id: ids.survey }, a),
    },
    { op: 'coachingPlan', home: 'A1', target: '', run: async (a) => gql('query($id: ID!) { coachingPlan(id: $id) { id } }', { id: await freshPlan() }, a) },
    {
      op: 'updateCoachingPlan',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { updateCoachingPlan(id: $id, input: { notes: "n" }) { id } }', { id: await freshPlan() }, a),
    },
    {
      op: 'recordCoachingOutcome',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($id: ID!) { recordCoachingOutcome(id: $id, input: { outcome: IMPROVED, outcomeNotes: "ok" }) { id } }', { id: await freshPlan() }, a),
    },
    // leaderboards of legion A, surveys, objections
    {
      op: 'createLeaderboard',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateLeaderboardInput!) { createLeaderboard(input: $i) { id } }',
          { i: { ...BOARD, populationId: org.legionA, name: `Board ${++n}` } },
          a,
        ),
    },
    { op: 'leaderboardDefinition', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { leaderboardDefinition(id: $id) { id } }', { id: ids.board }, a) },
    {
      op: 'leaderboardVersions',
      home: 'A1',
      target: '',
      run: (a) => gql('query($id: ID!) { leaderboardVersions(definitionId: $id) { createdAt } }', { id: ids.board }, a),
    },
    {
      op: 'leaderboardHistory',
      home: 'A1',
      target: '',
      run: (a) => gql('query($id: ID!) { leaderboardHistory(definitionId: $id) { definitionId } }', { id: ids.board }, a),
    },
    {
      op: 'leaderboardSnapshots',
      home: 'A1',
      target: '',
      run: (a) => gql('query($id: ID!) { leaderboardSnapshots(definitionId: $id) { definitionId } }', { id: ids.board }, a),
    },
    {
      op: 'leaderboard',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'query($i: LeaderboardInput!) { leaderboard(input: $i) { status } }',
          { i: { definitionId: ids.board, period: { kind: 'ISO_WEEK', start: localDay(0) } } },
          a,
        ),
    },
    { op: 'watchList', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { watchList(definitionId: $id) { definitionId } }', { id: ids.board }, a) },
    {
      op: 'updateLeaderboard',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { updateLeaderboard(id: $id, input: { name: "renamed" }) { id } }', { id: await freshBoard() }, a),
    },
    {
      op: 'archiveLeaderboard',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { archiveLeaderboard(id: $id) { id } }', { id: await freshBoard() }, a),
    },
    {
      op: 'publishSurvey',
      home: 'A1',
      target: '',
      run: async (a) => {
        const id = expectData(
          await t.gql<{ createSurvey: { id: string } }>(
            'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
            { i: { name: `Survey ${++n}`, kind: 'INTAKE', definition: SURVEY_DEFINITION } },
            admin(),
          ),
        ).createSurvey.id;
        return gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { status } } }', { id }, a);
      },
    },
    {
      op: 'logObjection',
      home: 'A1',
      target: '',
      run: async (a) => {
        const item = await freshItem();
        const [objection] = await t.db.dataSource.query('SELECT id FROM playbook_objection WHERE version_id = $1', [ids.version]);
        return gql('mutation($i: ID!, $o: ID!) { logObjection(itemId: $i, objectionId: $o) { id } }', { i: item, o: objection.id }, a);
      },
    },
    // experiments through their life, duels, installments
    {
      op: 'concludeExperiment',
      home: 'A1',
      target: '',
      run: async (a) =>
        gql('mutation($id: ID!) { concludeExperiment(id: $id, verdict: INCONCLUSIVE, summary: "no signal") { id } }', { id: await stoppedExperiment() }, a),
    },
    {
      op: 'publishExperiment',
      home: 'A1',
      target: '',
      run: async (a) => gql('mutation($id: ID!) { publishExperiment(id: $id) { id } }', { id: await concludedExperiment() }, a),
    },
    {
      op: 'adoptExperiment',
      home: 'A2',
      target: '',
      run: async (a) => {
        const id = await concludedExperiment();
        expectData(await t.gql('mutation($id: ID!) { publishExperiment(id: $id) { id } }', { id }, admin()));
        return gql('mutation($id: ID!, $s: ID!) { adoptExperiment(id: $id, squadId: $s) { id } }', { id, s: org.squads.A2 }, a);
      },
    },
    {
      op: 'createDuel',
      home: 'A1',
      target: '',
      run: (a) =>
        gql(
          'mutation($i: CreateDuelInput!) { createDuel(input: $i) { id } }',
          {
            i: {
              entityType: 'MEMBER',
              aId: org.members.A1[0].id,
              bId: org.members.A1[1].id,
              metricKey: 'net_revenue',
              period: { kind: 'ISO_WEEK', start: localDay(0) },
              season: `S${++n}`,
            },
          },
          a,
        ),
    },
    { op: 'duel', home: 'A1', target: '', run: (a) => gql('query($id: ID!) { duel(id: $id) { id } }', { id: ids.duel }, a) },
    { op: 'duelSeason', home: 'A1', target: '', run: (a) => gql('{ duelSeason(season: "S0", entityType: MEMBER) { points } }', {}, a) },
    {
      op: 'recordInstallmentPayment',
      home: 'A1',
      target: '',
      run: async (a) => {
        const order = expectData(
          await t.gql<{ recordOrder: { order: { id: string } } }>(
            'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } } }',
            {
              i: {
                externalId: `acl-i-${++n}`,
                leadId: await ownLead(),
                productSku: 'COURSE',
                amount: 3000,
                paidAt: day(-1),
                installmentCount: 3,
                installmentCarrier: 'SCHOOL',
              },
            },
            admin(),
          ),
        ).recordOrder.order.id;
        return gql(
          'mutation($i: RecordInstallmentPaymentInput!) { recordInstallmentPayment(input: $i) { id } }',
          { i: { orderId: order, seq: 2, paidAt: day(0) } },
          a,
        );
      },
    },
    // rankings and metrics
    { op: 'metrics', home: 'A1', target: '', run: (a) => gql('{ metrics { key } }', {}, a) },
    { op: 'leaderboardDefinitions', home: 'A1', target: '', run: (a) => gql('{ leaderboardDefinitions { id } }', {}, a) },
    { op: 'duels', home: 'A1', target: '', run: (a) => gql('{ duels { id } }', {}, a) },
    { op: 'coachingPlans', home: 'A1', target: '', run: (a) => gql('{ coachingPlans { id } }', {}, a) },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'acl', { timeZone: 'UTC' });
    auth.ADMIN = await t.login(org.admin.email, PASSWORD);
    const mgrB = expectData(
      await t.gql<{ createUser: { id: string } }>(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { email: 'manager.b@acl.test', name: 'Manager B', password: PASSWORD, role: 'MANAGER' } },
        admin(),
      ),
    ).createUser.id;
    expectData(await t.gql('mutation($id: ID!, $c: ID) { updateLegion(id: $id, input: { commanderId: $c }) { id } }', { id: org.legionB, c: mgrB }, admin()));
    const login = (email: string) => t.login(email, PASSWORD);
    Object.assign(auth, {
      mgrIn: await login(org.manager.email),
      mgrB: await login('manager.b@acl.test'),
      leadA1: await login(org.leads.A1.email),
      leadA2: await login(org.leads.A2.email),
      leadB1: await login(org.leads.B1.email),
      repA1: await login(org.members.A1[0].email),
      repA2: await login(org.members.A2[0].email),
      curB1: await login(org.members.B1[0].email),
    });
    auth.API_KEY = {
      apiKey: expectData(
        await t.gql<{ createApiKey: { secret: string } }>(
          'mutation { createApiKey(input: { name: "all", scopes: ["intake:submit", "commerce:write", "lms:write", "feedback:write"] }) { secret } }',
          {},
          admin(),
        ),
      ).createApiKey.secret,
    };
    ids.survey = await createPublishedSurvey(t, admin());
    await setRouting(t, admin(), { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 500 });
    await createLead(t.app, org.organizationId, { name: 'Known', ownerId: org.members.A1[0].id, squadId: org.squads.A1, email: 'known@acl.test' });
    ids.product = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 99900 }) { id } }',
        {},
        admin(),
      ),
    ).createProduct.id;
    expectData(
      await t.gql(
        'mutation($s: [ID!]) { updateCourseServiceSettings(input: { squadIds: $s, curatorCapacity: 60 }) { curatorCapacity } }',
        { s: [org.squads.B1] },
        admin(),
      ),
    );
    ids.order = await freshOrder();
    ids.enrollment = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        'mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }',
        { i: { leadId: await ownLead('student'), productId: ids.product, curatorId: org.members.B1[0].id } },
        admin(),
      ),
    ).createEnrollment.id;
    const published = await newPlaybook(true);
    ids.playbook = published.playbookId;
    ids.version = published.versionId;
    ids.cohort = expectData(
      await t.gql<{ createCohort: { id: string } }>(
        'mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }',
        { i: { name: 'Camp', startDate: localDay(1), timeZone: 'UTC', playbookVersionId: published.versionId, squadIds: [org.squads.A1, org.squads.A2] } },
        admin(),
      ),
    ).createCohort.id;
    const experiment = (metricKind: string, metricKey: string) =>
      t.gql<{ createExperiment: { id: string } }>(
        'mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }',
        {
          i: {
            title: `exp ${++n}`,
            hypothesis: 'h',
            metricKey,
            metricKind,
            minDetectableEffect: 0.02,
            variants: [
              { key: 'control', description: 'a', isControl: true },
              { key: 'b', description: 'b' },
            ],
          },
        },
        auth.repA1,
      );
    ids.experiment = expectData(await experiment('LOGGED', 'replied')).createExperiment.id;
    ids.tracked = expectData(await experiment('TRACKED', 'converted_to_paid')).createExperiment.id;
    expectData(await t.gql('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: ids.tracked }, auth.repA1));
    ids.board = await freshBoard();
    ids.duel = expectData(
      await t.gql<{ createDuel: { id: string } }>(
        'mutation($i: CreateDuelInput!) { createDuel(input: $i) { id } }',
        {
          i: {
            entityType: 'MEMBER',
            aId: org.members.A1[0].id,
            bId: org.members.A1[1].id,
            metricKey: 'net_revenue',
            period: { kind: 'ISO_WEEK', start: localDay(0) },
            season: 'S0',
          },
        },
        admin(),
      ),
    ).createDuel.id;
    ids.running = expectData(await experiment('LOGGED', 'replied')).createExperiment.id;
    expectData(await t.gql('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: ids.running }, auth.repA1));
  });
  afterAll(async () => t?.close());

  const outcome = (res: GqlResult<unknown>) => {
    if (process.env.ACCESS_TABLE_PRINT && res.errors?.[0].extensions?.code === 'BAD_USER_INPUT') console.log(JSON.stringify(res.errors[0]));
    return res.errors?.length ? String(res.errors[0].extensions?.code ?? 'NO_CODE') : 'yes';
  };

  it('lists every query and mutation of schema.gql in the table', () => {
    const schema = readFileSync(new URL('../schema.gql', import.meta.url), 'utf8');
    const ops = (type: string) => {
      const body = schema.slice(schema.indexOf(`type ${type} {`), schema.indexOf('\n}', schema.indexOf(`type ${type} {`)));
      return [...body.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]);
    };
    const documented = new Set([...parseTable().keys()].map((op) => op.split('(')[0]));
    const missing = [...ops('Query'), ...ops('Mutation')].filter((op) => !documented.has(op));
    expect(missing).toEqual([]);
  });

  it('walks every † row as each caller and gets what the table says', async () => {
    const table = parseTable();
    const observed: string[] = [];
    const mismatches: string[] = [];
    for (const row of ROWS) {
      const results: string[] = [];
      for (const who of CALLERS) results.push(outcome(await row.run(as(row.home, who))));
      observed.push(`| \`${row.op}\` † | ${row.home} | ${results.join(' | ')} |`);
      const doc = table.get(row.op);
      if (!doc) mismatches.push(`${row.op}: not in the table`);
      else {
        if (!doc.walked) mismatches.push(`${row.op}: walked here but not marked † in the table`);
        if (!doc.target.startsWith(row.home)) mismatches.push(`${row.op}: target should start with ${row.home}`);
        CALLERS.forEach((who, i) => {
          if (doc.cells[i] !== results[i]) mismatches.push(`${row.op} as ${who}: table says ${doc.cells[i]}, got ${results[i]}`);
        });
      }
    }
    for (const [op, doc] of table) if (doc.walked && !ROWS.some((r) => r.op === op)) mismatches.push(`${op}: marked † but not walked`);
    if (process.env.ACCESS_TABLE_PRINT) console.log(observed.join('\n'));
    expect(mismatches).toEqual([]);
    expect(ROWS.length).toBeGreaterThanOrEqual(50);
    // About 1,000 requests (every † row × 8 callers, each with its own fresh target).
  }, 300_000);
});
