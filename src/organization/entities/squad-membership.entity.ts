import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';
import { Squad } from './squad.entity.js';
import { User } from './user.entity.js';

/**
 * A user's membership of a squad over [validFrom, validTo). Moving a rep closes the open
 * membership and opens a new one, so past periods still credit the squad the rep was in then.
 */
@Entity('squad_membership')
@Index('uq_squad_membership_open', ['userId'], { unique: true, where: '"valid_to" IS NULL' })
@Index('ix_squad_membership_squad', ['squadId', 'validFrom'])
@Index('ix_squad_membership_user', ['userId', 'validFrom'])
export class SquadMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('uuid')
  squadId: string;

  @ManyToOne(() => Squad, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @Column('timestamptz')
  validFrom: Date;

  @Column('timestamptz', { nullable: true })
  validTo: Date | null;
}
