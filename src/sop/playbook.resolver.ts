import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SCRIPT_VARIABLES } from '@lib/script';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { LegionModel } from '../organization/index.js';
import { OrganizationLoaders } from '../organization/index.js';
import { ClonePlaybookInput, CreatePlaybookInput, PlaybookContentInput, PlaybooksFilterArgs, UpdatePlaybookInput } from './dto/sop.inputs.js';
import { PlaybookVersionStatus } from './entities/playbook.entity.js';
import {
  FieldIssueModel,
  ObjectionModel,
  PlaybookModel,
  PlaybookVersionModel,
  ScriptVariableModel,
  StepModel,
  VersionComparisonModel,
} from './models/sop.models.js';
import { PlaybookService } from './playbook.service.js';
import { SopLoaders } from './sop.loaders.js';

@Resolver(() => PlaybookModel)
export class PlaybookResolver {
  constructor(
    private readonly service: PlaybookService,
    private readonly loaders: SopLoaders,
    private readonly org: OrganizationLoaders,
  ) {}

  @Query(() => [PlaybookModel], { description: 'Playbooks of the organization (readable by everyone in it).' })
  playbooks(@Ctx() ctx: RequestContext, @Args() filter: PlaybooksFilterArgs) {
    return this.service.playbooks(ctx, filter);
  }

  @Query(() => PlaybookModel)
  playbook(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.playbook(ctx, id);
  }

  @Query(() => PlaybookVersionModel, { description: 'Any version, including retired ones.' })
  playbookVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.version(ctx, id);
  }

  @Query(() => VersionComparisonModel, { description: 'Step-by-step differences from version a to version b (matched by step key).' })
  comparePlaybookVersions(@Ctx() ctx: RequestContext, @Args('a', { type: () => ID }) a: string, @Args('b', { type: () => ID }) b: string) {
    return this.service.compare(ctx, a, b);
  }

  @Query(() => [ScriptVariableModel], { description: 'Variables scripts may use, e.g. {{lead.firstName}}.' })
  scriptVariables() {
    return SCRIPT_VARIABLES;
  }

  @Mutation(() => PlaybookModel, { description: 'ADMIN, or a MANAGER / LEAD of the legion. Creates version 1 as a draft.' })
  createPlaybook(@Ctx() ctx: RequestContext, @Args('input') input: CreatePlaybookInput) {
    return this.service.createPlaybook(ctx, input);
  }

  @Mutation(() => PlaybookModel, { description: 'Name, description, product name (not versioned).' })
  updatePlaybook(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdatePlaybookInput) {
    return this.service.updatePlaybook(ctx, id, input);
  }

  @Mutation(() => PlaybookVersionModel, { description: 'Starts the next version as a copy of the latest one (one draft at a time).' })
  createPlaybookDraft(@Ctx() ctx: RequestContext, @Args('playbookId', { type: () => ID }) playbookId: string) {
    return this.service.createDraft(ctx, playbookId);
  }

  @Mutation(() => PlaybookVersionModel, { description: 'Replaces the steps and objections of a DRAFT; published versions are frozen (CONFLICT).' })
  updatePlaybookDraft(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string, @Args('content') content: PlaybookContentInput) {
    return this.service.updateDraft(ctx, versionId, content);
  }

  @Mutation(() => PlaybookVersionModel, {
    description:
      "ADMIN, or a MANAGER of the playbook's legion. Validates (times, windows, script variables, objection refs) and freezes a draft; retires the previously published version.",
  })
  publishPlaybookVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string) {
    return this.service.publish(ctx, versionId);
  }

  @Mutation(() => PlaybookVersionModel, { description: "ADMIN, or a MANAGER of the playbook's legion. New cohorts can no longer use it; it stays readable." })
  retirePlaybookVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string) {
    return this.service.retire(ctx, versionId);
  }

  @Mutation(() => PlaybookModel, {
    description: 'Copies a version into another legion as version 1 (draft) of a new playbook. Needs edit rights on the target legion.',
  })
  clonePlaybook(@Ctx() ctx: RequestContext, @Args('input') input: ClonePlaybookInput) {
    return this.service.clone(ctx, input);
  }

  @ResolveField(() => LegionModel, { nullable: true })
  legion(@Ctx() ctx: RequestContext, @Parent() p: PlaybookModel) {
    return this.org.legion(ctx, p.legionId);
  }

  @ResolveField(() => [PlaybookVersionModel], { description: 'Newest first.' })
  versions(@Ctx() ctx: RequestContext, @Parent() p: PlaybookModel) {
    return this.loaders.versionsOf(ctx, p.id);
  }

  @ResolveField(() => PlaybookVersionModel, { nullable: true, description: 'The version new cohorts run.' })
  async publishedVersion(@Ctx() ctx: RequestContext, @Parent() p: PlaybookModel) {
    return (await this.loaders.versionsOf(ctx, p.id)).find((v) => v.status === PlaybookVersionStatus.PUBLISHED) ?? null;
  }

  @ResolveField(() => PlaybookVersionModel, { nullable: true })
  async draft(@Ctx() ctx: RequestContext, @Parent() p: PlaybookModel) {
    return (await this.loaders.versionsOf(ctx, p.id)).find((v) => v.status === PlaybookVersionStatus.DRAFT) ?? null;
  }
}

@Resolver(() => PlaybookVersionModel)
export class PlaybookVersionResolver {
  constructor(
    private readonly playbooks: PlaybookService,
    private readonly loaders: SopLoaders,
  ) {}

  @ResolveField(() => PlaybookModel)
  playbook(@Ctx() ctx: RequestContext, @Parent() v: PlaybookVersionModel) {
    return this.loaders.playbook(ctx, v.playbookId);
  }

  @ResolveField(() => [StepModel], { description: 'In order.' })
  steps(@Ctx() ctx: RequestContext, @Parent() v: PlaybookVersionModel) {
    return this.loaders.steps(ctx, v.id);
  }

  @ResolveField(() => [ObjectionModel])
  objections(@Ctx() ctx: RequestContext, @Parent() v: PlaybookVersionModel) {
    return this.loaders.objections(ctx, v.id);
  }

  @ResolveField(() => [FieldIssueModel], { description: 'What must be fixed before publishing (empty = publishable).' })
  issues(@Ctx() ctx: RequestContext, @Parent() v: PlaybookVersionModel) {
    return this.playbooks.issues(ctx, v.id);
  }
}
