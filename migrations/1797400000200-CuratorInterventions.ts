import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CuratorInterventions1797400000200 implements MigrationInterface {
  name = 'CuratorInterventions1797400000200';

  /** Curator interventions, at-risk rule values (organization or course) and drop reasons. */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."intervention_channel" AS ENUM('CALL', 'MESSAGE', 'EMAIL', 'MEETING', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."intervention_reason" AS ENUM('NO_STUDY', 'BEHIND_PROGRESS', 'NPS_DETRACTOR', 'INSTALLMENT_OVERDUE', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."intervention_outcome" AS ENUM('REACHED', 'NO_ANSWER', 'PROMISED_TO_STUDY', 'NEEDS_HELP', 'WANTS_TO_DROP', 'OTHER')`);
    await queryRunner.query(`CREATE TABLE "intervention" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "author_id" uuid, "curator_id" uuid, "curator_squad_id" uuid, "channel" "public"."intervention_channel" NOT NULL, "reason" "public"."intervention_reason" NOT NULL, "outcome" "public"."intervention_outcome" NOT NULL, "note" text, "at_risk_reasons" text array NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b9c85e27e192205b164e5187279" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_intervention_org_time" ON "intervention"  ("organization_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_intervention_enrollment" ON "intervention"  ("enrollment_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "at_risk_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "product_id" uuid, "inactivity_days" smallint, "progress_lag_pct" smallint, CONSTRAINT "ck_at_risk_rule_values" CHECK (("inactivity_days" IS NULL OR "inactivity_days" BETWEEN 1 AND 90) AND ("progress_lag_pct" IS NULL OR "progress_lag_pct" BETWEEN 1 AND 100)), CONSTRAINT "PK_2dff9e046711bc5f6f43378c323" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_at_risk_rule_product" ON "at_risk_rule"  ("organization_id", "product_id") WHERE "product_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_at_risk_rule_org" ON "at_risk_rule"  ("organization_id") WHERE "product_id" IS NULL`);
    await queryRunner.query(`CREATE TYPE "public"."drop_reason" AS ENUM('NO_TIME', 'TOO_HARD', 'NOT_WHAT_EXPECTED', 'FINANCIAL', 'PERSONAL', 'UNRESPONSIVE', 'REFUNDED', 'OTHER')`);
    await queryRunner.query(`CREATE TABLE "enrollment_drop" ("enrollment_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "product_id" uuid NOT NULL, "reason" "public"."drop_reason" NOT NULL, "note" text, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_de7904c50fee72997d9694161a0" PRIMARY KEY ("enrollment_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_enrollment_drop_org_product" ON "enrollment_drop"  ("organization_id", "product_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_enrollment_drop_org_product"`);
    await queryRunner.query(`DROP TABLE "enrollment_drop"`);
    await queryRunner.query(`DROP TYPE "public"."drop_reason"`);
    await queryRunner.query(`DROP INDEX "public"."uq_at_risk_rule_org"`);
    await queryRunner.query(`DROP INDEX "public"."uq_at_risk_rule_product"`);
    await queryRunner.query(`DROP TABLE "at_risk_rule"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intervention_enrollment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intervention_org_time"`);
    await queryRunner.query(`DROP TABLE "intervention"`);
    await queryRunner.query(`DROP TYPE "public"."intervention_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."intervention_reason"`);
    await queryRunner.query(`DROP TYPE "public"."intervention_channel"`);
  }
}
