import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../../organization/index.js';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>".' }) accessToken: string;
  @Field() expiresAt: Date;
  @Field(() => UserModel) user: UserModel;
}

@ObjectType('ApiKey')
export class ApiKeyModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'First characters of the key, to tell keys apart.' }) prefix: string;
  @Field(() => [String]) scopes: string[];
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ApiKeyModel) apiKey: ApiKeyModel;
  @Field({ description: 'The key itself. Shown once; only its hash is stored. Send as "Authorization: ApiKey <secret>" or "X-Api-Key: <secret>".' })
  secret: string;
}
