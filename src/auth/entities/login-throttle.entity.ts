import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed login attempts per email, so repeated failures are throttled across API replicas. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn('text')
  email: string;

  @Column('integer')
  failures: number;

  @Column('timestamptz')
  windowStart: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}
