import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { PageArgs } from '../common/graphql/pagination.js';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { SquadModel, UserModel } from '../organization/index.js';
import { OrganizationLoaders } from '../organization/index.js';
import { ChangeLeadStageInput, LeadsFilterArgs } from './dto/lead.inputs.js';
import type { Lead } from './entities/lead.entity.js';
import { LeadsService } from './leads.service.js';
import { LeadConnection, LeadModel, LeadStageChangeModel } from './models/lead.models.js';

@Resolver(() => LeadModel)
export class LeadsResolver {
  constructor(
    private readonly leadsService: LeadsService,
    private readonly loaders: OrganizationLoaders,
  ) {}

  @Query(() => LeadModel, { description: 'A lead you can see (your own, your squad’s pool, or the squads you lead or manage).' })
  lead(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.leadsService.lead(ctx, id);
  }

  @Query(() => LeadConnection, { description: 'Leads you can see, newest first.' })
  leads(@Ctx() ctx: RequestContext, @Args() filter: LeadsFilterArgs, @Args() page: PageArgs) {
    return this.leadsService.leads(ctx, filter, page.first, page.after);
  }

  @Query(() => [LeadStageChangeModel], { description: 'Stage history of a lead, oldest first.' })
  leadStageHistory(@Ctx() ctx: RequestContext, @Args('leadId', { type: () => ID }) leadId: string) {
    return this.leadsService.stageHistory(ctx, leadId);
  }

  @Mutation(() => LeadModel, { description: 'Moves a lead you can see along its lifecycle (only sensible transitions; CONFLICT otherwise).' })
  changeLeadStage(@Ctx() ctx: RequestContext, @Args('input') input: ChangeLeadStageInput) {
    return this.leadsService.changeStage(ctx, input);
  }

  @ResolveField(() => UserModel, { nullable: true })
  owner(@Ctx() ctx: RequestContext, @Parent() lead: LeadModel) {
    return lead.ownerId ? this.loaders.user(ctx, lead.ownerId) : null;
  }

  @ResolveField(() => SquadModel, { nullable: true })
  squad(@Ctx() ctx: RequestContext, @Parent() lead: LeadModel) {
    return lead.squadId ? this.loaders.squad(ctx, lead.squadId) : null;
  }

  @ResolveField(() => LeadModel, { nullable: true, description: 'The lead who referred this one, when you can see it.' })
  referredBy(@Ctx() ctx: RequestContext, @Parent() lead: LeadModel) {
    if (!lead.referredByLeadId) return null;
    return ctx
      .loader<string, Lead | null>('leads.visible', async (ids) => byKeys(ids, await this.leadsService.visibleLeadsByIds(ctx, ids), (l) => l.id))
      .load(lead.referredByLeadId);
  }
}
