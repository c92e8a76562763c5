import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadAttribution1797300000001 implements MigrationInterface {
  name = 'LeadAttribution1797300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead" ADD "utm_source" text`);
    await queryRunner.query(`ALTER TABLE "lead" ADD "utm_medium" text`);
    await queryRunner.query(`ALTER TABLE "lead" ADD "utm_content" text`);
    // Hand-written: campaigns are now normalized (src/leads/attribution.ts: trimmed, lower-case,
    // whitespace runs collapsed, blank = none) so spend and leads meet in unit economics.
    for (const table of ['lead', 'acquisition_spend']) {
      await queryRunner.query(
        `UPDATE "${table}" SET "campaign" = nullif(lower(regexp_replace(btrim("campaign"), '\\s+', ' ', 'g')), '') WHERE "campaign" IS NOT NULL`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead" DROP COLUMN "utm_content"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP COLUMN "utm_medium"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP COLUMN "utm_source"`);
  }
}
