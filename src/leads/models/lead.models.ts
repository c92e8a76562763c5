import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/graphql/pagination.js';
import { LeadSource, LeadStage, MessengerNetwork } from '../entities/lead.entity.js';

registerEnumType(LeadStage, {
  name: 'LeadStage',
  description: 'PROSPECT → INTRO → CONVERTED → LEARNING → COMPLETED, or LOST / REFUNDED (see STAGE_TRANSITIONS in docs/intake.md).',
});
registerEnumType(LeadSource, { name: 'LeadSource', description: 'Where the lead came from.' });
registerEnumType(MessengerNetwork, { name: 'MessengerNetwork' });

@ObjectType('Lead', { description: 'A prospect or customer. Owner null = the group-nurture pool of its squad.' })
export class LeadModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'E.164.' }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'Lower-case.' }) email: string | null;
  @Field(() => MessengerNetwork, { nullable: true }) messengerNetwork: MessengerNetwork | null;
  @Field(() => String, { nullable: true }) messengerHandle: string | null;
  @Field(() => LeadSource) source: LeadSource;
  @Field(() => String, { nullable: true, description: 'Campaign or camp cohort reference.' }) cohortRef: string | null;
  @Field(() => ID, { nullable: true }) referredByLeadId: string | null;
  @Field(() => String, { nullable: true, description: 'Campaign attribution (first touch; normalized: trimmed, lower-case, single spaces).' })
  campaign: string | null;
  @Field(() => String, { nullable: true, description: 'UTM source (first touch).' }) utmSource: string | null;
  @Field(() => String, { nullable: true, description: 'UTM medium (first touch).' }) utmMedium: string | null;
  @Field(() => String, { nullable: true, description: 'UTM content (first touch).' }) utmContent: string | null;
  @Field(() => Float, { nullable: true, description: 'Score of the latest intake submission.' }) score: number | null;
  @Field(() => String, { nullable: true }) tier: string | null;
  @Field(() => String, { nullable: true }) persona: string | null;
  @Field(() => ID, { nullable: true }) ownerId: string | null;
  @Field(() => ID, { nullable: true }) squadId: string | null;
  @Field(() => Date, { nullable: true }) assignedAt: Date | null;
  @Field(() => LeadStage) stage: LeadStage;
  @Field() stageChangedAt: Date;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

export const LeadConnection = ConnectionType(LeadModel, 'LeadConnection');

@ObjectType('LeadStageChange')
export class LeadStageChangeModel {
  @Field(() => ID) id: string;
  @Field(() => LeadStage, { nullable: true, description: 'Null for the creation of the lead.' }) fromStage: LeadStage | null;
  @Field(() => LeadStage) toStage: LeadStage;
  @Field() changedAt: Date;
  @Field(() => ID, { nullable: true }) actorUserId: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}
