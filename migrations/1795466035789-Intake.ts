import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Intake1795466035789 implements MigrationInterface {
  name = 'Intake1795466035789';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."routing_strategy" AS ENUM('ROUND_ROBIN', 'CAPACITY_WEIGHTED', 'TIER_PRIORITY')`);
    await queryRunner.query(`CREATE TABLE "routing_config" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "cohort_ref" text, "tier_threshold" text NOT NULL, "strategy" "public"."routing_strategy" NOT NULL, "squad_ids" uuid array NOT NULL DEFAULT '{}', "pool_squad_id" uuid, "default_capacity" integer NOT NULL, "default_country_code" text, "last_assigned_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9589123026b7f9694dfe4b41de9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_routing_config_org_cohort" ON "routing_config"  ("organization_id", "cohort_ref") WHERE "cohort_ref" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_routing_config_org_default" ON "routing_config"  ("organization_id") WHERE "cohort_ref" IS NULL`);
    await queryRunner.query(`CREATE TABLE "rep_capacity" ("user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "max_open_leads" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_522ddd99e112442bfda81fd1716" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_rep_capacity_org" ON "rep_capacity"  ("organization_id") `);
    await queryRunner.query(`CREATE TYPE "public"."survey_kind" AS ENUM('INTAKE', 'ONBOARDING')`);
    await queryRunner.query(`CREATE TABLE "survey" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "kind" "public"."survey_kind" NOT NULL, "current_version_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f0da32b9181e9c02ecf0be11ed3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_survey_org" ON "survey"  ("organization_id", "kind") `);
    await queryRunner.query(`CREATE TYPE "public"."survey_version_status" AS ENUM('DRAFT', 'PUBLISHED')`);
    await queryRunner.query(`CREATE TABLE "survey_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "survey_id" uuid NOT NULL, "version" integer NOT NULL, "status" "public"."survey_version_status" NOT NULL DEFAULT 'DRAFT', "definition" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01a36673c91befacaecc85f4654" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_version_one_draft" ON "survey_version"  ("survey_id") WHERE "status" = 'DRAFT'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_version_number" ON "survey_version"  ("survey_id", "version") `);
    await queryRunner.query(`CREATE TABLE "intake_submission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "survey_id" uuid NOT NULL, "survey_version_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "external_id" text NOT NULL, "answers" jsonb NOT NULL, "score" numeric(10,2) NOT NULL, "tier" text NOT NULL, "persona" text NOT NULL, "explanation" jsonb NOT NULL, "submitted_by_user_id" uuid, "submitted_by_api_key_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88576acda37f72d11560fbca179" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_intake_submission_survey_time" ON "intake_submission"  ("organization_id", "survey_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_intake_submission_lead" ON "intake_submission"  ("lead_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_intake_submission_external" ON "intake_submission"  ("survey_id", "external_id") `);
    await queryRunner.query(`ALTER TABLE "routing_config" ADD CONSTRAINT "FK_5ba30d3eb6fe122e326a7ac3272" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rep_capacity" ADD CONSTRAINT "FK_522ddd99e112442bfda81fd1716" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey" ADD CONSTRAINT "FK_51124fdaa8350196ac22d109697" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_version" ADD CONSTRAINT "FK_bc7c8e2c13117012d2b23af29a8" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "intake_submission" ADD CONSTRAINT "FK_baa97a89ca4821eef24d121ba76" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "intake_submission" ADD CONSTRAINT "FK_d4120d58c02b03013685c20dba1" FOREIGN KEY ("survey_version_id") REFERENCES "survey_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "intake_submission" ADD CONSTRAINT "FK_8c41ef70b1e9b00ec30cc09ba09" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_submission" DROP CONSTRAINT "FK_8c41ef70b1e9b00ec30cc09ba09"`);
    await queryRunner.query(`ALTER TABLE "intake_submission" DROP CONSTRAINT "FK_d4120d58c02b03013685c20dba1"`);
    await queryRunner.query(`ALTER TABLE "intake_submission" DROP CONSTRAINT "FK_baa97a89ca4821eef24d121ba76"`);
    await queryRunner.query(`ALTER TABLE "survey_version" DROP CONSTRAINT "FK_bc7c8e2c13117012d2b23af29a8"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "FK_51124fdaa8350196ac22d109697"`);
    await queryRunner.query(`ALTER TABLE "rep_capacity" DROP CONSTRAINT "FK_522ddd99e112442bfda81fd1716"`);
    await queryRunner.query(`ALTER TABLE "routing_config" DROP CONSTRAINT "FK_5ba30d3eb6fe122e326a7ac3272"`);
    await queryRunner.query(`DROP INDEX "public"."uq_intake_submission_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intake_submission_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intake_submission_survey_time"`);
    await queryRunner.query(`DROP TABLE "intake_submission"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_version_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_version_one_draft"`);
    await queryRunner.query(`DROP TABLE "survey_version"`);
    await queryRunner.query(`DROP TYPE "public"."survey_version_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_org"`);
    await queryRunner.query(`DROP TABLE "survey"`);
    await queryRunner.query(`DROP TYPE "public"."survey_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rep_capacity_org"`);
    await queryRunner.query(`DROP TABLE "rep_capacity"`);
    await queryRunner.query(`DROP INDEX "public"."uq_routing_config_org_default"`);
    await queryRunner.query(`DROP INDEX "public"."uq_routing_config_org_cohort"`);
    await queryRunner.query(`DROP TABLE "routing_config"`);
    await queryRunner.query(`DROP TYPE "public"."routing_strategy"`);
  }
}
