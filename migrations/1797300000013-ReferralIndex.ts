import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralIndex1797300000013 implements MigrationInterface {
  name = 'ReferralIndex1797300000013';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_lead_referred_by" ON "lead"  ("referred_by_lead_id") WHERE "referred_by_lead_id" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_lead_referred_by"`);
  }
}
