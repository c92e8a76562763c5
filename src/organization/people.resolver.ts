import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { ConnectionType, PageArgs } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CreateUserInput, MoveMemberInput, UpdateUserInput, UsersFilterArgs } from './dto/organization.inputs.js';
import { MembershipModel, SquadModel, UserModel } from './models/organization.models.js';
import { OrganizationLoaders } from './organization.loaders.js';
import { PeopleService } from './people.service.js';

export const UserConnection = ConnectionType(UserModel, 'UserConnection');

@Resolver(() => UserModel)
export class PeopleResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly loaders: OrganizationLoaders,
  ) {}

  @Query(() => UserConnection, { description: 'People the caller can see, by name.' })
  users(@Ctx() ctx: RequestContext, @Args() filter: UsersFilterArgs, @Args() page: PageArgs) {
    return this.people.users(ctx, filter, page.first, page.after);
  }

  @Query(() => UserModel)
  user(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.people.user(ctx, id);
  }

  @Mutation(() => UserModel, { description: 'ADMIN (any role), or a MANAGER (LEAD/MEMBER into their squads).' })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput) {
    return this.people.createUser(ctx, input);
  }

  @Mutation(() => UserModel, { description: 'Name: the user, or whoever manages their squad. Role: ADMIN.' })
  updateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateUserInput) {
    return this.people.updateUser(ctx, id, input);
  }

  @Mutation(() => UserModel, { description: 'Moves a user between squads, keeping the history (ADMIN, MANAGER of both squads).' })
  moveMember(@Ctx() ctx: RequestContext, @Args('input') input: MoveMemberInput) {
    return this.people.moveMember(ctx, input);
  }

  @Mutation(() => UserModel, { description: 'The user can no longer log in and leaves their squad; their history stays.' })
  deactivateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.people.deactivateUser(ctx, id);
  }

  @Mutation(() => UserModel, { description: 'ADMIN.' })
  reactivateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.people.reactivateUser(ctx, id);
  }

  @ResolveField(() => SquadModel, { nullable: true, description: 'The squad the user belongs to now.' })
  async squad(@Ctx() ctx: RequestContext, @Parent() user: UserModel) {
    const membership = await this.loaders.currentMembership(ctx, user.id);
    return membership ? this.loaders.squad(ctx, membership.squadId) : null;
  }

  @ResolveField(() => [MembershipModel], { description: 'Squad history, newest first.' })
  memberships(@Ctx() ctx: RequestContext, @Parent() user: UserModel) {
    return this.people.memberships(ctx, user.id);
  }
}
