import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SurveyKind, SurveyVersionStatus } from '../entities/survey.entity.js';

export enum QuestionTypeEnum {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  NUMBER = 'NUMBER',
  YES_NO = 'YES_NO',
  FREE_TEXT = 'FREE_TEXT',
}

registerEnumType(SurveyKind, { name: 'SurveyKind', description: 'INTAKE (pre-sales, scores and routes leads) or ONBOARDING (course service).' });
registerEnumType(SurveyVersionStatus, { name: 'SurveyVersionStatus', description: 'DRAFT is editable; PUBLISHED is frozen.' });
registerEnumType(QuestionTypeEnum, { name: 'QuestionType', description: 'FREE_TEXT answers are stored but not scored.' });

@ObjectType('SurveyOption')
export class OptionDefModel {
  @Field() key: string;
  @Field(() => String, { nullable: true }) label?: string;
  @Field(() => Float) points: number;
}

@ObjectType('SurveyBand', { description: 'NUMBER band: min <= value < max (null = unbounded).' })
export class BandDefModel {
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
  @Field(() => Float) points: number;
}

@ObjectType('SurveyQuestion')
export class QuestionDefModel {
  @Field() key: string;
  @Field(() => QuestionTypeEnum) type: QuestionTypeEnum;
  @Field(() => String, { nullable: true }) label?: string;
  @Field() required: boolean;
  @Field(() => Float, { nullable: true, description: 'Default 1.' }) weight?: number;
  @Field(() => String, { nullable: true }) group?: string;
  @Field(() => [OptionDefModel], { nullable: true }) options?: OptionDefModel[];
  @Field(() => [BandDefModel], { nullable: true }) bands?: BandDefModel[];
  @Field(() => Float, { nullable: true }) yesPoints?: number;
  @Field(() => Float, { nullable: true }) noPoints?: number;
}

@ObjectType('SurveyGroupCap')
export class GroupCapModel {
  @Field() group: string;
  @Field(() => Float) maxPoints: number;
  @Field(() => Float, { nullable: true }) minPoints?: number;
}

@ObjectType('SurveyCondition')
export class ConditionModel {
  @Field() questionKey: string;
  @Field(() => [String], { nullable: true }) optionKeys?: string[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Boolean, { nullable: true }) equals?: boolean;
}

@ObjectType('SurveyRule')
export class RuleDefModel {
  @Field() key: string;
  @Field(() => String, { nullable: true }) label?: string;
  @Field(() => [ConditionModel]) when: ConditionModel[];
  @Field(() => Float) points: number;
}

@ObjectType('SurveyTier')
export class TierDefModel {
  @Field() tier: string;
  @Field(() => Float) minScore: number;
}

@ObjectType('SurveyPersonaRule')
export class PersonaRuleModel {
  @Field() persona: string;
  @Field(() => [ConditionModel]) when: ConditionModel[];
}

@ObjectType('SurveyDefinition')
export class SurveyDefinitionModel {
  @Field(() => [QuestionDefModel]) questions: QuestionDefModel[];
  @Field(() => [GroupCapModel], { nullable: true }) groupCaps?: GroupCapModel[];
  @Field(() => [RuleDefModel], { nullable: true }) rules?: RuleDefModel[];
  @Field(() => [TierDefModel]) tiers: TierDefModel[];
  @Field() defaultTier: string;
  @Field(() => [PersonaRuleModel], { nullable: true }) personas?: PersonaRuleModel[];
  @Field() defaultPersona: string;
}

@ObjectType('DefinitionIssue')
export class DefinitionIssueModel {
  @Field({ description: 'Where, e.g. questions[2].bands[1].' }) path: string;
  @Field() message: string;
}

@ObjectType('SurveyVersion')
export class SurveyVersionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) surveyId: string;
  @Field(() => Int) version: number;
  @Field(() => SurveyVersionStatus) status: SurveyVersionStatus;
  @Field(() => SurveyDefinitionModel) definition: SurveyDefinitionModel;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => ID, { nullable: true }) publishedByUserId: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('Survey')
export class SurveyModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => SurveyKind) kind: SurveyKind;
  @Field(() => ID, { nullable: true }) currentVersionId: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('RescoreResult')
export class RescoreResultModel {
  @Field(() => Int, { description: 'Leads whose latest submission was re-scored with the current version.' }) rescored: number;
  @Field(() => Int, { description: 'Of those, leads whose tier changed.' }) tierChanged: number;
  @Field(() => Int, { description: 'Leads whose stored answers no longer fit the current version (left as they were).' }) skipped: number;
  @Field(() => Int) batches: number;
}

@ObjectType('PublishSurveyResult')
export class PublishSurveyResultModel {
  @Field(() => SurveyModel) survey: SurveyModel;
  @Field(() => SurveyVersionModel) version: SurveyVersionModel;
  @Field(() => RescoreResultModel, { nullable: true, description: 'Present when rescore was asked for.' }) rescore: RescoreResultModel | null;
}

@ObjectType('CalibrationOption')
export class CalibrationOptionModel {
  @Field() questionKey: string;
  @Field(() => String, { nullable: true }) questionLabel: string | null;
  @Field({ description: 'Option key; `yes`/`no` for YES_NO; `band:<min>..<max>` for NUMBER bands.' }) optionKey: string;
  @Field(() => String, { nullable: true }) optionLabel: string | null;
  @Field(() => Int, { description: 'Leads whose latest submission in the window chose it.' }) leads: number;
  @Field(() => Int, { description: 'Of those, leads now at CONVERTED, LEARNING or COMPLETED.' }) converted: number;
  @Field(() => Float, { nullable: true, description: 'converted / leads; null when nobody chose it.' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'conversionRate / the survey’s conversion rate; null when either is undefined or the survey rate is 0.' })
  lift: number | null;
}

@ObjectType('CalibrationTier', { description: 'Conversion of the leads whose latest submission in the window got this tier (a score band).' })
export class CalibrationTierModel {
  @Field() tier: string;
  @Field(() => Float, {
    nullable: true,
    description: 'The lowest score of the tier in the current version; null for the default tier and for tiers only older versions had.',
  })
  minScore: number | null;
  @Field(() => Int) leads: number;
  @Field(() => Int, { description: 'Of those, leads now at CONVERTED, LEARNING or COMPLETED.' }) converted: number;
  @Field(() => Float, { nullable: true, description: 'converted / leads; null when no lead got the tier.' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'conversionRate / the survey’s conversion rate; null when either is undefined or the survey rate is 0.' })
  lift: number | null;
}

@ObjectType('SurveyCalibration')
export class SurveyCalibrationModel {
  @Field(() => ID) surveyId: string;
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int, { description: 'Leads with a submission of this survey in [from, to).' }) leads: number;
  @Field(() => Int) converted: number;
  @Field(() => Float, { nullable: true }) conversionRate: number | null;
  @Field(() => [CalibrationOptionModel]) options: CalibrationOptionModel[];
  @Field(() => [CalibrationTierModel], {
    description: 'By score band: the current version’s tiers from the highest, then its default tier, then tiers only older versions gave.',
  })
  tiers: CalibrationTierModel[];
}
