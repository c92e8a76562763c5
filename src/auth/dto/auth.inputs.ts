import { IsName } from '../../common/bounds.js';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../common/password-policy.js';

@InputType()
export class CreateApiKeyInput {
  @Field() @IsName() name: string;
  @Field(() => [String], { description: 'e.g. intake:submit, commerce:write, lms:write, feedback:write' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  scopes: string[];
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @MaxLength(200) currentPassword: string;
  @Field({ description: 'At least 10 characters; not a commonly used password, not your email.' })
  @IsString()
  @IsAcceptablePassword()
  newPassword: string;
}
