import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDateOf } from '@lib/schedule';
import { Db, runWithManager, TransactionRunner } from '../src/database/transaction.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';
import { Lead, LeadSource, LeadStage } from '../src/leads/entities/lead.entity.js';
import { LeadEvents } from '../src/leads/lead-events.js';
import { RequestContext } from '../src/common/request-context.js';
import { AgendaService } from '../src/sop/agenda.service.js';
import { ComplianceService } from '../src/sop/compliance.service.js';
import { MARK_MISSED_JOB } from '../src/sop/sop.module.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

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
      tiers: ['A', 'B'],
      title: 'Hello DM',
      scripts: [{ text: 'Hi {{lead.firstName}}, {{rep.firstName}} here' }, { persona: 'parent', text: 'Dear {{lead.name}}, about your child' }],
    },
    { key: 'squad-task', dayOffset: 1, localTime: '10:00', channel: 'TASK', audience: 'GROUP', groupScope: 'PER_SQUAD', title: 'Squad review' },
    { key: 'night', dayOffset: 2, localTime: '02:30', windowMinutes: 30, channel: 'TASK', audience: 'GROUP', title: 'Night check' },
    {
      key: 'live',
      dayOffset: 3,
      localTime: '19:30',
      windowMinutes: 90,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: 'Live class',
      scripts: [{ text: 'Live now!' }],
    },
  ],
  objections: [
    { key: 'price', objection: 'Too expensive', answers: [{ text: 'Installments, {{lead.firstName}}' }, { persona: 'parent', text: 'Cheaper than a tutor' }] },
    { key: 'think', stepKey: 'dm', objection: "I'll think about it", answers: [{ text: 'What exactly?' }] },
  ],
};

const PLAYBOOK_FIELDS = 'id name kind legionId clonedFromPlaybookId versions { id number status } draft { id number } publishedVersion { id number }';
const VERSION_FIELDS =
  'id number status changeNote steps { id key dayOffset localTime windowMinutes title scripts { persona text } } objections { id key stepKey answers { id persona text } } issues { field message }';
const ITEM_FIELDS = `id status dueAt localDate localTime timeZone day windowEnd onTimeDeadline completedAt onTime skipReason leadId repId squadId
  step { key title } lead { name persona tier } script { text persona missingVariables } objections { id key answers { id persona text } }`;

type Version = {
  id: string;
  number: number;
  status: string;
  steps: { id: string; key: string; localTime: string }[];
  objections: { id: string; key: string; answers: { id: string; persona: string | null; text: string }[] }[];
  issues: { field: string; message: string }[];
};
type Item = {
  id: string;
  status: string;
  dueAt: string;
  localDate: string;
  localTime: string;
  timeZone: string;
  day: number;
  windowEnd: string | null;
  onTimeDeadline: string;
  completedAt: string | null;
  onTime: boolean | null;
  skipReason: string | null;
  leadId: string | null;
  repId: string;
  step: { key: string };
  lead: { name: string; persona: string | null } | null;
  script: { text: string; persona: string | null; missingVariables: string[] } | null;
  objections: { id: string; key: string; answers: { id: string; persona: string | null; text: string }[] }[];
};

describe('SOP playbooks, cohorts and the agenda', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tok: Record<string, string> = {};
  const leads: Record<string, string> = {};
  let playbookId: string;
  let v1: Version;
  let v2: Version;

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => expectData(await t.gql<T>(query, variables, token));
  const rep11 = () => org.members.A1[0];
  const rep12 = () => org.members.A1[1];
  const rep21 = () => org.members.A2[0];

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

  const agendaOf = (token: string, from: string, to: string) =>
    ok<{ myAgenda: Item[] }>(`query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { ${ITEM_FIELDS} } }`, { from, to }, token).then(
      (d) => d.myAgenda,
    );

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'sop');
    other = await buildOrg(t.app, 'sopx');
    const logins: Record<string, string> = {
      admin: org.admin.email,
      manager: org.manager.email,
      freeManager: org.freeManager.email,
      leadA1: org.leads.A1.email,
      leadA2: org.leads.A2.email,
      leadB1: org.leads.B1.email,
      rep11: org.members.A1[0].email,
      rep12: org.members.A1[1].email,
      rep21: org.members.A2[0].email,
      otherAdmin: other.admin.email,
    };
    for (const [k, email] of Object.entries(logins)) tok[k] = await t.login(email, PASSWORD);
    leads.L1 = await insertLead('Li Na', { persona: 'parent', tier: 'A', ownerId: rep11().id, squadId: org.squads.A1 });
    leads.L2 = await insertLead('Wang Wei', { persona: 'student', tier: 'B', ownerId: rep11().id, squadId: org.squads.A1 });
    leads.L3 = await insertLead('Zhou Chen', { persona: 'professional', tier: 'C', ownerId: rep11().id, squadId: org.squads.A1 });
    leads.L4 = await insertLead('Chen Dong', { persona: null, tier: 'A', ownerId: rep12().id, squadId: org.squads.A1 });
    leads.L5 = await insertLead('Sun Li', { persona: 'parent', tier: 'A', ownerId: rep21().id, squadId: org.squads.A2 });
    leads.L6 = await insertLead('Pool Lead', { persona: 'parent', tier: 'A', ownerId: null, squadId: org.squads.A1 });
  });
  afterAll(async () => t?.close());

  describe('playbooks and versions', () => {
    it('saves an invalid draft but refuses to publish it, naming each field', async () => {
      const bad = structuredClone(CONTENT) as typeof CONTENT & { steps: Record<string, unknown>[] };
      bad.steps[1]!.scripts = [{ text: 'Hi {{lead.firstName}}' }, { persona: 'parent', text: 'Dear {{lead.nickname}} {{oops' }];
      bad.steps[3]!.localTime = '25:00';
      bad.steps[0]!.scripts = [{ text: 'Hi {{lead.name}}' }];
      (bad.objections[1] as { stepKey: string }).stepKey = 'nope';
      const created = await ok<{ createPlaybook: { id: string; draft: { id: string } } }>(
        `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { ${PLAYBOOK_FIELDS} } }`,
        { input: { legionId: org.legionA, name: 'Camp', kind: 'PRE_SALES', productName: 'Analytics', content: bad } },
        tok.leadA1,
      );
      playbookId = created.createPlaybook.id;
      const draft = await ok<{ playbookVersion: Version }>(
        `query($id: ID!) { playbookVersion(id: $id) { ${VERSION_FIELDS} } }`,
        { id: created.createPlaybook.draft.id },
        tok.rep11,
      );
      expect(draft.playbookVersion.status).toBe('DRAFT');
      expect(draft.playbookVersion.issues.map((i) => i.field)).toEqual([
        'steps[0].scripts[0].text',
        'steps[1].scripts[1].text',
        'steps[1].scripts[1].text',
        'steps[3].localTime',
        'objections[1].stepKey',
      ]);
      const err = expectError(
        await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: draft.playbookVersion.id }, tok.manager),
        'BAD_USER_INPUT',
      );
      const fields = err.extensions!.fields!;
      expect(fields.find((f) => f.field === 'steps[1].scripts[1].text' && f.message.startsWith('unknown variable {{lead.nickname}}'))).toBeTruthy();
      expect(fields.find((f) => f.field === 'steps[1].scripts[1].text' && f.message.startsWith('malformed placeholder "{{oops"'))).toBeTruthy();
      expect(fields.find((f) => f.field === 'steps[3].localTime')!.message).toBe(`"25:00" is not a time 'HH:MM' between 00:00 and 23:59`);
      expect(fields.find((f) => f.field === 'steps[0].scripts[0].text')!.message).toMatch(/cannot be used in a group step/);
      expect(fields.find((f) => f.field === 'objections[1].stepKey')!.message).toBe('no step with key "nope" in this version');
      // Duplicate keys are refused at once.
      const dup = structuredClone(CONTENT);
      dup.steps[1]!.key = 'welcome';
      const dupErr = expectError(
        await t.gql(
          'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }',
          { id: draft.playbookVersion.id, c: dup },
          tok.leadA1,
        ),
        'BAD_USER_INPUT',
      );
      expect(dupErr.extensions!.fields).toEqual([{ field: 'steps[1].key', message: 'duplicate step key "welcome"' }]);
    });

    it('publishes a fixed draft and freezes it', async () => {
      const pb = await ok<{ playbook: { draft: { id: string } } }>('query($id: ID!) { playbook(id: $id) { draft { id } } }', { id: playbookId }, tok.rep11);
      const id = pb.playbook.draft.id;
      await ok('mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }', { id, c: CONTENT }, tok.leadA1);
      const pub = await ok<{ publishPlaybookVersion: Version }>(
        `mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { ${VERSION_FIELDS} } }`,
        { id },
        tok.manager,
      );
      v1 = pub.publishPlaybookVersion;
      expect(v1.status).toBe('PUBLISHED');
      expect(v1.issues).toEqual([]);
      expect(v1.steps.map((s) => s.key)).toEqual(['welcome', 'dm', 'squad-task', 'night', 'live']);
      const edit = expectError(
        await t.gql(
          'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }',
          { id, c: CONTENT },
          tok.leadA1,
        ),
        'CONFLICT',
      );
      expect(edit.message).toMatch(/PUBLISHED and frozen/);
      expectError(await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id }, tok.manager), 'CONFLICT');
    });

    it('starts a new draft as a copy of the latest version, compares versions step by step and retires the old one on publish', async () => {
      const d = await ok<{ createPlaybookDraft: Version }>(
        `mutation($p: ID!) { createPlaybookDraft(playbookId: $p) { ${VERSION_FIELDS} } }`,
        { p: playbookId },
        tok.leadA1,
      );
      expect(d.createPlaybookDraft.number).toBe(2);
      expect(d.createPlaybookDraft.status).toBe('DRAFT');
      expect(d.createPlaybookDraft.steps.map((s) => s.key)).toEqual(v1.steps.map((s) => s.key));
      expect(d.createPlaybookDraft.steps.map((s) => s.id)).not.toEqual(v1.steps.map((s) => s.id));
      // Answer ids survive into the copy so objection logs stay comparable across versions.
      expect(d.createPlaybookDraft.objections[0]!.answers.map((a) => a.id)).toEqual(v1.objections[0]!.answers.map((a) => a.id));
      expectError(await t.gql('mutation($p: ID!) { createPlaybookDraft(playbookId: $p) { id } }', { p: playbookId }, tok.leadA1), 'CONFLICT');

      const next = structuredClone(CONTENT);
      next.steps[0]!.localTime = '20:00';
      next.steps[0]!.windowMinutes = 45;
      next.steps.splice(3, 1); // drop "night"
      next.steps.push({
        key: 'offer',
        dayOffset: 4,
        localTime: '10:00',
        windowMinutes: 60,
        channel: 'GROUP_POST',
        audience: 'GROUP',
        title: 'Offer',
        scripts: [{ text: 'Offer!' }],
      });
      await ok(
        'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }',
        { id: d.createPlaybookDraft.id, c: next },
        tok.leadA1,
      );

      const cmp = await ok<{
        comparePlaybookVersions: {
          steps: { key: string; change: string; fields: { field: string; before: string | null; after: string | null }[] }[];
          objections: { change: string }[];
        };
      }>(
        'query($a: ID!, $b: ID!) { comparePlaybookVersions(a: $a, b: $b) { steps { key change fields { field before after } } objections { change } } }',
        { a: v1.id, b: d.createPlaybookDraft.id },
        tok.rep11,
      );
      expect(cmp.comparePlaybookVersions.steps.map((s) => [s.key, s.change])).toEqual([
        ['welcome', 'CHANGED'],
        ['dm', 'UNCHANGED'],
        ['squad-task', 'UNCHANGED'],
        ['live', 'UNCHANGED'],
        ['offer', 'ADDED'],
        ['night', 'REMOVED'],
      ]);
      expect(cmp.comparePlaybookVersions.steps[0]!.fields).toEqual([
        { field: 'localTime', before: '19:30', after: '20:00' },
        { field: 'windowMinutes', before: '60', after: '45' },
      ]);
      expect(cmp.comparePlaybookVersions.objections.map((o) => o.change)).toEqual(['UNCHANGED', 'UNCHANGED']);

      const pub = await ok<{ publishPlaybookVersion: Version }>(
        `mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { ${VERSION_FIELDS} } }`,
        { id: d.createPlaybookDraft.id },
        tok.manager,
      );
      v2 = pub.publishPlaybookVersion;
      const old = await ok<{ playbookVersion: Version }>(`query($id: ID!) { playbookVersion(id: $id) { ${VERSION_FIELDS} } }`, { id: v1.id }, tok.rep11);
      expect(old.playbookVersion.status).toBe('RETIRED');
      expect(old.playbookVersion.steps).toHaveLength(5);
      const pb = await ok<{ playbook: { versions: { number: number; status: string }[]; publishedVersion: { number: number } } }>(
        'query($id: ID!) { playbook(id: $id) { versions { number status } publishedVersion { number } } }',
        { id: playbookId },
        tok.rep11,
      );
      expect(pb.playbook.versions).toEqual([
        { number: 2, status: 'PUBLISHED' },
        { number: 1, status: 'RETIRED' },
      ]);
      expect(pb.playbook.publishedVersion.number).toBe(2);
    });

    it('records every change in the audit log', async () => {
      const rows: { entity_type: string; action: string }[] = await t.db.dataSource.query(
        `SELECT entity_type, action FROM audit_event WHERE organization_id = $1 AND entity_type IN ('Playbook', 'PlaybookVersion') ORDER BY id`,
        [org.organizationId],
      );
      expect(rows.map((r) => `${r.entity_type}:${r.action}`)).toEqual([
        'Playbook:CREATED',
        'PlaybookVersion:DRAFT_CREATED',
        'PlaybookVersion:DRAFT_UPDATED',
        'PlaybookVersion:PUBLISHED',
        'PlaybookVersion:DRAFT_CREATED',
        'PlaybookVersion:DRAFT_UPDATED',
        'PlaybookVersion:PUBLISHED',
        'PlaybookVersion:RETIRED',
      ]);
    });

    it('lets everyone read playbooks but only ADMIN, managers and leads of the legion edit them', async () => {
      const list = await ok<{ playbooks: { id: string }[] }>('{ playbooks { id } }', {}, tok.rep21);
      expect(list.playbooks.map((p) => p.id)).toEqual([playbookId]);
      const upd = (token: string) => t.gql('mutation($id: ID!) { updatePlaybook(id: $id, input: { description: "x" }) { id } }', { id: playbookId }, token);
      expectError(await upd(tok.rep11), 'FORBIDDEN');
      expectError(await upd(tok.leadB1), 'FORBIDDEN');
      for (const who of ['admin', 'manager', 'freeManager', 'leadA1', 'leadA2']) expectData(await upd(tok[who]!));
      expectError(
        await t.gql('mutation($l: ID!) { createPlaybook(input: { legionId: $l, name: "Mine", kind: PRE_SALES }) { id } }', { l: org.legionA }, tok.rep11),
        'FORBIDDEN',
      );
      expectError(
        await t.gql('mutation($l: ID!) { createPlaybook(input: { legionId: $l, name: "B", kind: COURSE_SERVICE }) { id } }', { l: org.legionB }, tok.manager),
        'FORBIDDEN',
      );
      expectError(await t.gql('query($id: ID!) { playbook(id: $id) { id } }', { id: playbookId }, tok.otherAdmin), 'NOT_FOUND');
    });

    it('clones a playbook into another legion of the same kind', async () => {
      const legionC = await ok<{ createLegion: { id: string } }>(
        'mutation { createLegion(input: { name: "Legion C", kind: PRE_SALES }) { id } }',
        {},
        tok.admin,
      );
      const clone = (token: string, legionId: string) =>
        t.gql<{ clonePlaybook: { id: string; legionId: string; clonedFromPlaybookId: string; versions: { id: string; number: number; status: string }[] } }>(
          `mutation($p: ID!, $l: ID!) { clonePlaybook(input: { playbookId: $p, legionId: $l }) { ${PLAYBOOK_FIELDS} } }`,
          { p: playbookId, l: legionId },
          token,
        );
      expectError(await clone(tok.admin, org.legionB), 'BAD_USER_INPUT');
      expectError(await clone(tok.leadA1, legionC.createLegion.id), 'FORBIDDEN');
      const c = expectData(await clone(tok.admin, legionC.createLegion.id)).clonePlaybook;
      expect(c.legionId).toBe(legionC.createLegion.id);
      expect(c.clonedFromPlaybookId).toBe(playbookId);
      expect(c.versions.map((v) => [v.number, v.status])).toEqual([[1, 'DRAFT']]);
      const cmp = await ok<{ comparePlaybookVersions: { steps: { change: string }[] } }>(
        'query($a: ID!, $b: ID!) { comparePlaybookVersions(a: $a, b: $b) { steps { change } } }',
        { a: v2.id, b: c.versions[0]!.id },
        tok.admin,
      );
      expect(cmp.comparePlaybookVersions.steps.every((s) => s.change === 'UNCHANGED')).toBe(true);
      expect(cmp.comparePlaybookVersions.steps).toHaveLength(5);
    });
  });

  describe('cohorts and the agenda', () => {
    let dstCohort: string;
    let futureCohort: string;
    let futureStart: string;
    let v3: string;

    const createCohort = (token: string, input: Record<string, unknown>) =>
      t.gql<{ createCohort: { id: string; leadCount: number; squads: { name: string }[] } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id leadCount squads { name } } }',
        { input },
        token,
      );

    it('validates cohorts: time zone, date, a published version, squads of the right kind and the caller', async () => {
      const base = { name: 'X', startDate: '2026-03-06', timeZone: 'America/New_York', playbookVersionId: v2.id, squadIds: [org.squads.A1] };
      const e1 = expectError(await createCohort(tok.admin, { ...base, timeZone: 'Mars/Olympus', startDate: '2026-02-30' }), 'BAD_USER_INPUT');
      expect(e1.extensions!.fields!.map((f) => f.field).sort()).toEqual(['startDate', 'timeZone']);
      expectError(await createCohort(tok.admin, { ...base, playbookVersionId: v1.id }), 'BAD_USER_INPUT'); // retired
      expectError(await createCohort(tok.admin, { ...base, squadIds: [org.squads.B1] }), 'BAD_USER_INPUT'); // course-service squad
      expectError(await createCohort(tok.leadA2, base), 'FORBIDDEN');
      expectError(await createCohort(tok.rep11, base), 'FORBIDDEN');
      expectError(await createCohort(tok.admin, { ...base, leadIds: [leads.L5] }), 'BAD_USER_INPUT'); // lead of squad A2
    });

    it('computes exact instants across a DST change (America/New_York, start 2026-03-06)', async () => {
      // v2 dropped the 02:30 "night" step: publish v1's content again as v3 (retiring v2).
      const d = await ok<{ createPlaybookDraft: { id: string } }>(
        'mutation($p: ID!) { createPlaybookDraft(playbookId: $p) { id } }',
        { p: playbookId },
        tok.admin,
      );
      await ok(
        'mutation($id: ID!, $c: PlaybookContentInput!) { updatePlaybookDraft(versionId: $id, content: $c) { id } }',
        { id: d.createPlaybookDraft.id, c: CONTENT },
        tok.admin,
      );
      await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: d.createPlaybookDraft.id }, tok.admin);
      v3 = d.createPlaybookDraft.id;
      const c = await createCohort(tok.leadA1, {
        name: 'NY spring camp',
        startDate: '2026-03-06',
        timeZone: 'America/New_York',
        playbookVersionId: d.createPlaybookDraft.id,
        squadIds: [org.squads.A1],
        leadIds: [leads.L1, leads.L2, leads.L3, leads.L4, leads.L6],
      });
      dstCohort = expectData(c).createCohort.id;
      expect(expectData(c).createCohort.leadCount).toBe(5);
      const [{ n }] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM agenda_item WHERE cohort_id = $1', [dstCohort]);
      // 3 per-rep group steps x 2 reps + 1 per-squad step + DMs for L1, L2 (rep 1) and L4 (rep 2); L3 is tier C, L6 has no owner.
      expect(n).toBe(10);

      const items = await agendaOf(tok.rep11, '2026-03-06T00:00:00Z', '2026-03-12T00:00:00Z');
      expect(items.map((i) => [i.step.key, i.dueAt, i.localDate, i.localTime, i.day, i.windowEnd])).toEqual([
        ['welcome', '2026-03-07T00:30:00.000Z', '2026-03-06', '19:30', 0, '2026-03-07T01:30:00.000Z'], // EST, UTC-5
        ['dm', '2026-03-07T02:00:00.000Z', '2026-03-06', '21:00', 0, '2026-03-07T04:00:00.000Z'],
        ['dm', '2026-03-07T02:00:00.000Z', '2026-03-06', '21:00', 0, '2026-03-07T04:00:00.000Z'],
        ['night', '2026-03-08T07:00:00.000Z', '2026-03-08', '03:00', 2, '2026-03-08T07:30:00.000Z'], // 02:30 does not exist: first valid minute, 03:00 EDT
        ['live', '2026-03-09T23:30:00.000Z', '2026-03-09', '19:30', 3, '2026-03-10T01:00:00.000Z'], // EDT, UTC-4
      ]);
      expect(items.every((i) => i.timeZone === 'America/New_York')).toBe(true);
      // Created long after the steps were due: recorded as skipped, so they never count as missed.
      expect(new Set(items.map((i) => i.status))).toEqual(new Set(['SKIPPED']));
      expect(items[0]!.skipReason).toBe('Added to the cohort after this step was due');
      const lead = await agendaOf(tok.leadA1, '2026-03-06T00:00:00Z', '2026-03-12T00:00:00Z');
      expect(lead.map((i) => [i.step.key, i.dueAt, i.onTimeDeadline])).toEqual([['squad-task', '2026-03-07T15:00:00.000Z', '2026-03-08T15:00:00.000Z']]);
    });

    it('regenerates idempotently and adds items for new leads only', async () => {
      expect(
        (await ok<{ regenerateCohortAgenda: number }>('mutation($c: ID!) { regenerateCohortAgenda(cohortId: $c) }', { c: dstCohort }, tok.leadA1))
          .regenerateCohortAgenda,
      ).toBe(0);
      const L7 = await insertLead('Late Joiner', { persona: 'student', tier: 'B', ownerId: rep12().id, squadId: org.squads.A1 });
      await ok('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: dstCohort, l: [L7, leads.L1] }, tok.leadA1);
      const [{ n }] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM agenda_item WHERE cohort_id = $1', [dstCohort]);
      expect(n).toBe(11);
      expectError(await t.gql('mutation($c: ID!) { regenerateCohortAgenda(cohortId: $c) }', { c: dstCohort }, tok.leadA2), 'FORBIDDEN');
    });

    it("renders each lead's script for their persona, falling back to the default, with objections at hand", async () => {
      futureStart = localDateOf(new Date(Date.now() + 3 * 86400_000), 'Asia/Shanghai');
      const c = await createCohort(tok.manager, {
        name: 'Future camp',
        startDate: futureStart,
        timeZone: 'Asia/Shanghai',
        playbookVersionId: v3,
        squadIds: [org.squads.A1, org.squads.A2],
        leadIds: [leads.L1, leads.L2, leads.L3, leads.L4, leads.L5],
      });
      futureCohort = expectData(c).createCohort.id;
      expect(expectData(c).createCohort.squads.map((s) => s.name)).toEqual(['A1', 'A2']);
      const from = new Date(Date.now()).toISOString();
      const to = new Date(Date.now() + 10 * 86400_000).toISOString();
      const items = await agendaOf(tok.rep11, from, to);
      expect(items.map((i) => i.step.key)).toEqual(['welcome', 'dm', 'dm', 'night', 'live']);
      expect(items.every((i) => i.status === 'PENDING')).toBe(true);
      const welcome = items[0]!;
      expect(welcome.script).toEqual({ text: 'Welcome to Future camp! Day 0 with sop of A1', persona: null, missingVariables: [] });
      expect(welcome.localTime).toBe('19:30');
      expect(items[3]!.localTime).toBe('02:30'); // no DST in Asia/Shanghai
      const parent = items.find((i) => i.lead?.name === 'Li Na')!;
      const student = items.find((i) => i.lead?.name === 'Wang Wei')!;
      expect(parent.script).toEqual({ text: 'Dear Li Na, about your child', persona: 'parent', missingVariables: [] });
      expect(student.script).toEqual({ text: 'Hi Wang, sop here', persona: null, missingVariables: [] });
      expect(parent.objections.map((o) => o.key)).toEqual(['think', 'price']);
      expect(parent.objections[1]!.answers.map((a) => a.text)).toEqual(['Cheaper than a tutor', 'Installments, Li']);
      expect(student.objections[1]!.answers.map((a) => a.text)).toEqual(['Installments, Wang', 'Cheaper than a tutor']);
      expect(welcome.objections.map((o) => o.key)).toEqual(['price']);
    });

    it('completing twice is idempotent and records whether it was on time', async () => {
      const items = await agendaOf(tok.rep11, new Date().toISOString(), new Date(Date.now() + 10 * 86400_000).toISOString());
      const welcome = items[0]!;
      const complete = (token: string, id: string) =>
        t.gql<{ completeStep: Item }>(`mutation($id: ID!) { completeStep(id: $id, note: "posted") { ${ITEM_FIELDS} } }`, { id }, token);
      const first = expectData(await complete(tok.rep11, welcome.id)).completeStep;
      expect(first.status).toBe('DONE');
      expect(first.onTime).toBe(true); // early counts as on time
      const second = expectData(await complete(tok.rep11, welcome.id)).completeStep;
      expect(second.completedAt).toBe(first.completedAt);
      const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'COMPLETED'`, [welcome.id]);
      expect(n).toBe(1);
    });

    it("does not let another rep act on your items; leads act on their squad's, managers on their legions'", async () => {
      const items = await agendaOf(tok.rep11, new Date().toISOString(), new Date(Date.now() + 10 * 86400_000).toISOString());
      const live = items.find((i) => i.step.key === 'live')!;
      const complete = (token: string) => t.gql('mutation($id: ID!) { completeStep(id: $id) { id status } }', { id: live.id }, token);
      expectError(await complete(tok.rep12), 'FORBIDDEN');
      expectError(await complete(tok.rep21), 'FORBIDDEN');
      expectError(await complete(tok.leadA2), 'FORBIDDEN');
      expectError(await complete(tok.leadB1), 'FORBIDDEN');
      expectError(await complete(tok.otherAdmin), 'NOT_FOUND');
      expectData(await complete(tok.leadA1));
      const offer = items.find((i) => i.step.key === 'night')!;
      expectData(await t.gql('mutation($id: ID!) { skipStep(id: $id, reason: "group closed early") { id } }', { id: offer.id }, tok.manager));
      expectError(await t.gql('mutation($id: ID!) { skipStep(id: $id, reason: "x") { id } }', { id: offer.id }, tok.rep21), 'FORBIDDEN');

      const range = { from: new Date().toISOString(), to: new Date(Date.now() + 10 * 86400_000).toISOString() };
      const agenda = (token: string, memberId: string) =>
        t.gql<{ agenda: { id: string }[] }>(
          'query($m: ID!, $from: DateTime!, $to: DateTime!) { agenda(memberId: $m, from: $from, to: $to) { id } }',
          { m: memberId, ...range },
          token,
        );
      for (const who of ['leadA1', 'manager', 'freeManager', 'admin', 'rep11']) expect(expectData(await agenda(tok[who]!, rep11().id)).agenda).toHaveLength(5);
      expectError(await agenda(tok.leadA2, rep11().id), 'FORBIDDEN');
      expectError(await agenda(tok.rep12, rep11().id), 'FORBIDDEN');
      expectError(await agenda(tok.leadB1, rep11().id), 'FORBIDDEN');
      expectError(await agenda(tok.otherAdmin, rep11().id), 'NOT_FOUND');
      const squad = (token: string, squadId: string) =>
        t.gql<{ squadAgenda: { id: string }[] }>(
          'query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgenda(squadId: $s, from: $from, to: $to) { id } }',
          { s: squadId, ...range },
          token,
        );
      // A1: 2 reps x 3 group steps + 1 squad task + DMs of L1, L2, L4.
      expect(expectData(await squad(tok.leadA1, org.squads.A1)).squadAgenda).toHaveLength(10);
      expectError(await squad(tok.leadA1, org.squads.A2), 'FORBIDDEN');
      expectError(await squad(tok.rep11, org.squads.A1), 'FORBIDDEN');
      expectError(await t.gql('query { myAgenda(from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { id } }', {}, tok.rep11), 'BAD_USER_INPUT');
    });

    it('skips with a reason; a done step cannot be skipped', async () => {
      const items = await agendaOf(tok.rep11, new Date().toISOString(), new Date(Date.now() + 10 * 86400_000).toISOString());
      const dm = items.find((i) => i.lead?.name === 'Wang Wei')!;
      const skip = (id: string, reason: string) =>
        t.gql<{ skipStep: Item }>(`mutation($id: ID!, $r: String!) { skipStep(id: $id, reason: $r) { ${ITEM_FIELDS} } }`, { id, r: reason }, tok.rep11);
      expectError(await skip(dm.id, '  '), 'BAD_USER_INPUT');
      const s1 = expectData(await skip(dm.id, 'Lead asked to talk tomorrow')).skipStep;
      expect([s1.status, s1.skipReason]).toEqual(['SKIPPED', 'Lead asked to talk tomorrow']);
      expect(expectData(await skip(dm.id, 'again')).skipStep.skipReason).toBe('Lead asked to talk tomorrow');
      expectError(await skip(items[0]!.id, 'too late'), 'CONFLICT'); // welcome is DONE
    });

    it('logs which prepared answer was used for an objection', async () => {
      const items = await agendaOf(tok.rep11, new Date().toISOString(), new Date(Date.now() + 10 * 86400_000).toISOString());
      const dm = items.find((i) => i.lead?.name === 'Li Na')!;
      const think = dm.objections.find((o) => o.key === 'think')!;
      const price = dm.objections.find((o) => o.key === 'price')!;
      const log = (itemId: string, objectionId: string, answerUsed: string | null, token = tok.rep11) =>
        t.gql<{ logObjection: { id: string; answerId: string | null; leadId: string } }>(
          'mutation($i: ID!, $o: ID!, $a: ID) { logObjection(itemId: $i, objectionId: $o, answerUsed: $a, note: "asked about price") { id answerId leadId } }',
          { i: itemId, o: objectionId, a: answerUsed },
          token,
        );
      const parentAnswer = price.answers[0]!;
      expect(expectData(await log(dm.id, price.id, parentAnswer.id)).logObjection).toMatchObject({ answerId: parentAnswer.id, leadId: leads.L1 });
      expectData(await log(dm.id, think.id, null));
      expectError(await log(items[0]!.id, think.id, null), 'BAD_USER_INPUT'); // "think" belongs to the DM step
      expectError(await log(dm.id, price.id, think.answers[0]!.id), 'BAD_USER_INPUT');
      expectError(await log(dm.id, price.id, null, tok.rep12), 'FORBIDDEN');
      const item = await ok<{ agendaItem: { objectionLogs: { objectionId: string; answerId: string | null }[] } }>(
        'query($id: ID!) { agendaItem(id: $id) { objectionLogs { objectionId answerId } } }',
        { id: dm.id },
        tok.leadA1,
      );
      expect(item.agendaItem.objectionLogs).toEqual([
        { objectionId: price.id, answerId: parentAnswer.id },
        { objectionId: think.id, answerId: null },
      ]);
    });

    it('loads nested agenda fields in a constant number of statements', async () => {
      const range = { from: new Date().toISOString(), to: new Date(Date.now() + 10 * 86400_000).toISOString() };
      const q = `query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgenda(squadId: $s, from: $from, to: $to) {
        id step { key } cohort { name } lead { name } rep { name } squad { name } script { text } objections { key answers { text } } objectionLogs { id } } }`;
      let before = 0;
      const few = await t.countStatements(async () => {
        before = expectData(await t.gql<{ squadAgenda: unknown[] }>(q, { s: org.squads.A1, ...range }, tok.leadA1)).squadAgenda.length;
      });
      const extra = [];
      for (let i = 0; i < 4; i++)
        extra.push(await insertLead(`Extra ${i}`, { persona: i % 2 ? 'parent' : 'student', tier: 'A', ownerId: rep12().id, squadId: org.squads.A1 }));
      await ok('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: futureCohort, l: extra }, tok.leadA1);
      let after = 0;
      const more = await t.countStatements(async () => {
        after = expectData(await t.gql<{ squadAgenda: unknown[] }>(q, { s: org.squads.A1, ...range }, tok.leadA1)).squadAgenda.length;
      });
      expect(after).toBe(before + 4);
      expect(more).toBe(few);
      leads.extra0 = extra[0]!;
    });

    it('moves open items when a lead changes owner and cancels them when it goes back to the pool', async () => {
      const events = t.app.get(LeadEvents);
      const tx = t.app.get(TransactionRunner);
      const ctx = RequestContext.system(org.organizationId);
      const owners = async () =>
        (await t.db.dataSource.query(`SELECT rep_id, status FROM agenda_item WHERE lead_id = $1 AND cohort_id = $2`, [leads.extra0, futureCohort])) as {
          rep_id: string;
          status: string;
        }[];
      expect((await owners()).map((r) => r.rep_id)).toEqual([rep12().id]);
      const reassign = (to: string | null) =>
        tx.run(async () => {
          await t.app.get(Db).manager.update(Lead, { id: leads.extra0 }, { ownerId: to });
          await events.fireAssigned(ctx, {
            organizationId: org.organizationId,
            leadId: leads.extra0!,
            fromOwnerId: null,
            toOwnerId: to,
            squadId: org.squads.A1,
            fromSquadId: org.squads.A1,
            at: new Date(),
          });
        });
      await reassign(rep11().id);
      expect(await owners()).toEqual([{ rep_id: rep11().id, status: 'PENDING' }]);
      await reassign(null);
      expect(await owners()).toEqual([{ rep_id: rep11().id, status: 'CANCELLED' }]);
    });
  });

  describe('compliance and the missed-step worker', () => {
    it('computes share done, share on time and missed counts exactly, per member and squad', async () => {
      const m = t.db.dataSource.manager;
      const created = await ok<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
        {
          input: {
            legionId: org.legionA,
            name: 'Compliance',
            kind: 'PRE_SALES',
            content: {
              steps: [
                { key: 'g1', dayOffset: 0, localTime: '10:00', windowMinutes: 60, channel: 'TASK', audience: 'GROUP', title: 'Group task' },
                { key: 'l1', dayOffset: 0, localTime: '12:00', channel: 'CALL', audience: 'LEADS', title: 'Call' },
              ],
            },
          },
        },
        tok.admin,
      );
      const vid = created.createPlaybook.draft.id;
      await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: vid }, tok.admin);
      const start = localDateOf(new Date(Date.now() - 10 * 86400_000), 'Asia/Shanghai');
      const c = await ok<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: {
            name: 'Past camp',
            startDate: start,
            timeZone: 'Asia/Shanghai',
            playbookVersionId: vid,
            squadIds: [org.squads.A1, org.squads.A2],
            leadIds: [leads.L1, leads.L5],
          },
        },
        tok.admin,
      );
      const cohortId = c.createCohort.id;
      // As if the cohort had been created before it started: everything open, then what each rep did.
      await m.query(`UPDATE agenda_item SET status = 'PENDING', skipped_at = NULL, skip_reason = NULL WHERE cohort_id = $1`, [cohortId]);
      const item = async (rep: string, key: string) =>
        (
          await m.query(`SELECT a.id FROM agenda_item a JOIN playbook_step s ON s.id = a.step_id WHERE a.cohort_id = $1 AND a.rep_id = $2 AND s.key = $3`, [
            cohortId,
            rep,
            key,
          ])
        )[0].id as string;
      await m.query(`UPDATE agenda_item SET status = 'DONE', completed_at = due_at + interval '10 minutes', on_time = true WHERE id = $1`, [
        await item(rep11().id, 'g1'),
      ]);
      await m.query(`UPDATE agenda_item SET status = 'DONE', completed_at = due_at + interval '30 hours', on_time = false WHERE id = $1`, [
        await item(rep11().id, 'l1'),
      ]);
      await m.query(`UPDATE agenda_item SET status = 'SKIPPED', skipped_at = due_at, skip_reason = 'ill' WHERE id = $1`, [await item(rep21().id, 'g1')]);
      // rep12 g1 and rep22 g1 stay PENDING past their window (the worker marks them); rep21 l1 has no window: overdue.
      await t.app.get(TransactionRunner).run(() => t.app.get(AgendaService).markMissed(new Date()));

      const from = new Date(Date.parse(`${start}T00:00:00+08:00`) - 86400_000).toISOString();
      const to = new Date(Date.parse(`${start}T00:00:00+08:00`) + 2 * 86400_000).toISOString();
      const q = `query($input: SopComplianceInput!) { sopCompliance(input: $input) {
        total { counted done doneOnTime doneLate missed overdue skipped open doneRate onTimeRate }
        byMember { memberId counted done doneOnTime missed onTimeRate } bySquad { squadId counted done doneOnTime missed overdue skipped doneRate onTimeRate } } }`;
      type Report = {
        sopCompliance: {
          total: Record<string, number | null>;
          byMember: { memberId: string; counted: number; done: number; doneOnTime: number; missed: number; onTimeRate: number | null }[];
          bySquad: Record<string, unknown>[];
        };
      };
      const all = await ok<Report>(q, { input: { from, to } }, tok.admin);
      expect(all.sopCompliance.total).toEqual({
        counted: 5,
        done: 2,
        doneOnTime: 1,
        doneLate: 1,
        missed: 2,
        overdue: 1,
        skipped: 1,
        open: 0,
        doneRate: 0.4,
        onTimeRate: 0.2,
      });
      expect(all.sopCompliance.bySquad).toEqual([
        { squadId: org.squads.A1, counted: 3, done: 2, doneOnTime: 1, missed: 1, overdue: 0, skipped: 0, doneRate: 2 / 3, onTimeRate: 1 / 3 },
        { squadId: org.squads.A2, counted: 2, done: 0, doneOnTime: 0, missed: 1, overdue: 1, skipped: 1, doneRate: 0, onTimeRate: 0 },
      ]);
      const byMember = Object.fromEntries(all.sopCompliance.byMember.map((r) => [r.memberId, r]));
      expect(byMember[rep11().id]).toEqual({ memberId: rep11().id, counted: 2, done: 2, doneOnTime: 1, missed: 0, onTimeRate: 0.5 });
      expect(byMember[rep12().id]).toEqual({ memberId: rep12().id, counted: 1, done: 0, doneOnTime: 0, missed: 1, onTimeRate: 0 });

      const squadA1 = await ok<Report>(q, { input: { from, to, squadId: org.squads.A1 } }, tok.leadA1);
      expect(squadA1.sopCompliance.total).toMatchObject({ counted: 3, done: 2, doneOnTime: 1, missed: 1 });
      const own = await ok<Report>(q, { input: { from, to } }, tok.rep12);
      expect(own.sopCompliance.total).toMatchObject({ counted: 1, missed: 1 });
      expect(own.sopCompliance.byMember.map((r) => r.memberId)).toEqual([rep12().id]);
      expectError(await t.gql(q, { input: { from, to, memberId: rep11().id } }, tok.rep12), 'FORBIDDEN');
      expectError(await t.gql(q, { input: { from, to, squadId: org.squads.A2 } }, tok.leadA1), 'FORBIDDEN');
      expectData(await t.gql(q, { input: { from, to, memberId: rep21().id } }, tok.manager));

      // The service other contexts (the metric catalog) call: numerator / denominator per entity.
      const parts = await t.app.get(ComplianceService).parts({
        organizationId: org.organizationId,
        entityType: 'SQUAD',
        entityIds: [org.squads.A1, org.squads.A2, org.squads.B1],
        start: new Date(from),
        end: new Date(to),
      });
      expect(Object.fromEntries(parts)).toEqual({
        [org.squads.A1]: { numerator: 1, denominator: 3 },
        [org.squads.A2]: { numerator: 0, denominator: 2 },
        [org.squads.B1]: { numerator: 0, denominator: 0 },
      });
      // The same numbers as the catalog metric "SOP on-time rate" (boards rank on it).
      const day = (offset: number) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86400_000).toISOString().slice(0, 10);
      const mv = await ok<{ metricValues: { values: { entityId: string; value: number | null; numerator: number; denominator: number }[] } }>(
        'query($ids: [ID!], $a: String!, $b: String!) { metricValues(input: { metricKeys: ["sop_on_time_rate"], entityType: SQUAD, entityIds: $ids, period: { kind: CUSTOM, start: $a, end: $b } }) { values { entityId value numerator denominator } } }',
        { ids: [org.squads.A1, org.squads.A2], a: day(-1), b: day(2) },
        tok.admin,
      );
      expect(Object.fromEntries(mv.metricValues.values.map((v) => [v.entityId, [v.numerator, v.denominator, v.value]]))).toEqual({
        [org.squads.A1]: [1, 3, 1 / 3],
        [org.squads.A2]: [0, 2, 0],
      });
    });

    it('marks each item missed exactly once when two workers race', async () => {
      const far = new Date(Date.now() + 60 * 86400_000);
      const ds = t.db.dataSource;
      const [{ n: expected }] = await ds.query(`SELECT count(*)::int AS n FROM agenda_item WHERE status = 'PENDING' AND window_end < $1`, [far]);
      expect(expected).toBeGreaterThan(10);
      const [{ n: auditBefore }] = await ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'MISSED'`);
      const tx = t.app.get(TransactionRunner);
      const agenda = t.app.get(AgendaService);
      const counts = await Promise.all([tx.run(() => agenda.markMissed(far)), tx.run(() => agenda.markMissed(far))]);
      expect(counts[0] + counts[1]).toBe(expected);
      const [{ n, d }] = await ds.query(`SELECT count(*)::int AS n, count(DISTINCT entity_id)::int AS d FROM audit_event WHERE action = 'MISSED'`);
      expect(n - auditBefore).toBe(expected);
      expect(d - auditBefore).toBe(expected);
      // Through the scheduler (advisory lock): nothing left to do.
      const runs = await Promise.all([t.app.get(JobScheduler).runOnce(MARK_MISSED_JOB, far), t.app.get(JobScheduler).runOnce(MARK_MISSED_JOB, far)]);
      expect(runs.map((r) => r ?? 0)).toEqual([0, 0]);
    });

    // Deterministic interleaving: needs two sessions at once, so only on a PostgreSQL server.
    (process.env.TEST_DATABASE_URL ? it : it.skip)('skips rows another worker holds and never re-marks them after it commits', async () => {
      const ds = t.db.dataSource;
      const far = new Date(Date.now() + 60 * 86400_000);
      await ds.query(`UPDATE agenda_item SET status = 'PENDING', missed_at = NULL WHERE status = 'MISSED' AND organization_id = $1`, [org.organizationId]);
      const [{ n: expected }] = await ds.query(`SELECT count(*)::int AS n FROM agenda_item WHERE status = 'PENDING' AND window_end < $1`, [far]);
      const agenda = t.app.get(AgendaService);
      const tx = t.app.get(TransactionRunner);
      const first = ds.createQueryRunner();
      await first.connect();
      await first.startTransaction();
      try {
        expect(await runWithManager(first.manager, () => agenda.markMissed(far))).toBe(expected);
        // The first worker has not committed: the second skips its locked rows instead of waiting or marking them.
        expect(await tx.run(() => agenda.markMissed(far))).toBe(0);
        await first.commitTransaction();
      } finally {
        await first.release();
      }
      expect(await tx.run(() => agenda.markMissed(far))).toBe(0);
    });
  });
});
