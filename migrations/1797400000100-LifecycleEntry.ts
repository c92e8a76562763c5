import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleEntry1797400000100 implements MigrationInterface {
  name = 'LifecycleEntry1797400000100';

  /**
   * One customer lifecycle (docs/lifecycle.md): legions' and squads' entry playbooks, class
   * cohorts of a product and personal rolling cohorts, the REPURCHASED / REFERRING stages and the
   * course-service cancel reasons. ADD VALUE only appends enum labels (no row uses them here).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."sop_join_mode" AS ENUM('CAMP', 'ROLLING')`);
    await queryRunner.query(
      `CREATE TABLE "sop_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "legion_id" uuid NOT NULL, "squad_id" uuid, "playbook_id" uuid NOT NULL, "mode" "public"."sop_join_mode" NOT NULL, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_550431485272ff38ff3c9ee0d4a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sop_entry_legion" ON "sop_entry"  ("legion_id") WHERE "squad_id" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sop_entry_squad" ON "sop_entry"  ("squad_id") WHERE "squad_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "cohort" ADD "product_id" uuid`);
    await queryRunner.query(`ALTER TABLE "cohort" ADD "rolling_lead_id" uuid`);
    await queryRunner.query(`ALTER TYPE "public"."lead_stage" ADD VALUE 'REPURCHASED'`);
    await queryRunner.query(`ALTER TYPE "public"."lead_stage" ADD VALUE 'REFERRING'`);
    await queryRunner.query(`ALTER TYPE "public"."agenda_cancel_reason" ADD VALUE 'ENROLLMENT_REFUNDED'`);
    await queryRunner.query(`ALTER TYPE "public"."agenda_cancel_reason" ADD VALUE 'ENROLLMENT_DROPPED'`);
    await queryRunner.query(`CREATE INDEX "ix_cohort_product" ON "cohort"  ("organization_id", "product_id", "start_date") WHERE "product_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cohort_rolling" ON "cohort"  ("rolling_lead_id", "playbook_version_id") WHERE "rolling_lead_id" IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "cohort" ADD CONSTRAINT "FK_a28bf24f6163f32a3a6caae88dc" FOREIGN KEY ("rolling_lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sop_entry" ADD CONSTRAINT "FK_af54d10d6aec08e82afbc5c1dec" FOREIGN KEY ("legion_id") REFERENCES "legion"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sop_entry" ADD CONSTRAINT "FK_804a2132470a96b9bb3da1de0d6" FOREIGN KEY ("squad_id") REFERENCES "squad"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sop_entry" ADD CONSTRAINT "FK_0c49373a44e449353b741086e3c" FOREIGN KEY ("playbook_id") REFERENCES "playbook"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sop_entry" DROP CONSTRAINT "FK_0c49373a44e449353b741086e3c"`);
    await queryRunner.query(`ALTER TABLE "sop_entry" DROP CONSTRAINT "FK_804a2132470a96b9bb3da1de0d6"`);
    await queryRunner.query(`ALTER TABLE "sop_entry" DROP CONSTRAINT "FK_af54d10d6aec08e82afbc5c1dec"`);
    await queryRunner.query(`ALTER TABLE "cohort" DROP CONSTRAINT "FK_a28bf24f6163f32a3a6caae88dc"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cohort_rolling"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cohort_product"`);
    // Enum labels cannot be dropped: rebuild the old types (course-service cancel reasons become
    // LEAD_REFUNDED; REPURCHASED / REFERRING leads go back to COMPLETED).
    await queryRunner.query(`UPDATE "agenda_item" SET "cancel_reason" = 'LEAD_REFUNDED' WHERE "cancel_reason" IN ('ENROLLMENT_REFUNDED', 'ENROLLMENT_DROPPED')`);
    await queryRunner.query(
      `CREATE TYPE "public"."agenda_cancel_reason_old" AS ENUM('LEAD_LOST', 'LEAD_REFUNDED', 'LEAD_CONVERTED', 'REASSIGNED', 'REP_DEACTIVATED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ALTER COLUMN "cancel_reason" TYPE "public"."agenda_cancel_reason_old" USING "cancel_reason"::"text"::"public"."agenda_cancel_reason_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."agenda_cancel_reason"`);
    await queryRunner.query(`ALTER TYPE "public"."agenda_cancel_reason_old" RENAME TO "agenda_cancel_reason"`);
    await queryRunner.query(`UPDATE "lead" SET "stage" = 'COMPLETED' WHERE "stage" IN ('REPURCHASED', 'REFERRING')`);
    await queryRunner.query(`DELETE FROM "lead_stage_change" WHERE "to_stage" IN ('REPURCHASED', 'REFERRING') OR "from_stage" IN ('REPURCHASED', 'REFERRING')`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_stage_change_org_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_org_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_org_squad"`);
    await queryRunner.query(`CREATE TYPE "public"."lead_stage_old" AS ENUM('PROSPECT', 'INTRO', 'CONVERTED', 'LEARNING', 'COMPLETED', 'LOST', 'REFUNDED')`);
    await queryRunner.query(`ALTER TABLE "lead" ALTER COLUMN "stage" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "lead" ALTER COLUMN "stage" TYPE "public"."lead_stage_old" USING "stage"::"text"::"public"."lead_stage_old"`);
    await queryRunner.query(
      `ALTER TABLE "lead_stage_change" ALTER COLUMN "to_stage" TYPE "public"."lead_stage_old" USING "to_stage"::"text"::"public"."lead_stage_old"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_stage_change" ALTER COLUMN "from_stage" TYPE "public"."lead_stage_old" USING "from_stage"::"text"::"public"."lead_stage_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."lead_stage"`);
    await queryRunner.query(`ALTER TYPE "public"."lead_stage_old" RENAME TO "lead_stage"`);
    await queryRunner.query(`ALTER TABLE "lead" ALTER COLUMN "stage" SET DEFAULT 'PROSPECT'`);
    await queryRunner.query(`CREATE INDEX "ix_lead_org_squad" ON "lead"  ("organization_id", "squad_id", "stage") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_org_owner" ON "lead"  ("organization_id", "owner_id", "stage") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_stage_change_org_time" ON "lead_stage_change"  ("organization_id", "to_stage", "changed_at") `);
    await queryRunner.query(`ALTER TABLE "cohort" DROP COLUMN "rolling_lead_id"`);
    await queryRunner.query(`ALTER TABLE "cohort" DROP COLUMN "product_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sop_entry_squad"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sop_entry_legion"`);
    await queryRunner.query(`DROP TABLE "sop_entry"`);
    await queryRunner.query(`DROP TYPE "public"."sop_join_mode"`);
  }
}
