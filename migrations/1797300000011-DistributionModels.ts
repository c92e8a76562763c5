import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distribution models (issue 18): an organization's cohort types, the price tier of products and
 * orders, and spend per SOP cohort. Existing products and orders get the tier of their kind
 * (INTRO → TRIAL, ADVANCED → ADVANCED, REGULAR and SUBSCRIPTION → REGULAR, as `defaultPriceTier`)
 * before the columns become NOT NULL.
 */
export class DistributionModels1797300000011 implements MigrationInterface {
  name = 'DistributionModels1797300000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cohort_type" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af7d8d3c148232125e2becf523b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cohort_type_org_key" ON "cohort_type"  ("organization_id", "key") `);
    await queryRunner.query(`CREATE TYPE "public"."price_tier" AS ENUM('TRIAL', 'LOW', 'REGULAR', 'ADVANCED')`);
    await queryRunner.query(`ALTER TABLE "product" ADD "price_tier" "public"."price_tier"`);
    // Backfill (hand-written): the tier of the product's kind; orders copy their product's.
    await queryRunner.query(
      `UPDATE "product" SET "price_tier" = (CASE "kind" WHEN 'INTRO' THEN 'TRIAL' WHEN 'ADVANCED' THEN 'ADVANCED' ELSE 'REGULAR' END)::"public"."price_tier"`,
    );
    await queryRunner.query(`ALTER TABLE "product" ALTER COLUMN "price_tier" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "sales_order" ADD "price_tier" "public"."price_tier"`);
    await queryRunner.query(`UPDATE "sales_order" o SET "price_tier" = p."price_tier" FROM "product" p WHERE p."id" = o."product_id"`);
    await queryRunner.query(`ALTER TABLE "sales_order" ALTER COLUMN "price_tier" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "acquisition_spend" ADD "cohort_id" uuid`);
    await queryRunner.query(`ALTER TABLE "cohort" ADD "cohort_type_id" uuid`);
    await queryRunner.query(`ALTER TABLE "cohort" ADD CONSTRAINT "FK_72865ba4f5bcf45f08cce143b0b" FOREIGN KEY ("cohort_type_id") REFERENCES "cohort_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohort" DROP CONSTRAINT "FK_72865ba4f5bcf45f08cce143b0b"`);
    await queryRunner.query(`ALTER TABLE "cohort" DROP COLUMN "cohort_type_id"`);
    await queryRunner.query(`ALTER TABLE "acquisition_spend" DROP COLUMN "cohort_id"`);
    await queryRunner.query(`ALTER TABLE "sales_order" DROP COLUMN "price_tier"`);
    await queryRunner.query(`ALTER TABLE "product" DROP COLUMN "price_tier"`);
    await queryRunner.query(`DROP TYPE "public"."price_tier"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cohort_type_org_key"`);
    await queryRunner.query(`DROP TABLE "cohort_type"`);
  }
}
