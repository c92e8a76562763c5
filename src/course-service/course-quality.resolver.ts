import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowApiKey, Ctx } from '../common/auth-decorators.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';
import type { RequestContext } from '../common/request-context.js';
import { CourseQualityService } from './course-quality.service.js';
import { CourseQualityInput, RecordAttendanceInput } from './dto/course-quality.inputs.js';
import { CourseQualityRowModel, RecordAttendanceResultModel } from './models/course-quality.models.js';

@Resolver()
export class CourseQualityResolver {
  constructor(private readonly quality: CourseQualityService) {}

  @AllowApiKey('lms:write')
  @Mutation(() => RecordAttendanceResultModel, {
    description:
      'Live-class attendance from the learning platform (API key lms:write) or staff. Idempotent by externalEventId; the newest report of a session wins.',
  })
  recordAttendance(@Ctx() ctx: RequestContext, @Args('input') input: RecordAttendanceInput) {
    return this.quality.recordAttendance(ctx, input);
  }

  @Query(() => [CourseQualityRowModel], {
    complexity: AGGREGATE_COST,
    description: 'Completion by class end, attendance, NPS, CSAT, refund and repurchase per course or class, over the students the caller may see.',
  })
  courseQuality(@Ctx() ctx: RequestContext, @Args('input') input: CourseQualityInput) {
    return this.quality.courseQuality(ctx, input);
  }
}
