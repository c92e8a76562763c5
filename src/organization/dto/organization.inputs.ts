import { IsName } from '../../common/bounds.js';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../common/password-policy.js';
import { Role, TeamKind } from '../entities/team-kind.js';

const NAME = { min: 1, max: 120 };

@InputType()
export class UpdateOrganizationInput {
  @Field({ nullable: true }) @IsOptional() @IsName(NAME.max) name?: string;
  @Field({ nullable: true, description: 'IANA time zone, e.g. Asia/Shanghai.' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}

@InputType()
export class CreateLegionInput {
  @Field() @IsName(NAME.max) name: string;
  @Field(() => TeamKind) @IsEnum(TeamKind) kind: TeamKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() commanderId?: string | null;
}

@InputType()
export class UpdateLegionInput {
  @Field({ nullable: true }) @IsOptional() @IsName(NAME.max) name?: string;
  @Field(() => ID, { nullable: true, description: 'A MANAGER; null to unassign.' }) @IsOptional() @IsUUID() commanderId?: string | null;
}

@InputType()
export class CreateSquadInput {
  @Field(() => ID) @IsUUID() legionId: string;
  @Field() @IsName(NAME.max) name: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leadId?: string | null;
}

@InputType()
export class UpdateSquadInput {
  @Field({ nullable: true }) @IsOptional() @IsName(NAME.max) name?: string;
  @Field(() => ID, { nullable: true, description: 'A LEAD; null to unassign.' }) @IsOptional() @IsUUID() leadId?: string | null;
}

@InputType()
export class CreateUserInput {
  @Field() @IsEmail({}, { message: 'must be a valid email address' }) @MaxLength(254) email: string;
  @Field() @IsName(NAME.max) name: string;
  @Field({ description: 'At least 10 characters; not a commonly used password, not the email.' })
  @IsString()
  @IsAcceptablePassword('email')
  password: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => ID, { nullable: true, description: 'Squad to join now.' }) @IsOptional() @IsUUID() squadId?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true }) @IsOptional() @IsName(NAME.max) name?: string;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
}

@InputType()
export class MoveMemberInput {
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => ID, { nullable: true, description: 'Target squad; null removes the user from their squad.' })
  @IsOptional()
  @IsUUID()
  squadId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the move takes effect (default now); not in the future, not before the current membership began.' })
  @IsOptional()
  @IsDate()
  effectiveAt?: Date | null;
}

@ArgsType()
export class UsersFilterArgs {
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
  @Field({ nullable: true, description: 'Matches name or email.' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

@ArgsType()
export class SquadsFilterArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() legionId?: string;
  @Field(() => TeamKind, { nullable: true }) @IsOptional() @IsIn(Object.values(TeamKind)) kind?: TeamKind;
}
