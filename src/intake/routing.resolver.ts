import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { ReassignLeadInput } from '../leads/index.js';
import { LeadModel } from '../leads/index.js';
import { RoutingConfigInput, SetRepCapacityInput } from './dto/intake.inputs.js';
import { RepLoadModel, RoutingConfigModel } from './models/intake.models.js';
import { RoutingService } from './routing.service.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

@Resolver()
export class RoutingResolver {
  constructor(private readonly routing: RoutingService) {}

  @Query(() => [RoutingConfigModel], { description: 'ADMIN, MANAGER.' })
  routingConfigs(@Ctx() ctx: RequestContext) {
    return this.routing.configs(ctx);
  }

  @Mutation(() => RoutingConfigModel, { description: 'ADMIN, MANAGER (of every squad named). Creates or replaces the default or a campaign’s routing.' })
  setRoutingConfig(@Ctx() ctx: RequestContext, @Args('input') input: RoutingConfigInput) {
    return this.routing.setConfig(ctx, input);
  }

  @Mutation(() => Int, { nullable: true, description: 'ADMIN, or a MANAGER / LEAD of the rep’s squad. Returns the override (null = default).' })
  setRepCapacity(@Ctx() ctx: RequestContext, @Args('input') input: SetRepCapacityInput) {
    return this.routing.setRepCapacity(ctx, input);
  }

  @Query(() => [RepLoadModel], { complexity: AGGREGATE_COST, description: 'ADMIN, MANAGER, LEAD: open leads and capacity of the reps routing uses.' })
  repLoads(@Ctx() ctx: RequestContext, @Args('cohortRef', { type: () => String, nullable: true }) cohortRef?: string | null) {
    return this.routing.repLoads(ctx, cohortRef ?? null);
  }

  @Mutation(() => LeadModel, { description: 'ADMIN, MANAGER, LEAD: gives a lead to another rep (capacity checked) or to a nurture pool.' })
  reassignLead(@Ctx() ctx: RequestContext, @Args('input') input: ReassignLeadInput) {
    return this.routing.reassign(ctx, input);
  }
}
