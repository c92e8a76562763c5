import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role, TeamKind } from '../entities/team-kind.js';

registerEnumType(TeamKind, { name: 'TeamKind', description: 'Pre-sales conversion teams or course-service (curator) teams.' });
registerEnumType(Role, {
  name: 'Role',
  description: 'ADMIN: everything; MANAGER: their legions (all if none); LEAD: their squad; MEMBER: their own records.',
});

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'IANA time zone used for days, weeks and periods.' }) timeZone: string;
  @Field({ description: 'ISO 4217 currency; all Money values are minor units of it.' }) currency: string;
  @Field() createdAt: Date;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field() active: boolean;
  @Field(() => Date, { nullable: true }) deactivatedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('Legion')
export class LegionModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => TeamKind) kind: TeamKind;
  @Field(() => ID, { nullable: true }) commanderId: string | null;
  @Field() createdAt: Date;
}

@ObjectType('Squad')
export class SquadModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ID) legionId: string;
  @Field(() => ID, { nullable: true }) leadId: string | null;
  @Field() createdAt: Date;
}

@ObjectType('Membership', { description: "A user's membership of a squad over [validFrom, validTo)." })
export class MembershipModel {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field(() => ID) squadId: string;
  @Field() validFrom: Date;
  @Field(() => Date, { nullable: true }) validTo: Date | null;
}
