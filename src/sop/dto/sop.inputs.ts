import { BOUNDS, IsName, IsRequiredText } from '../../common/bounds.js';
import { ValidatedInService } from '../../common/validated-in-service.js';
import { DATE_PATTERN } from '../../common/formats.js';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
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
import { TeamKind } from '../../organization/index.js';
import { GroupScope, StepAudience, StepChannel } from '../entities/playbook.entity.js';
import { SopJoinMode } from '../entities/sop-entry.entity.js';
import { AgendaDetails, MAX_DETAILS_FOR } from '../agenda-details.js';

const NAME = { min: 1, max: 120 };
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/;
const KEY_MESSAGE = 'must be 1-60 letters, digits, "_", "-" or "." starting with a letter or digit';

@InputType({ description: 'A script text: the default (persona empty) or the variant for one persona.' })
export class ScriptInput {
  @Field(() => String, { nullable: true, description: 'Persona this variant is for; empty = default text.' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  persona?: string | null;

  @Field({ description: 'Template text; variables like {{lead.firstName}} (see scriptVariables).' })
  @IsString()
  @MaxLength(5000)
  text: string;
}

@InputType()
export class StepInput {
  @Field(() => String, { nullable: true, description: 'Stable key of the step across versions (generated when empty).' })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` })
  key?: string | null;

  @Field(() => Int, { description: 'Camp day: 0 = cohort start date, negative = warm-up.' })
  @IsInt()
  @Min(BOUNDS.dayOffset.min)
  @Max(BOUNDS.dayOffset.max)
  dayOffset: number;

  @Field({ description: "Local wall time 'HH:MM' in the cohort's time zone." })
  @IsString()
  @MaxLength(10)
  localTime: string;

  @Field(() => Int, { nullable: true, description: 'Minutes after the due time after which the step is MISSED; empty = no window.' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.windowMinutes.min)
  @Max(BOUNDS.windowMinutes.max)
  windowMinutes?: number | null;

  @Field(() => StepChannel) @IsEnum(StepChannel) channel: StepChannel;
  @Field(() => StepAudience) @IsEnum(StepAudience) audience: StepAudience;

  @Field(() => GroupScope, { nullable: true, description: 'GROUP steps: PER_REP (default) or PER_SQUAD (done once by the squad lead).' })
  @IsOptional()
  @IsEnum(GroupScope)
  groupScope?: GroupScope | null;

  @Field(() => [String], { nullable: true, description: 'LEADS steps: tiers to include (empty = all).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  tiers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'LEADS steps: personas to include (empty = all).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  personas?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'LEADS steps: part of the after-purchase path, kept when the lead converts (default false: a pre-sales step, cancelled on conversion).',
  })
  @IsOptional()
  @IsBoolean()
  afterPurchase?: boolean | null;

  @Field() @IsName(BOUNDS.title) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) goal?: string | null;

  @Field(() => [ScriptInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ScriptInput)
  scripts?: ScriptInput[] | null;
}

@InputType()
export class ObjectionAnswerInput {
  @Field(() => ID, { nullable: true, description: 'Keep the id of an existing answer so logs stay linked; empty = new answer.' })
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Persona this answer suits best; empty = any.' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  persona?: string | null;

  @Field(() => String, { nullable: true, description: 'Short name of the approach, e.g. "installments".' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string | null;

  @Field() @IsString() @MaxLength(5000) text: string;
}

@InputType()
export class ObjectionInput {
  @Field(() => String, { nullable: true, description: 'Stable key across versions (generated when empty).' })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` })
  key?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the step it belongs to; empty = the whole playbook.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  stepKey?: string | null;

  @Field({ description: 'What the prospect says, e.g. "It is too expensive".' })
  @IsRequiredText(BOUNDS.shortText)
  objection: string;

  @Field(() => [ObjectionAnswerInput])
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ObjectionAnswerInput)
  answers: ObjectionAnswerInput[];
}

@InputType({ description: 'The whole content of a draft (replaces what the draft had).' })
export class PlaybookContentInput {
  @Field(() => [StepInput])
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => StepInput)
  steps: StepInput[];

  @Field(() => [ObjectionInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ObjectionInput)
  objections?: ObjectionInput[] | null;

  @Field(() => String, { nullable: true, description: 'What changed in this version (shown in the version list).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  changeNote?: string | null;
}

@InputType()
export class CreatePlaybookInput {
  @Field(() => ID, { description: 'Owning legion; its kind must match `kind`.' }) @IsUUID() legionId: string;
  @Field() @IsName(NAME.max) name: string;
  @Field(() => TeamKind) @IsEnum(TeamKind) kind: TeamKind;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Default value of {{product.name}}.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  productName?: string | null;

  @Field(() => PlaybookContentInput, { nullable: true, description: 'Content of the first draft (version 1).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaybookContentInput)
  content?: PlaybookContentInput | null;
}

@InputType()
export class UpdatePlaybookInput {
  @Field({ nullable: true }) @IsOptional() @IsName(NAME.max) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(120) productName?: string | null;
}

@InputType()
export class ClonePlaybookInput {
  @Field(() => ID) @IsUUID() playbookId: string;
  @Field(() => ID, { description: 'Target legion (same team kind).' }) @IsUUID() legionId: string;
  @Field(() => ID, { nullable: true, description: 'Version to copy; default: the published one, else the latest.' })
  @IsOptional()
  @IsUUID()
  versionId?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: the same name.' }) @IsOptional() @IsName(NAME.max) name?: string | null;
}

@ArgsType()
export class PlaybooksFilterArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() legionId?: string;
  @Field(() => TeamKind, { nullable: true }) @IsOptional() @IsEnum(TeamKind) kind?: TeamKind;
}

@InputType()
export class CreateCohortInput {
  @Field() @IsName(NAME.max) name: string;
  @Field({ description: "Day 0, 'YYYY-MM-DD'." }) @IsString() @Matches(DATE_PATTERN, { message: "must be a date 'YYYY-MM-DD'" }) startDate: string;
  @Field({ description: 'IANA time zone, e.g. Asia/Shanghai.' }) @IsString() @MaxLength(64) timeZone: string;
  @Field(() => ID, { description: 'A PUBLISHED playbook version.' }) @IsUUID() playbookVersionId: string;
  @Field(() => [ID]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) squadIds: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsUUID('all', { each: true }) leadIds?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(120) productName?: string | null;
  @Field(() => Date, { nullable: true, description: 'Offer deadline shown by {{deadline}}.' }) @IsOptional() @IsDate() offerDeadline?: Date | null;
  @Field(() => ID, { nullable: true, description: 'The distribution model (cohortTypes).' }) @IsOptional() @IsUUID() cohortTypeId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "Course-service classes: the REGULAR/ADVANCED product they teach; a paid order of it joins the product's next class.",
  })
  @IsOptional()
  @IsUUID()
  productId?: string | null;
}

@InputType({ description: "A legion's or a squad's entry playbook and join mode (docs/lifecycle.md, Entry into an SOP)." })
export class SetSopEntryInput {
  @Field(() => ID, { nullable: true, description: 'The legion (its squads without their own entry); give legionId or squadId.' })
  @IsOptional()
  @IsUUID()
  legionId?: string | null;

  @Field(() => ID, { nullable: true, description: "The squad (wins over its legion's entry)." })
  @IsOptional()
  @IsUUID()
  squadId?: string | null;

  @Field(() => ID, { description: "A playbook of the legion (of the squad's legion) with a PUBLISHED version." }) @IsUUID() playbookId: string;
  @Field(() => SopJoinMode) @IsEnum(SopJoinMode) mode: SopJoinMode;
}

@InputType()
export class ClearSopEntryInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() legionId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string | null;
}

/**
 * The DateTime scalar already delivers valid Dates, and AgendaService checks the range (order,
 * span) on every query that takes these args, so the global pipe does not copy and re-validate them.
 */
@ArgsType()
@ValidatedInService()
export class AgendaRangeArgs {
  @Field(() => Date, { description: 'Items due at or after this instant.' }) @IsDate() from: Date;
  @Field(() => Date, { description: 'Items due before this instant (at most 62 days after `from`).' }) @IsDate() to: Date;
}

/** Which items of an AgendaSheet get their script and objections (docs/sop.md "Agenda sheet"); checked in the service (`checkDetails`). */
@ArgsType()
@ValidatedInService()
export class AgendaSheetDetailsArgs {
  @Field(() => AgendaDetails, {
    defaultValue: AgendaDetails.ALL,
    description:
      'Whose scripts and objections are rendered and sent: ALL items, the CURRENT ones (the first two PENDING by due time) and `detailsFor`, or NONE but `detailsFor`.',
  })
  details: AgendaDetails = AgendaDetails.ALL;

  @Field(() => [ID], {
    nullable: true,
    description: `Items (of this answer) whose details are sent too, with details CURRENT or NONE; at most ${MAX_DETAILS_FOR}. Ids that are not items of this answer are ignored.`,
  })
  detailsFor?: string[] | null;
}

@InputType()
export class SopComplianceInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() memberId?: string | null;
  @Field(() => Date, { description: 'Items due at or after this instant.' }) @IsDate() from: Date;
  @Field(() => Date, { description: 'Items due before this instant.' }) @IsDate() to: Date;
}
