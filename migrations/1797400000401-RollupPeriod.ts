import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLS = ['leads_assigned', 'paid_orders', 'conversions', 'repurchases', 'referral_conversions', 'gross_revenue', 'refunded_amount', 'refunded_orders'];

/**
 * The rows of `rollup_daily` (a transition table of the statement, or the whole table) summed into
 * the ISO week, month and quarter of their local day, with `sign` (+1 new rows, -1 old rows), and
 * added to `rollup_period`. Sorted by key so concurrent writers lock period rows in one order.
 */
function applySql(source: string): string {
  return `INSERT INTO rollup_period (organization_id, period_kind, period_start, entity_type, entity_id, ${COLS.join(', ')})
    SELECT d.organization_id, k.kind,
           (CASE k.kind WHEN 'ISO_WEEK' THEN date_trunc('week', d.day::timestamp) WHEN 'MONTH' THEN date_trunc('month', d.day::timestamp)
                        ELSE date_trunc('quarter', d.day::timestamp) END)::date,
           d.entity_type, d.entity_id, ${COLS.map((c) => `sum(d.sign * d.${c})`).join(', ')}
    FROM (${source}) d CROSS JOIN (VALUES ('ISO_WEEK'), ('MONTH'), ('QUARTER')) AS k(kind)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, period_kind, period_start, entity_type, entity_id) DO UPDATE SET
      ${COLS.map((c) => `${c} = rollup_period.${c} + EXCLUDED.${c}`).join(', ')}`;
}

const row = (table: string, sign: number) => `SELECT ${sign} AS sign, organization_id, entity_type, entity_id, day, ${COLS.join(', ')} FROM ${table}`;

/**
 * Period aggregates of the rollups (issue 21): `rollup_period` holds the sums of `rollup_daily`
 * per ISO week, month and quarter of the local day. Hand-written: statement-level AFTER triggers
 * with transition tables on `rollup_daily` add each statement's difference (new rows minus old
 * rows) to the period rows in the same transaction, whoever writes the day rows (RollupService,
 * rebuilds, fixtures), and TRUNCATE empties both. Existing rows are backfilled before the
 * triggers exist, so nothing is counted twice.
 */
export class RollupPeriod1797400000401 implements MigrationInterface {
  name = 'RollupPeriod1797400000401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rollup_period" ("organization_id" uuid NOT NULL, "period_kind" text NOT NULL, "period_start" date NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "leads_assigned" integer NOT NULL DEFAULT '0', "paid_orders" integer NOT NULL DEFAULT '0', "conversions" integer NOT NULL DEFAULT '0', "repurchases" integer NOT NULL DEFAULT '0', "referral_conversions" integer NOT NULL DEFAULT '0', "gross_revenue" bigint NOT NULL DEFAULT '0', "refunded_amount" bigint NOT NULL DEFAULT '0', "refunded_orders" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_e64d6dfb5c44524de3595fe8b77" PRIMARY KEY ("organization_id", "period_kind", "period_start", "entity_type", "entity_id"))`);
    // Backfill from the existing day rows.
    await queryRunner.query(applySql(row('rollup_daily', 1)));
    await queryRunner.query(`CREATE FUNCTION rollup_period_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${applySql(row('rollup_new', 1))};
  ELSIF TG_OP = 'UPDATE' THEN
    ${applySql(`${row('rollup_new', 1)} UNION ALL ${row('rollup_old', -1)}`)};
  ELSE
    ${applySql(row('rollup_old', -1))};
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE FUNCTION rollup_period_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN TRUNCATE rollup_period; RETURN NULL; END $$`);
    await queryRunner.query(`CREATE TRIGGER rollup_period_on_insert AFTER INSERT ON "rollup_daily" REFERENCING NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_period_apply()`);
    await queryRunner.query(`CREATE TRIGGER rollup_period_on_update AFTER UPDATE ON "rollup_daily" REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_period_apply()`);
    await queryRunner.query(`CREATE TRIGGER rollup_period_on_delete AFTER DELETE ON "rollup_daily" REFERENCING OLD TABLE AS rollup_old FOR EACH STATEMENT EXECUTE FUNCTION rollup_period_apply()`);
    await queryRunner.query(`CREATE TRIGGER rollup_period_on_truncate AFTER TRUNCATE ON "rollup_daily" FOR EACH STATEMENT EXECUTE FUNCTION rollup_period_truncate()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER IF EXISTS rollup_period_on_${t} ON "rollup_daily"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS rollup_period_truncate()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS rollup_period_apply()`);
    await queryRunner.query(`DROP TABLE "rollup_period"`);
  }
}
