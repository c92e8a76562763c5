import { indexAnswers, isBlankAnswer, parseBooleanValue, parseNumberValue } from './answers.js';
import { capsByGroup, clampToCap } from './bounds.js';
import { describeCondition, formatRange, matchesAll } from './conditions.js';
import {
  addDecimal,
  decimalToHundredths,
  decimalToNumber,
  fromHundredths,
  mulDecimal,
  signed,
  toDecimal,
  toHundredths,
  ZERO,
  type Decimal,
} from './decimal.js';
import { findBand, validateAnswers } from './validate-answers.js';
import { validateDefinition } from './validate-definition.js';
import {
  DEFAULT_WEIGHT,
  type Answer,
  type AnswerIssue,
  type CapApplication,
  type Contribution,
  type DefinitionIssue,
  type QuestionDef,
  type RuleApplication,
  type ScoreResult,
  type SurveyDefinition,
  type TierDef,
} from './types.js';

/** Thrown by {@link scoreSubmission} when the definition or the answers do not validate. */
export class ScoringInputError extends Error {
  readonly definitionIssues: DefinitionIssue[];
  readonly answerIssues: AnswerIssue[];

  constructor(message: string, definitionIssues: DefinitionIssue[], answerIssues: AnswerIssue[]) {
    super(message);
    this.name = 'ScoringInputError';
    this.definitionIssues = definitionIssues;
    this.answerIssues = answerIssues;
  }
}

/**
 * Scores one submission: per-question weighted points → group caps → + rules → score,
 * then picks the tier and the persona, explaining each step.
 *
 * Arithmetic is exact: each contribution is rawPoints × weight computed in decimal (numbers are
 * read as the decimals they print as) and rounded half away from zero to 2 decimals; everything
 * after that is summed in integer hundredths, so the score has at most 2 decimals and never
 * suffers float drift (0.1 + 0.2 gives 0.3). The score is not clamped: negative rules may
 * take it below zero, which simply lands the lead in the default tier.
 *
 * Validates the definition and the answers first and throws {@link ScoringInputError} if either
 * has issues; call `validateDefinition` / `validateAnswers` beforehand to report them nicely.
 */
export function scoreSubmission(def: SurveyDefinition, answers: readonly Answer[]): ScoreResult {
  const definitionIssues = validateDefinition(def);
  if (definitionIssues.length > 0) {
    const list = definitionIssues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ScoringInputError(`invalid survey definition: ${list}`, definitionIssues, []);
  }
  const answerIssues = validateAnswers(def, answers);
  if (answerIssues.length > 0) {
    const list = answerIssues.map((i) => `${i.questionKey}: ${i.message}`).join('; ');
    throw new ScoringInputError(`invalid answers: ${list}`, [], answerIssues);
  }

  const byKey = indexAnswers(answers);

  // 1. Per-question weighted points (hundredths).
  const contributions: Contribution[] = [];
  const weighted: number[] = [];
  for (const q of def.questions) {
    if (q.type === 'FREE_TEXT') continue;
    const weight = q.weight ?? DEFAULT_WEIGHT;
    const answer = byKey.get(q.key);
    const { raw, chose } = isBlankAnswer(answer) ? { raw: ZERO, chose: undefined } : rawPoints(q, answer!);
    const points = decimalToHundredths(mulDecimal(raw, toDecimal(weight)));
    const weightedPoints = fromHundredths(points);
    weighted.push(points);
    contributions.push({
      questionKey: q.key,
      ...(q.group !== undefined ? { group: q.group } : {}),
      rawPoints: decimalToNumber(raw),
      weight,
      weightedPoints,
      detail: chose === undefined ? 'not answered (0)' : `${chose} × ${weight} = ${signed(weightedPoints)}`,
    });
  }
  let total = weighted.reduce((a, b) => a + b, 0);

  // 2. Group caps.
  const caps: CapApplication[] = [];
  for (const [group, cap] of capsByGroup(def.groupCaps ?? [])) {
    const before = contributions.reduce((sum, c, i) => (c.group === group ? sum + weighted[i] : sum), 0);
    const { after, limit } = clampToCap(before, cap);
    if (limit === undefined) continue;
    total += after - before;
    caps.push({
      group,
      before: fromHundredths(before),
      after: fromHundredths(after),
      cut: fromHundredths(before - after),
      limit,
    });
  }

  // 3. Rules.
  const rules: RuleApplication[] = [];
  for (const rule of def.rules ?? []) {
    if (!matchesAll(rule.when, byKey)) continue;
    total += toHundredths(rule.points);
    rules.push({ ruleKey: rule.key, label: rule.label ?? rule.key, points: rule.points });
  }

  const score = fromHundredths(total);
  const { tier, tierReason } = pickTier(total, def.tiers, def.defaultTier);

  // 4. Persona: first rule whose conditions all match.
  let persona = def.defaultPersona;
  let personaReason = 'default';
  const personas = def.personas ?? [];
  const hit = personas.findIndex((p) => matchesAll(p.when, byKey));
  if (hit >= 0) {
    persona = personas[hit].persona;
    personaReason = `personas[${hit}] '${persona}' matched: ${personas[hit].when.map(describeCondition).join(' and ')}`;
  }

  return {
    score,
    tier,
    persona,
    explanation: { contributions, caps, rules, tierReason, personaReason, total: score },
  };
}

/** Raw points of a non-blank, valid answer and the "chose …" part of its explanation. */
function rawPoints(q: QuestionDef, answer: Answer): { raw: Decimal; chose: string } {
  switch (q.type) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const chosen = (answer.optionKeys ?? []).map((k) => q.options!.find((o) => o.key === k)!);
      const raw = chosen.map((o) => toDecimal(o.points)).reduce(addDecimal, ZERO);
      const parts = chosen.map((o) => `'${o.label ?? o.key}' (${signed(o.points)})`).join(', ');
      const sum = chosen.length > 1 ? ` = ${signed(decimalToNumber(raw))}` : '';
      return { raw, chose: `chose ${parts}${sum}` };
    }
    case 'NUMBER': {
      const v = parseNumberValue(answer.value)!;
      const band = findBand(q, v)!;
      return {
        raw: toDecimal(band.points),
        chose: `answered ${v} → band ${formatRange(band.min, band.max)} (${signed(band.points)})`,
      };
    }
    case 'YES_NO': {
      const yes = parseBooleanValue(answer.value)!;
      const points = (yes ? q.yesPoints : q.noPoints) ?? 0;
      return { raw: toDecimal(points), chose: `answered ${yes ? 'yes' : 'no'} (${signed(points)})` };
    }
    default:
      return { raw: ZERO, chose: 'not scored' };
  }
}

function pickTier(total: number, tiers: readonly TierDef[], defaultTier: string): { tier: string; tierReason: string } {
  const sorted = [...tiers].sort((a, b) => b.minScore - a.minScore);
  const score = fromHundredths(total);
  const i = sorted.findIndex((t) => total >= toHundredths(t.minScore));
  if (i < 0) {
    const lowest = sorted[sorted.length - 1];
    return {
      tier: defaultTier,
      tierReason: `score ${score} is below ${lowest.minScore}, the lowest threshold (tier '${lowest.tier}'); default tier '${defaultTier}'`,
    };
  }
  const t = sorted[i];
  const above = i > 0 ? `, below ${sorted[i - 1].minScore} (tier '${sorted[i - 1].tier}')` : '';
  return { tier: t.tier, tierReason: `score ${score} >= ${t.minScore} (tier '${t.tier}')${above}` };
}
