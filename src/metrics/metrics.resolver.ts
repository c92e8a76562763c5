import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { TeamKind } from '../organization/index.js';
import { MetricCatalog } from './metric-catalog.js';
import { MetricModel, MetricValuesInput, MetricValuesModel } from './models/metrics.models.js';
import { MetricsService } from './metrics.service.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

@Resolver()
export class MetricsResolver {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly metricsService: MetricsService,
  ) {}

  @Query(() => [MetricModel], { description: 'The metric catalog.' })
  metrics(@Args('teamKind', { type: () => TeamKind, nullable: true }) teamKind?: TeamKind): MetricModel[] {
    return this.catalog.list(teamKind).map((d) => ({
      key: d.key,
      label: d.label,
      teamKind: d.teamKind,
      unit: d.unit,
      direction: d.direction,
      definition: d.definition,
      entityTypes: d.entityTypes,
      isRate: d.source.kind === 'ROLLUP' ? !!d.source.denominator : d.unit === 'RATIO',
    }));
  }

  @Query(() => MetricValuesModel, {
    complexity: AGGREGATE_COST,
    description: 'Metric values per member, squad or legion over a period, aggregated in PostgreSQL.',
  })
  metricValues(@Ctx() ctx: RequestContext, @Args('input') input: MetricValuesInput) {
    return this.metricsService.readMetricValues(ctx, input);
  }
}
