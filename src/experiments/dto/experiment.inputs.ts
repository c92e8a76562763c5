import { BOUNDS, IsLocalDate, IsName, IsRequiredText } from '../../common/bounds.js';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsArray,
} from 'class-validator';
import { TeamKind } from '../../organization/index.js';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, MetricKind, RandomizationUnit } from '../entities/experiment-enums.js';

export const VARIANT_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const METRIC_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

@InputType()
export class ExperimentVariantInput {
  @Field({ description: 'Short key, unique in the experiment: lower-case letters, digits, "-" and "_" (e.g. "control", "voice-note").' })
  @IsString()
  @Matches(VARIANT_KEY, { message: 'must be 1–40 lower-case letters, digits, "-" or "_"' })
  key: string;

  @Field({ description: 'What the variant does differently.' }) @IsRequiredText(2000) description: string;

  @Field(() => String, { nullable: true, description: 'The script the variant uses (SOP-linked experiments).' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  script?: string | null;

  @Field({ defaultValue: false, description: 'Exactly one variant is the control.' }) @IsBoolean() isControl: boolean = false;

  @Field(() => Int, { defaultValue: 1, description: 'Planned share of traffic relative to the other variants (1/1 = 50/50).' })
  @IsInt()
  @Min(1)
  @Max(1000)
  weight: number = 1;
}

@InputType()
export class CreateExperimentInput {
  @Field() @IsName(BOUNDS.title) title: string;
  @Field({ description: 'What you expect and why.' }) @IsRequiredText(BOUNDS.text) hypothesis: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the caller. LEADs may name a member of their squad; managers anyone.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the owner's current squad." })
  @IsOptional()
  @IsUUID()
  squadId?: string | null;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags: string[] = [];

  @Field({ description: 'Binary outcome measured, e.g. "converted_to_paid" (TRACKED) or "replied" (LOGGED).' })
  @IsString()
  @Matches(METRIC_KEY, { message: 'must be a lower-case key such as "replied" or "converted_to_paid"' })
  metricKey: string;

  @Field(() => MetricKind) @IsEnum(MetricKind) metricKind: MetricKind;

  @Field(() => RandomizationUnit, { defaultValue: RandomizationUnit.LEAD })
  @IsEnum(RandomizationUnit)
  randomizationUnit: RandomizationUnit = RandomizationUnit.LEAD;

  @Field(() => AnalysisMode, { defaultValue: AnalysisMode.FIXED_HORIZON })
  @IsEnum(AnalysisMode)
  analysisMode: AnalysisMode = AnalysisMode.FIXED_HORIZON;

  @Field(() => Float, { description: 'Smallest absolute rate difference worth detecting, e.g. 0.02 for 2 percentage points.' })
  @IsNumber()
  @Min(0.0001)
  @Max(0.99)
  minDetectableEffect: number;

  @Field(() => Int, { nullable: true, description: 'Planned exposures per arm; default: the required sample for the observed baseline.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  plannedSamplePerArm?: number | null;

  @Field(() => Float, { nullable: true, description: 'SEQUENTIAL only: mSPRT mixing standard deviation τ; default the minimum detectable effect.' })
  @IsOptional()
  @IsNumber()
  @Min(0.0001)
  @Max(0.99)
  sequentialTau?: number | null;

  @Field(() => ID, { nullable: true, description: 'Playbook the experiment tests a step of (with playbookStepKey).' })
  @IsOptional()
  @IsUUID()
  playbookId?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) playbookStepKey?: string | null;

  @Field(() => [ExperimentVariantInput], { description: 'A control and at least one treatment (2 to 10 variants).' })
  @ValidateNested({ each: true })
  @Type(() => ExperimentVariantInput)
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  variants: ExperimentVariantInput[];
}

@InputType({ description: 'Title, hypothesis and tags can change until the experiment is published; the design only while DRAFT.' })
export class UpdateExperimentInput {
  @Field({ nullable: true }) @IsOptional() @IsName(BOUNDS.title) title?: string;
  @Field({ nullable: true }) @IsOptional() @IsRequiredText(BOUNDS.text) hypothesis?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @Field({ nullable: true }) @IsOptional() @IsString() @Matches(METRIC_KEY) metricKey?: string;
  @Field(() => MetricKind, { nullable: true }) @IsOptional() @IsEnum(MetricKind) metricKind?: MetricKind;
  @Field(() => RandomizationUnit, { nullable: true }) @IsOptional() @IsEnum(RandomizationUnit) randomizationUnit?: RandomizationUnit;
  @Field(() => AnalysisMode, { nullable: true }) @IsOptional() @IsEnum(AnalysisMode) analysisMode?: AnalysisMode;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0.0001) @Max(0.99) minDetectableEffect?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100_000_000) plannedSamplePerArm?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0.0001) @Max(0.99) sequentialTau?: number | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() playbookId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) playbookStepKey?: string | null;

  @Field(() => [ExperimentVariantInput], { nullable: true, description: 'Replaces all variants (DRAFT only).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ExperimentVariantInput)
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  variants?: ExperimentVariantInput[];
}

@InputType()
export class ExperimentDataEntryInput {
  @Field() @IsString() @Matches(VARIANT_KEY, { message: 'is not a variant key' }) variantKey: string;

  @Field({ description: 'Day the counts belong to (organization time zone), YYYY-MM-DD.' })
  @IsString()
  @IsLocalDate()
  day: string;

  @Field(() => Int, { description: 'Exposures that day; negative only to correct earlier entries.' })
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  exposures: number;

  @Field(() => Int, { description: 'Conversions that day; negative only to correct earlier entries.' })
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  conversions: number;
}

@ArgsType()
export class LogExperimentDataArgs {
  @Field(() => ID) @IsUUID() experimentId: string;

  @Field(() => [ExperimentDataEntryInput])
  @ValidateNested({ each: true })
  @Type(() => ExperimentDataEntryInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  entries: ExperimentDataEntryInput[];

  @Field(() => String, { nullable: true, description: 'Why (e.g. the reason for a correction).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@ArgsType()
export class ConcludeExperimentArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => ExperimentVerdict) @IsEnum(ExperimentVerdict) verdict: ExperimentVerdict;
  @Field({ description: 'What was learned.' }) @IsRequiredText(BOUNDS.text) summary: string;

  @Field(() => String, { nullable: true, description: 'WIN: the winning treatment (needed when there are several treatments).' })
  @IsOptional()
  @IsString()
  @Matches(VARIANT_KEY, { message: 'is not a variant key' })
  winnerVariantKey?: string | null;
}

@InputType()
export class ExperimentFeedFilter {
  @Field(() => TeamKind, { nullable: true }) @IsOptional() @IsEnum(TeamKind) teamKind?: TeamKind;
  @Field(() => ExperimentStatus, { nullable: true }) @IsOptional() @IsEnum(ExperimentStatus) status?: ExperimentStatus;

  @Field(() => [String], { nullable: true, description: 'Experiments carrying all of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
  @Field({ nullable: true, description: 'Metric key.' }) @IsOptional() @IsString() @MaxLength(64) metric?: string;
  @Field(() => ID, { nullable: true, description: 'Experiments run by a squad of this legion.' }) @IsOptional() @IsUUID() legionId?: string;
  @Field(() => ExperimentVerdict, { nullable: true, description: 'Concluded or published with this verdict.' })
  @IsOptional()
  @IsEnum(ExperimentVerdict)
  verdict?: ExperimentVerdict;
  @Field(() => ID, { nullable: true, description: 'Experiments owned by this person.' }) @IsOptional() @IsUUID() ownerId?: string;
}

@ArgsType()
export class ExperimentFeedArgs {
  @Field(() => ExperimentFeedFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExperimentFeedFilter)
  filter?: ExperimentFeedFilter | null;
}

@ArgsType()
export class PublishExperimentArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'What every team should take from it.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string | null;
  @Field({
    defaultValue: false,
    description: "Also put the winning variant's script into the linked playbook step, as a new draft version for a manager to review and publish.",
  })
  @IsBoolean()
  promoteToPlaybook: boolean = false;
  @Field(() => [String], {
    nullable: true,
    description:
      'With promoteToPlaybook: the script variants of the step that take the winning script — `default` and/or persona keys of the catalog. Default: ["default"].',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  promoteToVariants?: string[] | null;
}

@ArgsType()
export class AdoptExperimentArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => ID, { description: 'The adopting squad.' }) @IsUUID() squadId: string;
}

@ArgsType()
export class AssignLeadArgs {
  @Field(() => ID) @IsUUID() experimentId: string;
  @Field(() => ID) @IsUUID() leadId: string;

  @Field(() => String, { nullable: true, description: 'Force a variant; omitted = deterministic allocation by the planned weights.' })
  @IsOptional()
  @IsString()
  @Matches(VARIANT_KEY, { message: 'is not a variant key' })
  variantKey?: string | null;
}
