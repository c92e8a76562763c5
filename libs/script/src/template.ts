/** Syntax of a variable name: dot-separated identifiers, e.g. `lead.firstName`, `day`. */
export const VARIABLE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$/;

/** Longest fragment quoted in a `malformed` entry for an unbalanced brace pair. */
const MAX_FRAGMENT = 40;

/**
 * A `{{ … }}` placeholder: two opening braces, content without any brace, two closing braces. Whitespace around the
 * name is allowed (`{{ lead.name }}`). Single braces elsewhere are plain text.
 */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

type Token = { kind: 'text'; text: string } | { kind: 'variable'; raw: string; name: string };

interface Parsed {
  tokens: Token[];
  /** Malformed fragments, in order of appearance (may repeat). */
  malformed: string[];
}

function unbalancedFragments(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (open === -1 && close === -1) return found;
    if (open !== -1 && (close === -1 || open < close)) {
      // unclosed "{{": quote it with what follows, up to the end of the line
      const lineEnd = text.indexOf('\n', open);
      const fragment = text.slice(open, lineEnd === -1 ? text.length : lineEnd).trimEnd();
      found.push(fragment.length > MAX_FRAGMENT ? `${fragment.slice(0, MAX_FRAGMENT)}…` : fragment);
      i = runEnd(text, open, '{');
    } else {
      // stray "}}": quote it with what precedes it on the same line
      const lineStart = text.lastIndexOf('\n', close) + 1;
      const fragment = text.slice(lineStart, runEnd(text, close, '}')).trimStart();
      found.push(fragment.length > MAX_FRAGMENT ? `…${fragment.slice(-MAX_FRAGMENT)}` : fragment);
      i = runEnd(text, close, '}');
    }
  }
}

/** Index just after the run of `char` starting at `from` (so '{{{{' is reported once). */
function runEnd(text: string, from: number, char: string): number {
  let i = from;
  while (text[i] === char) i++;
  return i;
}

function parse(template: string): Parsed {
  if (typeof template !== 'string') throw new TypeError('template must be a string');
  const tokens: Token[] = [];
  const malformed: string[] = [];
  const pushText = (text: string) => {
    if (text === '') return;
    tokens.push({ kind: 'text', text });
    malformed.push(...unbalancedFragments(text));
  };
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pushText(template.slice(last, match.index));
    const raw = match[0];
    const name = match[1]!.trim();
    if (VARIABLE_NAME_PATTERN.test(name)) {
      tokens.push({ kind: 'variable', raw, name });
    } else {
      tokens.push({ kind: 'text', text: raw });
      malformed.push(raw);
    }
    last = match.index + raw.length;
  }
  pushText(template.slice(last));
  return { tokens, malformed };
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** Well-formed variable names used by the template, unique, in first-seen order (malformed placeholders are ignored). */
export function extractVariables(template: string): string[] {
  return unique(parse(template).tokens.flatMap((t) => (t.kind === 'variable' ? [t.name] : [])));
}

export interface TemplateValidation {
  /** Well-formed names that are not in `allowed` (unique, first-seen order). */
  unknown: string[];
  /**
   * Offending fragments as written (unique, first-seen order): a placeholder that is empty (`{{}}`, `{{ }}`) or whose
   * name does not match VARIABLE_NAME_PATTERN (`{{ lead name }}`, `{{1st}}`), an unclosed `{{` quoted with the rest of
   * its line (at most 40 characters, then '…'), or a stray `}}` quoted with the start of its line.
   */
  malformed: string[];
}

/** Checks a template against the allowed variable names. The template is valid when both lists are empty. */
export function validateTemplate(template: string, allowed: readonly string[]): TemplateValidation {
  const allowedSet = new Set(allowed);
  const { tokens, malformed } = parse(template);
  return {
    unknown: unique(tokens.flatMap((t) => (t.kind === 'variable' && !allowedSet.has(t.name) ? [t.name] : []))),
    malformed: unique(malformed),
  };
}

export type TemplateValues = Record<string, string | number | null | undefined>;

export interface RenderResult {
  text: string;
  /** Names with no value (absent, undefined or null), unique, in first-seen order. */
  missing: string[];
}

/**
 * Replaces each well-formed `{{ name }}` with `String(vars[name])` (an empty string is a real value and renders empty).
 * A variable with no value (absent, undefined or null) is NOT blanked: its placeholder is left exactly as written, so
 * the rep sees that something is off, and its name is listed in `missing`. Malformed fragments are left untouched.
 * Single pass: placeholders inside substituted values are not expanded. Only own properties of `vars` are read.
 */
export function renderTemplate(template: string, vars: TemplateValues): RenderResult {
  const missing: string[] = [];
  let text = '';
  for (const token of parse(template).tokens) {
    if (token.kind === 'text') text += token.text;
    else {
      const value = Object.hasOwn(vars, token.name) ? vars[token.name] : undefined;
      if (value === null || value === undefined) {
        missing.push(token.name);
        text += token.raw;
      } else {
        text += String(value);
      }
    }
  }
  return { text, missing: unique(missing) };
}
