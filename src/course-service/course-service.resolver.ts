import { Args, Field, ID, Int, ObjectType, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowApiKey, Ctx } from '../common/auth-decorators.js';
import { ConnectionType, PageArgs } from '../common/graphql/pagination.js';
import { byKeys, groupByKeys, type RequestContext } from '../common/request-context.js';
import { PeriodInputModel } from '../metrics/index.js';
import { CourseServiceService, type StudentFacts } from './course-service.service.js';
import {
  CreateEnrollmentInput,
  EnrollmentsFilterArgs,
  RecordCsatInput,
  RecordNpsInput,
  RecordProgressInput,
  SubmitOnboardingInput,
  UpdateCourseServiceSettingsInput,
} from './dto/course-service.inputs.js';
import type { CsatResponse, Enrollment, NpsResponse } from './entities/enrollment.entity.js';
import { CourseServiceSettingsModel, CsatResponseModel, EnrollmentModel, NpsResponseModel, ScorecardModel } from './models/course-service.models.js';
import { ScorecardService } from './scorecard.service.js';
import { InterventionsService } from './interventions.service.js';
import { DropReason } from './entities/intervention.entity.js';
import './models/interventions.models.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

export const EnrollmentConnection = ConnectionType(EnrollmentModel, 'EnrollmentConnection');

@ObjectType('RecordProgressResult')
class RecordProgressResultModel {
  @Field(() => EnrollmentModel) enrollment: EnrollmentModel;
  @Field({ description: 'True when this event had already been received (nothing changed).' }) duplicate: boolean;
}

@ObjectType('OnboardingResult')
class OnboardingResultModel {
  @Field(() => EnrollmentModel) enrollment: EnrollmentModel;
  @Field({ description: 'The persona that picks the onboarding path.' }) persona: string;
  @Field() score: number;
  @Field({ description: 'Why this persona (the matching rule, or default).' }) personaReason: string;
}

@ObjectType('RecordNpsResult')
class RecordNpsResultModel {
  @Field(() => NpsResponseModel) response: NpsResponseModel;
  @Field() duplicate: boolean;
}

@ObjectType('RecordCsatResult')
class RecordCsatResultModel {
  @Field(() => CsatResponseModel) response: CsatResponseModel;
  @Field() duplicate: boolean;
}

@ObjectType('InstallmentState')
class InstallmentStateModel {
  @Field(() => Int) paid: number;
  @Field(() => Int, { description: 'Not paid yet (overdue included).' }) unpaid: number;
  @Field(() => Int, { description: 'Not paid and due before today (organization time zone).' }) overdue: number;
}

@Resolver(() => EnrollmentModel)
export class CourseServiceResolver {
  constructor(
    private readonly cs: CourseServiceService,
    private readonly scorecards: ScorecardService,
    private readonly interventions: InterventionsService,
  ) {}

  @Query(() => CourseServiceSettingsModel)
  courseServiceSettings(@Ctx() ctx: RequestContext) {
    return this.cs.settings(ctx);
  }

  @Mutation(() => CourseServiceSettingsModel, { description: 'ADMIN, MANAGER.' })
  updateCourseServiceSettings(@Ctx() ctx: RequestContext, @Args('input') input: UpdateCourseServiceSettingsInput) {
    return this.cs.updateSettings(ctx, input);
  }

  @Mutation(() => EnrollmentModel, { description: 'By hand (ADMIN, MANAGER, LEAD). Paid REGULAR/ADVANCED orders enroll automatically.' })
  createEnrollment(@Ctx() ctx: RequestContext, @Args('input') input: CreateEnrollmentInput) {
    return this.cs.createEnrollment(ctx, input);
  }

  @Mutation(() => EnrollmentModel, { description: 'Ends an ACTIVE enrollment incomplete; `reason` is the note, `dropReason` the category (default OTHER).' })
  dropEnrollment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Args('dropReason', { type: () => DropReason, defaultValue: DropReason.OTHER }) dropReason: DropReason,
  ) {
    return this.interventions.dropEnrollment(ctx, id, reason, dropReason);
  }

  @AllowApiKey('lms:write')
  @Mutation(() => RecordProgressResultModel, {
    description: 'From the learning platform (API key lms:write) or staff. Idempotent by externalEventId; never moves progress backwards.',
  })
  recordProgress(@Ctx() ctx: RequestContext, @Args('input') input: RecordProgressInput) {
    return this.cs.recordProgress(ctx, input);
  }

  @AllowApiKey('intake:submit', 'feedback:write')
  @Mutation(() => OnboardingResultModel, {
    description: "The student's ONBOARDING questionnaire: its persona picks the onboarding path on the curator's agenda.",
  })
  async submitOnboarding(@Ctx() ctx: RequestContext, @Args('input') input: SubmitOnboardingInput) {
    const { enrollment, result } = await this.cs.submitOnboarding(ctx, input);
    return { enrollment, persona: result.persona, score: result.score, personaReason: result.explanation.personaReason };
  }

  @AllowApiKey('feedback:write')
  @Mutation(() => RecordNpsResultModel, {
    description: 'From the student (API key feedback:write) or entered by the curator. One answer per enrollment per round.',
  })
  recordNps(@Ctx() ctx: RequestContext, @Args('input') input: RecordNpsInput) {
    return this.cs.recordNps(ctx, input);
  }

  @AllowApiKey('feedback:write')
  @Mutation(() => RecordCsatResultModel, { description: 'Course and service satisfaction, 1–5. One answer per enrollment per round.' })
  recordCsat(@Ctx() ctx: RequestContext, @Args('input') input: RecordCsatInput) {
    return this.cs.recordCsat(ctx, input);
  }

  @Query(() => EnrollmentModel)
  enrollment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.cs.enrollment(ctx, id);
  }

  @Query(() => EnrollmentConnection, { description: 'Students the caller serves (curators: their own; leads: their squad; managers: their legions).' })
  enrollments(@Ctx() ctx: RequestContext, @Args() filter: EnrollmentsFilterArgs, @Args() page: PageArgs) {
    return this.cs.enrollments(ctx, filter, page.first, page.after);
  }

  @Query(() => ScorecardModel, {
    complexity: AGGREGATE_COST,
    description: "A curator's course-service metrics for a period, with the previous period for trend.",
  })
  curatorScorecard(@Ctx() ctx: RequestContext, @Args('memberId', { type: () => ID }) memberId: string, @Args('period') period: PeriodInputModel) {
    return this.scorecards.scorecard(ctx, { memberId }, period);
  }

  @Query(() => ScorecardModel, {
    complexity: AGGREGATE_COST,
    description: "A course-service squad's metrics for a period, with the previous period for trend.",
  })
  squadScorecard(@Ctx() ctx: RequestContext, @Args('squadId', { type: () => ID }) squadId: string, @Args('period') period: PeriodInputModel) {
    return this.scorecards.scorecard(ctx, { squadId }, period);
  }

  @ResolveField(() => [NpsResponseModel])
  npsResponses(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return ctx.loader<string, NpsResponse[]>('cs.nps', async (ids) => groupByKeys(ids, await this.cs.npsResponses(ctx, ids), (r) => r.enrollmentId)).load(e.id);
  }

  @ResolveField(() => [CsatResponseModel])
  csatResponses(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return ctx
      .loader<string, CsatResponse[]>('cs.csat', async (ids) => groupByKeys(ids, await this.cs.csatResponses(ctx, ids), (r) => r.enrollmentId))
      .load(e.id);
  }

  private facts(ctx: RequestContext, e: Enrollment): Promise<StudentFacts | null> {
    return ctx
      .loader<string, StudentFacts | null>('cs.studentFacts', async (ids) => byKeys(ids, await this.cs.studentFacts(ctx, ids), (f) => f.enrollmentId))
      .load(e.id);
  }

  @ResolveField(() => String, { description: "The student's (lead's) name." })
  async studentName(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return (await this.facts(ctx, e))?.studentName ?? '';
  }

  @ResolveField(() => String, { nullable: true, description: 'The last local day with study activity (YYYY-MM-DD); null: none yet.' })
  async lastStudyDay(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return (await this.facts(ctx, e))?.lastStudyDay ?? null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'The score of the latest NPS answer (0–10); null: none yet.' })
  async latestNps(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return (await this.facts(ctx, e))?.latestNps ?? null;
  }

  @ResolveField(() => InstallmentStateModel, { description: "Installments of the student's orders that are not refunded." })
  async installments(@Ctx() ctx: RequestContext, @Parent() e: Enrollment) {
    return (await this.facts(ctx, e))?.installments ?? { paid: 0, unpaid: 0, overdue: 0 };
  }
}

@Resolver(() => ScorecardModel)
export class ScorecardResolver {
  constructor(private readonly cs: CourseServiceService) {}

  @ResolveField(() => EnrollmentConnection, { description: 'The students behind the numbers (enrollments running in the period).' })
  students(@Ctx() ctx: RequestContext, @Parent() card: ScorecardModel & { scope: { curatorId?: string; squadId?: string } }, @Args() page: PageArgs) {
    return this.cs.enrollments(ctx, { ...card.scope, period: { startDate: card.period.startDate, endDate: card.period.endDate } }, page.first, page.after);
  }
}
