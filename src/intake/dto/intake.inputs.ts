import { IsName, IsSurveyNumber, NotBlank } from '../../common/bounds.js';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ValidatedInService } from '../../common/validated-in-service.js';
import { LeadSource, MessengerNetwork } from '../../leads/index.js';
import { SurveyKind } from '../entities/survey.entity.js';
import { QuestionTypeEnum } from '../models/survey.models.js';
import { RoutingStrategy } from '../routing.js';

const KEY = { max: 80 };

/** Size limits of intake submissions: the schema descriptions and IntakeService.prepare both read them. */
export const INTAKE_LIMITS = {
  /** Submissions per submitIntakeBatch request. */
  batch: 1000,
  externalId: 200,
  name: 200,
  phone: 40,
  email: 254,
  messengerHandle: 120,
  cohortRef: 120,
  answers: 200,
  optionKeys: 100,
  value: 10_000,
} as const;
const L = INTAKE_LIMITS;

@InputType()
export class OptionDefInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) key: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) label?: string;
  @Field(() => Float) @IsSurveyNumber() points: number;
}

@InputType()
export class BandDefInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() min?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() max?: number | null;
  @Field(() => Float) @IsSurveyNumber() points: number;
}

@InputType()
export class QuestionDefInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) key: string;
  @Field(() => QuestionTypeEnum) @IsEnum(QuestionTypeEnum) type: QuestionTypeEnum;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) label?: string;
  @Field() @IsBoolean() required: boolean;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() @Min(0) weight?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(KEY.max) group?: string;
  @Field(() => [OptionDefInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OptionDefInput)
  options?: OptionDefInput[];
  @Field(() => [BandDefInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BandDefInput)
  bands?: BandDefInput[];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() yesPoints?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() noPoints?: number;
}

@InputType()
export class GroupCapInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) group: string;
  @Field(() => Float) @IsSurveyNumber() maxPoints: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() minPoints?: number;
}

@InputType()
export class ConditionInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) questionKey: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(KEY.max, { each: true })
  optionKeys?: string[];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() min?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsSurveyNumber() max?: number;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() equals?: boolean;
}

@InputType()
export class RuleDefInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) key: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) label?: string;
  @Field(() => [ConditionInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConditionInput)
  when: ConditionInput[];
  @Field(() => Float) @IsSurveyNumber() points: number;
}

@InputType()
export class TierDefInput {
  @Field() @IsName(40) tier: string;
  @Field(() => Float) @IsSurveyNumber() minScore: number;
}

@InputType()
export class PersonaRuleInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) persona: string;
  @Field(() => [ConditionInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConditionInput)
  when: ConditionInput[];
}

@InputType({ description: 'A survey definition (see docs/intake.md). Checked in full when the version is published.' })
export class SurveyDefinitionInput {
  @Field(() => [QuestionDefInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuestionDefInput)
  questions: QuestionDefInput[];
  @Field(() => [GroupCapInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupCapInput)
  groupCaps?: GroupCapInput[];
  @Field(() => [RuleDefInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RuleDefInput)
  rules?: RuleDefInput[];
  @Field(() => [TierDefInput]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TierDefInput) tiers: TierDefInput[];
  @Field() @IsName(40) defaultTier: string;
  @Field(() => [PersonaRuleInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PersonaRuleInput)
  personas?: PersonaRuleInput[];
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) defaultPersona: string;
}

@InputType()
export class CreateSurveyInput {
  @Field() @IsName() name: string;
  @Field(() => SurveyKind) @IsEnum(SurveyKind) kind: SurveyKind;
  @Field(() => SurveyDefinitionInput) @ValidateNested() @Type(() => SurveyDefinitionInput) definition: SurveyDefinitionInput;
}

@InputType()
export class SaveSurveyDraftInput {
  @Field(() => ID) @IsUUID() surveyId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsName() name?: string;
  @Field(() => SurveyDefinitionInput) @ValidateNested() @Type(() => SurveyDefinitionInput) definition: SurveyDefinitionInput;
}

/** Checked field by field by IntakeService.prepare, as part of {@link SubmitIntakeInput}. */
@InputType()
export class ContactInput {
  @Field({ description: `At most ${L.name} characters.` }) name: string;
  @Field(() => String, {
    nullable: true,
    description: `+<country code><number>, or a national number when a default country code is configured. At most ${L.phone} characters.`,
  })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: `At most ${L.email} characters.` }) email?: string | null;
  @Field(() => MessengerNetwork, { nullable: true }) messengerNetwork?: MessengerNetwork | null;
  @Field(() => String, { nullable: true, description: `At most ${L.messengerHandle} characters.` }) messengerHandle?: string | null;
}

@InputType()
export class AnswerInput {
  @Field() @IsString() @NotBlank() @MaxLength(KEY.max) questionKey: string;
  @Field(() => [String], { nullable: true, description: 'SINGLE_CHOICE / MULTIPLE_CHOICE.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.optionKeys)
  @IsString({ each: true })
  optionKeys?: string[];
  @Field(() => String, { nullable: true, description: 'NUMBER ("7.5"), YES_NO ("yes"/"no"/"true"/"false") or FREE_TEXT.' })
  @IsOptional()
  @IsString()
  @MaxLength(L.value)
  value?: string | null;
}

@InputType({
  description:
    'Campaign attribution (UTM-style). Each value: trimmed, lower-cased, whitespace collapsed; at most 120 characters; blank = none. First touch: a lead keeps the attribution of the first submission that had one.',
})
export class AttributionInput {
  @Field(() => String, { nullable: true, description: 'utm_campaign; unit economics group by it (spend is recorded per campaign).' }) campaign?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_source, e.g. "facebook" (the channel is the submission’s source).' }) source?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_medium, e.g. "cpc".' }) medium?: string | null;
  @Field(() => String, { nullable: true, description: 'utm_content, e.g. which ad.' }) content?: string | null;
}

/**
 * One filled-in intake survey. Checked in full by IntakeService.prepare, the one validation path
 * shared with the batch mutation, the CSV import and the demo (see {@link ValidatedInService}).
 */
@InputType()
@ValidatedInService()
export class SubmitIntakeInput {
  @Field(() => ID) surveyId: string;
  @Field({ description: `The form’s own id of this submission: the same externalId is processed once per survey. 1–${L.externalId} characters.` })
  externalId: string;
  @Field(() => ContactInput) contact: ContactInput;
  @Field(() => LeadSource) source: LeadSource;
  @Field(() => String, { nullable: true, description: `At most ${L.cohortRef} characters.` }) cohortRef?: string | null;
  @Field(() => ID, { nullable: true }) referredByLeadId?: string | null;
  @Field(() => AttributionInput, { nullable: true }) attribution?: AttributionInput | null;
  @Field(() => [AnswerInput], { description: `At most ${L.answers} answers.` }) answers: AnswerInput[];
}

@ArgsType()
@ValidatedInService()
export class SubmitIntakeBatchArgs {
  @Field(() => [SubmitIntakeInput], { description: `1 to ${L.batch} submissions.` })
  inputs: SubmitIntakeInput[];
}

@InputType()
export class RoutingConfigInput {
  @Field(() => String, { nullable: true, description: 'null: the organization default; else a campaign / cohort reference.' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  cohortRef?: string | null;
  @Field({ description: 'Leads at or above this tier get a 1:1 owner, e.g. "B".' }) @IsName(40) tierThreshold: string;
  @Field(() => RoutingStrategy) @IsEnum(RoutingStrategy) strategy: RoutingStrategy;
  @Field(() => [ID], { description: 'Squads whose reps receive leads, in round-robin order.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  squadIds: string[];
  @Field(() => ID, { nullable: true, description: 'Squad of the nurture pool (default: the first chosen squad).' })
  @IsOptional()
  @IsUUID()
  poolSquadId?: string | null;
  @Field(() => Int, { description: 'Max open leads per rep unless overridden.' }) @IsInt() @Min(0) @Max(100_000) defaultCapacity: number;
  @Field(() => String, { nullable: true, description: 'Country calling code for national phone numbers, e.g. "86" (organization default only).' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,2}$/, { message: 'must be a country calling code such as 86 or 1' })
  defaultCountryCode?: string | null;
}

@InputType()
export class SetRepCapacityInput {
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => Int, { nullable: true, description: 'null removes the override.' }) @IsOptional() @IsInt() @Min(0) @Max(100_000) maxOpenLeads?: number | null;
}

@ArgsType()
export class CalibrationArgs {
  @Field(() => ID) @IsUUID() surveyId: string;
  @Field({ description: 'Submissions at or after this instant.' }) @IsDate() from: Date;
  @Field({ description: 'Submissions before this instant.' }) @IsDate() to: Date;
}
