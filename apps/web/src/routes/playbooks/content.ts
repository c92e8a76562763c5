// Pure helpers of the playbook editor: the editable form of a version, the content input the API
// takes, field paths of the API's errors, the script preview and variable autocomplete.
// Unit-tested in content.spec.ts.

export type Channel = 'CALL' | 'GROUP_POST' | 'PRIVATE_MESSAGE' | 'TASK';
export type Audience = 'GROUP' | 'LEADS';
export type Scope = 'PER_REP' | 'PER_SQUAD';

export interface ScriptDraft {
  /** null = the default text. */
  persona: string | null;
  text: string;
}

export interface StepDraft {
  /** Stable across versions; '' for a new step (the API generates one). */
  key: string;
  dayOffset: string;
  localTime: string;
  /** '' = no window. */
  windowMinutes: string;
  channel: Channel;
  audience: Audience;
  groupScope: Scope;
  tiers: string[];
  personas: string[];
  title: string;
  goal: string;
  afterPurchase: boolean;
  scripts: ScriptDraft[];
}

export interface AnswerDraft {
  id: string | null;
  label: string;
  persona: string | null;
  text: string;
}

export interface ObjectionDraft {
  key: string;
  stepKey: string | null;
  objection: string;
  answers: AnswerDraft[];
}

export interface ContentDraft {
  changeNote: string;
  steps: StepDraft[];
  objections: ObjectionDraft[];
}

interface VersionLike {
  changeNote: string;
  steps: {
    key: string;
    dayOffset: number;
    localTime: string;
    windowMinutes?: number | null;
    channel: Channel;
    audience: Audience;
    groupScope: Scope;
    tiers: string[];
    personas: string[];
    title: string;
    goal: string;
    afterPurchase: boolean;
    scripts: { persona?: string | null; text: string }[];
  }[];
  objections: {
    key: string;
    stepKey?: string | null;
    objection: string;
    answers: { id: string; label?: string | null; persona?: string | null; text: string }[];
  }[];
}

export function draftOf(v: VersionLike): ContentDraft {
  return {
    changeNote: v.changeNote,
    steps: v.steps.map((s) => ({
      key: s.key,
      dayOffset: String(s.dayOffset),
      localTime: s.localTime,
      windowMinutes: s.windowMinutes == null ? '' : String(s.windowMinutes),
      channel: s.channel,
      audience: s.audience,
      groupScope: s.groupScope,
      tiers: [...s.tiers],
      personas: [...s.personas],
      title: s.title,
      goal: s.goal,
      afterPurchase: s.afterPurchase,
      scripts: s.scripts.map((x) => ({ persona: x.persona ?? null, text: x.text })),
    })),
    objections: v.objections.map((o) => ({
      key: o.key,
      stepKey: o.stepKey ?? null,
      objection: o.objection,
      answers: o.answers.map((a) => ({ id: a.id, label: a.label ?? '', persona: a.persona ?? null, text: a.text })),
    })),
  };
}

export function newStep(after?: StepDraft): StepDraft {
  return {
    key: '',
    dayOffset: after?.dayOffset ?? '0',
    localTime: after?.localTime ?? '10:00',
    windowMinutes: '60',
    channel: 'PRIVATE_MESSAGE',
    audience: 'LEADS',
    groupScope: 'PER_REP',
    tiers: [],
    personas: [],
    title: '',
    goal: '',
    afterPurchase: false,
    scripts: [{ persona: null, text: '' }],
  };
}

/** A whole number from a form field; NaN when it is not one (the API then names the field). */
function int(s: string): number {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The `PlaybookContentInput` of a draft. Numbers that are not whole numbers are sent as they are
 * typed would be impossible (GraphQL Int), so they are returned in `local` instead, with the field
 * path the API would use.
 */
export function contentInput(d: ContentDraft): { input: ContentInput; local: { field: string; message: string }[] } {
  const local: { field: string; message: string }[] = [];
  const steps = d.steps.map((s, i) => {
    const dayOffset = int(s.dayOffset);
    if (Number.isNaN(dayOffset)) local.push({ field: `steps[${i}].dayOffset`, message: 'NOT_A_NUMBER' });
    const win = s.windowMinutes.trim() === '' ? null : int(s.windowMinutes);
    if (win !== null && Number.isNaN(win)) local.push({ field: `steps[${i}].windowMinutes`, message: 'NOT_A_NUMBER' });
    const leads = s.audience === 'LEADS';
    return {
      ...(s.key ? { key: s.key } : {}),
      dayOffset: Number.isNaN(dayOffset) ? 0 : dayOffset,
      localTime: s.localTime.trim(),
      windowMinutes: win === null || Number.isNaN(win) ? null : win,
      channel: s.channel,
      audience: s.audience,
      groupScope: leads ? null : s.groupScope,
      tiers: leads ? s.tiers : [],
      personas: leads ? s.personas : [],
      title: s.title,
      goal: s.goal,
      afterPurchase: leads ? s.afterPurchase : false,
      scripts: s.scripts.map((x) => ({ persona: x.persona || null, text: x.text })),
    };
  });
  const objections = d.objections.map((o) => ({
    ...(o.key ? { key: o.key } : {}),
    stepKey: o.stepKey || null,
    objection: o.objection,
    answers: o.answers.map((a) => ({ ...(a.id ? { id: a.id } : {}), label: a.label.trim() || null, persona: a.persona || null, text: a.text })),
  }));
  return { input: { changeNote: d.changeNote, steps, objections }, local };
}

export interface ContentInput {
  changeNote: string;
  steps: {
    key?: string;
    dayOffset: number;
    localTime: string;
    windowMinutes: number | null;
    channel: Channel;
    audience: Audience;
    groupScope: Scope | null;
    tiers: string[];
    personas: string[];
    title: string;
    goal: string;
    afterPurchase: boolean;
    scripts: { persona: string | null; text: string }[];
  }[];
  objections: {
    key?: string;
    stepKey: string | null;
    objection: string;
    answers: { id?: string; label: string | null; persona: string | null; text: string }[];
  }[];
}

/**
 * One form of a field path whatever the source: publish issues say `steps[3].scripts[1].text`,
 * input validation says `content.steps.3.scripts.1.text`. Both become `steps[3].scripts[1].text`.
 */
export function normalizePath(field: string): string {
  return field
    .replace(/^(content|input)\./, '')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
    .replace(/^(\w+)\.(?=\[)/, '$1');
}

/** Messages by normalized field path (several messages of one field joined). */
export function issuesByPath(issues: { field: string; message: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of issues) {
    const p = normalizePath(i.field);
    out.set(p, out.has(p) ? `${out.get(p)} ${i.message}` : i.message);
  }
  return out;
}

/** The script variant a lead of `persona` sees: their own, else the default text. */
export function pickScript<T extends { persona: string | null }>(scripts: readonly T[], persona: string | null): T | null {
  return (persona ? scripts.find((s) => s.persona === persona) : undefined) ?? scripts.find((s) => !s.persona) ?? null;
}

/** Fills `{{name}}` placeholders; unknown or empty ones stay as written and are listed. */
export function renderPreview(text: string, values: Record<string, string | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(/\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return v;
  });
  return { text: out, missing };
}

/**
 * Autocomplete at the caret: when the text just before `caret` is an unclosed `{{prefix`, the
 * variables starting with the prefix and where the placeholder starts; else null.
 */
export function variableQuery(text: string, caret: number): { start: number; prefix: string } | null {
  const before = text.slice(0, caret);
  const m = /\{\{\s*([a-zA-Z][\w.]*)?$/.exec(before);
  if (!m) return null;
  return { start: m.index, prefix: m[1] ?? '' };
}

/** Inserts `{{name}}` for the placeholder being typed at [start, caret); returns the text and the new caret. */
export function insertVariable(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  let end = caret;
  // Swallow closing braces already typed after the caret.
  while (end < text.length && text[end] === '}' && end - caret < 2) end++;
  const token = `{{${name}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

/** Steps ordered on the day/time grid: by day, then time, then their position in the list. */
export function gridOrder(steps: readonly { dayOffset: string; localTime: string }[]): number[] {
  return steps
    .map((s, i) => ({ i, d: int(s.dayOffset), t: s.localTime }))
    .sort((a, b) => (Number.isNaN(a.d) ? 1e9 : a.d) - (Number.isNaN(b.d) ? 1e9 : b.d) || a.t.localeCompare(b.t) || a.i - b.i)
    .map((x) => x.i);
}

/** Progress of a cohort's items per rep: counts per status, done share among those due. */
export interface RepProgress {
  repId: string;
  repName: string;
  total: number;
  done: number;
  late: number;
  pending: number;
  skipped: number;
  missed: number;
  cancelled: number;
  leads: number;
}

export function progressByRep(
  items: readonly { cohortId: string; status: string; dueAt: string; rep?: { id: string; name: string } | null; lead?: { id: string } | null }[],
  cohortId: string,
  now: Date,
): RepProgress[] {
  const by = new Map<string, RepProgress & { leadIds: Set<string> }>();
  for (const it of items) {
    if (it.cohortId !== cohortId || !it.rep) continue;
    let r = by.get(it.rep.id);
    if (!r) {
      r = { repId: it.rep.id, repName: it.rep.name, total: 0, done: 0, late: 0, pending: 0, skipped: 0, missed: 0, cancelled: 0, leads: 0, leadIds: new Set() };
      by.set(it.rep.id, r);
    }
    r.total++;
    if (it.lead) r.leadIds.add(it.lead.id);
    switch (it.status) {
      case 'DONE':
        r.done++;
        break;
      case 'SKIPPED':
        r.skipped++;
        break;
      case 'MISSED':
        r.missed++;
        break;
      case 'CANCELLED':
        r.cancelled++;
        break;
      default:
        if (new Date(it.dueAt) < now) r.late++;
        else r.pending++;
    }
  }
  return [...by.values()].map(({ leadIds, ...r }) => ({ ...r, leads: leadIds.size })).sort((a, b) => a.repName.localeCompare(b.repName));
}
