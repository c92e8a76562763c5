import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { SquadModel, UserModel } from '../organization/index.js';
import { OrganizationLoaders } from '../organization/index.js';
import { AgendaRenderService } from './agenda-render.service.js';
import { AgendaService } from './agenda.service.js';
import { ComplianceService } from './compliance.service.js';
import { checkDetails } from './agenda-details.js';
import { AgendaRangeArgs, AgendaSheetDetailsArgs, SopComplianceInput } from './dto/sop.inputs.js';
import {
  AgendaItemModel,
  AgendaLeadModel,
  AgendaObjectionModel,
  AgendaSheetModel,
  CohortModel,
  ObjectionLogModel,
  RenderedScriptModel,
  SopComplianceModel,
  StepModel,
} from './models/sop.models.js';
import { SopLoaders } from './sop.loaders.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

/**
 * The parent of the item fields. A type, not the class: its design type is then Object, so the
 * global validation pipe always passes the item on as is and never copies it into an
 * AgendaItemModel or runs class-validator on it (it is our own services' output, called for every
 * field of every item).
 */
type AgendaItemParent = Pick<AgendaItemModel, 'id' | 'stepId' | 'cohortId' | 'leadId' | 'repId' | 'squadId' | 'day'>;

@Resolver(() => AgendaItemModel)
export class AgendaResolver {
  constructor(
    private readonly agendaService: AgendaService,
    private readonly compliance: ComplianceService,
    private readonly loaders: SopLoaders,
    private readonly org: OrganizationLoaders,
    private readonly render: AgendaRenderService,
  ) {}

  @Query(() => [AgendaItemModel], { description: "The signed-in rep's items due in [from, to), by due time." })
  myAgenda(@Ctx() ctx: RequestContext, @Args() range: AgendaRangeArgs) {
    return this.agendaService.myAgenda(ctx, range.from, range.to);
  }

  @Query(() => AgendaSheetModel, {
    description: "The signed-in rep's items due in [from, to), with steps, scripts and objections in side tables, each rendered and sent once (docs/sop.md).",
  })
  async myAgendaSheet(@Ctx() ctx: RequestContext, @Args() range: AgendaRangeArgs, @Args() d: AgendaSheetDetailsArgs) {
    checkDetails(d.details, d.detailsFor);
    return this.render.sheet(ctx, await this.agendaService.myAgendaSheet(ctx, range.from, range.to), d.details, d.detailsFor);
  }

  @Query(() => AgendaSheetModel, { description: 'squadAgenda as an AgendaSheet (docs/sop.md).' })
  async squadAgendaSheet(
    @Ctx() ctx: RequestContext,
    @Args('squadId', { type: () => ID }) squadId: string,
    @Args() range: AgendaRangeArgs,
    @Args() d: AgendaSheetDetailsArgs,
  ) {
    checkDetails(d.details, d.detailsFor);
    return this.render.sheet(ctx, await this.agendaService.squadAgendaSheet(ctx, squadId, range.from, range.to), d.details, d.detailsFor);
  }

  @Query(() => [AgendaItemModel], { description: "A member's items due in [from, to): their squad's LEAD, the legion's MANAGER, ADMIN (or themselves)." })
  agenda(@Ctx() ctx: RequestContext, @Args('memberId', { type: () => ID }) memberId: string, @Args() range: AgendaRangeArgs) {
    return this.agendaService.agenda(ctx, memberId, range.from, range.to);
  }

  @Query(() => [AgendaItemModel], { description: "Every item of a squad due in [from, to): its LEAD, the legion's MANAGER, ADMIN." })
  squadAgenda(@Ctx() ctx: RequestContext, @Args('squadId', { type: () => ID }) squadId: string, @Args() range: AgendaRangeArgs) {
    return this.agendaService.squadAgenda(ctx, squadId, range.from, range.to);
  }

  @Query(() => AgendaItemModel)
  agendaItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.agendaService.item(ctx, id);
  }

  @Mutation(() => AgendaItemModel, { description: 'Marks the step done now (on time or late). Completing a done step again changes nothing.' })
  completeStep(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.agendaService.complete(ctx, id, note);
  }

  @Mutation(() => AgendaItemModel, { description: 'Skips a pending step, with a reason.' })
  skipStep(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string) {
    return this.agendaService.skip(ctx, id, reason);
  }

  @Mutation(() => ObjectionLogModel, { description: 'Records an objection the lead raised and the prepared answer used (answerUsed null = improvised).' })
  logObjection(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('objectionId', { type: () => ID }) objectionId: string,
    @Args('answerUsed', { type: () => ID, nullable: true }) answerUsed?: string | null,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.agendaService.logObjection(ctx, itemId, objectionId, answerUsed ?? null, note);
  }

  @Query(() => SopComplianceModel, {
    complexity: AGGREGATE_COST,
    description:
      'Share done, share done on time and missed count, per member and squad, for items due in [from, to). Without squadId/memberId: everything the caller may see.',
  })
  sopCompliance(@Ctx() ctx: RequestContext, @Args('input') input: SopComplianceInput) {
    return this.compliance.report(ctx, input);
  }

  @ResolveField(() => StepModel)
  step(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return this.loaders.step(ctx, item.stepId);
  }

  @ResolveField(() => CohortModel)
  cohort(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return this.loaders.cohort(ctx, item.cohortId);
  }

  @ResolveField(() => AgendaLeadModel, { nullable: true })
  lead(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return item.leadId ? this.loaders.lead(ctx, item.leadId) : null;
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'The rep who does it.' })
  rep(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return this.org.user(ctx, item.repId);
  }

  @ResolveField(() => SquadModel, { nullable: true })
  squad(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return this.org.squad(ctx, item.squadId);
  }

  @ResolveField(() => RenderedScriptModel, {
    nullable: true,
    description: "The script for the lead's persona (else the default text), with variables filled in.",
  })
  async script(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return (await this.render.script(ctx, item))?.script ?? null;
  }

  @ResolveField(() => [AgendaObjectionModel], { description: "The step's objections, then the playbook's; answers for the lead's persona first." })
  async objections(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return (await this.render.objections(ctx, item)).objections;
  }

  @ResolveField(() => [ObjectionLogModel])
  objectionLogs(@Ctx() ctx: RequestContext, @Parent() item: AgendaItemParent) {
    return this.loaders.objectionLogs(ctx, item.id);
  }
}
