import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsName } from '../../common/bounds.js';

export const COHORT_TYPE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

@InputType()
export class CreateCohortTypeInput {
  @Field({ description: 'Stable snake_case key, e.g. paid_camp (1–40 characters).' })
  @IsString()
  @Matches(COHORT_TYPE_KEY, { message: 'must be snake_case: a lowercase letter, then lowercase letters, digits or _ (at most 40)' })
  key: string;
  @Field({ description: 'e.g. "Paid camp (9.90, 5 days)".' }) @IsName() name: string;
}

@InputType()
export class UpdateCohortTypeInput {
  @Field() @IsName() name: string;
}

@InputType()
export class UpdateCohortInput {
  @Field(() => ID, { nullable: true, description: 'The distribution model; null clears it.' }) @IsOptional() @IsUUID() cohortTypeId?: string | null;
}
