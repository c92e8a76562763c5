import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDateOf } from '@lib/schedule';
import { Lead, LeadSource, LeadStage } from '../src/leads/entities/lead.entity.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

// The agenda sheet (docs/sop.md "Agenda sheet"): the same answer as myAgenda / squadAgenda, with
// each distinct step, script and objection sent once.

const CONTENT = {
  changeNote: 'v1',
  steps: [
    {
      key: 'welcome',
      dayOffset: 0,
      localTime: '19:30',
      windowMinutes: 60,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: 'Welcome',
      scripts: [{ text: 'Welcome to {{cohort.name}}! Day {{day}} with {{rep.firstName}} of {{squad.name}}' }],
    },
    {
      key: 'dm',
      dayOffset: 0,
      localTime: '21:00',
      windowMinutes: 120,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      title: 'Hello DM',
      scripts: [{ text: 'Hi {{lead.firstName}}, {{rep.firstName}} here' }, { persona: 'parent', text: 'Dear {{lead.name}}, about your child' }],
    },
    { key: 'night', dayOffset: 1, localTime: '02:30', windowMinutes: 30, channel: 'TASK', audience: 'GROUP', title: 'Night check' },
    { key: 'live', dayOffset: 1, localTime: '19:30', channel: 'GROUP_POST', audience: 'GROUP', title: 'Live class', scripts: [{ text: 'Live now!' }] },
  ],
  objections: [
    { key: 'price', objection: 'Too expensive', answers: [{ text: 'Installments, {{lead.firstName}}' }, { persona: 'parent', text: 'Cheaper than a tutor' }] },
    { key: 'think', stepKey: 'dm', objection: "I'll think about it", answers: [{ text: 'What exactly?' }] },
    { key: 'time', objection: 'No time', answers: [{ text: '20 minutes a day' }] },
  ],
};

const ITEM = `id status dueAt localDate localTime day leadId repId lead { id name persona } objectionLogs { id }`;
const OLD = `${ITEM} step { id key title } script { text persona missingVariables } objections { id key stepKey objection answers { id persona label text } }`;
const SHEET = `items { ${ITEM} stepId scriptRef objectionSetRef }
  steps { id key title }
  scripts { id text persona missingVariables }
  objectionSets { id objectionRefs }
  objections { ref id key stepKey objection answers { id persona label text } }`;

type Row = Record<string, unknown>;
interface Sheet {
  items: (Row & { id: string; leadId: string | null; stepId: string; scriptRef: string | null; objectionSetRef: string; detailsSent?: boolean })[];
  steps: (Row & { id: string; key: string })[];
  scripts: (Row & { id: string })[];
  objectionSets: { id: string; objectionRefs: string[] }[];
  objections: (Row & { ref: string; key: string })[];
}

/** The sheet put back into the shape of myAgenda. */
function unfold(sheet: Sheet): Row[] {
  const steps = new Map(sheet.steps.map((s) => [s.id, s]));
  const scripts = new Map(sheet.scripts.map(({ id, ...s }) => [id, s]));
  const objections = new Map(sheet.objections.map(({ ref, ...o }) => [ref, o]));
  const sets = new Map(sheet.objectionSets.map((s) => [s.id, s.objectionRefs.map((r) => objections.get(r))]));
  return sheet.items.map(({ stepId, scriptRef, objectionSetRef, ...i }) => ({
    ...i,
    step: steps.get(stepId),
    script: scriptRef ? scripts.get(scriptRef) : null,
    objections: sets.get(objectionSetRef),
  }));
}

describe('agenda sheet', () => {
  let t: TestApp;
  let org: FixtureOrg;
  const tok: Record<string, string> = {};
  const leads: Record<string, string> = {};
  const range = () => ({ from: new Date().toISOString(), to: new Date(Date.now() + 10 * 86400_000).toISOString() });
  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => expectData(await t.gql<T>(query, variables, token));
  const insertLead = async (name: string, over: Partial<Lead>): Promise<string> => {
    const res = await t.db.dataSource.manager.insert(Lead, {
      organizationId: org.organizationId,
      name,
      source: LeadSource.AD,
      stage: LeadStage.INTRO,
      stageChangedAt: new Date(),
      ...over,
    });
    return res.identifiers[0]!.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'sheet');
    for (const [k, email] of Object.entries({
      manager: org.manager.email,
      leadA1: org.leads.A1.email,
      rep11: org.members.A1[0].email,
      rep21: org.members.A2[0].email,
    }))
      tok[k] = await t.login(email, PASSWORD);
    const rep11 = org.members.A1[0];
    leads.L1 = await insertLead('Li Na', { persona: 'parent', tier: 'A', ownerId: rep11.id, squadId: org.squads.A1 });
    leads.L2 = await insertLead('Wang Wei', { persona: 'student', tier: 'B', ownerId: rep11.id, squadId: org.squads.A1 });
    leads.L3 = await insertLead('Zhou Chen', { persona: 'student', tier: 'B', ownerId: org.members.A1[1].id, squadId: org.squads.A1 });
    const created = await ok<{ createPlaybook: { draft: { id: string } } }>(
      'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
      { input: { legionId: org.legionA, name: 'Sheet camp', kind: 'PRE_SALES', productName: 'Analytics', content: CONTENT } },
      tok.leadA1,
    );
    const version = await ok<{ publishPlaybookVersion: { id: string } }>(
      'mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }',
      { id: created.createPlaybook.draft.id },
      tok.manager,
    );
    await ok(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      {
        input: {
          name: 'Sheet cohort',
          startDate: localDateOf(new Date(Date.now() + 3 * 86400_000), 'Asia/Shanghai'),
          timeZone: 'Asia/Shanghai',
          playbookVersionId: version.publishPlaybookVersion.id,
          squadIds: [org.squads.A1, org.squads.A2],
          leadIds: [leads.L1, leads.L2, leads.L3],
        },
      },
      tok.manager,
    );
  });
  afterAll(async () => t?.close());

  it('is myAgenda with each step, script and objection sent once', async () => {
    const old = (await ok<{ myAgenda: Row[] }>(`query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { ${OLD} } }`, range(), tok.rep11))
      .myAgenda;
    const sheet = (
      await ok<{ myAgendaSheet: Sheet }>(`query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) { ${SHEET} } }`, range(), tok.rep11)
    ).myAgendaSheet;
    expect(old.map((i) => (i.step as { key: string }).key)).toEqual(['welcome', 'dm', 'dm', 'night', 'live']);
    expect(unfold(sheet)).toEqual(old);
    // Four steps; scripts: welcome, the parent's and the student's DM, live (the night check has none).
    expect(sheet.steps.map((s) => s.key)).toEqual(['welcome', 'dm', 'night', 'live']);
    // Listed in the order the items first use them (the two DMs are due at the same minute, so
    // their order between them is the items' tie order).
    expect(sheet.scripts.map((s) => s.id)).toEqual([...new Set(sheet.items.map((i) => i.scriptRef).filter((r) => r !== null))]);
    expect(sheet.scripts.map((s) => s.text).sort()).toEqual(
      ['Welcome to Sheet cohort! Day 0 with sheet of A1', 'Dear Li Na, about your child', 'Hi Wang, sheet here', 'Live now!'].sort(),
    );
    expect(sheet.items.find((i) => sheet.steps.find((s) => s.id === i.stepId)!.key === 'night')!.scriptRef).toBeNull();
    // The three group steps share one objection list; each DM has its own (the price answer names the lead).
    expect(new Set(sheet.items.map((i) => i.objectionSetRef)).size).toBe(3);
    const groupSets = new Set(sheet.items.filter((i) => i.leadId === null).map((i) => i.objectionSetRef));
    expect(groupSets.size).toBe(1);
    // 'think' and 'time' read no variable and have no persona answer: one rendering each for every item.
    expect(sheet.objections.filter((o) => o.key === 'think')).toHaveLength(1);
    expect(sheet.objections.filter((o) => o.key === 'time')).toHaveLength(1);
    expect(sheet.objections.filter((o) => o.key === 'price')).toHaveLength(3);
    expect(sheet.objections.map((o) => o.ref)).toEqual([...new Set(sheet.objections.map((o) => o.ref))]);
  });

  it('squadAgendaSheet is squadAgenda, for the same callers, in a constant number of statements', async () => {
    const q = (name: string, fields: string) => `query($s: ID!, $from: DateTime!, $to: DateTime!) { ${name}(squadId: $s, from: $from, to: $to) { ${fields} } }`;
    const vars = { s: org.squads.A1, ...range() };
    const old = (await ok<{ squadAgenda: Row[] }>(q('squadAgenda', OLD), vars, tok.leadA1)).squadAgenda;
    let sheet: Sheet | null = null;
    const few = await t.countStatements(async () => {
      sheet = (await ok<{ squadAgendaSheet: Sheet }>(q('squadAgendaSheet', SHEET), vars, tok.leadA1)).squadAgendaSheet;
    });
    expect(unfold(sheet!)).toEqual(old);
    expect(old.length).toBeGreaterThan(5);
    expectError(await t.gql(q('squadAgendaSheet', 'items { id }'), vars, tok.rep21), 'FORBIDDEN');
    // Four more leads (two personas): more items, the same statements.
    const more: string[] = [];
    for (let i = 0; i < 4; i++)
      more.push(await insertLead(`Extra ${i}`, { persona: i % 2 ? 'parent' : 'student', tier: 'A', ownerId: org.members.A1[1].id, squadId: org.squads.A1 }));
    const [{ id: cohortId }] = await t.db.dataSource.query(`SELECT id FROM cohort WHERE organization_id = $1`, [org.organizationId]);
    await ok('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: cohortId, l: more }, tok.leadA1);
    let after: Sheet | null = null;
    const many = await t.countStatements(async () => {
      after = (await ok<{ squadAgendaSheet: Sheet }>(q('squadAgendaSheet', SHEET), vars, tok.leadA1)).squadAgendaSheet;
    });
    expect(after!.items.length).toBe(sheet!.items.length + 4);
    expect(many).toBe(few);
    // The session lookup, the lead's scope (own squads, squads led) and the sheet's one statement
    // (items, script context, leads and objection logs; the published version's steps and
    // objections are kept in the process). Before: also the squad check, then the items, their
    // context, leads and logs in four statements (8).
    expect(many).toBe(4);
  });

  it('carries every item field, the lead and the objection logs as myAgenda does, in one statement besides the session', async () => {
    const FULL = `id status dueAt onTimeDeadline windowEnd localDate localTime timeZone day onTime completedAt skippedAt skipReason missedAt cancelledAt cancelReason note
      cohortId repId squadId leadId lead { id name persona tier stage } objectionLogs { id agendaItemId objectionId answerId leadId note loggedAt loggedById }`;
    const oldQ = `query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { ${FULL} step { id key } script { text } objections { id key answers { id persona text } } } }`;
    const sheetQ = `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) {
      items { ${FULL} stepId scriptRef objectionSetRef } steps { id key } scripts { id text } objectionSets { id objectionRefs }
      objections { ref id key answers { id persona text } } } }`;
    type Item = Row & { id: string; leadId: string | null; objections: { id: string; key: string; answers: { id: string }[] }[] };
    const before = (await ok<{ myAgenda: Item[] }>(oldQ, range(), tok.rep11)).myAgenda;
    const dm = before.find((i) => i.leadId === leads.L1)!;
    const group = before.find((i) => i.leadId === null)!;
    const price = dm.objections.find((o) => o.key === 'price')!;
    const think = dm.objections.find((o) => o.key === 'think')!;
    const log = (itemId: string, objectionId: string, answerUsed: string | null, note: string | null) =>
      ok(
        'mutation($i: ID!, $o: ID!, $a: ID, $n: String) { logObjection(itemId: $i, objectionId: $o, answerUsed: $a, note: $n) { id } }',
        { i: itemId, o: objectionId, a: answerUsed, n: note },
        tok.rep11,
      );
    await log(dm.id, price.id, price.answers[1]!.id, 'asked about installments');
    await log(dm.id, think.id, null, null);
    await log(group.id, group.objections.find((o) => o.key === 'time')!.id, null, 'in the chat');
    const old = (await ok<{ myAgenda: Row[] }>(oldQ, range(), tok.rep11)).myAgenda;
    let sheet: Sheet | null = null;
    const statements = await t.countStatements(async () => {
      sheet = (await ok<{ myAgendaSheet: Sheet }>(sheetQ, range(), tok.rep11)).myAgendaSheet;
    });
    expect(unfold(sheet!)).toEqual(old);
    const logsOf = (id: string) => (old.find((i) => i.id === id)!.objectionLogs as { objectionId: string; note: string | null }[]).map((l) => l.objectionId);
    expect(logsOf(dm.id)).toEqual([price.id, think.id]);
    expect(logsOf(group.id)).toHaveLength(1);
    expect(old.find((i) => i.id === dm.id)!.lead).toEqual({ id: leads.L1, name: 'Li Na', persona: 'parent', tier: 'A', stage: 'INTRO' });
    // The session lookup and the sheet's statement (the published version's content is kept in the process).
    expect(statements).toBe(2);
  });

  it('squadAgendaSheet answers NOT_FOUND and FORBIDDEN as squadAgenda does, and an empty sheet for a squad without items', async () => {
    const q = (name: string) =>
      `query($s: ID!, $from: DateTime!, $to: DateTime!) { ${name}(squadId: $s, from: $from, to: $to) { ${name === 'squadAgenda' ? 'id' : 'items { id }'} } }`;
    const admin = await t.login(org.admin.email, PASSWORD);
    const other = await buildOrg(t.app, 'sheet-other');
    const missing = '00000000-0000-4000-8000-00000000abcd';
    for (const [squadId, token, code] of [
      [missing, admin, 'NOT_FOUND'],
      [other.squads.A1, admin, 'NOT_FOUND'],
      [missing, tok.leadA1, 'NOT_FOUND'],
      [other.squads.A1, tok.leadA1, 'NOT_FOUND'],
      [org.squads.A1, tok.rep21, 'FORBIDDEN'],
      [org.squads.A2, tok.leadA1, 'FORBIDDEN'],
    ] as const) {
      const vars = { s: squadId, ...range() };
      expectError(await t.gql(q('squadAgenda'), vars, token), code);
      expectError(await t.gql(q('squadAgendaSheet'), vars, token), code);
    }
    // B1 is in no cohort: the statement's squad check still finds it.
    const empty = await t.countStatements(async () => {
      const res = await ok<{ squadAgendaSheet: Sheet }>(q('squadAgendaSheet'), { s: org.squads.B1, ...range() }, admin);
      expect(res.squadAgendaSheet.items).toEqual([]);
    });
    expect(empty).toBe(2); // the session lookup and the sheet's statement (ADMIN needs no scope statement)
    const full = await ok<{ squadAgendaSheet: Sheet }>(q('squadAgendaSheet'), { s: org.squads.A1, ...range() }, admin);
    const old = await ok<{ squadAgenda: { id: string }[] }>(q('squadAgenda'), { s: org.squads.A1, ...range() }, admin);
    expect(full.squadAgendaSheet.items.map((i) => i.id)).toEqual(old.squadAgenda.map((i) => i.id));
  });

  describe('details: scripts and objections for some items only', () => {
    const DETAILED = `items { ${ITEM} dueAt stepId scriptRef objectionSetRef detailsSent }
      steps { id key title }
      scripts { id text persona missingVariables }
      objectionSets { id objectionRefs }
      objections { ref id key stepKey objection answers { id persona label text } }`;
    const mine = `query($from: DateTime!, $to: DateTime!, $d: AgendaDetails, $for: [ID!]) {
      myAgendaSheet(from: $from, to: $to, details: $d, detailsFor: $for) { ${DETAILED} } }`;
    const squad = `query($s: ID!, $from: DateTime!, $to: DateTime!, $d: AgendaDetails, $for: [ID!]) {
      squadAgendaSheet(squadId: $s, from: $from, to: $to, details: $d, detailsFor: $for) { ${DETAILED} } }`;
    type DSheet = Omit<Sheet, 'items'> & { items: (Sheet['items'][number] & { status: string; dueAt: string; detailsSent: boolean })[] };
    const sheetOf = async (vars: Record<string, unknown>, token = tok.rep11) =>
      (await ok<{ myAgendaSheet: DSheet }>(mine, { ...range(), ...vars }, token)).myAgendaSheet;
    /** The first two PENDING items by due time, then id (the console's current and next). */
    const current = (s: DSheet) =>
      s.items
        .filter((i) => i.status === 'PENDING')
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id))
        .slice(0, 2)
        .map((i) => i.id);
    /** Each detailed item as myAgenda shows it, and that the side tables hold nothing else. */
    const detailed = (s: DSheet) => {
      const sent = s.items.filter((i) => i.detailsSent);
      for (const i of s.items.filter((i) => !i.detailsSent)) {
        expect(i.scriptRef).toBeNull();
        expect(i.objectionSetRef).toBeNull();
      }
      expect(s.scripts.map((x) => x.id).sort()).toEqual([...new Set(sent.flatMap((i) => (i.scriptRef ? [i.scriptRef] : [])))].sort());
      expect(s.objectionSets.map((x) => x.id).sort()).toEqual([...new Set(sent.map((i) => i.objectionSetRef))].sort());
      expect(s.objections.map((o) => o.ref).sort()).toEqual([...new Set(s.objectionSets.flatMap((x) => x.objectionRefs))].sort());
      return unfold({ ...s, items: sent }).map(({ detailsSent: _, ...i }) => i);
    };

    it('CURRENT sends the current and next items’ details, marks the others, in the same statements', async () => {
      const all = await sheetOf({});
      expect(all.items.every((i) => i.detailsSent === true)).toBe(true);
      const ids = current(all);
      expect(ids).toHaveLength(2);
      let cur: DSheet | null = null;
      const statements = await t.countStatements(async () => {
        cur = await sheetOf({ d: 'CURRENT' });
      });
      expect(statements).toBe(2); // the session lookup and the sheet's statement
      const s = cur!;
      expect(s.items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
      expect(
        s.items
          .filter((i) => i.detailsSent)
          .map((i) => i.id)
          .sort(),
      ).toEqual([...ids].sort());
      // Every item keeps its step; the details sent are the full sheet's for those items.
      expect(s.steps).toEqual(all.steps);
      const full = new Map(detailed(all).map((i) => [i.id, i]));
      for (const i of detailed(s)) expect(i).toEqual(full.get(i.id as string));
      // Welcome (19:30) then the first DM (21:00): one of the two DMs is left out, with its script.
      expect(s.scripts).toHaveLength(2);
      // An item left out still answers its own script and objections fields.
      const fields = await ok<{ myAgendaSheet: { items: { id: string; detailsSent: boolean; script: { text: string } | null }[] } }>(
        `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to, details: NONE) { items { id detailsSent script { text } } } }`,
        range(),
        tok.rep11,
      );
      const scriptOf = new Map(detailed(all).map((i) => [i.id, (i.script as { text: string } | null)?.text ?? null]));
      for (const i of fields.myAgendaSheet.items) {
        expect(i.detailsSent).toBe(false);
        expect(i.script?.text ?? null).toBe(scriptOf.get(i.id));
      }
    });

    it('NONE with detailsFor sends those items only; ids that are not items of the answer are ignored', async () => {
      const all = await sheetOf({});
      const none = await sheetOf({ d: 'NONE' });
      expect(none.items.every((i) => i.detailsSent === false)).toBe(true);
      expect([none.scripts, none.objectionSets, none.objections]).toEqual([[], [], []]);
      expect(none.steps).toEqual(all.steps);
      // Another rep's item (Zhou Chen's DM, same squad), a made-up id: ignored, nothing of them sent.
      const squadItems = (await ok<{ squadAgendaSheet: DSheet }>(squad, { s: org.squads.A1, ...range() }, tok.leadA1)).squadAgendaSheet.items;
      const foreign = squadItems.find((i) => i.leadId === leads.L3)!;
      const last = all.items[all.items.length - 1]!;
      const some = await sheetOf({ d: 'NONE', for: [last.id, foreign.id, '00000000-0000-4000-8000-00000000abcd'] });
      expect(some.items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
      expect(some.items.filter((i) => i.detailsSent).map((i) => i.id)).toEqual([last.id]);
      expect(JSON.stringify(some)).not.toContain('Zhou');
      expect(detailed(some)).toEqual(detailed(all).filter((i) => i.id === last.id));
      // CURRENT and detailsFor add up.
      const both = await sheetOf({ d: 'CURRENT', for: [last.id.toUpperCase()] });
      expect(
        both.items
          .filter((i) => i.detailsSent)
          .map((i) => i.id)
          .sort(),
      ).toEqual([...current(all), last.id].sort());
    });

    it('answers BAD_USER_INPUT for detailsFor with ALL, too many ids or non-ids', async () => {
      const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      for (const vars of [
        { for: [id(1)] },
        { d: 'ALL', for: [id(1)] },
        { d: 'NONE', for: Array.from({ length: 51 }, (_, n) => id(n)) },
        { d: 'CURRENT', for: ['not-an-id'] },
      ]) {
        const res = await t.gql(mine, { ...range(), ...vars }, tok.rep11);
        expectError(res, 'BAD_USER_INPUT');
        expect(JSON.stringify(res.errors)).toContain('detailsFor');
      }
      expect((await sheetOf({ d: 'NONE', for: Array.from({ length: 50 }, (_, n) => id(n)) })).scripts).toEqual([]);
    });

    it('squadAgendaSheet: the squad’s current items, the same access rules', async () => {
      const vars = { s: org.squads.A1, ...range() };
      const all = (await ok<{ squadAgendaSheet: DSheet }>(squad, vars, tok.leadA1)).squadAgendaSheet;
      const cur = (await ok<{ squadAgendaSheet: DSheet }>(squad, { ...vars, d: 'CURRENT' }, tok.leadA1)).squadAgendaSheet;
      expect(cur.items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
      expect(
        cur.items
          .filter((i) => i.detailsSent)
          .map((i) => i.id)
          .sort(),
      ).toEqual([...current(all)].sort());
      const full = new Map(detailed(all).map((i) => [i.id, i]));
      for (const i of detailed(cur)) expect(i).toEqual(full.get(i.id as string));
      // An item of squad A2 asked for through squad A1: ignored.
      const a2 = (await ok<{ myAgendaSheet: DSheet }>(mine, range(), tok.rep21)).myAgendaSheet.items[0]!;
      const other = (await ok<{ squadAgendaSheet: DSheet }>(squad, { ...vars, d: 'NONE', for: [a2.id] }, tok.leadA1)).squadAgendaSheet;
      expect(other.items.some((i) => i.detailsSent || i.id === a2.id)).toBe(false);
      expect(other.scripts).toEqual([]);
      // Details do not open a squad to someone else.
      expectError(await t.gql(squad, { ...vars, d: 'NONE', for: [a2.id] }, tok.rep21), 'FORBIDDEN');
      expectError(await t.gql(squad, { ...vars, s: org.squads.A2, d: 'CURRENT' }, tok.leadA1), 'FORBIDDEN');
    });
  });
});
