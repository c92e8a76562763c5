import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { CohortService } from './cohort.service.js';
import { CohortTypeService } from './cohort-type.service.js';
import { CreateCohortTypeInput, UpdateCohortInput, UpdateCohortTypeInput } from './dto/cohort-type.inputs.js';
import type { CohortType } from './entities/cohort-type.entity.js';
import { CohortTypeModel } from './models/cohort-type.models.js';
import { CohortModel } from './models/sop.models.js';

@Resolver(() => CohortModel)
export class CohortTypeResolver {
  constructor(
    private readonly types: CohortTypeService,
    private readonly cohorts: CohortService,
  ) {}

  @Query(() => [CohortTypeModel], { description: "The organization's distribution models (cohort types)." })
  cohortTypes(@Ctx() ctx: RequestContext) {
    return this.types.list(ctx);
  }

  @Mutation(() => CohortTypeModel, { description: 'ADMIN, MANAGER. A new distribution model; the key is unique in the organization.' })
  createCohortType(@Ctx() ctx: RequestContext, @Args('input') input: CreateCohortTypeInput) {
    return this.types.create(ctx, input);
  }

  @Mutation(() => CohortTypeModel, { description: 'ADMIN, MANAGER. Renames a cohort type (the key stays).' })
  updateCohortType(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCohortTypeInput) {
    return this.types.update(ctx, id, input);
  }

  @Mutation(() => Boolean, { description: 'ADMIN, MANAGER. Only a type no cohort uses (CONFLICT otherwise).' })
  deleteCohortType(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.types.delete(ctx, id);
  }

  @Mutation(() => CohortModel, { description: 'ADMIN, or a MANAGER / LEAD of one of its squads. Sets or clears the cohort type.' })
  updateCohort(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCohortInput) {
    return this.cohorts.updateCohort(ctx, id, input);
  }

  @ResolveField(() => CohortTypeModel, { nullable: true })
  cohortType(@Ctx() ctx: RequestContext, @Parent() c: CohortModel): Promise<CohortType | null> | null {
    if (!c.cohortTypeId) return null;
    return ctx
      .loader<string, CohortType | null>('sop.cohortType', async (ids) => byKeys(ids, await this.types.byIds(ctx, ids), (t) => t.id))
      .load(c.cohortTypeId);
  }
}
