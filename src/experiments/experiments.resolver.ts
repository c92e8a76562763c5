import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { PageArgs } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { SquadModel } from '../organization/index.js';
import { OrganizationLoaders } from '../organization/index.js';
import {
  AdoptExperimentArgs,
  AssignLeadArgs,
  ConcludeExperimentArgs,
  CreateExperimentInput,
  ExperimentFeedArgs,
  LogExperimentDataArgs,
  PublishExperimentArgs,
  UpdateExperimentInput,
} from './dto/experiment.inputs.js';
import type { Experiment, ExperimentAdoption } from './entities/experiment.entity.js';
import { ExperimentDataService } from './experiment-data.service.js';
import { ExperimentLoaders } from './experiments.loaders.js';
import { ExperimentsService } from './experiments.service.js';
import {
  ExperimentAdoptionModel,
  ExperimentAnalysisModel,
  ExperimentAssignmentModel,
  ExperimentConnection,
  ExperimentDataEntryConnection,
  ExperimentModel,
  ExperimentVariantModel,
  PersonRefModel,
  VARIANT_LIST_COMPLEXITY,
} from './models/experiment.models.js';
import { COMPUTED_FIELD_COST } from '../common/graphql/limits.js';

const person = async (loaders: OrganizationLoaders, ctx: RequestContext, id: string | null): Promise<PersonRefModel | null> => {
  if (!id) return null;
  const u = await loaders.user(ctx, id);
  return u ? { id: u.id, name: u.name } : null;
};

@Resolver(() => ExperimentModel)
export class ExperimentsResolver {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly data: ExperimentDataService,
    private readonly loaders: ExperimentLoaders,
    private readonly org: OrganizationLoaders,
  ) {}

  @Query(() => ExperimentModel, { description: 'Any experiment of the organization (everyone reads every experiment).' })
  experiment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.experiments.get(ctx, id);
  }

  @Query(() => ExperimentConnection, {
    description:
      'Every experiment of the organization, newest and strongest first: PUBLISHED (newest publication first), then CONCLUDED, RUNNING/STOPPED, DRAFT, ARCHIVED (each by last change).',
  })
  experimentFeed(@Ctx() ctx: RequestContext, @Args() args: ExperimentFeedArgs, @Args() page: PageArgs) {
    return this.experiments.feed(ctx, args.filter, page.first, page.after);
  }

  @Mutation(() => ExperimentModel, { description: 'Creates a DRAFT. Reps for themselves in their squad; leads and managers for the squads they manage.' })
  createExperiment(@Ctx() ctx: RequestContext, @Args('input') input: CreateExperimentInput) {
    return this.experiments.create(ctx, input);
  }

  @Mutation(() => ExperimentModel, { description: 'Owner, squad lead, managers. The design changes only while DRAFT.' })
  updateExperiment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateExperimentInput) {
    return this.experiments.update(ctx, id, input);
  }

  @Mutation(() => ExperimentModel, { description: 'DRAFT → RUNNING.' })
  startExperiment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.experiments.start(ctx, id);
  }

  @Mutation(() => ExperimentModel, { description: 'RUNNING → STOPPED (tracked outcomes stop counting).' })
  stopExperiment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.experiments.stop(ctx, id);
  }

  @Mutation(() => ExperimentModel, { description: 'Any state before PUBLISHED → ARCHIVED.' })
  archiveExperiment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.experiments.archive(ctx, id);
  }

  @Mutation(() => ExperimentModel, {
    description: 'STOPPED → CONCLUDED with a verdict. Owner, squad lead, managers. Verdicts the analysis does not back are accepted with conclusionWarnings.',
  })
  concludeExperiment(@Ctx() ctx: RequestContext, @Args() args: ConcludeExperimentArgs) {
    return this.experiments.conclude(ctx, args.id, args.verdict, args.summary, args.winnerVariantKey);
  }

  @Mutation(() => ExperimentModel, { description: 'MANAGER or ADMIN: CONCLUDED → PUBLISHED, an organization-wide learning (pushed to experimentPublished).' })
  publishExperiment(@Ctx() ctx: RequestContext, @Args() args: PublishExperimentArgs) {
    return this.experiments.publish(ctx, args.id, args.note, args.promoteToPlaybook, args.promoteToVariants ?? undefined);
  }

  @Mutation(() => ExperimentModel, { description: "A squad adopts a published learning: the squad's LEAD or its managers; once per squad." })
  adoptExperiment(@Ctx() ctx: RequestContext, @Args() args: AdoptExperimentArgs) {
    return this.experiments.adopt(ctx, args.id, args.squadId);
  }

  @Mutation(() => ExperimentModel, { description: 'LOGGED experiments: append daily counts (corrections are new entries with negative deltas).' })
  logExperimentData(@Ctx() ctx: RequestContext, @Args() args: LogExperimentDataArgs) {
    return this.data.logData(ctx, args.experimentId, args.entries, args.note);
  }

  @Mutation(() => ExperimentAssignmentModel, { description: 'TRACKED experiments: put a lead into a variant (idempotent).' })
  assignLeadToVariant(@Ctx() ctx: RequestContext, @Args() args: AssignLeadArgs) {
    return this.data.assignLead(ctx, args.experimentId, args.leadId, args.variantKey);
  }

  @Subscription(() => ExperimentModel, { description: "Experiments published in the subscriber's organization, as they are published (graphql-ws)." })
  experimentPublished(@Ctx() ctx: RequestContext) {
    return this.experiments.published(ctx);
  }

  @ResolveField(() => PersonRefModel)
  async owner(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return (await person(this.org, ctx, e.ownerId)) ?? { id: e.ownerId, name: '' };
  }

  @ResolveField(() => SquadModel)
  squad(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return this.org.squad(ctx, e.squadId);
  }

  @ResolveField(() => PersonRefModel, { nullable: true })
  concludedBy(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return person(this.org, ctx, e.concludedById);
  }

  @ResolveField(() => PersonRefModel, { nullable: true })
  publishedBy(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return person(this.org, ctx, e.publishedById);
  }

  @ResolveField(() => [ExperimentVariantModel], { complexity: VARIANT_LIST_COMPLEXITY })
  variants(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return this.loaders.variants(ctx, e.id);
  }

  @ResolveField(() => [ExperimentAdoptionModel], { description: 'Squads that adopted this learning, oldest first.' })
  adoptions(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return this.loaders.adoptions(ctx, e.id);
  }

  @ResolveField(() => ExperimentAnalysisModel, { complexity: COMPUTED_FIELD_COST, description: 'Computed now from the data (see docs/experiments.md).' })
  analysis(@Ctx() ctx: RequestContext, @Parent() e: Experiment) {
    return this.loaders.analysis(ctx, e);
  }

  @ResolveField(() => ExperimentDataEntryConnection, { description: 'Logged entries, newest first, with who logged them.' })
  dataEntries(@Ctx() ctx: RequestContext, @Parent() e: Experiment, @Args() page: PageArgs) {
    return this.data.entries(ctx, e.id, page.first, page.after);
  }
}

@Resolver(() => ExperimentAdoptionModel)
export class ExperimentAdoptionResolver {
  constructor(private readonly org: OrganizationLoaders) {}

  @ResolveField(() => SquadModel)
  squad(@Ctx() ctx: RequestContext, @Parent() a: ExperimentAdoption) {
    return this.org.squad(ctx, a.squadId);
  }

  @ResolveField(() => PersonRefModel, { nullable: true })
  adoptedBy(@Ctx() ctx: RequestContext, @Parent() a: ExperimentAdoption) {
    return person(this.org, ctx, a.adoptedById);
  }
}
