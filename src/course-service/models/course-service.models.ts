import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MetricValueModel, PeriodModel } from '../../metrics/index.js';
import { EnrollmentStatus, FeedbackSource } from '../entities/enrollment.entity.js';

registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });
registerEnumType(FeedbackSource, { name: 'FeedbackSource' });

@ObjectType('Enrollment')
export class EnrollmentModel {
  @Field(() => ID) id: string;
  @Field(() => ID) leadId: string;
  @Field(() => ID) productId: string;
  @Field(() => ID, { nullable: true }) orderId: string | null;
  @Field(() => String, { nullable: true }) externalRef: string | null;
  @Field(() => ID, { nullable: true }) classCohortId: string | null;
  @Field(() => ID, { nullable: true }) curatorId: string | null;
  @Field(() => ID, { nullable: true }) curatorSquadId: string | null;
  @Field(() => EnrollmentStatus) status: EnrollmentStatus;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field(() => Int) lessonsCompleted: number;
  @Field(() => Int) lessonsTotal: number;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Persona from the onboarding survey.' }) onboardingPersona: string | null;
}

@ObjectType('NpsResponse')
export class NpsResponseModel {
  @Field(() => ID) id: string;
  @Field(() => ID) enrollmentId: string;
  @Field() round: string;
  @Field(() => Int) score: number;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => FeedbackSource) source: FeedbackSource;
  @Field() answeredAt: Date;
}

@ObjectType('CsatResponse')
export class CsatResponseModel {
  @Field(() => ID) id: string;
  @Field(() => ID) enrollmentId: string;
  @Field() round: string;
  @Field(() => Int) courseScore: number;
  @Field(() => Int) serviceScore: number;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => FeedbackSource) source: FeedbackSource;
  @Field() answeredAt: Date;
}

@ObjectType('CourseServiceSettings')
export class CourseServiceSettingsModel {
  @Field(() => Int) curatorCapacity: number;
  @Field(() => [ID], { nullable: true }) squadIds: string[] | null;
  @Field(() => Int) defaultCourseDays: number;
}

@ObjectType('ScorecardLine')
export class ScorecardLineModel {
  @Field(() => MetricValueModel) current: MetricValueModel;
  @Field(() => MetricValueModel) previous: MetricValueModel;
  @Field(() => Number, { nullable: true, description: 'current.value − previous.value' }) change: number | null;
}

@ObjectType('Scorecard')
export class ScorecardModel {
  @Field(() => ID) entityId: string;
  @Field() entityName: string;
  @Field(() => PeriodModel) period: PeriodModel;
  @Field(() => PeriodModel) previousPeriod: PeriodModel;
  @Field(() => [ScorecardLineModel]) lines: ScorecardLineModel[];
}
