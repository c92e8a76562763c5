/**
 * @lib/stats — pure, deterministic statistics for binary-outcome (conversion) experiments.
 * Formulas and references: docs/experiments.md.
 */
export {
  logGamma,
  logBeta,
  logChoose,
  regularizedIncompleteBeta,
  regularizedGammaP,
  regularizedGammaQ,
  chiSquareSurvival,
  erfc,
  normalCdf,
  normalTwoSidedPValue,
  normalQuantile,
} from './special.js';
export {
  wilsonInterval,
  twoProportionZTest,
  fisherExactTest,
  FISHER_RELATIVE_TOLERANCE,
  newcombeDifferenceInterval,
  expectedCellCounts,
  compareProportions,
} from './proportions.js';
export type { Counts, Interval, ProportionComparison } from './proportions.js';
export { probabilityBBeatsA, probabilityBBeatsANumeric } from './bayes.js';
export { sampleRatioMismatch, SRM_P_VALUE_THRESHOLD } from './srm.js';
export type { SampleRatioMismatch } from './srm.js';
export { requiredSamplePerArm, isPreliminary } from './sample-size.js';
export { msprt, sequentialPValues, runningMinimum, defaultSequentialTau } from './sequential.js';
export type { MsprtOptions, MsprtResult, SequentialLook } from './sequential.js';
export { mulberry32, binomialSample, simulateFalsePositiveRates } from './simulation.js';
export type { FalsePositiveSimulationOptions } from './simulation.js';
export { analyzeExperiment, formatCount } from './analyze.js';
export type {
  AnalysisMode,
  ComparisonTest,
  AnalyzeExperimentInput,
  ExperimentVariantInput,
  ExperimentAnalysis,
  VariantSummary,
  VariantComparison,
} from './analyze.js';
export { rankOutcomes, SMALL_SAMPLE_LEADS } from './effectiveness.js';
export type { OutcomeCounts, RankedOutcome } from './effectiveness.js';
export { cohortCurve, type CohortCell, type CohortCurvePoint } from './cohort-curve.js';
