/**
 * @lib/scoring — pure, deterministic lead-scoring maths for intake surveys:
 * validate a survey definition, validate answers, score a submission (score, tier, persona)
 * and explain the result. No I/O, no clock, no randomness.
 */
export * from './types.js';
export { DEFINITION_NUMBER_LIMIT, validateDefinition } from './validate-definition.js';
export { validateAnswers } from './validate-answers.js';
export { createScorer, scoreSubmission, ScoringInputError, type Scorer } from './score.js';
export { maxAchievableScore, minAchievableScore } from './bounds.js';
export { matchesCondition, matchesAll, describeCondition } from './conditions.js';
export { indexAnswers, parseBooleanValue, parseNumberValue, isBlankAnswer } from './answers.js';
