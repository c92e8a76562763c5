import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Legion } from '../../organization/index.js';
import { Organization } from '../../organization/index.js';
import { TeamKind } from '../../organization/index.js';

export enum PlaybookVersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}

export enum StepChannel {
  GROUP_POST = 'GROUP_POST',
  PRIVATE_MESSAGE = 'PRIVATE_MESSAGE',
  CALL = 'CALL',
  TASK = 'TASK',
}

/** GROUP: one item per rep (or per squad); LEADS: one item per matching lead of the cohort. */
export enum StepAudience {
  GROUP = 'GROUP',
  LEADS = 'LEADS',
}

/** For GROUP steps: each rep of the squad does it, or the squad does it once (assigned to its lead). */
export enum GroupScope {
  PER_REP = 'PER_REP',
  PER_SQUAD = 'PER_SQUAD',
}

/** A script text for one persona (persona null = the default text). */
export interface ScriptVariantData {
  persona: string | null;
  text: string;
}

/** A prepared answer to an objection; `id` is stable across versions (copied into new drafts and clones). */
export interface ObjectionAnswerData {
  id: string;
  persona: string | null;
  label: string | null;
  text: string;
}

/** An SOP of a team kind, owned by a legion; its content lives in versions. */
@Entity('playbook')
@Index('uq_playbook_legion_name', ['organizationId', 'legionId', 'name'], { unique: true })
export class Playbook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('uuid')
  legionId: string;

  @ManyToOne(() => Legion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legion_id' })
  legion?: Relation<Legion>;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('enum', { enum: TeamKind, enumName: 'team_kind' })
  kind: TeamKind;

  /** Value of `{{product.name}}` unless the cohort names its own product. */
  @Column('text', { nullable: true })
  productName: string | null;

  @Column('uuid', { nullable: true })
  clonedFromPlaybookId: string | null;

  @Column('uuid', { nullable: true })
  clonedFromVersionId: string | null;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A version of a playbook: DRAFT (editable) → PUBLISHED (frozen) → RETIRED (frozen, readable). */
@Entity('playbook_version')
@Index('uq_playbook_version_number', ['playbookId', 'number'], { unique: true })
@Index('uq_playbook_version_one_draft', ['playbookId'], { unique: true, where: `"status" = 'DRAFT'` })
export class PlaybookVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  playbookId: string;

  @ManyToOne(() => Playbook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Relation<Playbook>;

  @Column('int')
  number: number;

  @Column('enum', { enum: PlaybookVersionStatus, enumName: 'playbook_version_status', default: PlaybookVersionStatus.DRAFT })
  status: PlaybookVersionStatus;

  /** The version this draft was copied from (previous version, or the source of a clone). */
  @Column('uuid', { nullable: true })
  basedOnVersionId: string | null;

  @Column('text', { default: '' })
  changeNote: string;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('uuid', { nullable: true })
  publishedById: string | null;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One time point of a version: day N at HH:MM, what to do, for whom, with which words. */
@Entity('playbook_step')
@Index('ix_playbook_step_version', ['versionId', 'position'])
@Index('uq_playbook_step_key', ['versionId', 'key'], { unique: true })
export class PlaybookStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => PlaybookVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<PlaybookVersion>;

  /** Stable identity of the step across versions and clones (used to compare versions). */
  @Column('text')
  key: string;

  @Column('int')
  position: number;

  @Column('int')
  dayOffset: number;

  /** Wall time 'HH:MM' in the cohort's time zone (validated at publish). */
  @Column('text')
  localTime: string;

  @Column('int', { nullable: true })
  windowMinutes: number | null;

  @Column('enum', { enum: StepChannel, enumName: 'sop_step_channel' })
  channel: StepChannel;

  @Column('enum', { enum: StepAudience, enumName: 'sop_step_audience' })
  audience: StepAudience;

  @Column('enum', { enum: GroupScope, enumName: 'sop_group_scope', default: GroupScope.PER_REP })
  groupScope: GroupScope;

  /** LEADS steps: lead tiers to include (empty = every tier). */
  @Column('text', { array: true, default: () => `'{}'` })
  tiers: string[];

  /** LEADS steps: personas to include (empty = every persona). */
  @Column('text', { array: true, default: () => `'{}'` })
  personas: string[];

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  goal: string;

  @Column('jsonb', { default: () => `'[]'` })
  scripts: ScriptVariantData[];

  /** LEADS steps of the after-purchase path: kept when the lead converts (pre-sales steps are cancelled). */
  @Column('boolean', { default: false })
  afterPurchase: boolean;
}

/** An objection the prospect may raise and the prepared answers; per version, optionally tied to a step. */
@Entity('playbook_objection')
@Index('ix_playbook_objection_version', ['versionId', 'position'])
@Index('uq_playbook_objection_key', ['versionId', 'key'], { unique: true })
export class PlaybookObjection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => PlaybookVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<PlaybookVersion>;

  @Column('text')
  key: string;

  @Column('int')
  position: number;

  /** Step key this objection belongs to; null = the whole playbook. */
  @Column('text', { nullable: true })
  stepKey: string | null;

  @Column('text')
  objection: string;

  @Column('jsonb', { default: () => `'[]'` })
  answers: ObjectionAnswerData[];
}
