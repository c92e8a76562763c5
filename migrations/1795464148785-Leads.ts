import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Leads1795464148785 implements MigrationInterface {
  name = 'Leads1795464148785';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."messenger_network" AS ENUM('WECHAT', 'TELEGRAM', 'WHATSAPP', 'ZALO', 'LINE', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."lead_source" AS ENUM('AD', 'REFERRAL', 'ORGANIC', 'OFFLINE_EVENT', 'PARTNER', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."lead_stage" AS ENUM('PROSPECT', 'INTRO', 'CONVERTED', 'LEARNING', 'COMPLETED', 'LOST', 'REFUNDED')`);
    await queryRunner.query(`CREATE TABLE "lead" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "phone" text, "email" text, "messenger_network" "public"."messenger_network", "messenger_handle" text, "source" "public"."lead_source" NOT NULL, "cohort_ref" text, "referred_by_lead_id" uuid, "score" numeric(10,2), "tier" text, "persona" text, "owner_id" uuid, "squad_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "stage" "public"."lead_stage" NOT NULL DEFAULT 'PROSPECT', "stage_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca96c1888f7dcfccab72b72fffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_lead_org_created" ON "lead"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_org_squad" ON "lead"  ("organization_id", "squad_id", "stage") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_org_owner" ON "lead"  ("organization_id", "owner_id", "stage") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_lead_org_email" ON "lead"  ("organization_id", "email") WHERE "email" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_lead_org_phone" ON "lead"  ("organization_id", "phone") WHERE "phone" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "lead_stage_change" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "from_stage" "public"."lead_stage", "to_stage" "public"."lead_stage" NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid, "reason" text, CONSTRAINT "PK_5b599313f883657337cd0f0b1f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_lead_stage_change_org_time" ON "lead_stage_change"  ("organization_id", "to_stage", "changed_at") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_stage_change_lead" ON "lead_stage_change"  ("lead_id", "changed_at") `);
    await queryRunner.query(`ALTER TABLE "lead" ADD CONSTRAINT "FK_c2264888ac9339b12768d966da8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead" ADD CONSTRAINT "FK_02798e64d7ee708ddaa739d1ebe" FOREIGN KEY ("referred_by_lead_id") REFERENCES "lead"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead" ADD CONSTRAINT "FK_43f24c81a2270708d91d8176a7b" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead" ADD CONSTRAINT "FK_037d4311dccf7afb70bb972f962" FOREIGN KEY ("squad_id") REFERENCES "squad"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_stage_change" ADD CONSTRAINT "FK_264c4625ff679ece8e3ee8d1d43" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_stage_change" DROP CONSTRAINT "FK_264c4625ff679ece8e3ee8d1d43"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_037d4311dccf7afb70bb972f962"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_43f24c81a2270708d91d8176a7b"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_02798e64d7ee708ddaa739d1ebe"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_c2264888ac9339b12768d966da8"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_stage_change_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_stage_change_org_time"`);
    await queryRunner.query(`DROP TABLE "lead_stage_change"`);
    await queryRunner.query(`DROP INDEX "public"."uq_lead_org_phone"`);
    await queryRunner.query(`DROP INDEX "public"."uq_lead_org_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_org_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_org_squad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_org_created"`);
    await queryRunner.query(`DROP TABLE "lead"`);
    await queryRunner.query(`DROP TYPE "public"."lead_stage"`);
    await queryRunner.query(`DROP TYPE "public"."lead_source"`);
    await queryRunner.query(`DROP TYPE "public"."messenger_network"`);
  }
}
