import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Legion } from '../../organization/index.js';
import { Squad } from '../../organization/index.js';
import { Playbook } from './playbook.entity.js';

/** How an assigned lead joins the entry playbook (docs/lifecycle.md "Entry into an SOP"). */
export enum SopJoinMode {
  /** The squad's camp cohort of the playbook that is open for sign-ups (earliest start date not before the assignment day). */
  CAMP = 'CAMP',
  /** A personal rolling cohort whose day 0 is the lead's assignment day (1:1 SOP). */
  ROLLING = 'ROLLING',
}

/**
 * The playbook a legion's (squad null) or a squad's assigned leads join, and how. A squad's entry
 * wins over its legion's. The playbook belongs to the legion.
 */
@Entity('sop_entry')
@Index('uq_sop_entry_squad', ['squadId'], { unique: true, where: '"squad_id" IS NOT NULL' })
@Index('uq_sop_entry_legion', ['legionId'], { unique: true, where: '"squad_id" IS NULL' })
export class SopEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  legionId: string;

  @ManyToOne(() => Legion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'legion_id' })
  legion?: Relation<Legion>;

  /** Null = the legion's entry (for its squads without their own). */
  @Column('uuid', { nullable: true })
  squadId: string | null;

  @ManyToOne(() => Squad, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @Column('uuid')
  playbookId: string;

  @ManyToOne(() => Playbook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Relation<Playbook>;

  @Column('enum', { enum: SopJoinMode, enumName: 'sop_join_mode' })
  mode: SopJoinMode;

  @Column('uuid', { nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
