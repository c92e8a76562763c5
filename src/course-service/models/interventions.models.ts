import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DropReason, InterventionChannel, InterventionOutcome, InterventionReason } from '../entities/intervention.entity.js';

registerEnumType(InterventionChannel, { name: 'InterventionChannel' });
registerEnumType(InterventionReason, { name: 'InterventionReason', description: 'The at-risk reasons, or OTHER.' });
registerEnumType(InterventionOutcome, { name: 'InterventionOutcome' });
registerEnumType(DropReason, { name: 'DropReason', description: 'Why an enrollment ended without completion.' });

@ObjectType('RiskReason')
export class RiskReasonModel {
  @Field(() => InterventionReason, { description: 'NO_STUDY, BEHIND_PROGRESS, NPS_DETRACTOR or INSTALLMENT_OVERDUE.' }) code: InterventionReason;
  @Field({ description: 'First local day the reason applied.' }) since: string;
  @Field() detail: string;
}

@ObjectType('AtRiskStudent')
export class AtRiskStudentModel {
  @Field(() => ID) enrollmentId: string;
  @Field(() => ID) leadId: string;
  @Field() leadName: string;
  @Field(() => ID) productId: string;
  @Field() productName: string;
  @Field(() => ID, { nullable: true }) curatorId: string | null;
  @Field(() => ID, { nullable: true }) curatorSquadId: string | null;
  @Field({ description: 'The oldest reason’s since.' }) since: string;
  @Field(() => [RiskReasonModel], { description: 'Oldest first.' }) reasons: RiskReasonModel[];
  @Field(() => Date, { nullable: true }) lastInterventionAt: Date | null;
}

@ObjectType('Intervention')
export class InterventionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) enrollmentId: string;
  @Field(() => ID) leadId: string;
  @Field(() => ID, { nullable: true }) authorId: string | null;
  @Field(() => ID, { nullable: true }) curatorId: string | null;
  @Field(() => InterventionChannel) channel: InterventionChannel;
  @Field(() => InterventionReason) reason: InterventionReason;
  @Field(() => InterventionOutcome) outcome: InterventionOutcome;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => [InterventionReason], { description: 'The student’s at-risk reasons when it was logged (empty: not at risk).' })
  atRiskReasons: string[];
  @Field() occurredAt: Date;
}

@ObjectType('AtRiskRules')
export class AtRiskRulesModel {
  @Field(() => ID, { nullable: true }) productId: string | null;
  @Field(() => Int, { description: 'In effect (course, else organization, else default 7).' }) inactivityDays: number;
  @Field(() => Int, { description: 'In effect (course, else organization, else default 20).' }) progressLagPct: number;
  @Field(() => Int, { nullable: true, description: 'Set on this level (null: inherited).' }) ownInactivityDays: number | null;
  @Field(() => Int, { nullable: true }) ownProgressLagPct: number | null;
}

@ObjectType('DropReasonCount')
export class DropReasonCountModel {
  @Field(() => DropReason) reason: DropReason;
  @Field(() => Int) count: number;
}

@ObjectType('CourseDropReasons')
export class CourseDropReasonsModel {
  @Field(() => ID) productId: string;
  @Field() productName: string;
  @Field(() => Int, { description: 'Enrollments that ended incomplete (DROPPED or REFUNDED, not completed).' }) ended: number;
  @Field(() => Int, { description: 'Of them, without a recorded reason.' }) unrecorded: number;
  @Field(() => [DropReasonCountModel], { description: 'Most frequent first (ties by reason).' }) reasons: DropReasonCountModel[];
}

export enum ClubMemberStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  LAPSED = 'LAPSED',
}
registerEnumType(ClubMemberStatus, { name: 'ClubMemberStatus', description: 'EXPIRING: within 30 days; LAPSED: expired, not renewed.' });

@ObjectType('ClubMember')
export class ClubMemberModel {
  @Field(() => ID) leadId: string;
  @Field() leadName: string;
  @Field(() => ID, { description: 'The latest membership.' }) membershipId: string;
  @Field(() => ClubMemberStatus) status: ClubMemberStatus;
  @Field() startsAt: Date;
  @Field() expiresAt: Date;
  @Field({ description: 'Local date the renewal is due (the expiry).' }) renewalDueDate: string;
  @Field({ description: 'Last local date a purchase still counts as a renewal (30-day grace).' }) renewableUntil: string;
  @Field(() => Int, { description: 'Memberships so far (1 + renewals and returns).' }) memberships: number;
  @Field(() => ID, { nullable: true }) curatorId: string | null;
  @Field(() => ID, { nullable: true }) curatorSquadId: string | null;
}

@ObjectType('ClubMembers')
export class ClubMembersModel {
  @Field(() => Int) active: number;
  @Field(() => Int) expiring: number;
  @Field(() => Int) lapsed: number;
  @Field(() => Int) expiringWindowDays: number;
  @Field(() => [ClubMemberModel], { description: 'EXPIRING (soonest first), LAPSED (latest first), ACTIVE (soonest first).' }) members: ClubMemberModel[];
}
