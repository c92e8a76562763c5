import { isValidLocalTime } from '@lib/schedule';
import { SCRIPT_VARIABLE_NAMES, extractVariables, validateTemplate } from '@lib/script';
import type { FieldError } from '../common/errors.js';
import { GroupScope, StepAudience, StepChannel, type ObjectionAnswerData, type ScriptVariantData } from './entities/playbook.entity.js';
import { BOUNDS } from '../common/bounds.js';

/** The editable content of a playbook version (what a draft saves and a publish freezes). */
export interface StepContent {
  key: string;
  dayOffset: number;
  localTime: string;
  windowMinutes: number | null;
  channel: StepChannel;
  audience: StepAudience;
  groupScope: GroupScope;
  tiers: string[];
  personas: string[];
  title: string;
  goal: string;
  scripts: ScriptVariantData[];
  /** Part of the after-purchase path: kept (not cancelled) when the lead converts. LEADS steps only. */
  afterPurchase: boolean;
}

export interface ObjectionContent {
  key: string;
  stepKey: string | null;
  objection: string;
  answers: ObjectionAnswerData[];
}

export interface PlaybookContent {
  steps: StepContent[];
  objections: ObjectionContent[];
}

/** Warm-up can start two months before day 0; a playbook spans at most a year. */
export const DAY_OFFSET_RANGE = BOUNDS.dayOffset;
/** A window longer than a week is not a window. */
export const MAX_WINDOW_MINUTES = BOUNDS.windowMinutes.max;

const LEAD_VARIABLE = /^lead\./;

function templateErrors(field: string, text: string, opts: { group: boolean }): FieldError[] {
  const out: FieldError[] = [];
  if (text.trim() === '') return [{ field, message: 'must not be empty' }];
  const { unknown, malformed } = validateTemplate(text, SCRIPT_VARIABLE_NAMES);
  if (unknown.length) {
    out.push({
      field,
      message: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}; allowed: ${SCRIPT_VARIABLE_NAMES.join(', ')}`,
    });
  }
  if (malformed.length)
    out.push({ field, message: `malformed placeholder${malformed.length > 1 ? 's' : ''} ${malformed.map((m) => JSON.stringify(m)).join(', ')}` });
  if (opts.group) {
    const leadVars = extractVariables(text).filter((v) => LEAD_VARIABLE.test(v));
    if (leadVars.length) {
      out.push({ field, message: `${leadVars.map((v) => `{{${v}}}`).join(', ')} cannot be used in a group step (it is not addressed to one lead)` });
    }
  }
  return out;
}

/**
 * Everything that must hold before a version is published, as per-field errors with paths such as
 * `steps[3].scripts[1].text`. Empty = publishable. Drafts may violate these while being edited.
 */
export function validateContent(content: PlaybookContent): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, message: string) => errors.push({ field, message });
  if (content.steps.length === 0) push('steps', 'a playbook needs at least one step');
  const stepKeys = new Set<string>();
  content.steps.forEach((s, i) => {
    const p = `steps[${i}]`;
    if (stepKeys.has(s.key)) push(`${p}.key`, `duplicate step key "${s.key}"`);
    stepKeys.add(s.key);
    if (!Number.isSafeInteger(s.dayOffset) || s.dayOffset < DAY_OFFSET_RANGE.min || s.dayOffset > DAY_OFFSET_RANGE.max) {
      push(`${p}.dayOffset`, `must be a whole day between ${DAY_OFFSET_RANGE.min} and ${DAY_OFFSET_RANGE.max}`);
    }
    if (!isValidLocalTime(s.localTime)) push(`${p}.localTime`, `"${s.localTime}" is not a time 'HH:MM' between 00:00 and 23:59`);
    if (s.windowMinutes !== null && (!Number.isSafeInteger(s.windowMinutes) || s.windowMinutes < 1 || s.windowMinutes > MAX_WINDOW_MINUTES)) {
      push(`${p}.windowMinutes`, `must be between 1 and ${MAX_WINDOW_MINUTES} minutes, or empty for no window`);
    }
    if (s.title.trim() === '') push(`${p}.title`, 'must not be empty');
    const group = s.audience === StepAudience.GROUP;
    if (group && (s.tiers.length || s.personas.length)) push(`${p}.audience`, 'only LEADS steps can target tiers or personas');
    if (group && s.afterPurchase) push(`${p}.afterPurchase`, 'only LEADS steps follow a lead after purchase; a GROUP step is never cancelled by a lead');
    if (!group && s.channel === StepChannel.GROUP_POST) push(`${p}.channel`, 'a GROUP_POST goes to the group: use audience GROUP');
    const personas = new Set<string | null>();
    s.scripts.forEach((v, j) => {
      if (personas.has(v.persona))
        push(`${p}.scripts[${j}].persona`, v.persona === null ? 'only one default text per step' : `a second variant for persona "${v.persona}"`);
      personas.add(v.persona);
      errors.push(...templateErrors(`${p}.scripts[${j}].text`, v.text, { group }));
    });
    const needsText = s.channel === StepChannel.GROUP_POST || s.channel === StepChannel.PRIVATE_MESSAGE;
    if (!personas.has(null) && (needsText || s.scripts.length > 0)) {
      push(`${p}.scripts`, 'needs a default text (persona empty) for personas without their own variant');
    }
  });
  const objectionKeys = new Set<string>();
  content.objections.forEach((o, i) => {
    const p = `objections[${i}]`;
    if (objectionKeys.has(o.key)) push(`${p}.key`, `duplicate objection key "${o.key}"`);
    objectionKeys.add(o.key);
    if (o.objection.trim() === '') push(`${p}.objection`, 'must not be empty');
    if (o.stepKey !== null && !stepKeys.has(o.stepKey)) push(`${p}.stepKey`, `no step with key "${o.stepKey}" in this version`);
    if (o.answers.length === 0) push(`${p}.answers`, 'needs at least one prepared answer');
    o.answers.forEach((a, j) => errors.push(...templateErrors(`${p}.answers[${j}].text`, a.text, { group: false })));
  });
  return errors;
}

export enum ChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
  UNCHANGED = 'UNCHANGED',
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ItemChange {
  key: string;
  /** Title (steps) or objection text, from the newer side when present. */
  label: string;
  change: ChangeKind;
  /** Position in `a` and in `b` (null when absent). */
  positionA: number | null;
  positionB: number | null;
  fields: FieldChange[];
}

const STEP_FIELDS = [
  'dayOffset',
  'localTime',
  'windowMinutes',
  'channel',
  'audience',
  'groupScope',
  'tiers',
  'personas',
  'title',
  'goal',
  'scripts',
  'afterPurchase',
] as const;
const OBJECTION_FIELDS = ['objection', 'stepKey', 'answers'] as const;

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function compareLists<T extends { key: string }>(a: T[], b: T[], fields: readonly (keyof T & string)[], label: (x: T) => string): ItemChange[] {
  const inA = new Map(a.map((x, i) => [x.key, { x, i }]));
  const inB = new Map(b.map((x, i) => [x.key, { x, i }]));
  const out: ItemChange[] = [];
  for (const [i, y] of b.entries()) {
    const old = inA.get(y.key);
    if (!old) {
      out.push({
        key: y.key,
        label: label(y),
        change: ChangeKind.ADDED,
        positionA: null,
        positionB: i,
        fields: fields.map((f) => ({ field: f, before: null, after: show(y[f]) })),
      });
      continue;
    }
    const changed = fields.flatMap((f) => (show(old.x[f]) === show(y[f]) ? [] : [{ field: f as string, before: show(old.x[f]), after: show(y[f]) }]));
    out.push({
      key: y.key,
      label: label(y),
      change: changed.length ? ChangeKind.CHANGED : ChangeKind.UNCHANGED,
      positionA: old.i,
      positionB: i,
      fields: changed,
    });
  }
  for (const [i, x] of a.entries()) {
    if (!inB.has(x.key)) {
      out.push({
        key: x.key,
        label: label(x),
        change: ChangeKind.REMOVED,
        positionA: i,
        positionB: null,
        fields: fields.map((f) => ({ field: f, before: show(x[f]), after: null })),
      });
    }
  }
  return out;
}

/** Step-by-step (and objection-by-objection) differences from `a` to `b`, matched by key. */
export function compareContents(a: PlaybookContent, b: PlaybookContent): { steps: ItemChange[]; objections: ItemChange[] } {
  return {
    steps: compareLists(a.steps, b.steps, STEP_FIELDS, (s) => s.title),
    objections: compareLists(withoutAnswerIds(a.objections), withoutAnswerIds(b.objections), OBJECTION_FIELDS, (o) => o.objection),
  };
}

/** Answer ids only link objection logs across versions; they are not content. */
function withoutAnswerIds(list: ObjectionContent[]) {
  return list.map((o) => ({ ...o, answers: o.answers.map((a) => ({ persona: a.persona, label: a.label, text: a.text })) }));
}

/** Every place the content names a persona, with its field path (checked against the persona catalog). */
export function personaRefs(content: PlaybookContent): { field: string; key: string }[] {
  const refs: { field: string; key: string }[] = [];
  content.steps.forEach((s, i) => {
    s.personas.forEach((key, k) => refs.push({ field: `steps[${i}].personas[${k}]`, key }));
    s.scripts.forEach((v, j) => {
      if (v.persona !== null) refs.push({ field: `steps[${i}].scripts[${j}].persona`, key: v.persona });
    });
  });
  content.objections.forEach((o, i) =>
    o.answers.forEach((a, j) => {
      if (a.persona !== null) refs.push({ field: `objections[${i}].answers[${j}].persona`, key: a.persona });
    }),
  );
  return refs;
}

/**
 * Warnings for personas that surveys produce but no script variant of the content speaks to: their
 * leads see the default texts. None when the content has no script at all. Sorted by persona key.
 */
export function missingVariantWarnings(content: PlaybookContent, produced: readonly { key: string; source: string }[]): string[] {
  if (!content.steps.some((s) => s.scripts.length > 0)) return [];
  const covered = new Set(content.steps.flatMap((s) => s.scripts.map((v) => v.persona)));
  const sources = new Map<string, string[]>();
  for (const p of produced) {
    if (covered.has(p.key)) continue;
    const list = sources.get(p.key) ?? [];
    if (!list.includes(p.source)) list.push(p.source);
    sources.set(p.key, list);
  }
  return [...sources.keys()]
    .sort()
    .map((key) => `no script variant for persona "${key}" (produced by ${sources.get(key)!.sort().join(', ')}): its leads see the default texts`);
}
