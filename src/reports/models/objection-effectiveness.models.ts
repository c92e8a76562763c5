import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ValidatedInService } from '../../common/validated-in-service.js';
import { PeriodInputModel, PeriodModel } from '../../metrics/index.js';

export enum ObjectionEffectivenessGroupBy {
  /** One row per objection and prepared answer (improvised = answerId null). */
  ANSWER = 'ANSWER',
  /** One row per objection, answer and the lead's persona. */
  ANSWER_PERSONA = 'ANSWER_PERSONA',
}
registerEnumType(ObjectionEffectivenessGroupBy, { name: 'ObjectionEffectivenessGroupBy' });

export const WINDOW_DAYS = { default: 14, min: 1, max: 90 } as const;

/** Checked by ObjectionEffectivenessService (field paths, before any statement runs). */
@ValidatedInService()
@InputType()
export class ObjectionEffectivenessInput {
  @Field(() => PeriodInputModel, { description: 'Objection logs recorded in this period (organization time zone).' })
  period: PeriodInputModel;
  @Field(() => Int, {
    defaultValue: WINDOW_DAYS.default,
    description: `A lead counts as converted when it converts within this many days after the answer (${WINDOW_DAYS.min}–${WINDOW_DAYS.max}).`,
  })
  windowDays: number;
  @Field(() => ObjectionEffectivenessGroupBy, { defaultValue: ObjectionEffectivenessGroupBy.ANSWER })
  groupBy: ObjectionEffectivenessGroupBy;
  @Field(() => ID, { nullable: true, description: 'Only this playbook.' })
  playbookId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Only logs of agenda items credited to these squads (a LEAD: squads they lead or belong to).' })
  squadIds?: string[] | null;
}

/** Shared outcome fields of an answer (see docs/metrics.md, "Objection answer effectiveness"). */
@ObjectType('AnswerOutcome', { isAbstract: true })
export class AnswerOutcomeFields {
  @Field(() => ID, { nullable: true, description: 'The prepared answer; null = improvised (no prepared answer used).' }) answerId: string | null;
  @Field(() => Int, { description: 'Times the answer was logged.' }) uses: number;
  @Field(() => Int, { description: 'Distinct leads it was used on whose outcome is settled (converted, or every window over).' }) leads: number;
  @Field(() => Int, { description: 'Leads not converted yet whose window is still open (not in leads).' }) pendingLeads: number;
  @Field(() => Int, { description: 'Leads that converted within the window after a use.' }) converted: number;
  @Field(() => Float, { nullable: true, description: 'converted / leads; null without leads.' }) rate: number | null;
  @Field(() => Float, { description: '95 % Wilson interval of the rate, low end (0 without leads).' }) rateLow: number;
  @Field(() => Float, { description: '95 % Wilson interval, high end (1 without leads).' }) rateHigh: number;
  @Field({ description: 'Fewer leads than the small-sample threshold (20): read the rate with care.' }) smallSample: boolean;
  @Field(() => Int, {
    nullable: true,
    description: "Rank among the objection's answers by the interval's low end, then rate (1 = best; ties share); null without leads.",
  })
  rank: number | null;
}

@ObjectType('ObjectionAnswerStats')
export class ObjectionAnswerStatsModel extends AnswerOutcomeFields {}

@ObjectType('ObjectionAnswerEffectiveness')
export class ObjectionAnswerEffectivenessModel extends AnswerOutcomeFields {
  @Field(() => ID) playbookId: string;
  @Field() playbookName: string;
  @Field() objectionKey: string;
  @Field({ description: "The objection's text in the newest version that has it." }) objection: string;
  @Field(() => String, { nullable: true }) answerLabel: string | null;
  @Field(() => String, { nullable: true, description: 'Text of the answer (newest version that has it); null when improvised.' }) answerText: string | null;
  @Field(() => String, { nullable: true, description: "ANSWER_PERSONA: the lead's persona (null = none)." }) persona: string | null;
}

@ObjectType('ObjectionEffectivenessReport')
export class ObjectionEffectivenessReportModel {
  @Field(() => PeriodModel) period: PeriodModel;
  @Field(() => Int) windowDays: number;
  @Field(() => ObjectionEffectivenessGroupBy) groupBy: ObjectionEffectivenessGroupBy;
  @Field(() => Int) smallSampleThreshold: number;
  @Field(() => [ObjectionAnswerEffectivenessModel], { description: 'By playbook, objection, persona, then rank.' })
  rows: ObjectionAnswerEffectivenessModel[];
}
