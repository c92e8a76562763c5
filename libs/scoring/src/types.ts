/**
 * Survey definition and answer shapes used by the lead-scoring maths.
 *
 * Everything here is plain data (JSON-serialisable) so a definition can be stored as a JSON column
 * and answers can come straight from a GraphQL input.
 */

export type QuestionType = 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'NUMBER' | 'YES_NO' | 'FREE_TEXT';

export const QUESTION_TYPES: readonly QuestionType[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'NUMBER', 'YES_NO', 'FREE_TEXT'];

/** Weight used when a question does not set one. */
export const DEFAULT_WEIGHT = 1;

/** Longest accepted FREE_TEXT answer, counted in Unicode code points. */
export const MAX_FREE_TEXT_LENGTH = 2000;

export interface OptionDef {
  key: string;
  label?: string;
  points: number;
}

/**
 * A NUMBER band matches when `min <= value < max` (min inclusive, max exclusive).
 * A missing/null `min` means "from -infinity", a missing/null `max` means "up to +infinity".
 */
export interface BandDef {
  min?: number | null;
  max?: number | null;
  points: number;
}

export interface QuestionDef {
  key: string;
  type: QuestionType;
  label?: string;
  required: boolean;
  /** Multiplier for the question's raw points; defaults to 1, must be finite and >= 0. */
  weight?: number;
  /** Questions sharing a group can be capped together with a {@link GroupCap}. */
  group?: string;
  /** SINGLE_CHOICE / MULTIPLE_CHOICE only. MULTIPLE_CHOICE scores the sum of the chosen options. */
  options?: OptionDef[];
  /** NUMBER only. */
  bands?: BandDef[];
  /** YES_NO only; default 0. */
  yesPoints?: number;
  /** YES_NO only; default 0. */
  noPoints?: number;
}

/**
 * The summed weighted points of every question in `group` count at most `maxPoints`
 * and, when `minPoints` is given, at least `minPoints`. Both must have at most 2 decimals.
 */
export interface GroupCap {
  group: string;
  maxPoints: number;
  minPoints?: number;
}

/**
 * A test on one answer. Exactly one shape is allowed, chosen by the question type:
 * - SINGLE_CHOICE / MULTIPLE_CHOICE: `optionKeys` — matches when the answer chose ANY of them;
 * - NUMBER: `min` and/or `max` — matches when `min <= value < max` (min inclusive, max exclusive,
 *   same convention as bands);
 * - YES_NO: `equals` — matches when the answer is that boolean.
 * A question that was not answered never matches. FREE_TEXT questions cannot be used.
 */
export interface Condition {
  questionKey: string;
  optionKeys?: string[];
  min?: number;
  max?: number;
  equals?: boolean;
}

/** Adds `points` (positive or negative, at most 2 decimals) when ALL conditions match. */
export interface RuleDef {
  key: string;
  label?: string;
  when: Condition[];
  points: number;
}

/** A lead gets the highest tier whose `minScore` (at most 2 decimals) is <= its score. */
export interface TierDef {
  tier: string;
  minScore: number;
}

/** Persona rules are tried in order; the first whose conditions ALL match wins. */
export interface PersonaRule {
  persona: string;
  when: Condition[];
}

export interface SurveyDefinition {
  questions: QuestionDef[];
  groupCaps?: GroupCap[];
  rules?: RuleDef[];
  tiers: TierDef[];
  /** Tier for scores below every threshold, e.g. 'D'. */
  defaultTier: string;
  personas?: PersonaRule[];
  /** Persona when no persona rule matches. */
  defaultPersona: string;
}

/**
 * One answer. Choice questions use `optionKeys`; NUMBER, YES_NO and FREE_TEXT use `value`.
 * An answer with no option and a null/undefined/blank value counts as "not answered".
 */
export interface Answer {
  questionKey: string;
  optionKeys?: string[];
  value?: string | number | boolean | null;
}

/** Answers indexed by question key: a Map or a plain object. */
export type AnswersByKey = ReadonlyMap<string, Answer> | Readonly<Record<string, Answer | undefined>>;

export interface DefinitionIssue {
  /** Where the problem is, e.g. `questions[2].bands[1]` or `rules[0].when[1].optionKeys[0]`. */
  path: string;
  message: string;
}

export interface AnswerIssue {
  questionKey: string;
  message: string;
}

export interface Contribution {
  questionKey: string;
  group?: string;
  /** Unweighted points (sum of chosen options for MULTIPLE_CHOICE; 0 when not answered). */
  rawPoints: number;
  weight: number;
  /** rawPoints × weight rounded half away from zero to 2 decimals. */
  weightedPoints: number;
  /** e.g. `chose 'career change' (+10) × 1.5 = +15`. */
  detail: string;
}

export interface CapApplication {
  group: string;
  /** Sum of the group's weighted points before the cap. */
  before: number;
  /** What the group counts for after the cap. */
  after: number;
  /** before − after: positive when `maxPoints` cut the sum, negative when `minPoints` raised it. */
  cut: number;
  limit: 'maxPoints' | 'minPoints';
}

export interface RuleApplication {
  ruleKey: string;
  /** The rule's label, or its key when it has none. */
  label: string;
  points: number;
}

export interface ScoreExplanation {
  /** One entry per scored question (every type except FREE_TEXT), in definition order. */
  contributions: Contribution[];
  /** Only caps that changed their group's sum. */
  caps: CapApplication[];
  /** Only rules whose conditions all matched, in definition order. */
  rules: RuleApplication[];
  tierReason: string;
  /** Which persona rule matched, or exactly `'default'` when none did. */
  personaReason: string;
  total: number;
}

export interface ScoreResult {
  score: number;
  tier: string;
  persona: string;
  explanation: ScoreExplanation;
}
