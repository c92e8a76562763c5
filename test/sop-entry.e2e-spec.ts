import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { createPublishedSurvey, HOT_ANSWERS, setRouting, SUBMIT, submission, type SubmitResult } from './support/intake.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

/**
 * docs/lifecycle.md "Entry into an SOP": a legion's or squad's entry playbook and join mode;
 * routed, imported and reassigned leads join in the transaction of their assignment.
 */

const content = (prefix: string) => ({
  changeNote: 'v1',
  steps: [
    {
      key: 'post',
      dayOffset: 1,
      localTime: '12:00',
      windowMinutes: 60,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: `${prefix} post`,
      scripts: [{ text: 'Hello all' }],
    },
    {
      key: 'dm',
      dayOffset: 1,
      localTime: '20:00',
      windowMinutes: 120,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      title: `${prefix} DM`,
      scripts: [{ text: 'Hi {{lead.firstName}}' }, { persona: 'switcher', text: 'Hi {{lead.firstName}}, changing careers?' }],
    },
    {
      key: 'call',
      dayOffset: 2,
      localTime: '10:00',
      windowMinutes: 60,
      channel: 'CALL',
      audience: 'LEADS',
      title: `${prefix} call`,
      scripts: [{ text: 'Call' }],
    },
  ],
  objections: [],
});

type Item = { cohort_id: string; key: string; status: string; rep_id: string };

describe('entry into an SOP', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tok: Record<string, string> = {};
  let campPlaybook: string;
  let oneToOnePlaybook: string;
  let draftOnlyPlaybook: string;
  let coursePlaybook: string;
  let foreignPlaybook: string;
  let camp: string;
  let surveyId: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => expectData(await t.gql<T>(query, variables, token));
  const SET = 'mutation($i: SetSopEntryInput!) { setSopEntry(input: $i) { id legionId squadId playbookId mode } }';
  const setEntry = (i: Record<string, unknown>, token = tok.admin) =>
    t.gql<{ setSopEntry: { id: string; legionId: string; squadId: string | null; playbookId: string; mode: string } }>(SET, { i }, token);
  const entries = async () =>
    (
      await ok<{ sopEntries: { legionId: string; squadId: string | null; playbookId: string; mode: string }[] }>(
        '{ sopEntries { legionId squadId playbookId mode } }',
        {},
        tok.admin,
      )
    ).sopEntries;

  const playbook = async (token: string, legionId: string, name: string, kind: string, publish = true): Promise<string> => {
    const created = await ok<{ createPlaybook: { id: string; draft: { id: string } } }>(
      'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id } } }',
      { input: { legionId, name, kind, content: content(name) } },
      token,
    );
    if (publish) await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: created.createPlaybook.draft.id }, token);
    return created.createPlaybook.id;
  };
  const versionOf = async (playbookId: string): Promise<string> =>
    (await t.db.dataSource.query(`SELECT id FROM playbook_version WHERE playbook_id = $1 AND status = 'PUBLISHED'`, [playbookId]))[0].id;
  const createCamp = async (name: string, playbookId: string, startDate: string, squadIds: string[]): Promise<string> =>
    (
      await ok<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        { input: { name, startDate, timeZone: 'Asia/Shanghai', playbookVersionId: await versionOf(playbookId), squadIds } },
        tok.admin,
      )
    ).createCohort.id;
  const items = async (leadId: string): Promise<Item[]> =>
    t.db.dataSource.query(
      `SELECT a.cohort_id, s.key, a.status, a.rep_id FROM agenda_item a JOIN playbook_step s ON s.id = a.step_id WHERE a.lead_id = $1 ORDER BY a.cohort_id, s.position`,
      [leadId],
    );
  const cohortsOf = async (leadId: string): Promise<{ id: string; start_date: string; rolling_lead_id: string | null; playbook_id: string }[]> =>
    (
      await t.db.dataSource.query(
        `SELECT c.id, c.start_date::text AS start_date, c.rolling_lead_id, v.playbook_id FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id
           JOIN playbook_version v ON v.id = c.playbook_version_id WHERE cl.lead_id = $1 ORDER BY c.created_at`,
        [leadId],
      )
    ).map((r: { start_date: string }) => ({ ...r, start_date: r.start_date.slice(0, 10) }));
  const stage = async (leadId: string): Promise<string> => (await t.db.dataSource.query(`SELECT stage FROM lead WHERE id = $1`, [leadId]))[0].stage;
  let seq = 0;
  const submit = async (squadIds: string[]) => {
    await setRouting(t, tok.admin, { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds, defaultCapacity: 100, defaultCountryCode: '86' });
    const n = ++seq;
    return (
      await ok<SubmitResult>(SUBMIT, { i: submission(surveyId, `entry-${n}`, { name: `Entry Lead ${n}`, email: `entry${n}@x.cn` }, HOT_ANSWERS) }, tok.admin)
    ).submitIntake.lead;
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'entry');
    other = await buildOrg(t.app, 'entry-other');
    for (const [k, email] of Object.entries({
      admin: org.admin.email,
      manager: org.manager.email,
      leadA1: org.leads.A1.email,
      leadA2: org.leads.A2.email,
      rep11: org.members.A1[0].email,
      otherAdmin: other.admin.email,
    }))
      tok[k] = await t.login(email, PASSWORD);
    campPlaybook = await playbook(tok.admin, org.legionA, 'Camp', 'PRE_SALES');
    oneToOnePlaybook = await playbook(tok.admin, org.legionA, 'One to one', 'PRE_SALES');
    draftOnlyPlaybook = await playbook(tok.admin, org.legionA, 'Draft only', 'PRE_SALES', false);
    coursePlaybook = await playbook(tok.admin, org.legionB, 'Onboarding', 'COURSE_SERVICE');
    foreignPlaybook = await playbook(tok.otherAdmin, other.legionA, 'Foreign', 'PRE_SALES');
    // A camp that already started (closed for sign-ups), the open one, and a later one.
    await createCamp('Started camp', campPlaybook, day(-3), [org.squads.A1]);
    camp = await createCamp('Open camp', campPlaybook, day(1), [org.squads.A1]);
    await createCamp('Later camp', campPlaybook, day(8), [org.squads.A1]);
    surveyId = await createPublishedSurvey(t, tok.admin);
  });
  afterAll(async () => t?.close());

  it('refuses bad entries with BAD_USER_INPUT and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ squadId: org.squads.A1, playbookId: coursePlaybook, mode: 'CAMP' }, 'another legion'],
      [{ legionId: org.legionA, playbookId: foreignPlaybook, mode: 'CAMP' }, 'no such playbook'],
      [{ squadId: org.squads.A1, playbookId: draftOnlyPlaybook, mode: 'ROLLING' }, 'no PUBLISHED version'],
      [{ legionId: org.legionA, squadId: org.squads.A1, playbookId: campPlaybook, mode: 'CAMP' }, 'either legionId'],
      [{ playbookId: campPlaybook, mode: 'CAMP' }, 'either legionId'],
      [{ squadId: other.squads.A1, playbookId: campPlaybook, mode: 'CAMP' }, 'no such squad'],
    ];
    for (const [input, message] of cases) {
      const err = expectError(await setEntry(input), 'BAD_USER_INPUT');
      expect(JSON.stringify(err.extensions!.fields)).toContain(message);
    }
    expect(await entries()).toEqual([]);
  });

  it('refuses a cohort of another legion’s playbook for a squad (createCohort, addCohortSquads): nothing changes', async () => {
    const legionC = (
      await ok<{ createLegion: { id: string } }>('mutation { createLegion(input: { name: "Legion C", kind: PRE_SALES }) { id } }', {}, tok.admin)
    ).createLegion.id;
    const theirs = await playbook(tok.admin, legionC, 'Legion C camp', 'PRE_SALES');
    const before = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cohort WHERE organization_id = $1`, [org.organizationId]))[0].n;
    const err = expectError(
      await t.gql(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: { name: 'Foreign camp', startDate: day(1), timeZone: 'Asia/Shanghai', playbookVersionId: await versionOf(theirs), squadIds: [org.squads.A1] },
        },
        tok.admin,
      ),
      'BAD_USER_INPUT',
    );
    expect(err.extensions!.fields).toEqual([{ field: 'squadIds[0]', message: expect.stringContaining('another legion') }]);
    const squadC = (
      await ok<{ createSquad: { id: string } }>('mutation($l: ID!) { createSquad(input: { legionId: $l, name: "C1" }) { id } }', { l: legionC }, tok.admin)
    ).createSquad.id;
    const added = expectError(
      await t.gql('mutation($c: ID!, $s: [ID!]!) { addCohortSquads(cohortId: $c, squadIds: $s) { id } }', { c: camp, s: [squadC] }, tok.admin),
      'BAD_USER_INPUT',
    );
    expect(added.extensions!.fields).toEqual([{ field: 'squadIds[0]', message: expect.stringContaining('another legion') }]);
    expect(await t.db.dataSource.query(`SELECT 1 FROM cohort_squad WHERE squad_id = $1`, [squadC])).toEqual([]);
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cohort WHERE organization_id = $1`, [org.organizationId]))[0].n).toBe(before);
  });

  it('lets managers set a legion’s entry and leads only their own squad’s', async () => {
    expectError(await setEntry({ squadId: org.squads.A1, playbookId: campPlaybook, mode: 'CAMP' }, tok.rep11), 'FORBIDDEN');
    expectError(await setEntry({ squadId: org.squads.A1, playbookId: campPlaybook, mode: 'CAMP' }, tok.leadA2), 'FORBIDDEN');
    expectError(await setEntry({ legionId: org.legionA, playbookId: campPlaybook, mode: 'CAMP' }, tok.leadA1), 'FORBIDDEN');
    expect(await entries()).toEqual([]);
    const legion = expectData(await setEntry({ legionId: org.legionA, playbookId: campPlaybook, mode: 'ROLLING' }, tok.manager)).setSopEntry;
    expect(legion).toMatchObject({ legionId: org.legionA, squadId: null, playbookId: campPlaybook, mode: 'ROLLING' });
    // Setting again updates the same entry.
    const again = expectData(await setEntry({ legionId: org.legionA, playbookId: campPlaybook, mode: 'CAMP' }, tok.manager)).setSopEntry;
    expect(again.id).toBe(legion.id);
    const squad = expectData(await setEntry({ squadId: org.squads.A2, playbookId: oneToOnePlaybook, mode: 'ROLLING' }, tok.leadA2)).setSopEntry;
    expect(squad).toMatchObject({ legionId: org.legionA, squadId: org.squads.A2, mode: 'ROLLING' });
    expect(await entries()).toEqual([
      { legionId: org.legionA, squadId: null, playbookId: campPlaybook, mode: 'CAMP' },
      { legionId: org.legionA, squadId: org.squads.A2, playbookId: oneToOnePlaybook, mode: 'ROLLING' },
    ]);
    // A squad lead sees their legion's entry and their own squad's, not another squad's.
    expect((await ok<{ sopEntries: { squadId: string | null }[] }>('{ sopEntries { squadId } }', {}, tok.leadA1)).sopEntries).toEqual([{ squadId: null }]);
    const audit = await t.db.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [org.squads.A2]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('SOP_ENTRY_SET');
  });

  it('CAMP: a routed intake lead joins the squad’s camp open for sign-ups, with its items on its rep’s agenda, and moves to INTRO', async () => {
    const lead = await submit([org.squads.A1]);
    expect(lead.squadId).toBe(org.squads.A1);
    expect(lead.stage).toBe('INTRO'); // in the submitIntake transaction: the response already shows it
    const cohorts = await cohortsOf(lead.id);
    expect(cohorts.map((c) => c.id)).toEqual([camp]);
    expect((await items(lead.id)).map((i) => [i.key, i.status, i.rep_id])).toEqual([
      ['dm', 'PENDING', lead.ownerId],
      ['call', 'PENDING', lead.ownerId],
    ]);
    const history = await t.db.dataSource.query(
      `SELECT from_stage, to_stage, reason FROM lead_stage_change WHERE lead_id = $1 ORDER BY changed_at, from_stage NULLS FIRST`,
      [lead.id],
    );
    expect(history).toEqual([
      { from_stage: null, to_stage: 'PROSPECT', reason: 'created by intake' },
      { from_stage: 'PROSPECT', to_stage: 'INTRO', reason: 'joined the SOP entry' },
    ]);
    // The owner sees the step with the lead's persona wording.
    const rep = org.members.A1.find((m) => m.id === lead.ownerId)!;
    const agenda = await ok<{ myAgenda: { leadId: string | null; step: { key: string }; script: { persona: string | null; text: string } | null }[] }>(
      'query($f: DateTime!, $to: DateTime!) { myAgenda(from: $f, to: $to) { leadId step { key } script { persona text } } }',
      { f: new Date().toISOString(), to: new Date(Date.now() + 5 * 86400_000).toISOString() },
      await t.login(rep.email, PASSWORD),
    );
    const dm = agenda.myAgenda.find((i) => i.leadId === lead.id && i.step.key === 'dm')!;
    expect(dm.script).toEqual({ persona: 'switcher', text: `Hi Entry, changing careers?` });
  });

  it('ROLLING: a squad’s own entry wins; the lead gets a personal cohort whose day 0 is its assignment day', async () => {
    const lead = await submit([org.squads.A2]);
    expect(lead.stage).toBe('INTRO');
    const [c] = await cohortsOf(lead.id);
    expect(c).toMatchObject({ rolling_lead_id: lead.id, playbook_id: oneToOnePlaybook, start_date: day(0) });
    // One lead, no group: only its private steps, for its owner.
    const all = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM agenda_item WHERE cohort_id = $1`, [c!.id]);
    expect(all[0].n).toBe(2);
    expect((await items(lead.id)).map((i) => [i.key, i.status, i.rep_id])).toEqual([
      ['dm', 'PENDING', lead.ownerId],
      ['call', 'PENDING', lead.ownerId],
    ]);
  });

  it('a CSV-imported lead joins in the import transaction', async () => {
    await setRouting(t, tok.admin, { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 100, defaultCountryCode: '86' });
    const csv = ['name,email,source,goal,budget,hours,ready', 'Csv Lead,csv@x.cn,ad,career,high,12,yes', ''].join('\n');
    const res = await t
      .http()
      .post(`/intake/import?surveyId=${surveyId}`)
      .set('Authorization', `Bearer ${tok.admin}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.body).toMatchObject({ imported: 1, leadsCreated: 1 });
    const [{ id }] = await t.db.dataSource.query(`SELECT id FROM lead WHERE email = 'csv@x.cn'`);
    expect((await cohortsOf(id)).map((c) => c.id)).toEqual([camp]);
    expect(await stage(id)).toBe('INTRO');
    expect((await items(id)).map((i) => i.key)).toEqual(['dm', 'call']);
  });

  it('a lead reassigned to another squad joins that squad’s entry; within its squad it joins nothing new', async () => {
    const lead = await submit([org.squads.A1]);
    const otherRep = org.members.A1.find((m) => m.id !== lead.ownerId)!;
    const reassign = (ownerId: string) =>
      ok('mutation($i: ReassignLeadInput!) { reassignLead(input: $i) { id } }', { i: { leadId: lead.id, ownerId, ignoreCapacity: true } }, tok.admin);
    await reassign(otherRep.id);
    expect((await cohortsOf(lead.id)).map((c) => c.id)).toEqual([camp]);
    expect((await items(lead.id)).every((i) => i.rep_id === otherRep.id)).toBe(true);

    await reassign(org.members.A2[0].id);
    const cohorts = await cohortsOf(lead.id);
    expect(cohorts.map((c) => [c.playbook_id, c.rolling_lead_id])).toEqual([
      [campPlaybook, null],
      [oneToOnePlaybook, lead.id],
    ]);
    // Every open item follows the lead to its new owner, the new 1:1 steps included.
    const rows = await items(lead.id);
    expect(rows).toHaveLength(4);
    expect(rows.every((i) => i.rep_id === org.members.A2[0].id && i.status === 'PENDING')).toBe(true);
    expect(await stage(lead.id)).toBe('INTRO');
  });

  it('without an entry, or with no camp open, a routed lead joins nothing and stays PROSPECT', async () => {
    expect(expectData(await t.gql('mutation($i: ClearSopEntryInput!) { clearSopEntry(input: $i) }', { i: { squadId: org.squads.A2 } }, tok.leadA2))).toEqual({
      clearSopEntry: true,
    });
    expectData(await t.gql('mutation($i: ClearSopEntryInput!) { clearSopEntry(input: $i) }', { i: { legionId: org.legionA } }, tok.admin));
    expect(await entries()).toEqual([]);
    const lead = await submit([org.squads.A2]);
    expect(lead.stage).toBe('PROSPECT');
    expect(await cohortsOf(lead.id)).toEqual([]);
    // A CAMP entry for a squad with no camp open for sign-ups.
    expectData(await setEntry({ squadId: org.squads.A2, playbookId: campPlaybook, mode: 'CAMP' }, tok.leadA2));
    const waiting = await submit([org.squads.A2]);
    expect(waiting.stage).toBe('PROSPECT');
    expect(await cohortsOf(waiting.id)).toEqual([]);
  });
});
