import type { WebEnv } from './browser.js';

/** GraphQL through the API as a given token; throws with the errors when there is no data. */
export async function gqlAs<T>(env: WebEnv, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await env.gql<T>(query, variables, token);
  if (!res.data) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/**
 * A playbook of the manager's legion with a step to link an experiment to: the first playbook of
 * that legion whose draft (or published version) has steps. Returns its id, the first step's key
 * and a persona key of the organization's catalog (for the promotion choice).
 */
export async function managerPlaybookStep(env: WebEnv, token: string): Promise<{ playbookId: string; stepKey: string; persona: string; legionId: string }> {
  const { squads, me, playbooks, personas } = await gqlAs<{
    me: { id: string };
    squads: { id: string; legion: { id: string; commanderId: string | null } }[];
    playbooks: { id: string; legionId: string; draft: { steps: { key: string }[] } | null; publishedVersion: { steps: { key: string }[] } | null }[];
    personas: { key: string }[];
  }>(
    env,
    token,
    `{ me { id } squads { id legion { id commanderId } } playbooks { id legionId draft { steps { key } } publishedVersion { steps { key } } } personas { key } }`,
  );
  const legionIds = new Set(squads.filter((s) => s.legion.commanderId === me.id).map((s) => s.legion.id));
  // The form lists the manager's first squad (in the API's order) and that squad's legion's playbooks.
  const first = squads.find((s) => s.legion.commanderId === me.id);
  if (!first) throw new Error('the manager commands no squad');
  const pb = playbooks.find((p) => p.legionId === first.legion.id && ((p.draft ?? p.publishedVersion)?.steps.length ?? 0) > 0);
  if (!pb || !legionIds.has(pb.legionId)) throw new Error('no playbook with steps in the manager legion');
  const persona = personas.find((p) => p.key === 'explorer')?.key ?? personas[0]?.key;
  if (!persona) throw new Error('no persona in the catalog');
  return { playbookId: pb.id, stepKey: (pb.draft ?? pb.publishedVersion)!.steps[0].key, persona, legionId: first.legion.id };
}

/** The texts of one step of the playbook's draft, by script variant (`default` or persona key). */
export async function draftScripts(env: WebEnv, token: string, playbookId: string, stepKey: string): Promise<Record<string, string>> {
  const { playbook } = await gqlAs<{ playbook: { draft: { steps: { key: string; scripts: { persona: string | null; text: string }[] }[] } | null } }>(
    env,
    token,
    `query($id: ID!) { playbook(id: $id) { draft { steps { key scripts { persona text } } } } }`,
    { id: playbookId },
  );
  const step = playbook.draft?.steps.find((s) => s.key === stepKey);
  return Object.fromEntries((step?.scripts ?? []).map((s) => [s.persona ?? 'default', s.text]));
}
