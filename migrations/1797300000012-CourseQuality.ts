import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CourseQuality1797300000012 implements MigrationInterface {
  name = 'CourseQuality1797300000012';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attendance_event" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "external_event_id" text NOT NULL, "session_key" text NOT NULL, "session_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attended" boolean NOT NULL, "minutes_attended" integer, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d7311cda422c942133ec077ed8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_attendance_event_org_session" ON "attendance_event"  ("organization_id", "session_at") `);
    await queryRunner.query(`CREATE INDEX "ix_attendance_event_enrollment" ON "attendance_event"  ("enrollment_id", "session_key", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_attendance_event_external" ON "attendance_event"  ("organization_id", "external_event_id") `);
    await queryRunner.query(`ALTER TABLE "product" ADD "completion_threshold_pct" smallint NOT NULL DEFAULT '100'`);
    await queryRunner.query(`ALTER TABLE "product" ADD CONSTRAINT "ck_product_completion_threshold" CHECK ("completion_threshold_pct" BETWEEN 1 AND 100)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "ck_product_completion_threshold"`);
    await queryRunner.query(`ALTER TABLE "product" DROP COLUMN "completion_threshold_pct"`);
    await queryRunner.query(`DROP INDEX "public"."uq_attendance_event_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_attendance_event_enrollment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_attendance_event_org_session"`);
    await queryRunner.query(`DROP TABLE "attendance_event"`);
  }
}
