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
 * To score many submissions against one definition, use {@link createScorer}.
 */
export function scoreSubmission(def: SurveyDefinition, answers: readonly Answer[]): ScoreResult {
  return createScorer(def).score(answers);
}

/** Scores submissions against one definition, validated and prepared once. */
export interface Scorer {
  readonly definition: SurveyDefinition;
  /** Validates the answers (throws {@link ScoringInputError}) and scores them. */
  score(answers: readonly Answer[]): ScoreResult;
  /** Scores answers the caller has already checked with `validateAnswers(definition, …)` and found no issue. */
  scoreValid(answers: readonly Answer[]): ScoreResult;
}

/** A question's contribution, memoized per distinct answer (the same answer always scores the same). */
interface ContributionMemo {
  points: number;
  rawPoints: number;
  detail: string;
}

/** Distinct answers remembered per question; beyond this (free numbers) contributions are just computed. */
const MEMO_LIMIT = 512;

/**
 * Validates the definition once (throws {@link ScoringInputError} if it has issues) and returns
 * a scorer for it. The scorer assumes the definition is not modified afterwards (published
 * versions are frozen). Results are identical to {@link scoreSubmission}.
 */
export function createScorer(def: SurveyDefinition): Scorer {
  const definitionIssues = validateDefinition(def);
  if (definitionIssues.length > 0) {
    const list = definitionIssues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ScoringInputError(`invalid survey definition: ${list}`, definitionIssues, []);
  }
  const questions = def.questions
    .filter((q) => q.type !== 'FREE_TEXT')
    .map((q) => ({ q, weight: q.weight ?? DEFAULT_WEIGHT, memo: new Map<string, ContributionMemo>() }));
  const caps = [...capsByGroup(def.groupCaps ?? [])];
  const rules = (def.rules ?? []).map((rule) => ({ rule, hundredths: toHundredths(rule.points) }));
  const tiers = [...def.tiers].sort((a, b) => b.minScore - a.minScore).map((t) => ({ tier: t, hundredths: toHundredths(t.minScore) }));
  const personas = def.personas ?? [];

  const contributionOf = (q: QuestionDef, weight: number, answer: Answer): ContributionMemo => {
    const { raw, chose } = rawPoints(q, answer);
    const points = decimalToHundredths(mulDecimal(raw, toDecimal(weight)));
    return { points, rawPoints: decimalToNumber(raw), detail: `${chose} × ${weight} = ${signed(fromHundredths(points))}` };
  };
  const notAnswered: ContributionMemo = { points: 0, rawPoints: 0, detail: 'not answered (0)' };

  const scoreValid = (answers: readonly Answer[]): ScoreResult => {
    const byKey = indexAnswers(answers);

    // 1. Per-question weighted points (hundredths).
    const contributions: Contribution[] = [];
    const weighted: number[] = [];
    for (const { q, weight, memo } of questions) {
      const answer = byKey.get(q.key);
      let c = notAnswered;
      if (!isBlankAnswer(answer)) {
        const key = answerKey(q, answer!);
        const hit = memo.get(key);
        if (hit) c = hit;
        else {
          c = contributionOf(q, weight, answer!);
          if (memo.size < MEMO_LIMIT) memo.set(key, c);
        }
      }
      weighted.push(c.points);
      contributions.push({
        questionKey: q.key,
        ...(q.group !== undefined ? { group: q.group } : {}),
        rawPoints: c.rawPoints,
        weight,
        weightedPoints: fromHundredths(c.points),
        detail: c.detail,
      });
    }
    let total = weighted.reduce((a, b) => a + b, 0);

    // 2. Group caps.
    const capsApplied: CapApplication[] = [];
    for (const [group, cap] of caps) {
      const before = contributions.reduce((sum, c, i) => (c.group === group ? sum + weighted[i] : sum), 0);
      const { after, limit } = clampToCap(before, cap);
      if (limit === undefined) continue;
      total += after - before;
      capsApplied.push({
        group,
        before: fromHundredths(before),
        after: fromHundredths(after),
        cut: fromHundredths(before - after),
        limit,
      });
    }

    // 3. Rules.
    const rulesApplied: RuleApplication[] = [];
    for (const { rule, hundredths } of rules) {
      if (!matchesAll(rule.when, byKey)) continue;
      total += hundredths;
      rulesApplied.push({ ruleKey: rule.key, label: rule.label ?? rule.key, points: rule.points });
    }

    const score = fromHundredths(total);
    const { tier, tierReason } = pickTier(total, tiers, def.defaultTier);

    // 4. Persona: first rule whose conditions all match.
    let persona = def.defaultPersona;
    let personaReason = 'default';
    const hit = personas.findIndex((p) => matchesAll(p.when, byKey));
    if (hit >= 0) {
      persona = personas[hit].persona;
      personaReason = `personas[${hit}] '${persona}' matched: ${personas[hit].when.map(describeCondition).join(' and ')}`;
    }

    return {
      score,
      tier,
      persona,
      explanation: { contributions, caps: capsApplied, rules: rulesApplied, tierReason, personaReason, total: score },
    };
  };

  return {
    definition: def,
    scoreValid,
    score(answers) {
      const answerIssues = validateAnswers(def, answers);
      if (answerIssues.length > 0) {
        const list = answerIssues.map((i) => `${i.questionKey}: ${i.message}`).join('; ');
        throw new ScoringInputError(`invalid answers: ${list}`, [], answerIssues);
      }
      return scoreValid(answers);
    },
  };
}

/** What a question's contribution depends on: the chosen options, or the value as given. */
function answerKey(q: QuestionDef, answer: Answer): string {
  switch (q.type) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
      return (answer.optionKeys ?? []).join('\u0000');
    default:
      return `${typeof answer.value}:${String(answer.value)}`;
  }
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

function pickTier(total: number, tiers: readonly { tier: TierDef; hundredths: number }[], defaultTier: string): { tier: string; tierReason: string } {
  const score = fromHundredths(total);
  const i = tiers.findIndex((t) => total >= t.hundredths);
  if (i < 0) {
    const lowest = tiers[tiers.length - 1].tier;
    return {
      tier: defaultTier,
      tierReason: `score ${score} is below ${lowest.minScore}, the lowest threshold (tier '${lowest.tier}'); default tier '${defaultTier}'`,
    };
  }
  const t = tiers[i].tier;
  const above = i > 0 ? `, below ${tiers[i - 1].tier.minScore} (tier '${tiers[i - 1].tier.tier}')` : '';
  return { tier: t.tier, tierReason: `score ${score} >= ${t.minScore} (tier '${t.tier}')${above}` };
}
