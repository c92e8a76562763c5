import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { SquadModel } from '../organization/index.js';
import { OrganizationLoaders } from '../organization/index.js';
import { CohortService } from './cohort.service.js';
import { CreateCohortInput } from './dto/sop.inputs.js';
import { CohortModel, PlaybookVersionModel } from './models/sop.models.js';
import { SopLoaders } from './sop.loaders.js';

@Resolver(() => CohortModel)
export class CohortResolver {
  constructor(
    private readonly cohortService: CohortService,
    private readonly loaders: SopLoaders,
    private readonly org: OrganizationLoaders,
  ) {}

  @Query(() => [CohortModel], { description: 'Cohorts of the squads the caller can see.' })
  cohorts(@Ctx() ctx: RequestContext) {
    return this.cohortService.cohorts(ctx);
  }

  @Query(() => CohortModel)
  cohort(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.cohortService.cohort(ctx, id);
  }

  @Mutation(() => CohortModel, { description: 'ADMIN, or a MANAGER / LEAD of every squad listed. Generates the agenda items.' })
  createCohort(@Ctx() ctx: RequestContext, @Args('input') input: CreateCohortInput) {
    return this.cohortService.createCohort(ctx, input);
  }

  @Mutation(() => CohortModel, { description: 'Adds squads and generates their items.' })
  addCohortSquads(
    @Ctx() ctx: RequestContext,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('squadIds', { type: () => [ID] }) squadIds: string[],
  ) {
    return this.cohortService.addSquads(ctx, cohortId, squadIds);
  }

  @Mutation(() => CohortModel, { description: "Adds leads (of the cohort's squads) and generates their private-step items." })
  addCohortLeads(@Ctx() ctx: RequestContext, @Args('cohortId', { type: () => ID }) cohortId: string, @Args('leadIds', { type: () => [ID] }) leadIds: string[]) {
    return this.cohortService.addLeads(ctx, cohortId, leadIds);
  }

  @Mutation(() => Int, { description: 'Creates missing items (e.g. for reps who joined a squad); never duplicates. Returns how many were created.' })
  regenerateCohortAgenda(@Ctx() ctx: RequestContext, @Args('cohortId', { type: () => ID }) cohortId: string) {
    return this.cohortService.regenerate(ctx, cohortId);
  }

  @ResolveField(() => [SquadModel])
  async squads(@Ctx() ctx: RequestContext, @Parent() c: CohortModel) {
    const links = await this.loaders.cohortSquads(ctx, c.id);
    const squads = await Promise.all(links.map((l) => this.org.squad(ctx, l.squadId)));
    return squads.filter((s) => s !== null).sort((a, b) => a.name.localeCompare(b.name));
  }

  @ResolveField(() => Int)
  leadCount(@Ctx() ctx: RequestContext, @Parent() c: CohortModel) {
    return this.loaders.leadCount(ctx, c.id);
  }

  @ResolveField(() => PlaybookVersionModel)
  playbookVersion(@Ctx() ctx: RequestContext, @Parent() c: CohortModel) {
    return this.loaders.version(ctx, c.playbookVersionId);
  }
}
