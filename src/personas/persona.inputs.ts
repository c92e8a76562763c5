import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { NotBlank } from '../common/bounds.js';
import { Type } from 'class-transformer';

export const PERSONA_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const NAME_MAX = 120;
const DESCRIPTION_MAX = 2000;

@InputType({ description: 'Display names per language; a missing language shows `name`.' })
export class PersonaNamesInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX) en?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX) ru?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX) zh?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX) vi?: string | null;
}

@InputType()
export class CreatePersonaInput {
  @Field({ description: 'snake_case, unique in the organization (e.g. career_switcher); cannot change later.' })
  @IsString()
  @MaxLength(80)
  @Matches(PERSONA_KEY, { message: 'must be snake_case: lower-case letters and digits separated by single underscores, starting with a letter' })
  key: string;

  @Field() @IsString() @NotBlank() @MaxLength(NAME_MAX) name: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(DESCRIPTION_MAX) description?: string | null;

  @Field(() => PersonaNamesInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => PersonaNamesInput) names?: PersonaNamesInput | null;
}

@InputType({ description: 'Only the given fields change; the key never does.' })
export class UpdatePersonaInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(DESCRIPTION_MAX) description?: string | null;
  @Field(() => PersonaNamesInput, { nullable: true, description: 'Replaces all per-language names.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonaNamesInput)
  names?: PersonaNamesInput | null;
}
