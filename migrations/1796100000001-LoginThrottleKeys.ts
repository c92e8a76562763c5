import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login_throttle is keyed by a throttling key (email + client address, client address, email,
 * user) instead of the email alone, and counts reserved password checks. Its rows are short-lived
 * counters, so they are dropped rather than converted (a running lock ends early, once).
 */
export class LoginThrottleKeys1796100000001 implements MigrationInterface {
  name = 'LoginThrottleKeys1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "login_throttle"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP CONSTRAINT "PK_ee5faa28448a9c67f4383e2a15a"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "failures"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "locked_until"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "key" text NOT NULL`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key")`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "attempts" integer NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "login_throttle"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "attempts"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP CONSTRAINT "PK_14c03bac82292a8310c54cb98d0"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "key"`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "failures" integer NOT NULL`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "email" text NOT NULL`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD CONSTRAINT "PK_ee5faa28448a9c67f4383e2a15a" PRIMARY KEY ("email")`);
  }
}
