import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake writes a batch's submissions before it takes the organization's intake lock, each
 * pointing at the lead it would create; under the lock it creates those leads or re-points the
 * submission at an existing one. The foreign key to lead is therefore checked at commit.
 * (Written by hand: the schema diff does not compare DEFERRABLE.)
 */
export class DeferSubmissionLeadFk1795862978989 implements MigrationInterface {
  name = 'DeferSubmissionLeadFk1795862978989';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_submission" ALTER CONSTRAINT "FK_8c41ef70b1e9b00ec30cc09ba09" DEFERRABLE INITIALLY DEFERRED`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_submission" ALTER CONSTRAINT "FK_8c41ef70b1e9b00ec30cc09ba09" NOT DEFERRABLE`);
  }
}
