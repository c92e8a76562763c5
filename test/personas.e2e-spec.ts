import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SEED_PERSONA_CATALOGS } from '../migrations/1797300000021-Personas.js';
import { buildOrg, FIXTURE_PERSONAS, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { SURVEY_DEFINITION } from './support/intake.js';

type Persona = {
  id: string;
  key: string;
  name: string;
  description: string;
  names: { en: string | null; ru: string | null; zh: string | null; vi: string | null };
};
const FIELDS = 'id key name description names { en ru zh vi }';

/** A pre-sales playbook content naming the given personas in a step variant, an audience and an answer. */
const content = (variants: string[], audience: string[] = [], answer: string | null = null) => ({
  steps: [
    {
      key: 'hello',
      dayOffset: 0,
      localTime: '20:00',
      windowMinutes: 120,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      personas: audience,
      title: 'Hello',
      scripts: [{ text: 'Hi {{lead.firstName}}' }, ...variants.map((persona) => ({ persona, text: `Hi {{lead.firstName}} (${persona})` }))],
    },
  ],
  objections: [{ key: 'price', objection: 'Too expensive', answers: [{ text: 'Installments' }, ...(answer ? [{ persona: answer, text: 'For you' }] : [])] }],
});

describe('persona catalog', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tok: Record<string, string> = {};

  const gql = <T>(query: string, variables: Record<string, unknown>, token: string) => t.gql<T>(query, variables, token);
  const create = (input: Record<string, unknown>, token = tok.manager!) =>
    gql<{ createPersona: Persona }>(`mutation($i: CreatePersonaInput!) { createPersona(input: $i) { ${FIELDS} } }`, { i: input }, token);
  const list = async (token: string) => expectData(await gql<{ personas: Persona[] }>(`{ personas { ${FIELDS} } }`, {}, token)).personas;
  const remove = (id: string, token = tok.manager!) =>
    gql<{ deletePersona: Persona }>('mutation($id: ID!) { deletePersona(id: $id) { id key } }', { id }, token);
  const playbookDraft = async (c: object, name: string): Promise<string> =>
    expectData(
      await gql<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { draft { id } } }',
        { i: { legionId: org.legionA, name, kind: 'PRE_SALES', content: c } },
        tok.manager!,
      ),
    ).createPlaybook.draft.id;
  const publishPlaybook = (id: string) =>
    gql<{ publishPlaybookVersion: { id: string; status: string; warnings: string[] | null } }>(
      'mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id status warnings } }',
      { id },
      tok.manager!,
    );
  const survey = async (definition: object, name: string): Promise<string> =>
    expectData(
      await gql<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        { i: { name, kind: 'INTAKE', definition } },
        tok.manager!,
      ),
    ).createSurvey.id;
  const publishSurvey = (id: string) => gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { status } } }', { id }, tok.manager!);

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'pers');
    other = await buildOrg(t.app, 'persx');
    tok.admin = await t.login(org.admin.email, PASSWORD);
    tok.manager = await t.login(org.manager.email, PASSWORD);
    tok.lead = await t.login(org.leads.A1.email, PASSWORD);
    tok.rep = await t.login(org.members.A1[0]!.email, PASSWORD);
    tok.otherAdmin = await t.login(other.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  describe('CRUD and access', () => {
    it('creates, lists (every signed-in user), updates and deletes a persona', async () => {
      const created = expectData(
        await create({
          key: 'night_owl',
          name: ' Night owl ',
          description: 'Studies after midnight',
          names: { en: 'Night owl', ru: 'Сова', zh: null },
        }),
      ).createPersona;
      expect(created).toMatchObject({
        key: 'night_owl',
        name: 'Night owl',
        description: 'Studies after midnight',
        names: { en: 'Night owl', ru: 'Сова', zh: null, vi: null },
      });

      for (const token of [tok.admin!, tok.lead!, tok.rep!]) expect((await list(token)).map((p) => p.key)).toEqual([...FIXTURE_PERSONAS, 'night_owl'].sort());
      expect((await list(tok.otherAdmin!)).map((p) => p.key)).not.toContain('night_owl');

      const updated = expectData(
        await gql<{ updatePersona: Persona }>(
          `mutation($id: ID!, $i: UpdatePersonaInput!) { updatePersona(id: $id, input: $i) { ${FIELDS} } }`,
          { id: created.id, i: { name: 'Night learner', names: { vi: 'Cú đêm' } } },
          tok.admin!,
        ),
      ).updatePersona;
      expect(updated).toMatchObject({
        key: 'night_owl',
        name: 'Night learner',
        description: 'Studies after midnight',
        names: { en: null, ru: null, zh: null, vi: 'Cú đêm' },
      });

      expect(expectData(await remove(created.id)).deletePersona).toEqual({ id: created.id, key: 'night_owl' });
      expect((await list(tok.manager!)).map((p) => p.key)).not.toContain('night_owl');
      expectError(await remove(created.id), 'NOT_FOUND');
    });

    it('refuses bad keys, duplicates and blank names, changing nothing', async () => {
      const before = await list(tok.manager!);
      for (const key of ['Night Owl', 'night-owl', '_owl', 'owl__x', '1owl', '']) expectError(await create({ key, name: 'x' }), 'BAD_USER_INPUT');
      const dup = expectError(await create({ key: 'parent', name: 'Parent again' }), 'BAD_USER_INPUT');
      expect(dup.extensions!.fields).toEqual([{ field: 'input.key', message: 'the catalog already has a persona "parent"' }]);
      expectError(await create({ key: 'blank_name', name: '   ' }), 'BAD_USER_INPUT');
      expectError(await create({ key: 'blank_zh', name: 'x', names: { zh: ' ' } }), 'BAD_USER_INPUT');
      expect(await list(tok.manager!)).toEqual(before);
    });

    it('lets only ADMIN and MANAGER write, and only in their own organization', async () => {
      for (const token of [tok.lead!, tok.rep!]) expectError(await create({ key: 'by_rep', name: 'x' }, token), 'FORBIDDEN');
      const mine = expectData(await create({ key: 'mine_only', name: 'Mine' })).createPersona;
      for (const token of [tok.lead!, tok.rep!]) {
        expectError(await gql('mutation($id: ID!) { updatePersona(id: $id, input: { name: "y" }) { id } }', { id: mine.id }, token), 'FORBIDDEN');
        expectError(await remove(mine.id, token), 'FORBIDDEN');
      }
      // Another organization's admin does not see it: NOT_FOUND, as for an id that does not exist.
      expectError(await gql('mutation($id: ID!) { updatePersona(id: $id, input: { name: "y" }) { id } }', { id: mine.id }, tok.otherAdmin!), 'NOT_FOUND');
      expectError(await remove(mine.id, tok.otherAdmin!), 'NOT_FOUND');
      expectError(await remove('not-a-uuid'), 'BAD_USER_INPUT');
      // The same key is free in another organization.
      expect(expectData(await create({ key: 'mine_only', name: 'Theirs' }, tok.otherAdmin!)).createPersona.key).toBe('mine_only');
      expect((await list(tok.manager!)).find((p) => p.key === 'mine_only')!.name).toBe('Mine');
    });
  });

  describe('publishing checks the catalog', () => {
    it('refuses a survey naming an unknown persona, with the path, until the catalog has it', async () => {
      const def = structuredClone(SURVEY_DEFINITION) as typeof SURVEY_DEFINITION & { personas: { persona: string }[]; defaultPersona: string };
      def.personas[0]!.persona = 'dreamer';
      def.defaultPersona = 'wanderer';
      const id = await survey(def, 'Unknown personas');
      const err = expectError(await publishSurvey(id), 'BAD_USER_INPUT');
      expect(err.extensions!.fields).toEqual([
        { field: 'definition.personas[0].persona', message: 'unknown persona "dreamer": add it to the persona catalog first (createPersona)' },
        { field: 'definition.defaultPersona', message: 'unknown persona "wanderer": add it to the persona catalog first (createPersona)' },
      ]);
      // Another organization's catalog does not count.
      expectData(await create({ key: 'dreamer', name: 'Dreamer' }, tok.otherAdmin!));
      expectData(await create({ key: 'wanderer', name: 'Wanderer' }, tok.otherAdmin!));
      expectError(await publishSurvey(id), 'BAD_USER_INPUT');
      const s = expectData(
        await gql<{ survey: { currentVersion: null } }>('query($id: ID!) { survey(id: $id) { currentVersion { id } } }', { id }, tok.manager!),
      );
      expect(s.survey.currentVersion).toBeNull();

      expectData(await create({ key: 'dreamer', name: 'Dreamer' }));
      expectData(await create({ key: 'wanderer', name: 'Wanderer' }));
      expectData(await publishSurvey(id));
    });

    it('refuses a playbook naming unknown personas in variants, audiences and answers, with each path', async () => {
      const draft = await playbookDraft(content(['dreamer', 'ghost'], ['phantom'], 'spirit'), 'Unknown personas');
      const err = expectError(await publishPlaybook(draft), 'BAD_USER_INPUT');
      const msg = (k: string) => `unknown persona "${k}": add it to the persona catalog first (createPersona)`;
      expect(err.extensions!.fields).toEqual([
        { field: 'steps[0].personas[0]', message: msg('phantom') },
        { field: 'steps[0].scripts[2].persona', message: msg('ghost') },
        { field: 'objections[0].answers[1].persona', message: msg('spirit') },
      ]);
      const v = expectData(
        await gql<{ playbookVersion: { status: string } }>('query($id: ID!) { playbookVersion(id: $id) { status } }', { id: draft }, tok.manager!),
      );
      expect(v.playbookVersion.status).toBe('DRAFT');
    });

    it('publishes with a warning for each persona the published surveys produce that the playbook has no variant for', async () => {
      // Published INTAKE surveys of the organization now produce: dreamer, wanderer (above).
      const partial = await playbookDraft(content(['dreamer']), 'Partial variants');
      const res = expectData(await publishPlaybook(partial)).publishPlaybookVersion;
      expect(res.status).toBe('PUBLISHED');
      expect(res.warnings).toEqual(['no script variant for persona "wanderer" (produced by survey "Unknown personas"): its leads see the default texts']);

      const full = await playbookDraft(content(['dreamer', 'wanderer']), 'All variants');
      expect(expectData(await publishPlaybook(full)).publishPlaybookVersion.warnings).toEqual([]);
      // Elsewhere the field is null (it belongs to the publish result).
      const read = expectData(
        await gql<{ playbookVersion: { warnings: null } }>('query($id: ID!) { playbookVersion(id: $id) { warnings } }', { id: full }, tok.manager!),
      );
      expect(read.playbookVersion.warnings).toBeNull();
    });

    it('refuses to delete a persona a published survey or playbook names (CONFLICT), and allows it once unused', async () => {
      const byKey = async (key: string) => (await list(tok.manager!)).find((p) => p.key === key)!;
      const wanderer = await byKey('wanderer');
      const conflictErr = expectError(await remove(wanderer.id), 'CONFLICT');
      expect(conflictErr.message).toContain('survey "Unknown personas"');
      expect(conflictErr.message).toContain('playbook "All variants"');

      // Only drafts name it: deletable.
      expectData(await create({ key: 'draft_only', name: 'Draft only' }));
      await playbookDraft(content(['draft_only']), 'Draft naming it');
      const draftOnly = await byKey('draft_only');
      expectData(await remove(draftOnly.id));
      expect(await byKey('wanderer')).toEqual(wanderer);
    });

    it("the migration seeds each organization's catalog from the personas its surveys and playbooks name", async () => {
      const db = t.app.get(DataSource);
      const theirs = (await list(tok.otherAdmin!)).map((p) => p.key);
      await db.query('DELETE FROM persona WHERE organization_id = $1', [org.organizationId]);
      await db.query(SEED_PERSONA_CATALOGS);
      const seeded = await list(tok.manager!);
      // Every version counts, drafts too (the refused "Unknown personas" playbook draft above).
      expect(seeded.map((p) => [p.key, p.name])).toEqual([
        ['draft_only', 'Draft Only'],
        ['dreamer', 'Dreamer'],
        ['ghost', 'Ghost'],
        ['phantom', 'Phantom'],
        ['spirit', 'Spirit'],
        ['wanderer', 'Wanderer'],
      ]);
      expect((await list(tok.otherAdmin!)).map((p) => p.key)).toEqual(theirs);
      // Run again: nothing changes; and the draft that named unknown personas now publishes.
      await db.query(SEED_PERSONA_CATALOGS);
      expect(await list(tok.manager!)).toEqual(seeded);
      const [draft] = await db.query(
        `SELECT v.id FROM playbook_version v JOIN playbook p ON p.id = v.playbook_id WHERE p.organization_id = $1 AND p.name = 'Unknown personas'`,
        [org.organizationId],
      );
      expect(expectData(await publishPlaybook(draft.id)).publishPlaybookVersion.status).toBe('PUBLISHED');
    });
  });
});
