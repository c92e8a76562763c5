import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';
import { TeamKind } from './team-kind.js';
import { User } from './user.entity.js';

/** A region or division of squads doing the same job, led by a commander. */
@Entity('legion')
@Index('uq_legion_org_name', ['organizationId', 'name'], { unique: true })
export class Legion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  @Column('enum', { enum: TeamKind, enumName: 'team_kind' })
  kind: TeamKind;

  @Column('uuid', { nullable: true })
  commanderId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'commander_id' })
  commander?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
