import { ClubMemberStatus } from '../models/interventions.models.js';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { BOUNDS, InDateRange, IsLocalDate } from '../../common/bounds.js';
import { DropReason, InterventionChannel, InterventionOutcome, InterventionReason } from '../entities/intervention.entity.js';

@ArgsType()
export class StudentsAtRiskArgs {
  @Field(() => ID, { nullable: true, description: 'Only this curator’s students (the curator, their lead, managers).' })
  @IsOptional()
  @IsUUID()
  curatorId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this course-service squad’s students.' }) @IsOptional() @IsUUID() squadId?: string;
  @Field(() => Int, { defaultValue: 200, description: '1–1000 students, the longest at risk first.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  first: number = 200;
}

@InputType()
export class LogInterventionInput {
  @Field(() => ID, { nullable: true, description: 'The enrollment; or give leadId for the student’s active enrollment.' })
  @IsOptional()
  @IsUUID()
  enrollmentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leadId?: string;
  @Field(() => InterventionChannel) @IsEnum(InterventionChannel) channel: InterventionChannel;
  @Field(() => InterventionReason) @IsEnum(InterventionReason) reason: InterventionReason;
  @Field(() => InterventionOutcome) @IsEnum(InterventionOutcome) outcome: InterventionOutcome;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(BOUNDS.text) note?: string;
  @Field(() => Date, { nullable: true, description: 'When it happened; default now; never in the future.' })
  @IsOptional()
  @IsDate()
  @InDateRange()
  occurredAt?: Date;
}

@ArgsType()
export class InterventionsArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() enrollmentId?: string;
  @Field(() => ID, { nullable: true, description: 'Every enrollment of this student.' }) @IsOptional() @IsUUID() leadId?: string;
}

@InputType()
export class UpdateAtRiskRulesInput {
  @Field(() => ID, { nullable: true, description: 'A course (REGULAR/ADVANCED product): its own values; none: the organization’s.' })
  @IsOptional()
  @IsUUID()
  productId?: string;
  @Field(() => Int, { nullable: true, description: 'Days without a study day (1–90); null clears the value (falls back).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  inactivityDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Percentage points behind the expected progress line (1–100); null clears.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  progressLagPct?: number | null;
}

@InputType()
export class RecordDropReasonInput {
  @Field(() => ID) @IsUUID() enrollmentId: string;
  @Field(() => DropReason) @IsEnum(DropReason) reason: DropReason;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(BOUNDS.shortText) note?: string;
}

@ArgsType()
export class DropReasonsArgs {
  @Field({ nullable: true, description: 'Enrollments ended on or after this local date.' }) @IsOptional() @IsLocalDate() from?: string;
  @Field({ nullable: true, description: 'Enrollments ended before this local date.' }) @IsOptional() @IsLocalDate() to?: string;
}

@ArgsType()
export class ClubMembersArgs {
  @Field(() => ClubMemberStatus, { nullable: true }) @IsOptional() @IsEnum(ClubMemberStatus) status?: ClubMemberStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
  @Field(() => Int, { defaultValue: 200 }) @IsInt() @Min(1) @Max(1000) first: number = 200;
}
