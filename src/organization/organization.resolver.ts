import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import {
  CreateLegionInput,
  CreateSquadInput,
  SquadsFilterArgs,
  UpdateLegionInput,
  UpdateOrganizationInput,
  UpdateSquadInput,
} from './dto/organization.inputs.js';
import { TeamKind } from './entities/team-kind.js';
import { LegionModel, OrganizationModel, SquadModel, UserModel } from './models/organization.models.js';
import { OrganizationLoaders } from './organization.loaders.js';
import { OrganizationService } from './organization.service.js';
import { PeopleService } from './people.service.js';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(private readonly orgs: OrganizationService) {}

  @Query(() => OrganizationModel, { description: "The caller's organization." })
  organization(@Ctx() ctx: RequestContext) {
    return this.orgs.organization(ctx);
  }

  @Mutation(() => OrganizationModel, { description: 'ADMIN.' })
  updateOrganization(@Ctx() ctx: RequestContext, @Args('input') input: UpdateOrganizationInput) {
    return this.orgs.updateOrganization(ctx, input);
  }
}

@Resolver(() => LegionModel)
export class LegionResolver {
  constructor(
    private readonly orgs: OrganizationService,
    private readonly loaders: OrganizationLoaders,
  ) {}

  @Query(() => [LegionModel])
  legions(@Ctx() ctx: RequestContext, @Args('kind', { type: () => TeamKind, nullable: true }) kind?: TeamKind) {
    return this.orgs.legions(ctx, kind);
  }

  @Query(() => LegionModel)
  legion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.orgs.legion(ctx, id);
  }

  @Mutation(() => LegionModel, { description: 'ADMIN.' })
  createLegion(@Ctx() ctx: RequestContext, @Args('input') input: CreateLegionInput) {
    return this.orgs.createLegion(ctx, input);
  }

  @Mutation(() => LegionModel, { description: 'ADMIN, or the MANAGER commanding it (name only).' })
  updateLegion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateLegionInput) {
    return this.orgs.updateLegion(ctx, id, input);
  }

  @ResolveField(() => [SquadModel])
  squads(@Ctx() ctx: RequestContext, @Parent() legion: LegionModel) {
    return this.orgs.squads(ctx, { legionId: legion.id });
  }

  @ResolveField(() => UserModel, { nullable: true })
  commander(@Ctx() ctx: RequestContext, @Parent() legion: LegionModel) {
    return legion.commanderId ? this.loaders.user(ctx, legion.commanderId) : null;
  }
}

@Resolver(() => SquadModel)
export class SquadResolver {
  constructor(
    private readonly orgs: OrganizationService,
    private readonly people: PeopleService,
    private readonly loaders: OrganizationLoaders,
  ) {}

  @Query(() => [SquadModel], { description: 'Every squad of the organization (names are visible to all: competition is open).' })
  squads(@Ctx() ctx: RequestContext, @Args() filter: SquadsFilterArgs) {
    return this.orgs.squads(ctx, filter);
  }

  @Query(() => SquadModel)
  squad(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.orgs.squad(ctx, id);
  }

  @Mutation(() => SquadModel, { description: 'ADMIN, or a MANAGER of the legion.' })
  createSquad(@Ctx() ctx: RequestContext, @Args('input') input: CreateSquadInput) {
    return this.orgs.createSquad(ctx, input);
  }

  @Mutation(() => SquadModel, { description: "ADMIN, a MANAGER of the legion, or the squad's LEAD (name only)." })
  updateSquad(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateSquadInput) {
    return this.orgs.updateSquad(ctx, id, input);
  }

  @ResolveField(() => LegionModel)
  legion(@Ctx() ctx: RequestContext, @Parent() squad: SquadModel) {
    return this.loaders.legion(ctx, squad.legionId);
  }

  @ResolveField(() => UserModel, { nullable: true })
  lead(@Ctx() ctx: RequestContext, @Parent() squad: SquadModel) {
    return squad.leadId ? this.loaders.user(ctx, squad.leadId) : null;
  }

  @ResolveField(() => [UserModel], { description: 'People in the squad at `at` (default now). Visible to its members, its lead and managers.' })
  members(@Ctx() ctx: RequestContext, @Parent() squad: SquadModel, @Args('at', { type: () => Date, nullable: true }) at?: Date) {
    return this.people.squadMembers(ctx, squad.id, at);
  }
}
