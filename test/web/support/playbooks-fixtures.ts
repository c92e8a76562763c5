import type { WebEnv } from './browser.js';

// Data of the playbooks journey (test/web/playbooks.web-spec.ts), built through the API: a
// pre-sales playbook of the lead's legion with version 1 published by the manager and no draft,
// so that the lead starts the draft from the console.

export interface PlaybooksFixture {
  playbookId: string;
  v1: string;
  legionId: string;
}

async function q<T>(env: WebEnv, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await env.gql<T>(query, variables, token);
  if (!res.data) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export async function createPlaybooksFixture(env: WebEnv, leadEmail: string, managerEmail: string): Promise<PlaybooksFixture> {
  const lead = await env.login(leadEmail);
  const manager = await env.login(managerEmail);
  const { me } = await q<{ me: { squad: { legion: { id: string } } | null } }>(env, lead, `{ me { squad { legion { id } } } }`);
  const legionId = me.squad!.legion.id;
  const { createPlaybook } = await q<{ createPlaybook: { id: string; versions: { id: string }[] } }>(
    env,
    manager,
    `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id versions { id } } }`,
    {
      input: {
        legionId,
        kind: 'PRE_SALES',
        name: 'Weekend intro camp (journey)',
        productName: 'Data Analyst course',
        content: {
          changeNote: 'First version.',
          steps: [
            {
              key: 'd0_welcome',
              dayOffset: 0,
              localTime: '10:00',
              windowMinutes: 120,
              channel: 'PRIVATE_MESSAGE',
              audience: 'LEADS',
              title: 'Welcome message',
              scripts: [{ persona: null, text: 'Hi {{lead.firstName}}, I am {{rep.firstName}} — welcome to the camp!' }],
            },
            {
              key: 'd0_group',
              dayOffset: 0,
              localTime: '19:00',
              channel: 'GROUP_POST',
              audience: 'GROUP',
              title: 'Evening group post',
              scripts: [{ persona: null, text: 'Day {{day}} is done — share your result in the chat.' }],
            },
          ],
          objections: [
            {
              key: 'price',
              objection: 'It is too expensive',
              answers: [{ label: 'installments', text: 'We have installments from the first month, {{lead.firstName}}.' }],
            },
          ],
        },
      },
    },
  );
  const v1 = createPlaybook.versions[0]!.id;
  await q(env, manager, `mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id status } }`, { id: v1 });
  return { playbookId: createPlaybook.id, v1, legionId };
}
