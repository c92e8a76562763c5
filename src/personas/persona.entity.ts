import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../organization/index.js';

/** Display names per language (en, ru, zh, vi); a missing language falls back to `name`. */
export interface PersonaNames {
  en?: string | null;
  ru?: string | null;
  zh?: string | null;
  vi?: string | null;
}

/**
 * One persona of the organization's catalog: the key that survey persona rules produce and that
 * playbook script variants, step audiences and objection answers name.
 */
@Entity('persona')
@Index('uq_persona_org_key', ['organizationId', 'key'], { unique: true })
export class Persona {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** snake_case, unique in the organization; never changes (surveys and playbooks name it). */
  @Column('text')
  key: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('jsonb', { default: () => `'{}'` })
  names: PersonaNames;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
