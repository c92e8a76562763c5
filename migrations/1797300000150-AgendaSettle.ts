import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgendaSettle1797300000150 implements MigrationInterface {
  name = 'AgendaSettle1797300000150';

  /** Stage changes settle the agenda: CANCELLED items with a reason; playbook steps of the after-purchase path. */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "playbook_step" ADD "after_purchase" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "agenda_item" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TYPE "public"."agenda_cancel_reason" AS ENUM('LEAD_LOST', 'LEAD_REFUNDED', 'LEAD_CONVERTED', 'REASSIGNED', 'REP_DEACTIVATED')`);
    await queryRunner.query(`ALTER TABLE "agenda_item" ADD "cancel_reason" "public"."agenda_cancel_reason"`);
    await queryRunner.query(`ALTER TYPE "public"."agenda_item_status" ADD VALUE 'CANCELLED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The old type has no CANCELLED: keep such items as SKIPPED with the reason.
    await queryRunner.query(
      `UPDATE "agenda_item" SET "status" = 'SKIPPED', "skipped_at" = "cancelled_at", "skip_reason" = 'cancelled: ' || "cancel_reason" WHERE "status" = 'CANCELLED'`,
    );
    await queryRunner.query(`ALTER TABLE "agenda_item" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`CREATE TYPE "public"."agenda_item_status_old" AS ENUM('PENDING', 'DONE', 'SKIPPED', 'MISSED')`);
    await queryRunner.query(`ALTER TABLE "agenda_item" ALTER COLUMN "status" TYPE "public"."agenda_item_status_old" USING "status"::"text"::"public"."agenda_item_status_old"`);
    await queryRunner.query(`DROP TYPE "public"."agenda_item_status"`);
    await queryRunner.query(`ALTER TYPE "public"."agenda_item_status_old" RENAME TO "agenda_item_status"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" ALTER COLUMN "status" SET DEFAULT 'PENDING'`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "cancel_reason"`);
    await queryRunner.query(`DROP TYPE "public"."agenda_cancel_reason"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "playbook_step" DROP COLUMN "after_purchase"`);
  }
}
