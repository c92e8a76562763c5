import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { validateDefinition } from '@lib/scoring';
import { Ctx } from '../common/auth-decorators.js';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { CalibrationArgs, CreateSurveyInput, SaveSurveyDraftInput } from './dto/intake.inputs.js';
import { SurveyKind, SurveyVersion } from './entities/index.js';
import {
  DefinitionIssueModel,
  PublishSurveyResultModel,
  RescoreResultModel,
  SurveyCalibrationModel,
  SurveyModel,
  SurveyVersionModel,
} from './models/survey.models.js';
import { SurveysService } from './surveys.service.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

@Resolver(() => SurveyModel)
export class SurveysResolver {
  constructor(private readonly surveysService: SurveysService) {}

  @Query(() => [SurveyModel], { description: 'ADMIN, MANAGER.' })
  surveys(@Ctx() ctx: RequestContext, @Args('kind', { type: () => SurveyKind, nullable: true }) kind?: SurveyKind) {
    return this.surveysService.surveys(ctx, kind);
  }

  @Query(() => SurveyModel, { description: 'ADMIN, MANAGER.' })
  survey(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.surveysService.survey(ctx, id);
  }

  @Mutation(() => SurveyModel, { description: 'ADMIN, MANAGER. Creates the survey with its definition as draft version 1.' })
  createSurvey(@Ctx() ctx: RequestContext, @Args('input') input: CreateSurveyInput) {
    return this.surveysService.createSurvey(ctx, input);
  }

  @Mutation(() => SurveyVersionModel, { description: 'ADMIN, MANAGER. Edits the draft, or starts the next version as a draft when the latest is published.' })
  saveSurveyDraft(@Ctx() ctx: RequestContext, @Args('input') input: SaveSurveyDraftInput) {
    return this.surveysService.saveDraft(ctx, input);
  }

  @Mutation(() => PublishSurveyResultModel, {
    description: 'ADMIN, MANAGER. Validates and freezes the draft; new submissions are scored with it. rescore: also re-score existing leads.',
  })
  async publishSurvey(
    @Ctx() ctx: RequestContext,
    @Args('surveyId', { type: () => ID }) surveyId: string,
    @Args('rescore', { type: () => Boolean, defaultValue: false }) rescore: boolean,
  ) {
    const published = await this.surveysService.publish(ctx, surveyId);
    return { ...published, rescore: rescore ? await this.surveysService.rescore(ctx, surveyId) : null };
  }

  @Mutation(() => RescoreResultModel, { description: 'ADMIN, MANAGER. Re-scores the leads of this survey with its current version, in batches.' })
  rescoreSurveyLeads(@Ctx() ctx: RequestContext, @Args('surveyId', { type: () => ID }) surveyId: string) {
    return this.surveysService.rescore(ctx, surveyId);
  }

  @Query(() => SurveyCalibrationModel, { complexity: AGGREGATE_COST, description: 'ADMIN, MANAGER. Which answers predict conversion.' })
  surveyCalibration(@Ctx() ctx: RequestContext, @Args() args: CalibrationArgs) {
    return this.surveysService.calibration(ctx, args);
  }

  @ResolveField(() => SurveyVersionModel, { nullable: true, description: 'The published version submissions are scored with.' })
  currentVersion(@Ctx() ctx: RequestContext, @Parent() survey: SurveyModel) {
    if (!survey.currentVersionId) return null;
    return ctx
      .loader<string, SurveyVersion | null>('intake.version', async (ids) => byKeys(ids, await this.surveysService.versionsByIds(ctx, ids), (v) => v.id))
      .load(survey.currentVersionId);
  }

  @ResolveField(() => SurveyVersionModel, { nullable: true, description: 'The editable draft, if any.' })
  draft(@Ctx() ctx: RequestContext, @Parent() survey: SurveyModel) {
    return ctx
      .loader<string, SurveyVersion | null>('intake.draft', async (ids) =>
        byKeys(ids, await this.surveysService.draftsBySurveyIds(ctx, ids), (v) => v.surveyId),
      )
      .load(survey.id);
  }

  @ResolveField(() => [SurveyVersionModel], { description: 'Every version, newest first.' })
  versions(@Ctx() ctx: RequestContext, @Parent() survey: SurveyModel) {
    return this.surveysService.versions(ctx, survey.id);
  }
}

@Resolver(() => SurveyVersionModel)
export class SurveyVersionResolver {
  @ResolveField(() => [DefinitionIssueModel], { description: 'What would stop this version from being published (empty when valid).' })
  issues(@Parent() version: SurveyVersionModel) {
    return validateDefinition(version.definition as never);
  }
}
