import { Injectable } from '@nestjs/common';
import { DEFAULT_BOTTOM_PCT, DEFAULT_TOP_PCT, validatePercentages } from '@lib/ranking';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { MetricsService, type MetricDefinition, type PeriodKind } from '../metrics/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import { isRateMetric, type BoardRules } from './board-engine.js';
import type { CreateLeaderboardInput, LeaderboardRulesInput, UpdateLeaderboardInput } from './dto/rankings.inputs.js';
import { PopulationType, RankingPeriodKind, RankingScope, type CompositeComponent } from './entities/ranking.entities.js';
import { LeaderboardRepository } from './leaderboard.repository.js';
import { boardOf, definitionModel, entityTypeOf, PERIOD_KINDS, rulesOf, versionModel, type LoadedBoard } from './loaded-board.js';
import type { LeaderboardDefinitionModel, LeaderboardVersionModel } from './models/rankings.models.js';

/**
 * Leaderboard definitions and their versions: creating, editing (a new version of the rules),
 * archiving, loading with the visibility check, and the rule and population checks the boards share.
 */
@Injectable()
export class LeaderboardDefinitionsService {
  constructor(
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly repo: LeaderboardRepository,
  ) {}

  /** Metric definitions of the rules, validated for the scope (single metric or composite components, in order). */
  metricDefs(rules: Pick<BoardRules, 'metricKey' | 'components'>, scope: RankingScope): MetricDefinition[] {
    const keys = rules.components ? rules.components.map((c) => c.metricKey) : [rules.metricKey!];
    const defs = this.metrics.definitions(keys, entityTypeOf(scope));
    return keys.map((k) => defs.find((d) => d.key === k)!);
  }

  validateRules(rules: BoardRules, scope: RankingScope, teamKind: TeamKind): void {
    if ((rules.metricKey === null) === (rules.components === null))
      throw badInput([{ field: 'input.metricKey', message: 'give either metricKey or components (a weighted composite), not both' }]);
    if (rules.components) {
      const keys = rules.components.map((c) => c.metricKey);
      if (new Set(keys).size !== keys.length) throw badInput([{ field: 'input.components', message: 'each metric may appear once' }]);
      if (!(rules.components.reduce((s, c) => s + c.weight, 0) > 0))
        throw badInput([{ field: 'input.components', message: 'weights must sum to more than 0' }]);
    }
    const defs = this.metricDefs(rules, scope);
    const wrongKind = defs.filter((d) => d.teamKind !== teamKind);
    if (wrongKind.length) throw badInput([{ field: 'input.metricKey', message: `${wrongKind.map((d) => d.key).join(', ')} is not a ${teamKind} metric` }]);
    const hasRate = defs.some(isRateMetric);
    if (rules.minDenominator !== null && !hasRate)
      throw badInput([{ field: 'input.minDenominator', message: 'a minimum sample needs a rate metric (one with a denominator)' }]);
    if (rules.shrinkageK !== null && rules.shrinkageK > 0 && !hasRate)
      throw badInput([{ field: 'input.shrinkageK', message: 'shrinkage applies to rate metrics only' }]);
    try {
      validatePercentages(rules.topPct, rules.bottomPct);
    } catch (e) {
      throw badInput([{ field: 'input.topPct', message: (e as Error).message }]);
    }
  }

  mergeRules(base: BoardRules | null, input: LeaderboardRulesInput): BoardRules {
    const components: CompositeComponent[] | null | undefined = input.components?.map((c) => ({ metricKey: c.metricKey, weight: c.weight }));
    const metricKey = input.metricKey ?? (components ? null : (base?.metricKey ?? null));
    return {
      metricKey,
      components: components ?? (input.metricKey ? null : (base?.components ?? null)),
      windowPeriods: input.windowPeriods ?? base?.windowPeriods ?? 1,
      minDenominator: input.minDenominator !== undefined ? input.minDenominator : (base?.minDenominator ?? null),
      shrinkageK: input.shrinkageK !== undefined ? (input.shrinkageK === 0 ? null : input.shrinkageK) : (base?.shrinkageK ?? null),
      topPct: input.topPct ?? base?.topPct ?? DEFAULT_TOP_PCT,
      bottomPct: input.bottomPct ?? base?.bottomPct ?? DEFAULT_BOTTOM_PCT,
      watchStreak: input.watchStreak ?? base?.watchStreak ?? 2,
    };
  }

  assertPeriodKind(kind: PeriodKind | string, field: string): RankingPeriodKind {
    if (!PERIOD_KINDS.has(kind)) throw badInput([{ field, message: 'leaderboards use DAY, ISO_WEEK, MONTH or QUARTER periods' }]);
    return kind as RankingPeriodKind;
  }

  /**
   * The caller may manage boards of this population: ADMIN; a MANAGER for the populations they
   * command. Also checks the population exists (and, given `teamKind`, is of that kind).
   */
  async assertCanManage(ctx: RequestContext, populationType: PopulationType, populationId: string | null, teamKind: TeamKind | null): Promise<void> {
    const scope = await this.access.scope(ctx);
    const pop = await this.population(ctx.organizationId, populationType, populationId, teamKind);
    this.assertCanManageBoard(ctx, scope, populationType, populationId, pop.legionId);
  }

  private assertCanManageBoard(
    ctx: RequestContext,
    scope: AccessScope,
    populationType: PopulationType,
    populationId: string | null,
    legionOfSquad?: string,
  ): void {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    if (scope.all) return;
    const ok =
      populationType === PopulationType.LEGION
        ? scope.legionIds.includes(populationId!)
        : populationType === PopulationType.SQUAD
          ? scope.manageSquadIds.includes(populationId!) || (legionOfSquad !== undefined && scope.legionIds.includes(legionOfSquad))
          : false;
    if (!ok) throw forbidden('You can only manage leaderboards of the legions you command.');
  }

  /** The legion or squad of a population, checked against the team kind. */
  private async population(organizationId: string, type: PopulationType, id: string | null, teamKind: TeamKind | null, field = 'input.populationId') {
    if (type === PopulationType.ORG) {
      if (id) throw badInput([{ field, message: 'an ORG population takes no populationId' }]);
      return { legionId: undefined as string | undefined };
    }
    if (!id) throw badInput([{ field, message: `a ${type} population needs populationId` }]);
    const pop = type === PopulationType.LEGION ? await this.repo.legionPopulation(id, organizationId) : await this.repo.squadPopulation(id, organizationId);
    if (!pop) throw notFound(type === PopulationType.LEGION ? 'Legion' : 'Squad', id);
    if (teamKind && pop.kind !== teamKind) throw badInput([{ field, message: `that ${type.toLowerCase()} is ${pop.kind}, not ${teamKind}` }]);
    return { legionId: pop.legionId };
  }

  /** ADMIN; MANAGER of the population's legion: a new definition with its first version. */
  async createDefinition(ctx: RequestContext, input: CreateLeaderboardInput): Promise<LeaderboardDefinitionModel> {
    return this.tx.run(async () => {
      const periodKind = this.assertPeriodKind(input.periodKind, 'input.periodKind');
      await this.assertCanManage(ctx, input.populationType, input.populationId ?? null, input.teamKind);
      const rules = this.mergeRules(null, input);
      this.validateRules(rules, input.scope, input.teamKind);
      const def = await this.repo.insertDefinition({
        organizationId: ctx.organizationId,
        name: input.name.trim(),
        scope: input.scope,
        teamKind: input.teamKind,
        populationType: input.populationType,
        populationId: input.populationId ?? null,
        periodKind,
        createdById: ctx.userId,
      });
      await this.repo.insertVersion({ organizationId: ctx.organizationId, definitionId: def.id, version: 1, ...rules, createdById: ctx.userId });
      await this.audit.record(ctx, {
        entityType: 'LeaderboardDefinition',
        entityId: def.id,
        action: 'CREATED',
        diff: { name: def.name, scope: def.scope, populationType: def.populationType, populationId: def.populationId, periodKind, ...rules },
      });
      return this.definition(ctx, def.id);
    });
  }

  /** Edits create a new version (rules) — the snapshots keep naming the version they used. */
  async updateDefinition(ctx: RequestContext, id: string, input: UpdateLeaderboardInput): Promise<LeaderboardDefinitionModel> {
    return this.tx.run(async () => {
      const board = await this.loadDefinition(ctx, id, { lock: true });
      await this.assertCanManage(ctx, board.populationType, board.populationId, null);
      const def = board.definition!;
      const rules = this.mergeRules(board.rules, input);
      this.validateRules(rules, board.scope, board.teamKind);
      const changed = JSON.stringify(rules) !== JSON.stringify(board.rules);
      const diff: Record<string, unknown> = {};
      if (input.name && input.name.trim() !== def.name) {
        diff.name = [def.name, input.name.trim()];
        await this.repo.rename(id, input.name.trim());
      }
      if (changed) {
        const next = def.currentVersion + 1;
        await this.repo.insertVersion({ organizationId: ctx.organizationId, definitionId: id, version: next, ...rules, createdById: ctx.userId });
        await this.repo.setCurrentVersion(id, next);
        Object.assign(diff, diffOf(board.rules, rules), { version: [def.currentVersion, next] });
      }
      if (Object.keys(diff).length) await this.audit.record(ctx, { entityType: 'LeaderboardDefinition', entityId: id, action: 'UPDATED', diff });
      return this.definition(ctx, id);
    });
  }

  async archiveDefinition(ctx: RequestContext, id: string): Promise<LeaderboardDefinitionModel> {
    return this.tx.run(async () => {
      const board = await this.loadDefinition(ctx, id, { lock: true });
      await this.assertCanManage(ctx, board.populationType, board.populationId, null);
      if (!board.definition!.archivedAt) {
        await this.repo.archive(id, new Date());
        await this.audit.record(ctx, { entityType: 'LeaderboardDefinition', entityId: id, action: 'ARCHIVED', diff: {} });
      }
      return this.definition(ctx, id);
    });
  }

  /**
   * Loads a definition with one version's rules (default: current) in one statement and checks
   * the caller may see it: everyone in the population (ORG boards: the whole organization),
   * plus the managers commanding it and admins. Another organization's id is NOT_FOUND.
   */
  async loadDefinition(ctx: RequestContext, id: string, opts: { lock?: boolean; version?: number } = {}): Promise<LoadedBoard> {
    const scope = await this.access.scope(ctx);
    if (opts.lock) await this.repo.lockDefinition(id, ctx.organizationId);
    const found = await this.repo.definitionWithVersion(id, ctx.organizationId, scope, opts.version ?? null);
    if (!found || !found.visible) throw notFound('Leaderboard', id);
    return boardOf(ctx.organizationId, found);
  }

  async definition(ctx: RequestContext, id: string): Promise<LeaderboardDefinitionModel> {
    return definitionModel(await this.loadDefinition(ctx, id))!;
  }

  /** Definitions the caller can see, newest first. */
  async definitions(ctx: RequestContext, opts: { includeArchived?: boolean; teamKind?: TeamKind | null } = {}): Promise<LeaderboardDefinitionModel[]> {
    const scope = await this.access.scope(ctx);
    const found = await this.repo.visibleDefinitions(ctx.organizationId, scope, !!opts.includeArchived, opts.teamKind ?? null);
    return found.map((r) => definitionModel(boardOf(ctx.organizationId, r))!);
  }

  async versions(ctx: RequestContext, definitionId: string): Promise<LeaderboardVersionModel[]> {
    await this.loadDefinition(ctx, definitionId);
    const rows = await this.repo.versions(definitionId, ctx.organizationId);
    return rows.map((v) => versionModel(v, rulesOf(v)));
  }
}
