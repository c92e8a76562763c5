import { IsLocalDate, IsName, IsRequiredText } from '../../common/bounds.js';
import '../models/course-service.models.js';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, ValidateNested, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { AnswerInput } from '../../intake/index.js';
import { EnrollmentStatus, FeedbackSource } from '../entities/enrollment.entity.js';

@InputType()
export class CreateEnrollmentInput {
  @Field(() => ID) @IsUUID() leadId: string;
  @Field(() => ID) @IsUUID() productId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() orderId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Assign this curator; default: by capacity within the chosen squads.' }) @IsOptional() @IsUUID() curatorId?:
    string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() classCohortId?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalRef?: string;
  @Field({ nullable: true, description: 'Local date; default today.' })
  @IsOptional()
  @IsLocalDate()
  startDate?: string;
  @Field({ nullable: true, description: 'Local date; default start + the course length in settings.' })
  @IsOptional()
  @IsLocalDate()
  endDate?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10000) lessonsTotal?: number;
}

@InputType()
export class RecordProgressInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() enrollmentId?: string;
  @Field({ nullable: true, description: "The learning platform's enrollment reference." }) @IsOptional() @IsString() @MaxLength(200) externalRef?: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(10000) lessonsCompleted: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(10000) lessonsTotal: number;
  @Field(() => Date) @IsDate() occurredAt: Date;
  @Field({ description: 'Idempotency key from the learning platform.' }) @IsRequiredText(200) externalEventId: string;
}

@InputType()
export class RecordNpsInput {
  @Field(() => ID) @IsUUID() enrollmentId: string;
  @Field({ description: 'Survey round, e.g. "2026-11" or "week-4".' }) @IsName(50) round: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(10) score: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() answeredAt?: Date;
}

@InputType()
export class RecordCsatInput {
  @Field(() => ID) @IsUUID() enrollmentId: string;
  @Field() @IsName(50) round: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) courseScore: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) serviceScore: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() answeredAt?: Date;
}

@InputType()
export class UpdateCourseServiceSettingsInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(10000) curatorCapacity?: number;
  @Field(() => [ID], { nullable: true, description: 'Squads taking new students; empty list = every course-service squad.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  squadIds?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3650) defaultCourseDays?: number;
}

@ArgsType()
export class EnrollmentsFilterArgs {
  @Field(() => EnrollmentStatus, { nullable: true }) @IsOptional() @IsEnum(EnrollmentStatus) status?: EnrollmentStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() curatorId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
}

export { FeedbackSource };

@InputType()
export class SubmitOnboardingInput {
  @Field(() => ID) @IsUUID() enrollmentId: string;
  @Field(() => ID, { description: 'A published ONBOARDING survey.' }) @IsUUID() surveyId: string;
  @Field(() => [AnswerInput]) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AnswerInput) answers: AnswerInput[];
}
