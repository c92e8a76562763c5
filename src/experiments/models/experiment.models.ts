import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/graphql/pagination.js';
import { TeamKind } from '../../organization/index.js';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, MetricKind, RandomizationUnit } from '../entities/experiment-enums.js';

/**
 * Query-cost estimate for per-experiment variant lists: at most 10 variants, typically 2–3 (the
 * default estimate of 10 per unbounded list would make a feed page with its analyses too costly).
 */
export const VARIANT_LIST_COMPLEXITY = ({ childComplexity }: { childComplexity: number }) => 1 + 3 * Math.max(1, childComplexity);

registerEnumType(ExperimentStatus, {
  name: 'ExperimentStatus',
  description: 'DRAFT → RUNNING → STOPPED → CONCLUDED → PUBLISHED, or ARCHIVED from any state before PUBLISHED.',
});
registerEnumType(MetricKind, {
  name: 'ExperimentMetricKind',
  description: "TRACKED: read from the product's own data; LOGGED: daily counts logged by people.",
});
registerEnumType(RandomizationUnit, { name: 'RandomizationUnit', description: 'What is randomized: a lead, a whole squad or a cohort.' });
registerEnumType(AnalysisMode, {
  name: 'AnalysisMode',
  description: 'FIXED_HORIZON: z/Fisher tests valid at the planned sample; SEQUENTIAL: mSPRT, valid at every daily look.',
});
registerEnumType(ExperimentVerdict, { name: 'ExperimentVerdict' });

@ObjectType('PersonRef', { description: 'A person shown on shared records: id and name only.' })
export class PersonRefModel {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('ExperimentVariant')
export class ExperimentVariantModel {
  @Field() key: string;
  @Field() isControl: boolean;
  @Field() description: string;
  @Field(() => String, { nullable: true }) script: string | null;
  @Field(() => Int, { description: 'Planned share of traffic relative to the other variants.' }) weight: number;
}

@ObjectType('ExperimentAdoption')
export class ExperimentAdoptionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) squadId: string;
  @Field(() => ID, { nullable: true }) adoptedById: string | null;
  @Field() adoptedAt: Date;
}

@ObjectType('ExperimentDataEntry', { description: 'One logged line of counts; append-only, corrections are new entries.' })
export class ExperimentDataEntryModel {
  @Field(() => ID) id: string;
  @Field() variantKey: string;
  @Field({ description: 'YYYY-MM-DD, organization time zone.' }) day: string;
  @Field(() => Int) exposures: number;
  @Field(() => Int) conversions: number;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID, { nullable: true }) recordedById: string | null;
  @Field() recordedAt: Date;
}

export const ExperimentDataEntryConnection = ConnectionType(ExperimentDataEntryModel, 'ExperimentDataEntryConnection');

@ObjectType('ExperimentAssignment')
export class ExperimentAssignmentModel {
  @Field(() => ID) leadId: string;
  @Field() variantKey: string;
  @Field() assignedAt: Date;
  @Field({ description: 'False when the lead was already assigned (the call is idempotent).' }) created: boolean;
}

@ObjectType('VariantSummary')
export class VariantSummaryModel {
  @Field() key: string;
  @Field(() => Int) exposures: number;
  @Field(() => Int) conversions: number;
  @Field(() => Float) rate: number;
  @Field(() => Float, { description: 'Wilson score interval, 95%.' }) ciLow: number;
  @Field(() => Float) ciHigh: number;
}

@ObjectType('VariantComparison', { description: 'A treatment against the control.' })
export class VariantComparisonModel {
  @Field() variantKey: string;
  @Field(() => Float) upliftAbs: number;
  @Field(() => Float, { nullable: true, description: 'null when the control rate is 0.' }) upliftRel: number | null;
  @Field(() => Float, { description: '95% interval of the difference: Newcombe (fixed horizon) or always-valid (sequential).' }) ciLow: number;
  @Field(() => Float) ciHigh: number;
  @Field(() => Float, { description: 'Two-sided p-value; in SEQUENTIAL mode the always-valid p-value (running minimum over daily looks).' })
  pValue: number;
  @Field({ description: 'Z_TEST, FISHER_EXACT or MSPRT.' }) test: string;
  @Field(() => Float, { description: 'P(treatment rate > control rate), Beta(1,1) priors, exact.' }) probabilityToBeatControl: number;
  @Field() significant: boolean;
}

@ObjectType('SampleRatioCheck')
export class SampleRatioCheckModel {
  @Field(() => Float) chiSquare: number;
  @Field(() => Float) pValue: number;
  @Field({ description: 'p < 0.001: exposures do not match the planned allocation.' }) flagged: boolean;
}

@ObjectType('SequentialLook', { description: 'One daily look of the sequential test for one treatment.' })
export class SequentialLookModel {
  @Field() variantKey: string;
  @Field({ description: 'YYYY-MM-DD, organization time zone: the cumulative data up to this day.' }) day: string;
  @Field(() => Float, { description: 'Always-valid p-value after this look (running minimum, never increases).' }) pValue: number;
}

@ObjectType('ExperimentAnalysis')
export class ExperimentAnalysisModel {
  @Field(() => AnalysisMode) method: AnalysisMode;
  @Field(() => [VariantSummaryModel], { complexity: VARIANT_LIST_COMPLEXITY }) variants: VariantSummaryModel[];
  @Field(() => [VariantComparisonModel], { complexity: VARIANT_LIST_COMPLEXITY }) comparisons: VariantComparisonModel[];
  @Field(() => SampleRatioCheckModel) srm: SampleRatioCheckModel;
  @Field(() => Int, { nullable: true }) requiredSamplePerArm: number | null;
  @Field() decisionReady: boolean;
  @Field(() => [String]) warnings: string[];
  @Field(() => Int, { description: 'Days with data (the daily looks of the sequential test).' }) looks: number;
  @Field(() => [SequentialLookModel], {
    complexity: VARIANT_LIST_COMPLEXITY,
    description: 'SEQUENTIAL: the always-valid p-value of each treatment over the daily looks, in day order (empty in FIXED_HORIZON).',
  })
  sequentialLooks: SequentialLookModel[];
}

@ObjectType('PromotedVariant')
export class PromotedVariantModel {
  @Field({ description: '`default` or a persona key.' }) variant: string;
  @Field({ description: 'CHANGED (had another text), ADDED (the step had no such variant), SAME (already this text).' }) change: string;
  @Field(() => String, { nullable: true }) before: string | null;
  @Field() after: string;
}

@ObjectType('ExperimentPromotion')
export class ExperimentPromotionModel {
  @Field(() => ID, { description: 'The draft playbook version that took the script.' }) versionId: string;
  @Field() stepKey: string;
  @Field(() => [PromotedVariantModel], { description: 'The variants that took the winning script, in the order asked.' }) variants: PromotedVariantModel[];
  @Field(() => [String], { description: 'Variants of the step left as they were.' }) unchangedVariants: string[];
}

@ObjectType('Experiment')
export class ExperimentModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() hypothesis: string;
  @Field(() => ID) ownerId: string;
  @Field(() => ID) squadId: string;
  @Field(() => TeamKind) teamKind: TeamKind;
  @Field(() => [String]) tags: string[];
  @Field() metricKey: string;
  @Field(() => MetricKind) metricKind: MetricKind;
  @Field(() => RandomizationUnit) randomizationUnit: RandomizationUnit;
  @Field(() => AnalysisMode) analysisMode: AnalysisMode;
  @Field(() => Float) minDetectableEffect: number;
  @Field(() => Int, { nullable: true }) plannedSamplePerArm: number | null;
  @Field(() => Float, { nullable: true }) sequentialTau: number | null;
  @Field(() => ID, { nullable: true }) playbookId: string | null;
  @Field(() => String, { nullable: true }) playbookStepKey: string | null;
  @Field(() => ExperimentStatus) status: ExperimentStatus;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) stoppedAt: Date | null;
  @Field(() => ExperimentVerdict, { nullable: true }) verdict: ExperimentVerdict | null;
  @Field(() => String, { nullable: true }) winnerVariantKey: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => [String], { description: 'Why the verdict was not backed by the analysis when it was concluded (empty when it was).' })
  conclusionWarnings: string[];
  @Field(() => Date, { nullable: true }) concludedAt: Date | null;
  @Field(() => String, { nullable: true }) publicationNote: string | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => ExperimentPromotionModel, { nullable: true, description: 'Set when it was published with promoteToPlaybook.' })
  promotion: ExperimentPromotionModel | null;
  @Field(() => Date, { nullable: true }) archivedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

export const ExperimentConnection = ConnectionType(ExperimentModel, 'ExperimentConnection');
