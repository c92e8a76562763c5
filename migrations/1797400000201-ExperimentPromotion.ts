import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExperimentPromotion1797400000201 implements MigrationInterface {
  name = 'ExperimentPromotion1797400000201';

  /** What publishing with promotion did to the linked playbook step, per script variant. */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiment" ADD "promotion" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiment" DROP COLUMN "promotion"`);
  }
}
