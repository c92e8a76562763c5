import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ObjectionLogLeadIndex1797300000002 implements MigrationInterface {
  name = 'ObjectionLogLeadIndex1797300000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_objection_log_lead" ON "objection_log"  ("lead_id", "logged_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_objection_log_lead"`);
  }
}
