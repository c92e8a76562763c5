import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CourseService1795465786511 implements MigrationInterface {
  name = 'CourseService1795465786511';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."enrollment_status" AS ENUM('ACTIVE', 'COMPLETED', 'DROPPED', 'REFUNDED')`);
    await queryRunner.query(`CREATE TABLE "enrollment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "product_id" uuid NOT NULL, "order_id" uuid, "external_ref" text, "class_cohort_id" uuid, "curator_id" uuid, "curator_squad_id" uuid, "sold_by_rep_id" uuid, "sold_by_squad_id" uuid, "status" "public"."enrollment_status" NOT NULL DEFAULT 'ACTIVE', "start_date" date NOT NULL, "end_date" date NOT NULL, "lessons_completed" integer NOT NULL DEFAULT '0', "lessons_total" integer NOT NULL DEFAULT '0', "progress_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "onboarding_persona" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_enrollment_lessons" CHECK ("lessons_completed" >= 0 AND "lessons_total" >= 0), CONSTRAINT "PK_7e200c699fa93865cdcdd025885" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_enrollment_lead" ON "enrollment"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "ix_enrollment_squad" ON "enrollment"  ("organization_id", "curator_squad_id", "start_date") `);
    await queryRunner.query(`CREATE INDEX "ix_enrollment_curator" ON "enrollment"  ("organization_id", "curator_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_enrollment_external_ref" ON "enrollment"  ("organization_id", "external_ref") WHERE "external_ref" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_enrollment_order" ON "enrollment"  ("order_id") WHERE "order_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "progress_event" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "external_event_id" text NOT NULL, "lessons_completed" integer NOT NULL, "lessons_total" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07ea3f68c930cde430d072501c8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_progress_event_enrollment" ON "progress_event"  ("enrollment_id", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_progress_event_external" ON "progress_event"  ("organization_id", "external_event_id") `);
    await queryRunner.query(`CREATE TABLE "study_day" ("enrollment_id" uuid NOT NULL, "day" date NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_d1537b9be35d940e25e4debf262" PRIMARY KEY ("enrollment_id", "day"))`);
    await queryRunner.query(`CREATE INDEX "ix_study_day_org_day" ON "study_day"  ("organization_id", "day") `);
    await queryRunner.query(`CREATE TYPE "public"."feedback_source" AS ENUM('STUDENT', 'CURATOR')`);
    await queryRunner.query(`CREATE TABLE "nps_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "round" text NOT NULL, "score" smallint NOT NULL, "comment" text, "source" "public"."feedback_source" NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_nps_score" CHECK ("score" BETWEEN 0 AND 10), CONSTRAINT "PK_f5b0bd20d4fa1fdfa1a4e3fd02b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_nps_response_org_time" ON "nps_response"  ("organization_id", "answered_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_nps_response_round" ON "nps_response"  ("enrollment_id", "round") `);
    await queryRunner.query(`CREATE TABLE "csat_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "round" text NOT NULL, "course_score" smallint NOT NULL, "service_score" smallint NOT NULL, "comment" text, "source" "public"."feedback_source" NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_csat_scores" CHECK ("course_score" BETWEEN 1 AND 5 AND "service_score" BETWEEN 1 AND 5), CONSTRAINT "PK_cd6e8d67a1985d0907ddd241175" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_csat_response_org_time" ON "csat_response"  ("organization_id", "answered_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_csat_response_round" ON "csat_response"  ("enrollment_id", "round") `);
    await queryRunner.query(`CREATE TABLE "club_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "order_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "is_renewal" boolean NOT NULL, "curator_id" uuid, "curator_squad_id" uuid, CONSTRAINT "PK_a13e548aa6181055c797bcc2a38" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_club_membership_lead" ON "club_membership"  ("organization_id", "lead_id", "expires_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_club_membership_order" ON "club_membership"  ("order_id") `);
    await queryRunner.query(`CREATE TABLE "course_service_settings" ("organization_id" uuid NOT NULL, "curator_capacity" integer NOT NULL DEFAULT '60', "squad_ids" uuid array, "default_course_days" integer NOT NULL DEFAULT '90', CONSTRAINT "PK_21984734a7eb33a77e019a0c2e4" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "FK_82382ddf7277b96ce386956194f" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "FK_82382ddf7277b96ce386956194f"`);
    await queryRunner.query(`DROP TABLE "course_service_settings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_club_membership_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_club_membership_lead"`);
    await queryRunner.query(`DROP TABLE "club_membership"`);
    await queryRunner.query(`DROP INDEX "public"."uq_csat_response_round"`);
    await queryRunner.query(`DROP INDEX "public"."ix_csat_response_org_time"`);
    await queryRunner.query(`DROP TABLE "csat_response"`);
    await queryRunner.query(`DROP INDEX "public"."uq_nps_response_round"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nps_response_org_time"`);
    await queryRunner.query(`DROP TABLE "nps_response"`);
    await queryRunner.query(`DROP INDEX "public"."ix_study_day_org_day"`);
    await queryRunner.query(`DROP TABLE "study_day"`);
    await queryRunner.query(`DROP INDEX "public"."uq_progress_event_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_progress_event_enrollment"`);
    await queryRunner.query(`DROP TABLE "progress_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enrollment_order"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enrollment_external_ref"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enrollment_curator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enrollment_squad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enrollment_lead"`);
    await queryRunner.query(`DROP TABLE "enrollment"`);
    await queryRunner.query(`DROP TYPE "public"."enrollment_status"`);
    await queryRunner.query(`DROP TYPE "public"."feedback_source"`);
  }
}
