import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { ClubService } from './club.service.js';
import {
  ClubMembersArgs,
  DropReasonsArgs,
  InterventionsArgs,
  LogInterventionInput,
  RecordDropReasonInput,
  StudentsAtRiskArgs,
  UpdateAtRiskRulesInput,
} from './dto/interventions.inputs.js';
import { InterventionsService } from './interventions.service.js';
import { EnrollmentModel } from './models/course-service.models.js';
import { AtRiskRulesModel, AtRiskStudentModel, ClubMembersModel, CourseDropReasonsModel, InterventionModel } from './models/interventions.models.js';

@Resolver()
export class InterventionsResolver {
  constructor(
    private readonly interventions: InterventionsService,
    private readonly club: ClubService,
  ) {}

  @Query(() => [AtRiskStudentModel], {
    description:
      'Students at risk now (no study day for N days, behind the expected progress line, an NPS detractor, an installment overdue), each reason with since when. Curators: their own; leads: their squads; managers: their legions.',
  })
  studentsAtRisk(@Ctx() ctx: RequestContext, @Args() args: StudentsAtRiskArgs) {
    return this.interventions.studentsAtRisk(ctx, args);
  }

  @Mutation(() => InterventionModel, { description: 'What a curator did about a student (channel, reason, outcome, note); audited.' })
  logIntervention(@Ctx() ctx: RequestContext, @Args('input') input: LogInterventionInput) {
    return this.interventions.logIntervention(ctx, input);
  }

  @Query(() => [InterventionModel], { description: 'Interventions on a student (an enrollment, or every enrollment of a lead), newest first.' })
  interventionsOf(@Ctx() ctx: RequestContext, @Args() args: InterventionsArgs) {
    return this.interventions.interventions(ctx, args);
  }

  @Query(() => AtRiskRulesModel, { description: 'At-risk rule values in effect for the organization, or for a course.' })
  atRiskRules(@Ctx() ctx: RequestContext, @Args('productId', { type: () => ID, nullable: true }) productId?: string) {
    return this.interventions.atRiskRules(ctx, productId);
  }

  @Mutation(() => AtRiskRulesModel, { description: 'ADMIN, MANAGER. The organization’s values, or a course’s own (null clears a value).' })
  updateAtRiskRules(@Ctx() ctx: RequestContext, @Args('input') input: UpdateAtRiskRulesInput) {
    return this.interventions.updateAtRiskRules(ctx, input);
  }

  @Mutation(() => EnrollmentModel, {
    description: 'The reason an enrollment ended incomplete (DROPPED/REFUNDED; an ACTIVE one past its end date is ended as DROPPED).',
  })
  recordDropReason(@Ctx() ctx: RequestContext, @Args('input') input: RecordDropReasonInput) {
    return this.interventions.recordDropReason(ctx, input);
  }

  @Query(() => [CourseDropReasonsModel], { description: 'Why enrollments ended incomplete, per course (the caller’s students).' })
  dropReasons(@Ctx() ctx: RequestContext, @Args() args: DropReasonsArgs) {
    return this.interventions.dropReasons(ctx, args);
  }

  @Query(() => ClubMembersModel, {
    description: 'Club members: active, expiring within 30 days, lapsed, with renewal due dates (leads: their squads; managers: their legions).',
  })
  clubMembers(@Ctx() ctx: RequestContext, @Args() args: ClubMembersArgs) {
    return this.club.clubMembers(ctx, args);
  }
}
