import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebEnv } from './browser.js';

interface Question {
  key: string;
  type: string;
  required: boolean;
  options: { key: string }[] | null;
  bands: { min: number | null; max: number | null }[] | null;
}

async function q<T>(env: WebEnv, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await env.gql<T>(query, variables, token);
  if (!res.data) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/**
 * The demo's published intake survey and a CSV for it (written to a temp file): three leads with
 * an answer to every question, the second (file line 3) choosing an option the survey does not
 * have, so the import reports exactly that line.
 */
export async function importFixture(
  env: WebEnv,
  admin: string,
): Promise<{ surveyId: string; surveyName: string; csvPath: string; badLine: number; badField: string }> {
  const { surveys } = await q<{ surveys: { id: string; name: string; kind: string; currentVersion: { definition: { questions: Question[] } } | null }[] }>(
    env,
    admin,
    `{ surveys(kind: INTAKE) { id name kind currentVersion { definition { questions { key type required options { key } bands { min max } } } } } }`,
  );
  const survey = surveys.find((s) => s.currentVersion)!;
  const questions = survey.currentVersion!.definition.questions;
  const answer = (qn: Question) => {
    if (qn.type === 'SINGLE_CHOICE' || qn.type === 'MULTIPLE_CHOICE') return qn.options![0]!.key;
    if (qn.type === 'YES_NO') return 'yes';
    if (qn.type === 'NUMBER') {
      const b = qn.bands![0]!;
      return String(b.min ?? (b.max ?? 1) - 1);
    }
    return 'from the journey';
  };
  const choice = questions.find((qn) => qn.type === 'SINGLE_CHOICE')!;
  const stamp = Date.now().toString(36);
  const row = (name: string, email: string, override?: [string, string]) =>
    [name, email, ...questions.map((qn) => (override && override[0] === qn.key ? override[1] : answer(qn)))].join(',');
  const csv = [
    ['name', 'email', ...questions.map((qn) => qn.key)].join(','),
    row('Journey Anna', `anna.${stamp}@import.test`),
    row('Journey Boris', `boris.${stamp}@import.test`, [choice.key, 'astronaut']),
    row('Journey Chen', `chen.${stamp}@import.test`),
    '',
  ].join('\n');
  const csvPath = join(mkdtempSync(join(tmpdir(), 'admin-data-')), 'leads.csv');
  writeFileSync(csvPath, csv);
  return { surveyId: survey.id, surveyName: survey.name, csvPath, badLine: 3, badField: choice.key };
}

/** A recorded change with a known diff: a squad renamed (UPDATED, name before → after). */
export async function renameSquad(env: WebEnv, admin: string): Promise<{ squadId: string; before: string; after: string }> {
  const { squads } = await q<{ squads: { id: string; name: string }[] }>(env, admin, `{ squads { id name } }`);
  const squad = squads[0]!;
  const after = `${squad.name} (renamed)`;
  await q(env, admin, `mutation($id: ID!, $input: UpdateSquadInput!) { updateSquad(id: $id, input: $input) { id } }`, { id: squad.id, input: { name: after } });
  return { squadId: squad.id, before: squad.name, after };
}
