import { IsName } from '../../common/bounds.js';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';

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
  @Field() @IsString() @MinLength(8) @MaxLength(200) newPassword: string;
}
