import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LeadSource, LeadStage } from '../entities/lead.entity.js';

@ArgsType()
export class LeadsFilterArgs {
  @Field(() => LeadStage, { nullable: true }) @IsOptional() @IsEnum(LeadStage) stage?: LeadStage;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) tier?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(80) persona?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() ownerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
  @Field(() => LeadSource, { nullable: true }) @IsOptional() @IsEnum(LeadSource) source?: LeadSource;
  @Field({ nullable: true, description: 'true: only the nurture pool (no owner); false: only owned leads.' })
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;
  @Field({ nullable: true, description: 'Matches name, email or phone.' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

@InputType()
export class ChangeLeadStageInput {
  @Field(() => ID) @IsUUID() leadId: string;
  @Field(() => LeadStage) @IsEnum(LeadStage) stage: LeadStage;
  @Field(() => Date, { nullable: true, description: 'When it happened (default now); not in the future.' }) @IsOptional() @IsDate() at?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string | null;
}

@InputType()
export class ReassignLeadInput {
  @Field(() => ID) @IsUUID() leadId: string;
  @Field(() => ID, { nullable: true, description: 'The new owner (an active MEMBER or LEAD in a squad you manage); null moves the lead to the nurture pool.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Pool only: the squad whose pool gets the lead (default: the lead's squad)." })
  @IsOptional()
  @IsUUID()
  squadId?: string | null;
  @Field({ nullable: true, description: 'Assign even when the rep is at capacity (default false: CONFLICT).' })
  @IsOptional()
  @IsBoolean()
  ignoreCapacity?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string | null;
}
