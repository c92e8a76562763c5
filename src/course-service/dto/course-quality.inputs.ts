import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsLocalDate, IsRequiredText } from '../../common/bounds.js';

export enum CourseQualityGroupBy {
  PRODUCT = 'PRODUCT',
  CLASS_COHORT = 'CLASS_COHORT',
}
registerEnumType(CourseQualityGroupBy, { name: 'CourseQualityGroupBy', description: 'PRODUCT (the course) or CLASS_COHORT (the class the student is in).' });

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() enrollmentId?: string;
  @Field({ nullable: true, description: "The learning platform's enrollment reference." }) @IsOptional() @IsString() @MaxLength(200) externalRef?: string;
  @Field({ description: "The platform's id of the live session, e.g. week-3-qa." }) @IsRequiredText(200) sessionKey: string;
  @Field(() => Date, { description: 'When the live session started.' }) @IsDate() sessionAt: Date;
  @Field() @IsBoolean() attended: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1440) minutesAttended?: number | null;
  @Field(() => Date, { description: 'When the platform observed it; the newest report of a session wins.' }) @IsDate() occurredAt: Date;
  @Field({ description: 'Idempotency key from the learning platform.' }) @IsRequiredText(200) externalEventId: string;
}

@InputType()
export class CourseQualityInput {
  @Field(() => CourseQualityGroupBy, { defaultValue: CourseQualityGroupBy.PRODUCT }) @IsEnum(CourseQualityGroupBy) groupBy: CourseQualityGroupBy =
    CourseQualityGroupBy.PRODUCT;
  @Field({ description: 'Enrollments started from this local date (inclusive).' }) @IsLocalDate() from: string;
  @Field({ description: 'Until this local date (exclusive); at most 731 days after from.' }) @IsLocalDate() to: string;
}
