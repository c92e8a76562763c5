import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowApiKey, Ctx } from '../common/auth-decorators.js';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { LeadsService } from '../leads/index.js';
import { LeadModel } from '../leads/index.js';
import { badInput } from '../common/errors.js';
import { INTAKE_LIMITS, SubmitIntakeBatchArgs, SubmitIntakeInput } from './dto/intake.inputs.js';
import { IntakeSubmission } from './entities/index.js';
import { answerToText, IntakeService, type BatchOutcome } from './intake.service.js';
import { IntakeBatchResultModel, IntakeResultModel, SubmissionModel } from './models/intake.models.js';
import { SubmissionsService } from './submissions.service.js';

export function toSubmissionModel(s: IntakeSubmission): SubmissionModel {
  return {
    id: s.id,
    surveyId: s.surveyId,
    surveyVersionId: s.surveyVersionId,
    leadId: s.leadId,
    externalId: s.externalId,
    answers: s.answers.map(answerToText),
    score: s.score,
    tier: s.tier,
    persona: s.persona,
    explanation: s.explanation as SubmissionModel['explanation'],
    createdAt: s.createdAt,
  };
}

@Resolver(() => IntakeBatchResultModel)
export class IntakeResolver {
  constructor(
    private readonly intake: IntakeService,
    private readonly leads: LeadsService,
  ) {}

  /**
   * Results as the caller may see them: the lead (and whether it existed, and the stored
   * submission, which carry its id and earlier data) only when lead(id) would answer it for
   * this caller; an API key never sees it. Dedupe attaches the submission either way; the
   * result must not become a way to read leads by phone or email.
   */
  private async resultsOf(ctx: RequestContext, outcome: BatchOutcome): Promise<IntakeResultModel[]> {
    const visible = await this.visibleLeads(ctx, outcome);
    return outcome.results.map((r) => {
      const lead = visible.get(r.leadId) ?? null;
      return {
        lead,
        duplicate: r.duplicate,
        existingLead: lead ? r.existingLead : null,
        submission: lead ? toSubmissionModel(r.submission) : null,
        explanation: (lead ? r.submission.explanation : r.explanation) as IntakeResultModel['explanation'],
      };
    });
  }

  private async visibleLeads(ctx: RequestContext, outcome: BatchOutcome): Promise<Map<string, LeadModel>> {
    if (ctx.actor.kind !== 'USER') return new Map();
    const leads = await this.leads.visibleLeadsByIds(ctx, [...new Set(outcome.results.map((r) => r.leadId))]);
    return new Map(leads.map((l) => [l.id, l]));
  }

  @AllowApiKey('intake:submit')
  @Mutation(() => IntakeResultModel, {
    description:
      'Scores a filled-in intake survey, attaches it to the lead with the same phone or email (or creates one) and routes it. ' +
      'Idempotent by (surveyId, externalId). Callable with a user token or an API key with scope intake:submit.',
  })
  async submitIntake(@Ctx() ctx: RequestContext, @Args('input') input: SubmitIntakeInput): Promise<IntakeResultModel> {
    const outcome = await this.intake.submit(ctx, [input], () => 'input');
    return (await this.resultsOf(ctx, outcome))[0];
  }

  @AllowApiKey('intake:submit')
  @Mutation(() => IntakeBatchResultModel, {
    description: `Up to ${INTAKE_LIMITS.batch} submissions with the same semantics as submitIntake, in one transaction; any invalid input rejects the whole batch.`,
  })
  async submitIntakeBatch(@Ctx() ctx: RequestContext, @Args() args: SubmitIntakeBatchArgs): Promise<BatchResultParent> {
    if (args.inputs.length < 1 || args.inputs.length > INTAKE_LIMITS.batch) {
      throw badInput([{ field: 'inputs', message: `has ${args.inputs.length} submissions; send 1 to ${INTAKE_LIMITS.batch} per request` }]);
    }
    const outcome = await this.intake.submit(ctx, args.inputs, (i) => `inputs.${i}`);
    // Lead counts tell whether contacts already existed: only for a caller who may read every lead of the batch.
    const visible = await this.visibleLeads(ctx, outcome);
    const seesAll = outcome.results.every((r) => visible.has(r.leadId));
    return Object.assign(
      {
        submitted: outcome.submitted,
        duplicates: outcome.duplicates,
        leadsCreated: seesAll ? outcome.leadsCreated : null,
        leadsUpdated: seesAll ? outcome.leadsUpdated : null,
        assigned: seesAll ? outcome.assigned : null,
      },
      { [OUTCOME]: outcome },
    );
  }

  @ResolveField(() => [IntakeResultModel], { description: 'One per input, in order.' })
  results(@Ctx() ctx: RequestContext, @Parent() parent: BatchResultParent): Promise<IntakeResultModel[]> {
    return this.resultsOf(ctx, parent[OUTCOME]);
  }
}

const OUTCOME = Symbol('outcome');
type BatchResultParent = IntakeBatchResultModel & { [OUTCOME]: BatchOutcome };

@Resolver(() => LeadModel)
export class LeadSubmissionResolver {
  constructor(private readonly submissionsService: SubmissionsService) {}

  @ResolveField(() => SubmissionModel, { nullable: true, description: 'The latest intake submission (what the score, tier and persona come from).' })
  async latestSubmission(@Ctx() ctx: RequestContext, @Parent() lead: LeadModel): Promise<SubmissionModel | null> {
    const s = await ctx
      .loader<string, IntakeSubmission | null>('intake.latestSubmission', async (ids) =>
        byKeys(ids, await this.submissionsService.latestByLeadIds(ctx, ids), (x) => x.leadId),
      )
      .load(lead.id);
    return s ? toSubmissionModel(s) : null;
  }

  @ResolveField(() => [SubmissionModel], { description: 'Every intake submission of the lead, newest first.' })
  async submissions(@Ctx() ctx: RequestContext, @Parent() lead: LeadModel): Promise<SubmissionModel[]> {
    return (await this.submissionsService.byLead(ctx, lead.id)).map(toSubmissionModel);
  }
}
