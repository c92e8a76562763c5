import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { TeamKind } from '../organization/index.js';
import { CoachingService } from './coaching.service.js';
import { DuelsService } from './duels.service.js';
import {
  CreateDuelInput,
  CreateLeaderboardInput,
  LeaderboardInput,
  LeaderboardPeriodInput,
  OpenCoachingPlanInput,
  PreviewLeaderboardInput,
  RecordCoachingOutcomeInput,
  UpdateCoachingPlanInput,
  UpdateLeaderboardInput,
} from './dto/rankings.inputs.js';
import { CoachingStatus, RankingScope } from './entities/ranking.entities.js';
import {
  CoachingPlanModel,
  DuelModel,
  DuelStatus,
  LeaderboardDefinitionModel,
  LeaderboardHistoryModel,
  LeaderboardModel,
  LeaderboardVersionModel,
  SeasonRowModel,
  SnapshotInfoModel,
  StandingColumnsModel,
  StandingModel,
  StandingsChangeModel,
  WatchListModel,
} from './models/rankings.models.js';
import { boardRevision } from './board-revision.js';
import { standingColumns } from './standing-columns.js';
import { RankingsLiveService } from './rankings-live.service.js';
import { LeaderboardDefinitionsService } from './leaderboard-definitions.service.js';
import { PeriodClosingService } from './period-closing.service.js';
import { StandingsService } from './standings.service.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

@Resolver()
export class RankingsResolver {
  constructor(
    private readonly definitions: LeaderboardDefinitionsService,
    private readonly standings: StandingsService,
    private readonly closing: PeriodClosingService,
    private readonly live: RankingsLiveService,
    private readonly coaching: CoachingService,
    private readonly duelsService: DuelsService,
  ) {}

  @Query(() => [LeaderboardDefinitionModel], { description: 'Leaderboards you can see (your populations; managers and admins: theirs).' })
  leaderboardDefinitions(
    @Ctx() ctx: RequestContext,
    @Args('teamKind', { type: () => TeamKind, nullable: true }) teamKind?: TeamKind | null,
    @Args('includeArchived', { defaultValue: false }) includeArchived?: boolean,
  ) {
    return this.definitions.definitions(ctx, { teamKind, includeArchived });
  }

  @Query(() => LeaderboardDefinitionModel)
  leaderboardDefinition(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.definitions.definition(ctx, id);
  }

  @Query(() => [LeaderboardVersionModel], { description: 'Every version of a leaderboard’s rules, newest first.' })
  leaderboardVersions(@Ctx() ctx: RequestContext, @Args('definitionId', { type: () => ID }) definitionId: string) {
    return this.definitions.versions(ctx, definitionId);
  }

  @Query(() => LeaderboardModel, {
    complexity: AGGREGATE_COST,
    description: 'Standings of a period: live while the period is open, from the immutable snapshot once closed.',
  })
  leaderboard(@Ctx() ctx: RequestContext, @Args('input') input: LeaderboardInput) {
    return this.standings.leaderboard(ctx, input);
  }

  @Query(() => [SnapshotInfoModel], { description: 'Closed periods of a leaderboard, newest first.' })
  leaderboardSnapshots(
    @Ctx() ctx: RequestContext,
    @Args('definitionId', { type: () => ID }) definitionId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ) {
    return this.standings.snapshots(ctx, definitionId, first);
  }

  @Query(() => LeaderboardHistoryModel, {
    complexity: AGGREGATE_COST,
    description:
      "Every entity's value, rank and band in the last closed periods of a leaderboard (oldest first), for sparklines. Readable by whoever may read the board.",
  })
  leaderboardHistory(
    @Ctx() ctx: RequestContext,
    @Args('definitionId', { type: () => ID }) definitionId: string,
    @Args('periods', { type: () => Int, defaultValue: 8, description: 'How many closed periods, 1 to 26.' }) periods: number,
  ) {
    return this.standings.history(ctx, definitionId, periods);
  }

  @Query(() => WatchListModel, {
    complexity: AGGREGATE_COST,
    description: 'LEAD, MANAGER, ADMIN. Entities in BOTTOM for K consecutive closed periods — a coaching signal, never a dismissal list.',
  })
  watchList(@Ctx() ctx: RequestContext, @Args('definitionId', { type: () => ID }) definitionId: string) {
    return this.closing.watchList(ctx, definitionId);
  }

  @Query(() => LeaderboardModel, {
    complexity: AGGREGATE_COST,
    description:
      'The live board of the current period for an unsaved definition (no writes): validated and authorized as createLeaderboard (ADMIN; MANAGER for the legions they command).',
  })
  previewLeaderboard(@Ctx() ctx: RequestContext, @Args('input') input: PreviewLeaderboardInput) {
    return this.standings.previewDefinition(ctx, input);
  }

  @Mutation(() => LeaderboardDefinitionModel, { description: 'ADMIN; MANAGER for the legions they command.' })
  createLeaderboard(@Ctx() ctx: RequestContext, @Args('input') input: CreateLeaderboardInput) {
    return this.definitions.createDefinition(ctx, input);
  }

  @Mutation(() => LeaderboardDefinitionModel, { description: 'Changing the rules creates a new version; closed snapshots keep theirs.' })
  updateLeaderboard(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateLeaderboardInput) {
    return this.definitions.updateDefinition(ctx, id, input);
  }

  @Mutation(() => LeaderboardDefinitionModel, { description: 'Stops automatic closing; snapshots stay readable.' })
  archiveLeaderboard(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.definitions.archiveDefinition(ctx, id);
  }

  @Mutation(() => LeaderboardModel, { description: 'ADMIN, MANAGER. Snapshots an ended period (idempotent: closing again returns the same snapshot).' })
  closePeriod(@Ctx() ctx: RequestContext, @Args('definitionId', { type: () => ID }) definitionId: string, @Args('period') period: LeaderboardPeriodInput) {
    return this.closing.closePeriod(ctx, definitionId, period);
  }

  @Subscription(() => StandingsChangeModel, {
    description:
      'Live standings of a leaderboard (graphql-ws): first the whole current board with its revision, then, debounced after commits change it, only what changed (header, changed lines, removed ids) with the revision it applies to. On a revision gap, read `leaderboard { revision ... }` again and apply later changes to it (docs/rankings.md "Live updates").',
  })
  standingsChanged(@Ctx() ctx: RequestContext, @Args('leaderboardId', { type: () => ID }) leaderboardId: string) {
    return this.live.subscribe(ctx, leaderboardId);
  }

  @Query(() => [CoachingPlanModel], { description: 'Plans you can see: your own, or those of the reps you lead or manage.' })
  coachingPlans(
    @Ctx() ctx: RequestContext,
    @Args('subjectUserId', { type: () => ID, nullable: true }) subjectUserId?: string | null,
    @Args('status', { type: () => CoachingStatus, nullable: true }) status?: CoachingStatus | null,
  ) {
    return this.coaching.plans(ctx, { subjectUserId, status });
  }

  @Query(() => CoachingPlanModel)
  coachingPlan(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.coaching.plan(ctx, id);
  }

  @Mutation(() => CoachingPlanModel, { description: "The rep's LEAD, their MANAGER, or ADMIN." })
  openCoachingPlan(@Ctx() ctx: RequestContext, @Args('input') input: OpenCoachingPlanInput) {
    return this.coaching.open(ctx, input);
  }

  @Mutation(() => CoachingPlanModel)
  updateCoachingPlan(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCoachingPlanInput) {
    return this.coaching.update(ctx, id, input);
  }

  @Mutation(() => CoachingPlanModel, { description: 'Closes the plan with its outcome. Never changes anyone’s employment status.' })
  recordCoachingOutcome(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: RecordCoachingOutcomeInput) {
    return this.coaching.recordOutcome(ctx, id, input);
  }

  @Query(() => [DuelModel], { description: 'PK duels of your organization with live scores (final once closed).' })
  duels(
    @Ctx() ctx: RequestContext,
    @Args('season', { type: () => String, nullable: true }) season?: string | null,
    @Args('status', { type: () => DuelStatus, nullable: true }) status?: DuelStatus | null,
  ) {
    return this.duelsService.duels(ctx, { season, status });
  }

  @Query(() => DuelModel)
  duel(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.duelsService.duel(ctx, id);
  }

  @Query(() => [SeasonRowModel], { complexity: AGGREGATE_COST, description: 'Season table: 3 points per win, 1 per draw, from final results.' })
  duelSeason(
    @Ctx() ctx: RequestContext,
    @Args('season') season: string,
    @Args('entityType', { type: () => RankingScope, defaultValue: RankingScope.SQUAD }) entityType: RankingScope,
  ) {
    return this.duelsService.season(ctx, season, entityType);
  }

  @Mutation(() => DuelModel, { description: 'ADMIN, MANAGER (their teams); LEAD for two reps of their squad.' })
  createDuel(@Ctx() ctx: RequestContext, @Args('input') input: CreateDuelInput) {
    return this.duelsService.create(ctx, input);
  }
}

@Resolver(() => LeaderboardModel)
export class LeaderboardFieldsResolver {
  constructor(private readonly standings: StandingsService) {}

  @ResolveField(() => StandingModel, {
    nullable: true,
    description:
      "The caller's own line, the same as their line in `entries` (for a rep's card without the whole board): on a MEMBER board the caller's, on a SQUAD board the line of the squad the caller is in now (there are no other scopes). Null when the caller has no line on this board (a lead, manager or admin on a rep board; someone whose squad is not on a squad board). Ranked lines: `bands.top + bands.middle + bands.bottom`. See docs/rankings.md \"The caller's own line\".",
  })
  mine(@Ctx() ctx: RequestContext, @Parent() board: LeaderboardModel): Promise<StandingModel | null> {
    return this.standings.mine(ctx, board);
  }

  @ResolveField(() => String, {
    description:
      'Content revision of this board (a hash of its header and lines): the same on every API replica; `standingsChanged` changes name the revision they apply to (`baseRevision`).',
  })
  revision(@Parent() board: LeaderboardModel): string {
    return boardRevision(board);
  }

  @ResolveField(() => StandingColumnsModel, {
    description:
      'The same lines as `entries`, as columns (one array per field, aligned by index): far less to build, send and parse for boards of thousands of lines.',
  })
  columns(@Parent() board: LeaderboardModel): StandingColumnsModel {
    // The columns the service ranked into, when it did (live boards); else from the lines.
    return board.lines ? board.lines.columns : standingColumns(board.entries);
  }
}
