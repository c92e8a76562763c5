import { BOUNDS, IsLocalDate, IsName, localDateProblem, NotBlank } from '../../common/bounds.js';
import type { FieldError } from '../../common/errors.js';
import { ValidatedInService } from '../../common/validated-in-service.js';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  isUUID,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PeriodKind } from '../../metrics/index.js';
import { TeamKind } from '../../organization/index.js';
import { CoachingOutcome, PopulationType, RankingScope } from '../entities/ranking.entities.js';

const KEY = /^[a-z][a-z0-9_]*$/;

@InputType()
export class LeaderboardPeriodInput {
  @Field(() => PeriodKind, { description: 'DAY, ISO_WEEK, MONTH or QUARTER (CUSTOM is not a leaderboard period).' })
  @IsEnum(PeriodKind)
  kind: PeriodKind;
  @Field({ description: "Any local date in the period (YYYY-MM-DD), in the organization's time zone." })
  @IsLocalDate()
  start: string;
}

@InputType()
export class CompositeComponentInput {
  @Field() @Matches(KEY, { message: 'must be a metric key' }) metricKey: string;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1000) weight: number;
}

/** The ranking rules; on update, omitted fields keep their current value. */
@InputType()
export class LeaderboardRulesInput {
  @Field(() => String, { nullable: true, description: 'One metric key, or give components.' })
  @IsOptional()
  @Matches(KEY, { message: 'must be a metric key' })
  metricKey?: string | null;
  @Field(() => [CompositeComponentInput], { nullable: true, description: 'A weighted composite of 2..8 metrics, instead of metricKey.' })
  @IsOptional()
  @ArrayMinSize(2)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => CompositeComponentInput)
  components?: CompositeComponentInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Rolling window: rank on the last N periods (default 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  windowPeriods?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minimum denominator of the rate (e.g. leads assigned) to be ranked; null = none.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minDenominator?: number | null;
  @Field(() => Float, { nullable: true, description: 'Shrink rates towards the population rate by k pseudo-observations; null or 0 = off.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  shrinkageK?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 20.' }) @IsOptional() @IsInt() @Min(0) @Max(100) topPct?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 10.' }) @IsOptional() @IsInt() @Min(0) @Max(100) bottomPct?: number | null;
  @Field(() => Int, { nullable: true, description: 'K consecutive closed BOTTOM periods for the watch list (default 2).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  watchStreak?: number | null;
}

@InputType()
export class CreateLeaderboardInput extends LeaderboardRulesInput {
  @Field() @IsName() name: string;
  @Field(() => RankingScope) @IsEnum(RankingScope) scope: RankingScope;
  @Field(() => TeamKind) @IsEnum(TeamKind) teamKind: TeamKind;
  @Field(() => PopulationType) @IsEnum(PopulationType) populationType: PopulationType;
  @Field(() => ID, { nullable: true, description: 'The legion or squad (omit for ORG).' })
  @IsOptional()
  @IsUUID()
  populationId?: string | null;
  @Field(() => PeriodKind) @IsEnum(PeriodKind) periodKind: PeriodKind;
}

@InputType({ description: 'An unsaved definition to preview: the fields of CreateLeaderboardInput, the name optional.' })
export class PreviewLeaderboardInput extends LeaderboardRulesInput {
  @Field(() => String, { nullable: true, description: 'Shown as the board name (default "Preview").' })
  @IsOptional()
  @IsName()
  name?: string | null;
  @Field(() => RankingScope) @IsEnum(RankingScope) scope: RankingScope;
  @Field(() => TeamKind) @IsEnum(TeamKind) teamKind: TeamKind;
  @Field(() => PopulationType) @IsEnum(PopulationType) populationType: PopulationType;
  @Field(() => ID, { nullable: true, description: 'The legion or squad (omit for ORG).' })
  @IsOptional()
  @IsUUID()
  populationId?: string | null;
  @Field(() => PeriodKind) @IsEnum(PeriodKind) periodKind: PeriodKind;
}

@InputType()
export class UpdateLeaderboardInput extends LeaderboardRulesInput {
  @Field(() => String, { nullable: true, description: 'Renaming does not create a version.' })
  @IsOptional()
  @IsName()
  name?: string | null;
}

/**
 * Checked by `StandingsService.leaderboard` (leaderboardInputProblems), not by the validation pipe:
 * boards are read all day, and building class instances and running class-validator on this
 * small input cost about half a millisecond per request. The decorators stay: the CSV export
 * validates its query parameters with them (validateAs), and both give the same answers.
 */
@ValidatedInService()
@InputType({ description: 'A saved definition, or an ad-hoc board (scope, teamKind, populationId, metricKey; default rules).' })
export class LeaderboardInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() definitionId?: string | null;
  @Field(() => RankingScope, { nullable: true }) @IsOptional() @IsEnum(RankingScope) scope?: RankingScope | null;
  @Field(() => TeamKind, { nullable: true }) @IsOptional() @IsEnum(TeamKind) teamKind?: TeamKind | null;
  @Field(() => ID, { nullable: true, description: 'A legion or squad id; omit for the whole organization.' })
  @IsOptional()
  @IsUUID()
  populationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(KEY, { message: 'must be a metric key' }) metricKey?: string | null;
  @Field(() => LeaderboardPeriodInput, { nullable: true, description: 'Default: the current period.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeaderboardPeriodInput)
  period?: LeaderboardPeriodInput | null;
}

/**
 * What the decorators of LeaderboardInput check beyond its GraphQL types, with the same field
 * paths and messages as the validation pipe (`input.definitionId`, `input.period.start`).
 */
export function leaderboardInputProblems(input: LeaderboardInput): FieldError[] {
  const out: FieldError[] = [];
  if (input.definitionId != null && !isUUID(input.definitionId)) out.push({ field: 'input.definitionId', message: 'definitionId must be a UUID' });
  if (input.populationId != null && !isUUID(input.populationId)) out.push({ field: 'input.populationId', message: 'populationId must be a UUID' });
  if (input.metricKey != null && !KEY.test(input.metricKey)) out.push({ field: 'input.metricKey', message: 'must be a metric key' });
  const startProblem = input.period ? localDateProblem(input.period.start) : null;
  if (startProblem) out.push({ field: 'input.period.start', message: startProblem });
  return out;
}

@InputType()
export class OpenCoachingPlanInput {
  @Field(() => ID) @IsUUID() subjectUserId: string;
  @Field(() => ID, { nullable: true, description: 'The leaderboard whose watch list prompted the plan.' })
  @IsOptional()
  @IsUUID()
  definitionId?: string | null;
  @Field() @IsString() @NotBlank() @Length(3, BOUNDS.text) goals: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8000) notes?: string | null;
  @Field({ description: 'Local date of the review (today or later).' }) @IsLocalDate() reviewDate: string;
}

@InputType()
export class UpdateCoachingPlanInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @Length(3, BOUNDS.text) goals?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8000) notes?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsLocalDate() reviewDate?: string | null;
}

@InputType()
export class RecordCoachingOutcomeInput {
  @Field(() => CoachingOutcome) @IsEnum(CoachingOutcome) outcome: CoachingOutcome;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8000) outcomeNotes?: string | null;
}

@InputType()
export class CreateDuelInput {
  @Field(() => RankingScope) @IsEnum(RankingScope) entityType: RankingScope;
  @Field(() => ID) @IsUUID() aId: string;
  @Field(() => ID) @IsUUID() bId: string;
  @Field() @Matches(KEY, { message: 'must be a metric key' }) metricKey: string;
  @Field(() => LeaderboardPeriodInput) @ValidateNested() @Type(() => LeaderboardPeriodInput) period: LeaderboardPeriodInput;
  @Field(() => String, { nullable: true, description: 'Season label for the season table, e.g. "2026-Q4".' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  season?: string | null;
}
