import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Password checks per throttling key within a fixed window (see {@link AttemptThrottle}): one row
 * per key such as `login:<email>|<client>`, `client:<address>`, `account:<email>` or
 * `password:<userId>`. In PostgreSQL, so the limits hold across API replicas.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn('text')
  key: string;

  /** Checks taken in the current window, including those still running (reserved before the hash is verified). */
  @Column('integer')
  attempts: number;

  @Column('timestamptz')
  windowStart: Date;
}
