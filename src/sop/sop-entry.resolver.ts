import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { ClearSopEntryInput, SetSopEntryInput } from './dto/sop.inputs.js';
import { SopEntryModel } from './models/sop.models.js';
import { SopEntryService } from './sop-entry.service.js';

@Resolver(() => SopEntryModel)
export class SopEntryResolver {
  constructor(private readonly entries: SopEntryService) {}

  @Query(() => [SopEntryModel], { description: 'Entry playbooks of the legions and squads the caller can see (docs/lifecycle.md, Entry into an SOP).' })
  sopEntries(@Ctx() ctx: RequestContext) {
    return this.entries.entries(ctx);
  }

  @Mutation(() => SopEntryModel, {
    description:
      "Names the playbook a legion's or squad's assigned leads join and how (CAMP / ROLLING). Legion: ADMIN or its managers; squad: also its lead. A squad's entry wins over its legion's.",
  })
  setSopEntry(@Ctx() ctx: RequestContext, @Args('input') input: SetSopEntryInput) {
    return this.entries.setEntry(ctx, input);
  }

  @Mutation(() => Boolean, { description: "Removes a legion's or squad's entry (same access as setSopEntry); false when there was none." })
  clearSopEntry(@Ctx() ctx: RequestContext, @Args('input') input: ClearSopEntryInput) {
    return this.entries.clearEntry(ctx, input);
  }
}
