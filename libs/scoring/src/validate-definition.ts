import { achievableHundredths } from './bounds.js';
import { formatRange } from './conditions.js';
import { decimalPlaces, fromHundredths, toHundredths } from './decimal.js';
import { QUESTION_TYPES, type BandDef, type Condition, type DefinitionIssue, type QuestionDef, type SurveyDefinition, type TierDef } from './types.js';

type Add = (path: string, message: string) => void;

const isChoice = (t: unknown): boolean => t === 'SINGLE_CHOICE' || t === 'MULTIPLE_CHOICE';
const isNonEmptyString = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
/**
 * Largest magnitude of any number in a definition (points, weights, band ends, caps, tier scores).
 * Products and sums of such numbers stay far inside the exact range of the hundredths arithmetic,
 * so a published survey can score every submission (1e308 would publish and then fail to score).
 */
export const DEFINITION_NUMBER_LIMIT = 1_000_000;
const RANGE = `between -${DEFINITION_NUMBER_LIMIT} and ${DEFINITION_NUMBER_LIMIT}`;
const isFiniteNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= DEFINITION_NUMBER_LIMIT;
const quote = (s: unknown): string => `'${String(s)}'`;

/**
 * Checks a survey definition and returns every problem found (empty array = valid).
 * Definitions usually come from JSON, so fields are checked at runtime, not only by type.
 *
 * Tier reachability (a tier above {@link maxAchievableScore}, or one at/below
 * {@link minAchievableScore} that swallows every lower tier) is only checked once questions,
 * caps and rules are otherwise valid, because the bounds are meaningless before that.
 */
export function validateDefinition(def: SurveyDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add: Add = (path, message) => issues.push({ path, message });
  if (def === null || typeof def !== 'object') {
    return [{ path: '', message: 'survey definition must be an object' }];
  }

  const questions = arrayField(def.questions, 'questions', add, true);
  if (Array.isArray(def.questions) && questions.length === 0) {
    add('questions', 'survey has no questions; add at least one');
  }
  const byKey = new Map<string, QuestionDef>();
  const keyIndex = new Map<string, number>();
  questions.forEach((q, i) => {
    const path = `questions[${i}]`;
    if (q === null || typeof q !== 'object') return add(path, 'question must be an object');
    if (!isNonEmptyString(q.key)) {
      add(`${path}.key`, 'question key is empty; give every question a unique, non-empty key');
    } else if (keyIndex.has(q.key)) {
      add(`${path}.key`, `duplicate question key ${quote(q.key)} (already used by questions[${keyIndex.get(q.key)}]); question keys must be unique`);
    } else {
      keyIndex.set(q.key, i);
      byKey.set(q.key, q);
    }
    validateQuestion(q, path, add);
  });

  const groups = new Set(questions.filter((q) => q && isNonEmptyString(q.group)).map((q) => q.group!));
  const capIndex = new Map<string, number>();
  arrayField(def.groupCaps, 'groupCaps', add, false).forEach((cap, i) => {
    const path = `groupCaps[${i}]`;
    if (cap === null || typeof cap !== 'object') return add(path, 'group cap must be an object');
    if (!isNonEmptyString(cap.group)) {
      add(`${path}.group`, 'cap has no group; name the question group it limits');
    } else if (!groups.has(cap.group)) {
      const known = groups.size ? `known groups: ${[...groups].join(', ')}` : 'no question has a group';
      add(`${path}.group`, `cap names group ${quote(cap.group)} but no question has that group; ${known}`);
    } else if (capIndex.has(cap.group)) {
      add(`${path}.group`, `duplicate cap for group ${quote(cap.group)} (already capped by groupCaps[${capIndex.get(cap.group)}]); keep one cap per group`);
    } else {
      capIndex.set(cap.group, i);
    }
    const maxOk = checkHundredths(cap.maxPoints, `${path}.maxPoints`, 'maxPoints', add, true);
    const minOk = checkHundredths(cap.minPoints, `${path}.minPoints`, 'minPoints', add, false);
    if (maxOk && minOk && cap.minPoints !== undefined && cap.minPoints > cap.maxPoints) {
      add(path, `minPoints ${cap.minPoints} is above maxPoints ${cap.maxPoints}; minPoints must be <= maxPoints`);
    }
  });

  const ruleIndex = new Map<string, number>();
  arrayField(def.rules, 'rules', add, false).forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (rule === null || typeof rule !== 'object') return add(path, 'rule must be an object');
    if (!isNonEmptyString(rule.key)) {
      add(`${path}.key`, 'rule key is empty; give every rule a unique, non-empty key');
    } else if (ruleIndex.has(rule.key)) {
      add(`${path}.key`, `duplicate rule key ${quote(rule.key)} (already used by rules[${ruleIndex.get(rule.key)}]); rule keys must be unique`);
    } else {
      ruleIndex.set(rule.key, i);
    }
    checkHundredths(rule.points, `${path}.points`, 'points', add, true);
    validateConditions(rule.when, `${path}.when`, 'rule', byKey, add);
  });

  const scoringInputsValid = issues.length === 0;

  arrayField(def.personas, 'personas', add, false).forEach((p, i) => {
    const path = `personas[${i}]`;
    if (p === null || typeof p !== 'object') return add(path, 'persona rule must be an object');
    if (!isNonEmptyString(p.persona)) add(`${path}.persona`, 'persona name is empty');
    validateConditions(p.when, `${path}.when`, 'persona', byKey, add);
  });
  if (!isNonEmptyString(def.defaultPersona)) {
    add('defaultPersona', 'defaultPersona is empty; name the persona used when no persona rule matches');
  }

  const tiers = arrayField(def.tiers, 'tiers', add, true);
  if (Array.isArray(def.tiers) && tiers.length === 0) {
    add('tiers', 'no tiers; add at least one { tier, minScore } threshold');
  }
  const tierNames = new Map<string, number>();
  const thresholds = new Map<number, number>();
  let tiersValid = Array.isArray(def.tiers);
  tiers.forEach((t, i) => {
    const path = `tiers[${i}]`;
    if (t === null || typeof t !== 'object') {
      tiersValid = false;
      return add(path, 'tier must be an object');
    }
    if (!isNonEmptyString(t.tier)) {
      add(`${path}.tier`, 'tier name is empty');
    } else if (tierNames.has(t.tier)) {
      add(`${path}.tier`, `duplicate tier name ${quote(t.tier)} (already used by tiers[${tierNames.get(t.tier)}])`);
    } else {
      tierNames.set(t.tier, i);
    }
    if (!checkHundredths(t.minScore, `${path}.minScore`, 'minScore', add, true)) {
      tiersValid = false;
    } else if (thresholds.has(t.minScore)) {
      const j = thresholds.get(t.minScore)!;
      add(
        `${path}.minScore`,
        `tiers[${j}] ${quote(tiers[j].tier)} and tiers[${i}] ${quote(t.tier)} both have minScore ${t.minScore}; each tier needs its own threshold`,
      );
    } else {
      thresholds.set(t.minScore, i);
    }
  });
  if (!isNonEmptyString(def.defaultTier)) {
    add('defaultTier', "defaultTier is empty; name the tier for scores below every threshold (e.g. 'D')");
  } else if (tierNames.has(def.defaultTier)) {
    add(
      'defaultTier',
      `defaultTier ${quote(def.defaultTier)} is also the name of tiers[${tierNames.get(def.defaultTier)}]; use a distinct name for scores below every threshold`,
    );
  }

  if (scoringInputsValid && tiersValid) checkTierReachability(def, tiers, add);
  return issues;
}

function arrayField<T>(value: T[] | undefined, path: string, add: Add, required: boolean): T[] {
  if (value === undefined || value === null) {
    if (required) add(path, `${path} is missing; it must be an array`);
    return [];
  }
  if (!Array.isArray(value)) {
    add(path, `${path} must be an array`);
    return [];
  }
  return value;
}

/** A finite number with at most 2 decimals (scores are kept in hundredths). */
function checkHundredths(value: unknown, path: string, name: string, add: Add, required: boolean): boolean {
  if (value === undefined && !required) return true;
  if (!isFiniteNumber(value)) {
    add(path, `${name} must be a finite number ${RANGE}, got ${String(value)}`);
    return false;
  }
  if (decimalPlaces(value) > 2) {
    add(path, `${name} ${value} has more than 2 decimals; scores are kept in hundredths`);
    return false;
  }
  return true;
}

function checkPoints(value: unknown, path: string, add: Add): void {
  if (!isFiniteNumber(value)) add(path, `points must be a finite number ${RANGE}, got ${String(value)}`);
}

function validateQuestion(q: QuestionDef, path: string, add: Add): void {
  const name = `${q.type} question ${quote(q.key)}`;
  if (!QUESTION_TYPES.includes(q.type)) {
    add(`${path}.type`, `unknown question type ${quote(q.type)}; expected one of ${QUESTION_TYPES.join(', ')}`);
  }
  if (typeof q.required !== 'boolean') add(`${path}.required`, 'required must be true or false');
  if (q.weight !== undefined && (!isFiniteNumber(q.weight) || q.weight < 0)) {
    add(`${path}.weight`, `weight ${String(q.weight)} is invalid; use a finite number from 0 to ${DEFINITION_NUMBER_LIMIT} (default 1)`);
  }
  if (q.group !== undefined && !isNonEmptyString(q.group)) {
    add(`${path}.group`, 'group is empty; remove it or name the group');
  }

  const options = q.options;
  if (isChoice(q.type)) {
    if (!Array.isArray(options) || options.length === 0) {
      add(`${path}.options`, `${name} has no options; add at least one option`);
    } else {
      const seen = new Map<string, number>();
      options.forEach((o, j) => {
        const oPath = `${path}.options[${j}]`;
        if (o === null || typeof o !== 'object') return add(oPath, 'option must be an object');
        if (!isNonEmptyString(o.key)) {
          add(`${oPath}.key`, 'option key is empty; give every option a non-empty key');
        } else if (seen.has(o.key)) {
          add(
            `${oPath}.key`,
            `duplicate option key ${quote(o.key)} (already used by options[${seen.get(o.key)}]); option keys must be unique within a question`,
          );
        } else {
          seen.set(o.key, j);
        }
        checkPoints(o.points, `${oPath}.points`, add);
      });
    }
  } else if (Array.isArray(options) && options.length > 0) {
    add(`${path}.options`, `options are only used by SINGLE_CHOICE/MULTIPLE_CHOICE questions; remove them from ${name}`);
  }

  const bands = q.bands;
  if (q.type === 'NUMBER') {
    if (!Array.isArray(bands) || bands.length === 0) {
      add(`${path}.bands`, `${name} has no bands; add at least one { min, max, points } band`);
    } else {
      validateBands(bands, path, add);
    }
  } else if (Array.isArray(bands) && bands.length > 0) {
    add(`${path}.bands`, `bands are only used by NUMBER questions; remove them from ${name}`);
  }

  for (const field of ['yesPoints', 'noPoints'] as const) {
    const v = q[field];
    if (v === undefined || v === null) continue;
    if (q.type !== 'YES_NO') add(`${path}.${field}`, `${field} is only used by YES_NO questions; remove it from ${name}`);
    else if (!isFiniteNumber(v)) add(`${path}.${field}`, `${field} must be a finite number ${RANGE}, got ${String(v)}`);
  }
}

const lower = (b: BandDef): number => (b.min === undefined || b.min === null ? -Infinity : b.min);
const upper = (b: BandDef): number => (b.max === undefined || b.max === null ? Infinity : b.max);

function validateBands(bands: BandDef[], path: string, add: Add): void {
  const good: number[] = [];
  bands.forEach((b, j) => {
    const bPath = `${path}.bands[${j}]`;
    if (b === null || typeof b !== 'object') return add(bPath, 'band must be an object');
    let ok = true;
    for (const end of ['min', 'max'] as const) {
      const v = b[end];
      if (v !== undefined && v !== null && !isFiniteNumber(v)) {
        add(`${bPath}.${end}`, `${end} must be a finite number ${RANGE} or null (open end), got ${String(v)}`);
        ok = false;
      }
    }
    checkPoints(b.points, `${bPath}.points`, add);
    if (ok && lower(b) >= upper(b)) {
      add(bPath, `band min ${b.min} must be less than max ${b.max} (bands are min-inclusive, max-exclusive)`);
      ok = false;
    }
    if (ok) good.push(j);
  });
  for (let x = 0; x < good.length; x++) {
    for (let y = x + 1; y < good.length; y++) {
      const a = bands[good[x]];
      const b = bands[good[y]];
      const from = Math.max(lower(a), lower(b));
      const to = Math.min(upper(a), upper(b));
      if (from < to) {
        add(
          `${path}.bands[${good[y]}]`,
          `bands[${good[x]}] ${formatRange(a.min, a.max)} and bands[${good[y]}] ${formatRange(b.min, b.max)} overlap on ${formatRange(
            from === -Infinity ? null : from,
            to === Infinity ? null : to,
          )}; bands are min-inclusive, max-exclusive and must not overlap`,
        );
      }
    }
  }
}

function validateConditions(when: unknown, path: string, owner: 'rule' | 'persona', questions: Map<string, QuestionDef>, add: Add): void {
  if (!Array.isArray(when) || when.length === 0) {
    const why =
      owner === 'rule'
        ? 'it would apply to every lead; add conditions or remove the rule'
        : 'it would match every lead and hide later persona rules; use defaultPersona instead';
    add(path, `${owner} has no conditions (when must be a non-empty array); ${why}`);
    return;
  }
  when.forEach((c, k) => validateCondition(c as Condition, `${path}[${k}]`, questions, add));
}

function validateCondition(c: Condition, path: string, questions: Map<string, QuestionDef>, add: Add): void {
  if (c === null || typeof c !== 'object') return add(path, 'condition must be an object');
  const q = typeof c.questionKey === 'string' ? questions.get(c.questionKey) : undefined;
  if (!q) {
    const known = [...questions.keys()].join(', ');
    add(`${path}.questionKey`, `unknown question key ${quote(c.questionKey)}; known keys: ${known}`);
    return;
  }
  const name = `${q.type} question ${quote(q.key)}`;
  if (q.type === 'FREE_TEXT') {
    add(path, `conditions cannot test FREE_TEXT question ${quote(q.key)}; free text is stored, never scored or matched`);
    return;
  }
  const has = {
    optionKeys: c.optionKeys !== undefined,
    min: c.min !== undefined,
    max: c.max !== undefined,
    equals: c.equals !== undefined,
  };
  const [allowed, hint] = isChoice(q.type)
    ? [['optionKeys'], 'use optionKeys (matches when any listed option was chosen)']
    : q.type === 'NUMBER'
      ? [['min', 'max'], 'use min (inclusive) and/or max (exclusive)']
      : [['equals'], 'use equals: true/false'];
  const wrong = (Object.keys(has) as (keyof typeof has)[]).filter((f) => has[f] && !allowed.includes(f));
  if (wrong.length > 0) {
    add(path, `${wrong.join('/')} ${wrong.length > 1 ? 'do' : 'does'} not apply to ${name}; ${hint}`);
    return;
  }
  if (!allowed.some((f) => has[f as keyof typeof has])) {
    add(path, `condition on ${name} has no test; ${hint}`);
    return;
  }

  if (isChoice(q.type)) {
    if (!Array.isArray(c.optionKeys) || c.optionKeys.length === 0) {
      add(`${path}.optionKeys`, 'optionKeys is empty; list at least one option key');
      return;
    }
    const known = (q.options ?? []).map((o) => o.key);
    c.optionKeys.forEach((key, k) => {
      if (!known.includes(key)) {
        add(`${path}.optionKeys[${k}]`, `question ${quote(q.key)} has no option ${quote(key)}; its options are: ${known.join(', ')}`);
      }
    });
  } else if (q.type === 'NUMBER') {
    let ok = true;
    for (const end of ['min', 'max'] as const) {
      if (has[end] && !isFiniteNumber(c[end])) {
        add(`${path}.${end}`, `${end} must be a finite number ${RANGE}, got ${String(c[end])}`);
        ok = false;
      }
    }
    if (ok && has.min && has.max && c.min! >= c.max!) {
      add(path, `min ${c.min} must be less than max ${c.max} (min inclusive, max exclusive)`);
    }
  } else if (typeof c.equals !== 'boolean') {
    add(`${path}.equals`, `equals must be true or false, got ${String(c.equals)}`);
  }
}

function checkTierReachability(def: SurveyDefinition, tiers: TierDef[], add: Add): void {
  const max = achievableHundredths(def, 'max');
  const min = achievableHundredths(def, 'min');
  tiers.forEach((t, i) => {
    const threshold = toHundredths(t.minScore);
    if (threshold > max) {
      add(
        `tiers[${i}].minScore`,
        `tier ${quote(t.tier)} needs ${t.minScore} but the maximum achievable score is ${fromHundredths(max)}, so it is unreachable; lower minScore or raise points, weights or caps`,
      );
    } else if (threshold <= min) {
      const below = tiers
        .filter((o) => o.minScore < t.minScore)
        .sort((a, b) => b.minScore - a.minScore)
        .map((o) => quote(o.tier));
      below.push(`${quote(def.defaultTier)} (defaultTier)`);
      add(
        `tiers[${i}].minScore`,
        `tier ${quote(t.tier)} minScore ${t.minScore} is at or below the minimum achievable score ${fromHundredths(min)}, so every lead reaches it and ${below.join(', ')} can never be assigned; raise minScore above ${fromHundredths(min)}`,
      );
    }
  });
}
