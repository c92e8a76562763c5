// The leaderboard definition form's state, its checks and the API input it becomes (pure; see boardDraft.spec.ts).

export type Scope = 'MEMBER' | 'SQUAD';
export type Kind = 'PRE_SALES' | 'COURSE_SERVICE';
export type BoardPeriod = 'DAY' | 'ISO_WEEK' | 'MONTH' | 'QUARTER';

export interface Draft {
  name: string;
  scope: Scope;
  teamKind: Kind;
  /** 'ORG', 'LEGION:<id>' or 'SQUAD:<id>'. */
  population: string;
  periodKind: BoardPeriod;
  mode: 'single' | 'composite';
  metricKey: string;
  components: { metricKey: string; weight: string }[];
  windowPeriods: string;
  /** '' = no minimum. */
  minDenominator: string;
  /** '' or 0 = no shrinkage. */
  shrinkageK: string;
  topPct: string;
  bottomPct: string;
  watchStreak: string;
}

export const EMPTY_DRAFT: Draft = {
  name: '',
  scope: 'MEMBER',
  teamKind: 'PRE_SALES',
  population: '',
  periodKind: 'ISO_WEEK',
  mode: 'single',
  metricKey: '',
  components: [
    { metricKey: '', weight: '1' },
    { metricKey: '', weight: '1' },
  ],
  windowPeriods: '1',
  minDenominator: '',
  shrinkageK: '',
  topPct: '20',
  bottomPct: '10',
  watchStreak: '2',
};

/** A field's problem as an i18n key under numbers.boards.problem (with its values). */
export interface Problem {
  key: string;
  values?: Record<string, number>;
}

const isInt = (s: string) => /^-?\d+$/.test(s.trim());
const num = (s: string) => Number(s.trim().replace(',', '.'));

function intIn(s: string, min: number, max: number): Problem | null {
  if (!isInt(s)) return { key: 'wholeNumber' };
  const v = Number(s);
  if (v < min || v > max) return { key: 'between', values: { min, max } };
  return null;
}

/**
 * The problems of a draft by field (the API's field names, so the API's own errors land on the
 * same inputs). `forSave` also requires a name; the preview runs without one.
 */
export function draftProblems(d: Draft, isRate: (metricKey: string) => boolean, forSave: boolean): Record<string, Problem> {
  const p: Record<string, Problem> = {};
  if (forSave && !d.name.trim()) p.name = { key: 'nameRequired' };
  if (forSave && d.name.trim().length > 120) p.name = { key: 'nameTooLong', values: { max: 120 } };
  if (!d.population) p.populationId = { key: 'choosePopulation' };
  let keys: string[] = [];
  if (d.mode === 'single') {
    if (!d.metricKey) p.metricKey = { key: 'chooseMetric' };
    else keys = [d.metricKey];
  } else {
    keys = d.components.map((c) => c.metricKey);
    if (d.components.length < 2 || d.components.length > 8) p.components = { key: 'componentCount', values: { min: 2, max: 8 } };
    else if (keys.some((k) => !k)) p.components = { key: 'chooseMetric' };
    else if (new Set(keys).size !== keys.length) p.components = { key: 'componentTwice' };
    else if (d.components.some((c) => !(c.weight.trim() !== '' && num(c.weight) >= 0 && num(c.weight) <= 1000)))
      p.components = { key: 'weightRange', values: { min: 0, max: 1000 } };
    else if (!(d.components.reduce((s, c) => s + num(c.weight), 0) > 0)) p.components = { key: 'weightSum' };
  }
  const window = intIn(d.windowPeriods, 1, 52);
  if (window) p.windowPeriods = window;
  const rate = keys.some((k) => k && isRate(k));
  if (d.minDenominator.trim()) {
    const e = intIn(d.minDenominator, 0, 1_000_000);
    if (e) p.minDenominator = e;
    else if (keys.length && !rate) p.minDenominator = { key: 'needsRate' };
  }
  if (d.shrinkageK.trim()) {
    const v = num(d.shrinkageK);
    if (!Number.isFinite(v) || v < 0 || v > 100_000) p.shrinkageK = { key: 'between', values: { min: 0, max: 100_000 } };
    else if (v > 0 && keys.length && !rate) p.shrinkageK = { key: 'needsRate' };
  }
  const top = intIn(d.topPct, 0, 100);
  const bottom = intIn(d.bottomPct, 0, 100);
  if (top) p.topPct = top;
  if (bottom) p.bottomPct = bottom;
  if (!top && !bottom && Number(d.topPct) + Number(d.bottomPct) > 100) p.bottomPct = { key: 'bandsOver', values: { max: 100 } };
  const streak = intIn(d.watchStreak, 1, 52);
  if (streak) p.watchStreak = streak;
  return p;
}

/** The rules part of the API input (for create, update and preview). */
export function rulesInput(d: Draft) {
  return {
    metricKey: d.mode === 'single' ? d.metricKey : null,
    components: d.mode === 'composite' ? d.components.map((c) => ({ metricKey: c.metricKey, weight: num(c.weight) })) : null,
    windowPeriods: Number(d.windowPeriods),
    minDenominator: d.minDenominator.trim() ? Number(d.minDenominator) : null,
    shrinkageK: d.shrinkageK.trim() ? num(d.shrinkageK) : null,
    topPct: Number(d.topPct),
    bottomPct: Number(d.bottomPct),
    watchStreak: Number(d.watchStreak),
  };
}

/** The population part: ORG, or a legion or squad id. */
export function populationInput(population: string): { populationType: 'ORG' | 'LEGION' | 'SQUAD'; populationId: string | null } {
  if (population === 'ORG' || !population) return { populationType: 'ORG', populationId: null };
  const [type, id] = population.split(':') as ['LEGION' | 'SQUAD', string];
  return { populationType: type, populationId: id };
}

interface SavedDefinition {
  name: string;
  scope: string;
  teamKind: string;
  populationType: string;
  populationId?: string | null;
  periodKind: string;
  current: {
    metricKey?: string | null;
    components?: { metricKey: string; weight: number }[] | null;
    windowPeriods: number;
    minDenominator?: number | null;
    shrinkageK?: number | null;
    topPct: number;
    bottomPct: number;
    watchStreak: number;
  };
}

/** A saved definition as a draft (for editing). */
export function draftOf(def: SavedDefinition): Draft {
  const c = def.current;
  return {
    name: def.name,
    scope: def.scope as Scope,
    teamKind: def.teamKind as Kind,
    population: def.populationType === 'ORG' ? 'ORG' : `${def.populationType}:${def.populationId}`,
    periodKind: def.periodKind as BoardPeriod,
    mode: c.components?.length ? 'composite' : 'single',
    metricKey: c.metricKey ?? '',
    components: c.components?.length ? c.components.map((x) => ({ metricKey: x.metricKey, weight: String(x.weight) })) : EMPTY_DRAFT.components,
    windowPeriods: String(c.windowPeriods),
    minDenominator: c.minDenominator == null ? '' : String(c.minDenominator),
    shrinkageK: c.shrinkageK == null ? '' : String(c.shrinkageK),
    topPct: String(c.topPct),
    bottomPct: String(c.bottomPct),
    watchStreak: String(c.watchStreak),
  };
}
