import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RecordAttendanceResult')
export class RecordAttendanceResultModel {
  @Field(() => ID) enrollmentId: string;
  @Field() sessionKey: string;
  @Field({ description: "The session's attendance after this report (the newest report wins)." }) attended: boolean;
  @Field({ description: 'True when this event had already been received (nothing changed).' }) duplicate: boolean;
}

@ObjectType('CourseQualityRow', { description: 'Quality of one course or class; definitions in docs/course-service.md.' })
export class CourseQualityRowModel {
  @Field(() => String, { nullable: true, description: 'Product id or class cohort id; null for enrollments in no class.' }) groupKey: string | null;
  @Field() group: string;
  @Field(() => Int, { description: 'Enrollments started in the range.' }) enrollments: number;
  @Field(() => Int, { description: 'Of them, not refunded and past their course end date.' }) endedEnrollments: number;
  @Field(() => Int, { description: 'Of those, students who reached the completion threshold by the end.' }) completedByEnd: number;
  @Field(() => Float, { nullable: true }) completionRate: number | null;
  @Field(() => Int) sessionsReported: number;
  @Field(() => Int) sessionsAttended: number;
  @Field(() => Float, { nullable: true }) attendanceRate: number | null;
  @Field(() => Int) npsAnswers: number;
  @Field(() => Float, { nullable: true }) nps: number | null;
  @Field(() => Int) csatAnswers: number;
  @Field(() => Float, { nullable: true }) csatCourse: number | null;
  @Field(() => Float, { nullable: true }) csatService: number | null;
  @Field(() => Int) refunded: number;
  @Field(() => Float, { nullable: true }) refundRate: number | null;
  @Field(() => Int) repurchased: number;
  @Field(() => Float, { nullable: true }) repurchaseRate: number | null;
}
