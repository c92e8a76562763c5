import type { QuestionType } from '../../../gql/graphql';

/** A survey definition as the screen edits it: the API's shape without `__typename`. */
export interface Definition {
  defaultPersona: string;
  defaultTier: string;
  groupCaps?: { group: string; maxPoints: number; minPoints?: number | null }[] | null;
  personas?: { persona: string; when: Condition[] }[] | null;
  questions: Question[];
  rules?: { key: string; label?: string | null; points: number; when: Condition[] }[] | null;
  tiers: { tier: string; minScore: number }[];
}
export interface Condition {
  questionKey: string;
  optionKeys?: string[] | null;
  min?: number | null;
  max?: number | null;
  equals?: boolean | null;
}
export interface Question {
  key: string;
  type: QuestionType;
  label?: string | null;
  required: boolean;
  weight?: number | null;
  group?: string | null;
  yesPoints?: number | null;
  noPoints?: number | null;
  options?: { key: string; label?: string | null; points: number }[] | null;
  bands?: { min?: number | null; max?: number | null; points: number }[] | null;
}

/** A definition as `SurveyDefinitionInput`: no `__typename`, no null fields (left out = default). */
export function toDefinitionInput<T>(value: T): T {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (k !== '__typename' && x !== null && x !== undefined) out[k] = clean(x);
      return out;
    }
    return v;
  };
  return clean(value) as T;
}

/** The paths (as the API names them, e.g. `questions[2].bands[1]`) that the editor shows problems on. */
export function editorPaths(def: Definition): Set<string> {
  const paths = new Set<string>(['defaultTier', 'tiers']);
  def.questions.forEach((q, i) => {
    const p = `questions[${i}]`;
    for (const f of ['label', 'weight', 'yesPoints', 'noPoints', 'options', 'bands']) paths.add(`${p}.${f}`);
    q.options?.forEach((_, j) => ['', '.label', '.points'].forEach((f) => paths.add(`${p}.options[${j}]${f}`)));
    q.bands?.forEach((_, j) => ['', '.min', '.max', '.points'].forEach((f) => paths.add(`${p}.bands[${j}]${f}`)));
  });
  def.tiers.forEach((_, i) => ['', '.tier', '.minScore'].forEach((f) => paths.add(`tiers[${i}]${f}`)));
  return paths;
}

/** A problem's path without the argument prefix of a mutation error (`definition.questions[0]` → `questions[0]`). */
export const issuePath = (field: string) => field.replace(/^(input\.)?definition\./, '');

/** Sets one value deep inside a definition (immutably), e.g. at ['questions', 2, 'options', 0, 'points']. */
export function setIn<T>(root: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const node = root as unknown as Record<string | number, unknown>;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head!] = setIn(node[head!], rest, value);
  return copy as unknown as T;
}
