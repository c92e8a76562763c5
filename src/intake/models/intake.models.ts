import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LeadModel } from '../../leads/index.js';
import { RoutingStrategy } from '../routing.js';

registerEnumType(RoutingStrategy, {
  name: 'RoutingStrategy',
  description: 'ROUND_ROBIN, CAPACITY_WEIGHTED, or TIER_PRIORITY (until rankings exist: most free capacity first).',
});

@ObjectType('ScoreContribution')
export class ContributionModel {
  @Field() questionKey: string;
  @Field(() => String, { nullable: true }) group?: string;
  @Field(() => Float) rawPoints: number;
  @Field(() => Float) weight: number;
  @Field(() => Float) weightedPoints: number;
  @Field() detail: string;
}

@ObjectType('ScoreCap')
export class CapApplicationModel {
  @Field() group: string;
  @Field(() => Float) before: number;
  @Field(() => Float) after: number;
  @Field(() => Float) cut: number;
  @Field() limit: string;
}

@ObjectType('ScoreRule')
export class RuleApplicationModel {
  @Field() ruleKey: string;
  @Field() label: string;
  @Field(() => Float) points: number;
}

@ObjectType('ScoreExplanation', { description: 'Why a lead got its score, tier and persona.' })
export class ScoreExplanationModel {
  @Field(() => [ContributionModel]) contributions: ContributionModel[];
  @Field(() => [CapApplicationModel]) caps: CapApplicationModel[];
  @Field(() => [RuleApplicationModel]) rules: RuleApplicationModel[];
  @Field() tierReason: string;
  @Field() personaReason: string;
  @Field(() => Float) total: number;
}

@ObjectType('SubmittedAnswer')
export class AnswerModel {
  @Field() questionKey: string;
  @Field(() => [String], { nullable: true }) optionKeys?: string[];
  @Field(() => String, { nullable: true, description: 'NUMBER, YES_NO and FREE_TEXT answers, as text.' }) value?: string | null;
}

@ObjectType('IntakeSubmission')
export class SubmissionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) surveyId: string;
  @Field(() => ID) surveyVersionId: string;
  @Field(() => ID) leadId: string;
  @Field() externalId: string;
  @Field(() => [AnswerModel]) answers: AnswerModel[];
  @Field(() => Float) score: number;
  @Field() tier: string;
  @Field() persona: string;
  @Field(() => ScoreExplanationModel) explanation: ScoreExplanationModel;
  @Field() createdAt: Date;
}

@ObjectType('IntakeResult')
export class IntakeResultModel {
  @Field(() => LeadModel, {
    nullable: true,
    description: 'The lead the submission is attached to; null unless the caller may read it (lead(id) would answer it). Always null for API keys.',
  })
  lead: LeadModel | null;
  @Field({ description: 'true when this externalId was already submitted: nothing new was written.' }) duplicate: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true when the contact matched an existing lead (by phone or email), which was re-scored; null when `lead` is null.',
  })
  existingLead: boolean | null;
  @Field(() => SubmissionModel, { nullable: true, description: 'The stored submission; null when `lead` is null.' })
  submission: SubmissionModel | null;
  @Field(() => ScoreExplanationModel, {
    description: "How the answers scored: the stored submission's explanation when `submission` is shown, otherwise the scoring of this input's answers.",
  })
  explanation: ScoreExplanationModel;
}

@ObjectType('IntakeBatchResult')
export class IntakeBatchResultModel {
  @Field(() => Int) submitted: number;
  @Field(() => Int, { description: 'Inputs whose externalId was already submitted.' }) duplicates: number;
  @Field(() => Int, { nullable: true, description: 'New leads; null unless the caller may read every lead of the batch (always null for API keys).' })
  leadsCreated: number | null;
  @Field(() => Int, { nullable: true, description: 'Existing leads that were re-scored; null like leadsCreated.' }) leadsUpdated: number | null;
  @Field(() => Int, { nullable: true, description: 'Leads given a 1:1 owner by routing; null like leadsCreated.' }) assigned: number | null;
  /** Resolved on demand (see IntakeBatchResultResolver), so counting clients pay nothing for it. */
  results?: IntakeResultModel[];
}

@ObjectType('RoutingConfig')
export class RoutingConfigModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'null = the organization default.' }) cohortRef: string | null;
  @Field() tierThreshold: string;
  @Field(() => RoutingStrategy) strategy: RoutingStrategy;
  @Field(() => [ID]) squadIds: string[];
  @Field(() => ID, { nullable: true }) poolSquadId: string | null;
  @Field(() => Int) defaultCapacity: number;
  @Field(() => String, { nullable: true }) defaultCountryCode: string | null;
  @Field() updatedAt: Date;
}

@ObjectType('RepLoad')
export class RepLoadModel {
  @Field(() => ID) userId: string;
  @Field(() => ID) squadId: string;
  @Field(() => Int, { description: 'Open (PROSPECT or INTRO) leads owned.' }) open: number;
  @Field(() => Int) capacity: number;
}

@ObjectType('ImportError')
export class ImportErrorModel {
  @Field(() => Int) line: number;
  @Field() reason: string;
}

@ObjectType('ImportReport')
export class ImportReportModel {
  @Field(() => Int) rows: number;
  @Field(() => Int) imported: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int) leadsCreated: number;
  @Field(() => Int) leadsUpdated: number;
  @Field(() => Int) assigned: number;
  @Field(() => [ImportErrorModel]) errors: ImportErrorModel[];
}
