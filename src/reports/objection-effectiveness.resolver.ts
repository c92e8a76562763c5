import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';
import type { RequestContext } from '../common/request-context.js';
import { AgendaObjectionModel, ObjectionModel } from '../sop/index.js';
import {
  ObjectionAnswerStatsModel,
  ObjectionEffectivenessInput,
  ObjectionEffectivenessReportModel,
  WINDOW_DAYS,
} from './models/objection-effectiveness.models.js';
import { ObjectionEffectivenessService } from './objection-effectiveness.service.js';

const STATS_DESCRIPTION =
  'How each prepared answer (in this order, then improvised uses) converted, every version of the playbook and all time, over the squads you can see (ADMIN, MANAGER: the organization). docs/metrics.md, "Objection answer effectiveness".';

/** Batches `answerStats` of every objection of a request into one statement (per windowDays). */
function loadStats(ctx: RequestContext, service: ObjectionEffectivenessService, o: { id: string; answers: { id: string }[] }, windowDays: number) {
  return ctx
    .loader<{ objectionId: string; answerIds: string[] }, ObjectionAnswerStatsModel[]>(`reports.answerStats.${windowDays}`, (keys) =>
      service.answerStats(ctx, keys, windowDays),
    )
    .load({ objectionId: o.id, answerIds: o.answers.map((a) => a.id) });
}

@Resolver()
export class ObjectionEffectivenessResolver {
  constructor(private readonly service: ObjectionEffectivenessService) {}

  @Query(() => ObjectionEffectivenessReportModel, {
    complexity: AGGREGATE_COST,
    description: 'ADMIN, MANAGER (the organization), LEAD (squads they lead or belong to). Which objection answers precede conversions, ranked.',
  })
  objectionEffectiveness(@Ctx() ctx: RequestContext, @Args('input') input: ObjectionEffectivenessInput) {
    return this.service.report(ctx, input);
  }
}

@Resolver(() => ObjectionModel)
export class PlaybookObjectionStatsResolver {
  constructor(private readonly service: ObjectionEffectivenessService) {}

  @ResolveField(() => [ObjectionAnswerStatsModel], { description: STATS_DESCRIPTION })
  answerStats(
    @Ctx() ctx: RequestContext,
    @Parent() o: ObjectionModel,
    @Args('windowDays', { type: () => Int, defaultValue: WINDOW_DAYS.default }) windowDays: number,
  ) {
    return loadStats(ctx, this.service, o, windowDays);
  }
}

@Resolver(() => AgendaObjectionModel)
export class AgendaObjectionStatsResolver {
  constructor(private readonly service: ObjectionEffectivenessService) {}

  @ResolveField(() => [ObjectionAnswerStatsModel], { description: STATS_DESCRIPTION })
  answerStats(
    @Ctx() ctx: RequestContext,
    @Parent() o: AgendaObjectionModel,
    @Args('windowDays', { type: () => Int, defaultValue: WINDOW_DAYS.default }) windowDays: number,
  ) {
    return loadStats(ctx, this.service, o, windowDays);
  }
}
