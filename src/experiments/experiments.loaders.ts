import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import { groupByKeys } from '../common/request-context.js';
import type { Experiment, ExperimentAdoption, ExperimentVariant } from './entities/experiment.entity.js';
import { analyzeDailyCounts, type DailyCount, type ExperimentAnalysisResult } from './experiment-analysis.js';
import { ExperimentDataService } from './experiment-data.service.js';
import { ExperimentsService } from './experiments.service.js';

/** Request-scoped batch loaders for the nested fields of experiment lists (no N+1). */
@Injectable()
export class ExperimentLoaders {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly data: ExperimentDataService,
  ) {}

  variants(ctx: RequestContext, experimentId: string): Promise<ExperimentVariant[]> {
    return ctx
      .loader<string, ExperimentVariant[]>('exp.variants', async (ids) =>
        groupByKeys(ids, await this.experiments.variantsByExperimentIds(ctx, ids), (v) => v.experimentId),
      )
      .load(experimentId);
  }

  adoptions(ctx: RequestContext, experimentId: string): Promise<ExperimentAdoption[]> {
    return ctx
      .loader<string, ExperimentAdoption[]>('exp.adoptions', async (ids) =>
        groupByKeys(ids, await this.experiments.adoptionsByExperimentIds(ctx, ids), (a) => a.experimentId),
      )
      .load(experimentId);
  }

  dailyCounts(ctx: RequestContext, experimentId: string): Promise<DailyCount[]> {
    return ctx
      .loader<string, DailyCount[]>('exp.daily', async (ids) => {
        const map = await this.data.dailyCounts(ctx.organizationId, ids);
        return ids.map((id) => map.get(id) ?? []);
      })
      .load(experimentId);
  }

  async analysis(ctx: RequestContext, e: Experiment): Promise<ExperimentAnalysisResult> {
    const [variants, daily] = await Promise.all([this.variants(ctx, e.id), this.dailyCounts(ctx, e.id)]);
    return analyzeDailyCounts({ ...e, variants }, daily);
  }
}
