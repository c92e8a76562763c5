import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TeamKind } from '../../organization/index.js';
import { AgendaCancelReason, AgendaItemStatus } from '../entities/agenda-item.entity.js';
import { GroupScope, PlaybookVersionStatus, StepAudience, StepChannel } from '../entities/playbook.entity.js';
import { ChangeKind } from '../playbook-content.js';
import { SopJoinMode } from '../entities/sop-entry.entity.js';
import { AgendaDetails } from '../agenda-details.js';

registerEnumType(PlaybookVersionStatus, {
  name: 'PlaybookVersionStatus',
  description: 'DRAFT is editable; PUBLISHED is frozen and runs cohorts; RETIRED is frozen and readable.',
});
registerEnumType(StepChannel, { name: 'StepChannel' });
registerEnumType(StepAudience, { name: 'StepAudience', description: 'GROUP: the camp group (per rep or per squad); LEADS: each matching lead, 1:1.' });
registerEnumType(GroupScope, { name: 'GroupScope', description: 'PER_REP: every rep of the squad; PER_SQUAD: once per squad, by its lead.' });
registerEnumType(AgendaItemStatus, { name: 'AgendaItemStatus' });
registerEnumType(AgendaCancelReason, { name: 'AgendaCancelReason' });
registerEnumType(AgendaDetails, {
  name: 'AgendaDetails',
  description: 'Which items of an AgendaSheet get their scripts and objections (docs/sop.md "Agenda sheet").',
  valuesMap: {
    ALL: { description: 'Every item (the default).' },
    CURRENT: { description: 'The current items: the first two PENDING items by due time, then id (the one to do now and the next); plus detailsFor.' },
    NONE: { description: 'Only the items of detailsFor.' },
  },
});
registerEnumType(ChangeKind, { name: 'ChangeKind' });
registerEnumType(SopJoinMode, {
  name: 'SopJoinMode',
  description: "CAMP: the squad's camp cohort open for sign-ups; ROLLING: a personal cohort whose day 0 is the assignment day (1:1 SOP).",
});

@ObjectType('ScriptVariant')
export class ScriptVariantModel {
  @Field(() => String, { nullable: true, description: 'null = the default text.' }) persona: string | null;
  @Field() text: string;
}

@ObjectType('PlaybookStep')
export class StepModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Stable across versions.' }) key: string;
  @Field(() => Int) position: number;
  @Field(() => Int) dayOffset: number;
  @Field() localTime: string;
  @Field(() => Int, { nullable: true }) windowMinutes: number | null;
  @Field(() => StepChannel) channel: StepChannel;
  @Field(() => StepAudience) audience: StepAudience;
  @Field(() => GroupScope) groupScope: GroupScope;
  @Field(() => [String]) tiers: string[];
  @Field(() => [String]) personas: string[];
  @Field() title: string;
  @Field() goal: string;
  @Field(() => [ScriptVariantModel]) scripts: ScriptVariantModel[];
  @Field({ description: 'Part of the after-purchase path: kept when the lead converts (pre-sales steps are cancelled).' }) afterPurchase: boolean;
}

@ObjectType('ObjectionAnswer')
export class ObjectionAnswerModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) persona: string | null;
  @Field(() => String, { nullable: true }) label: string | null;
  @Field() text: string;
}

@ObjectType('PlaybookObjection')
export class ObjectionModel {
  @Field(() => ID) id: string;
  @Field() key: string;
  @Field(() => String, { nullable: true, description: 'Step key; null = the whole playbook.' }) stepKey: string | null;
  @Field() objection: string;
  @Field(() => [ObjectionAnswerModel]) answers: ObjectionAnswerModel[];
}

@ObjectType('FieldIssue')
export class FieldIssueModel {
  @Field({ description: 'Path such as steps[3].scripts[1].text.' }) field: string;
  @Field() message: string;
}

@ObjectType('PlaybookVersion')
export class PlaybookVersionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) playbookId: string;
  @Field(() => Int) number: number;
  @Field(() => PlaybookVersionStatus) status: PlaybookVersionStatus;
  @Field(() => ID, { nullable: true }) basedOnVersionId: string | null;
  @Field() changeNote: string;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) retiredAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => [String], {
    nullable: true,
    description:
      "Set by publishPlaybookVersion (null elsewhere): personas the organization's published surveys produce for this legion kind that no script variant speaks to (their leads see the default texts).",
  })
  warnings?: string[] | null;
}

@ObjectType('Playbook')
export class PlaybookModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => TeamKind) kind: TeamKind;
  @Field(() => ID) legionId: string;
  @Field(() => String, { nullable: true }) productName: string | null;
  @Field(() => ID, { nullable: true }) clonedFromPlaybookId: string | null;
  @Field(() => ID, { nullable: true }) clonedFromVersionId: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('FieldChange')
export class FieldChangeModel {
  @Field() field: string;
  @Field(() => String, { nullable: true, description: 'Scalars as text, lists and scripts as JSON.' }) before: string | null;
  @Field(() => String, { nullable: true }) after: string | null;
}

@ObjectType('PlaybookItemChange')
export class ItemChangeModel {
  @Field() key: string;
  @Field() label: string;
  @Field(() => ChangeKind) change: ChangeKind;
  @Field(() => Int, { nullable: true }) positionA: number | null;
  @Field(() => Int, { nullable: true }) positionB: number | null;
  @Field(() => [FieldChangeModel]) fields: FieldChangeModel[];
}

@ObjectType('PlaybookVersionComparison')
export class VersionComparisonModel {
  @Field(() => PlaybookVersionModel) a: PlaybookVersionModel;
  @Field(() => PlaybookVersionModel) b: PlaybookVersionModel;
  @Field(() => [ItemChangeModel], { description: 'Every step of either version, matched by key, in the order of b then the removed ones.' })
  steps: ItemChangeModel[];
  @Field(() => [ItemChangeModel]) objections: ItemChangeModel[];
}

@ObjectType('ScriptVariable')
export class ScriptVariableModel {
  @Field() name: string;
  @Field() description: string;
}

@ObjectType('Cohort')
export class CohortModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() startDate: string;
  @Field() timeZone: string;
  @Field(() => ID) playbookVersionId: string;
  @Field(() => ID, { nullable: true }) cohortTypeId: string | null;
  @Field(() => String, { nullable: true }) productName: string | null;
  @Field(() => Date, { nullable: true }) offerDeadline: Date | null;
  @Field(() => ID, { nullable: true, description: 'Course-service class: the product it teaches.' }) productId: string | null;
  @Field(() => ID, { nullable: true, description: 'A personal rolling cohort (1:1 SOP): its only lead.' }) rollingLeadId: string | null;
  @Field() createdAt: Date;
}

@ObjectType('SopEntry', { description: "A legion's (squadId null) or a squad's entry playbook and how assigned leads join it." })
export class SopEntryModel {
  @Field(() => ID) id: string;
  @Field(() => ID) legionId: string;
  @Field(() => ID, { nullable: true }) squadId: string | null;
  @Field(() => ID) playbookId: string;
  @Field(() => SopJoinMode) mode: SopJoinMode;
  @Field() updatedAt: Date;
}

@ObjectType('AgendaLead', { description: 'The lead an agenda item is about (what the rep needs to address them).' })
export class AgendaLeadModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) persona: string | null;
  @Field(() => String, { nullable: true }) tier: string | null;
  @Field() stage: string;
}

@ObjectType('RenderedScript')
export class RenderedScriptModel {
  @Field() text: string;
  @Field(() => String, { nullable: true, description: 'Persona of the variant used; null = the default text.' }) persona: string | null;
  @Field(() => [String], { description: 'Variables without a value (left as written in the text).' }) missingVariables: string[];
}

@ObjectType('AgendaObjection')
export class AgendaObjectionModel {
  @Field(() => ID) id: string;
  @Field() key: string;
  @Field(() => String, { nullable: true }) stepKey: string | null;
  @Field() objection: string;
  @Field(() => [ObjectionAnswerModel], { description: "Rendered for this lead; answers for the lead's persona first, then general ones, then others." })
  answers: ObjectionAnswerModel[];
}

@ObjectType('ObjectionLog')
export class ObjectionLogModel {
  @Field(() => ID) id: string;
  @Field(() => ID) agendaItemId: string;
  @Field(() => ID) objectionId: string;
  @Field(() => ID, { nullable: true, description: 'Prepared answer used; null = improvised.' }) answerId: string | null;
  @Field(() => ID, { nullable: true }) leadId: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() loggedAt: Date;
  @Field(() => ID, { nullable: true }) loggedById: string | null;
}

@ObjectType('AgendaItem')
export class AgendaItemModel {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) stepId: string;
  @Field(() => ID) repId: string;
  @Field(() => ID) squadId: string;
  @Field(() => ID, { nullable: true }) leadId: string | null;
  @Field(() => Int, { description: 'Camp day (0 = start date).' }) day: number;
  @Field({ description: 'Due instant (UTC).' }) dueAt: Date;
  @Field({ description: "Local date in the cohort's time zone." }) localDate: string;
  @Field({ description: "Local wall time 'HH:MM' (after a spring-forward shift, the time actually used)." }) localTime: string;
  @Field() timeZone: string;
  @Field(() => Date, { nullable: true, description: 'After this the item is MISSED; null = no window.' }) windowEnd: Date | null;
  @Field({ description: 'Latest completion that counts as on time.' }) onTimeDeadline: Date;
  @Field(() => AgendaItemStatus) status: AgendaItemStatus;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Boolean, { nullable: true }) onTime: boolean | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Date, { nullable: true }) skippedAt: Date | null;
  @Field(() => String, { nullable: true }) skipReason: string | null;
  @Field(() => Date, { nullable: true }) missedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a change of the lead settled the item (status CANCELLED).' }) cancelledAt: Date | null;
  @Field(() => AgendaCancelReason, { nullable: true, description: 'Why the item was CANCELLED.' }) cancelReason: AgendaCancelReason | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "In an AgendaSheet: the id of this item's rendered script in `scripts` (null = the step has no script, when detailsSent is true). Null outside a sheet.",
  })
  scriptRef?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "In an AgendaSheet: the id of this item's objections in `objectionSets` (null when detailsSent is false). Null outside a sheet.",
  })
  objectionSetRef?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "In an AgendaSheet: whether this item's script and objections were rendered and sent (scriptRef, objectionSetRef); false = left out by `details` / `detailsFor`, ask again with its id. Null outside a sheet.",
  })
  detailsSent?: boolean | null;
}

@ObjectType('AgendaScript', { description: 'A rendered script shared by every item of an AgendaSheet that renders to it.' })
export class AgendaScriptModel extends RenderedScriptModel {
  @Field(() => ID, { description: 'Unique within its sheet only.' }) id: string;
}

@ObjectType('AgendaSheetObjection', {
  description: 'An objection rendered and ordered for one persona, shared by the objection lists of an AgendaSheet that show it.',
})
export class AgendaSheetObjectionModel extends AgendaObjectionModel {
  @Field(() => ID, { description: 'Unique within its sheet only (`id` is the playbook objection, the same for every persona).' }) ref: string;
}

@ObjectType('AgendaObjectionSet', {
  description: "A step's objection list (the step's, then the playbook's) for one persona, shared by the items of an AgendaSheet that show it.",
})
export class AgendaObjectionSetModel {
  @Field(() => ID, { description: 'Unique within its sheet only.' }) id: string;
  @Field(() => [ID], { description: "In order: `ref`s of the sheet's `objections`." }) objectionRefs: string[];
}

@ObjectType('AgendaSheet', {
  description:
    'Agenda items with their steps, scripts and objections in side tables: each distinct script and objection is rendered and sent once (item.stepId, item.scriptRef and item.objectionSetRef point into them; a set lists objection refs).',
})
export class AgendaSheetModel {
  @Field(() => [AgendaItemModel], { description: 'By due time.' }) items: AgendaItemModel[];
  @Field(() => [StepModel], { description: 'The distinct steps of the items (of every item, whatever `details`).' }) steps: StepModel[];
  @Field(() => [AgendaScriptModel], { description: 'The scripts of the items with detailsSent.' }) scripts: AgendaScriptModel[];
  @Field(() => [AgendaObjectionSetModel], { description: 'The objection lists of the items with detailsSent.' }) objectionSets: AgendaObjectionSetModel[];
  @Field(() => [AgendaSheetObjectionModel], { description: 'Every distinct rendered objection of the objection sets, once.' })
  objections: AgendaSheetObjectionModel[];
}

@ObjectType('ComplianceRow', {
  description:
    'Counted items: due in the period, not SKIPPED or CANCELLED, and DONE, MISSED or past their on-time deadline (counted = done + missed + overdue). doneRate = done / counted; onTimeRate = doneOnTime / counted.',
})
export class ComplianceRowModel {
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => ID, { nullable: true }) squadId: string | null;
  @Field(() => Int, { description: 'Denominator.' }) counted: number;
  @Field(() => Int) done: number;
  @Field(() => Int) doneOnTime: number;
  @Field(() => Int) doneLate: number;
  @Field(() => Int) missed: number;
  @Field(() => Int, { description: 'Counted, still open, no window (never MISSED) and past the 24h on-time grace.' }) overdue: number;
  @Field(() => Int, { description: 'Not counted.' }) skipped: number;
  @Field(() => Int, { description: 'Settled by a change of the lead (lost, refunded, converted, back to the pool); not counted.' }) cancelled: number;
  @Field(() => Int, { description: 'Due in the period but still open (not counted).' }) open: number;
  @Field(() => Float, { nullable: true, description: 'done / counted; null when nothing is counted.' }) doneRate: number | null;
  @Field(() => Float, { nullable: true, description: 'doneOnTime / counted; null when nothing is counted.' }) onTimeRate: number | null;
}

@ObjectType('SopCompliance')
export class SopComplianceModel {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => ComplianceRowModel) total: ComplianceRowModel;
  @Field(() => [ComplianceRowModel]) byMember: ComplianceRowModel[];
  @Field(() => [ComplianceRowModel]) bySquad: ComplianceRowModel[];
}
