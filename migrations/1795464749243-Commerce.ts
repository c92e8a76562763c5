import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Commerce1795464749243 implements MigrationInterface {
  name = 'Commerce1795464749243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."product_kind" AS ENUM('INTRO', 'REGULAR', 'ADVANCED', 'SUBSCRIPTION')`);
    await queryRunner.query(`CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "sku" text NOT NULL, "name" text NOT NULL, "kind" "public"."product_kind" NOT NULL, "list_price" bigint NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_product_org_sku" ON "product"  ("organization_id", "sku") `);
    await queryRunner.query(`CREATE TYPE "public"."installment_carrier" AS ENUM('PARTNER', 'SCHOOL')`);
    await queryRunner.query(`CREATE TABLE "sales_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "external_id" text NOT NULL, "lead_id" uuid NOT NULL, "product_id" uuid NOT NULL, "amount" bigint NOT NULL, "refunded_amount" bigint NOT NULL DEFAULT '0', "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "credited_rep_id" uuid, "credited_squad_id" uuid, "installment_count" integer NOT NULL DEFAULT '1', "installment_carrier" "public"."installment_carrier" NOT NULL DEFAULT 'PARTNER', "is_conversion" boolean NOT NULL, "is_repurchase" boolean NOT NULL, "is_referral_conversion" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sales_order_installments" CHECK ("installment_count" BETWEEN 1 AND 36), CONSTRAINT "ck_sales_order_amount" CHECK ("amount" >= 0 AND "refunded_amount" >= 0 AND "refunded_amount" <= "amount"), CONSTRAINT "PK_1631a193003bfc4297c61ba38ba" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sales_order_org_paid" ON "sales_order"  ("organization_id", "paid_at") `);
    await queryRunner.query(`CREATE INDEX "ix_sales_order_lead" ON "sales_order"  ("lead_id", "paid_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sales_order_org_external" ON "sales_order"  ("organization_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "order_installment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "order_id" uuid NOT NULL, "seq" integer NOT NULL, "due_date" date NOT NULL, "amount" bigint NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5095dccd8d67f4e79c7733d81a8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_order_installment_due" ON "order_installment"  ("organization_id", "due_date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_order_installment_seq" ON "order_installment"  ("order_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "refund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "external_id" text NOT NULL, "order_id" uuid NOT NULL, "amount" bigint NOT NULL, "refunded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_refund_amount" CHECK ("amount" > 0), CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refund_order" ON "refund"  ("order_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refund_org_external" ON "refund"  ("organization_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "acquisition_spend" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "day" date NOT NULL, "channel" "public"."lead_source" NOT NULL, "campaign" text, "cohort_ref" text, "amount" bigint NOT NULL, "external_id" text, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_acquisition_spend_amount" CHECK ("amount" >= 0), CONSTRAINT "PK_78cd1fb301adfaadf274bca3ba4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_acquisition_spend_external" ON "acquisition_spend"  ("organization_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_acquisition_spend_org_day" ON "acquisition_spend"  ("organization_id", "day") `);
    await queryRunner.query(`CREATE TABLE "conversion_cost" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "day" date NOT NULL, "squad_id" uuid NOT NULL, "category" text NOT NULL, "amount" bigint NOT NULL, "external_id" text, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_conversion_cost_amount" CHECK ("amount" >= 0), CONSTRAINT "PK_cebe62baba653b5cbd000c14ab6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_conversion_cost_external" ON "conversion_cost"  ("organization_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_conversion_cost_org_day" ON "conversion_cost"  ("organization_id", "day") `);
    await queryRunner.query(`CREATE TABLE "rollup_daily" ("organization_id" uuid NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "day" date NOT NULL, "leads_assigned" integer NOT NULL DEFAULT '0', "paid_orders" integer NOT NULL DEFAULT '0', "conversions" integer NOT NULL DEFAULT '0', "repurchases" integer NOT NULL DEFAULT '0', "referral_conversions" integer NOT NULL DEFAULT '0', "gross_revenue" bigint NOT NULL DEFAULT '0', "refunded_amount" bigint NOT NULL DEFAULT '0', "refunded_orders" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_867708918f8e8eecff5bb082ff7" PRIMARY KEY ("organization_id", "entity_type", "entity_id", "day"))`);
    await queryRunner.query(`CREATE INDEX "ix_rollup_daily_org_day" ON "rollup_daily"  ("organization_id", "entity_type", "day") `);
    await queryRunner.query(`CREATE TABLE "lead_assignment_event" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "from_owner_id" uuid, "to_owner_id" uuid, "from_squad_id" uuid, "to_squad_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_52bc1bf493ebe5c2ea0bf619c4a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_lead_assignment_event_lead" ON "lead_assignment_event"  ("lead_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_lead_assignment_event_org_time" ON "lead_assignment_event"  ("organization_id", "at") `);
    await queryRunner.query(`ALTER TABLE "lead" ADD "campaign" text`);
    await queryRunner.query(`ALTER TABLE "sales_order" ADD CONSTRAINT "FK_7ce1edad9af2b2d68dcb482b7fc" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sales_order" ADD CONSTRAINT "FK_142b55b051a0d0e0fa2e096e687" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_installment" ADD CONSTRAINT "FK_395dfa75d884e9af0f704e474d9" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_eec9d9af4ca098e19ea6b499eaa" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_eec9d9af4ca098e19ea6b499eaa"`);
    await queryRunner.query(`ALTER TABLE "order_installment" DROP CONSTRAINT "FK_395dfa75d884e9af0f704e474d9"`);
    await queryRunner.query(`ALTER TABLE "sales_order" DROP CONSTRAINT "FK_142b55b051a0d0e0fa2e096e687"`);
    await queryRunner.query(`ALTER TABLE "sales_order" DROP CONSTRAINT "FK_7ce1edad9af2b2d68dcb482b7fc"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP COLUMN "campaign"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_assignment_event_org_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lead_assignment_event_lead"`);
    await queryRunner.query(`DROP TABLE "lead_assignment_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rollup_daily_org_day"`);
    await queryRunner.query(`DROP TABLE "rollup_daily"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversion_cost_org_day"`);
    await queryRunner.query(`DROP INDEX "public"."uq_conversion_cost_external"`);
    await queryRunner.query(`DROP TABLE "conversion_cost"`);
    await queryRunner.query(`DROP INDEX "public"."ix_acquisition_spend_org_day"`);
    await queryRunner.query(`DROP INDEX "public"."uq_acquisition_spend_external"`);
    await queryRunner.query(`DROP TABLE "acquisition_spend"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refund_org_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refund_order"`);
    await queryRunner.query(`DROP TABLE "refund"`);
    await queryRunner.query(`DROP INDEX "public"."uq_order_installment_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_installment_due"`);
    await queryRunner.query(`DROP TABLE "order_installment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sales_order_org_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sales_order_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sales_order_org_paid"`);
    await queryRunner.query(`DROP TABLE "sales_order"`);
    await queryRunner.query(`DROP TYPE "public"."installment_carrier"`);
    await queryRunner.query(`DROP INDEX "public"."uq_product_org_sku"`);
    await queryRunner.query(`DROP TABLE "product"`);
    await queryRunner.query(`DROP TYPE "public"."product_kind"`);
  }
}
