import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UserModel } from '../organization/index.js';
import type { RequestContext } from '../common/request-context.js';
import { AuthService } from './auth.service.js';
import { clientAddress, type ClientRequest } from './client-address.js';
import { Ctx, Public } from '../common/auth-decorators.js';
import { ChangePasswordInput, CreateApiKeyInput } from './dto/auth.inputs.js';
import { ApiKeyModel, AuthPayloadModel, CreatedApiKeyModel } from './models/auth.models.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Email + password login; returns a bearer token.' })
  login(@Args('email') email: string, @Args('password') password: string, @Context('req') req?: ClientRequest) {
    return this.auth.login(email, password, clientAddress(req));
  }

  @Query(() => UserModel, { description: 'The signed-in user.' })
  me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }

  @Mutation(() => Boolean)
  changePassword(@Ctx() ctx: RequestContext, @Args('input') input: ChangePasswordInput) {
    return this.auth.changePassword(ctx, input.currentPassword, input.newPassword);
  }

  @Query(() => [ApiKeyModel], { description: 'ADMIN.' })
  apiKeys(@Ctx() ctx: RequestContext) {
    return this.auth.listApiKeys(ctx);
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'ADMIN. The secret is returned once.' })
  createApiKey(@Ctx() ctx: RequestContext, @Args('input') input: CreateApiKeyInput) {
    return this.auth.createApiKey(ctx, input.name, input.scopes);
  }

  @Mutation(() => ApiKeyModel, { description: 'ADMIN.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.auth.revokeApiKey(ctx, id);
  }
}
