import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Rankings1795466521582 implements MigrationInterface {
  name = 'Rankings1795466521582';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "leaderboard_definition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "scope" text NOT NULL, "team_kind" "public"."team_kind" NOT NULL, "population_type" text NOT NULL, "population_id" uuid, "period_kind" text NOT NULL, "current_version" integer NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_leaderboard_definition_period" CHECK ("period_kind" IN ('DAY', 'ISO_WEEK', 'MONTH', 'QUARTER')), CONSTRAINT "ck_leaderboard_definition_population" CHECK (("population_type" = 'ORG' AND "population_id" IS NULL) OR ("population_type" IN ('LEGION', 'SQUAD') AND "population_id" IS NOT NULL)), CONSTRAINT "ck_leaderboard_definition_scope" CHECK ("scope" IN ('SQUAD', 'MEMBER')), CONSTRAINT "PK_d145b9647dbee4fe28fde792fa9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_leaderboard_definition_org" ON "leaderboard_definition"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "leaderboard_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "version" integer NOT NULL, "metric_key" text, "components" jsonb, "window_periods" integer NOT NULL DEFAULT '1', "min_denominator" integer, "shrinkage_k" double precision, "top_pct" integer NOT NULL, "bottom_pct" integer NOT NULL, "watch_streak" integer NOT NULL DEFAULT '2', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_leaderboard_version_window" CHECK ("window_periods" BETWEEN 1 AND 52 AND "watch_streak" >= 1), CONSTRAINT "ck_leaderboard_version_bands" CHECK ("top_pct" BETWEEN 0 AND 100 AND "bottom_pct" BETWEEN 0 AND 100 AND "top_pct" + "bottom_pct" <= 100), CONSTRAINT "ck_leaderboard_version_metric" CHECK (("metric_key" IS NULL) <> ("components" IS NULL)), CONSTRAINT "PK_e6610d5e30519a68c5c6be6ec9d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_leaderboard_version" ON "leaderboard_version"  ("definition_id", "version") `);
    await queryRunner.query(`CREATE TABLE "leaderboard_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "version_id" uuid NOT NULL, "version" integer NOT NULL, "rules_version" text NOT NULL, "period_kind" text NOT NULL, "label" text NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "window_start" date NOT NULL, "time_zone" text NOT NULL, "population_rate" double precision, "entity_count" integer NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_by_id" uuid, CONSTRAINT "PK_91f9bc95058aa17bd5fe4a72227" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_leaderboard_snapshot_org" ON "leaderboard_snapshot"  ("organization_id", "closed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_leaderboard_snapshot_period" ON "leaderboard_snapshot"  ("definition_id", "period_start") `);
    await queryRunner.query(`CREATE TABLE "leaderboard_snapshot_entry" ("snapshot_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "period_start" date NOT NULL, "ordinal" integer NOT NULL, "entity_name" text NOT NULL, "rank" integer, "value" double precision, "adjusted_value" double precision, "numerator" double precision, "denominator" double precision, "band" text NOT NULL, "percentile" double precision, "unranked_reason" text, "previous_rank" integer, "bottom_streak" integer NOT NULL, "inputs" jsonb, CONSTRAINT "PK_d456137c3401c00770269c48ab0" PRIMARY KEY ("snapshot_id", "entity_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_leaderboard_snapshot_entry_entity" ON "leaderboard_snapshot_entry"  ("definition_id", "entity_id", "period_start") `);
    await queryRunner.query(`CREATE TABLE "coaching_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "subject_user_id" uuid NOT NULL, "squad_id" uuid NOT NULL, "definition_id" uuid, "bottom_streak_at_open" integer, "goals" text NOT NULL, "notes" text, "review_date" date NOT NULL, "status" text NOT NULL, "outcome" text, "outcome_notes" text, "opened_by_id" uuid NOT NULL, "closed_by_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_coaching_plan_status" CHECK ("status" IN ('OPEN', 'CLOSED') AND (("status" = 'CLOSED') = ("outcome" IS NOT NULL))), CONSTRAINT "PK_14673b095f55caccfb2c2d1ebc4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_coaching_plan_open" ON "coaching_plan"  ("subject_user_id") WHERE "status" = 'OPEN'`);
    await queryRunner.query(`CREATE INDEX "ix_coaching_plan_subject" ON "coaching_plan"  ("organization_id", "subject_user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "pk_duel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "entity_type" text NOT NULL, "a_id" uuid NOT NULL, "b_id" uuid NOT NULL, "metric_key" text NOT NULL, "period_kind" text NOT NULL, "label" text NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "season" text, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "winner" text, "a_value" double precision, "b_value" double precision, "margin" double precision, CONSTRAINT "ck_pk_duel_sides" CHECK ("a_id" <> "b_id" AND "entity_type" IN ('SQUAD', 'MEMBER')), CONSTRAINT "PK_5eb01d7e74c3b58576a17857b62" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_pk_duel_open" ON "pk_duel"  ("period_end") WHERE "closed_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_pk_duel_org_period" ON "pk_duel"  ("organization_id", "period_start") `);
    await queryRunner.query(`ALTER TABLE "leaderboard_version" ADD CONSTRAINT "FK_29f010a7db95c36a3c4b3e1edb3" FOREIGN KEY ("definition_id") REFERENCES "leaderboard_definition"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot" ADD CONSTRAINT "FK_88e2460fba476e87a17092a9788" FOREIGN KEY ("definition_id") REFERENCES "leaderboard_definition"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot" ADD CONSTRAINT "FK_b01299e2c107c3993164a09b717" FOREIGN KEY ("version_id") REFERENCES "leaderboard_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot_entry" ADD CONSTRAINT "FK_83bd09bc92bb43df009e4c3a615" FOREIGN KEY ("snapshot_id") REFERENCES "leaderboard_snapshot"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot_entry" DROP CONSTRAINT "FK_83bd09bc92bb43df009e4c3a615"`);
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot" DROP CONSTRAINT "FK_b01299e2c107c3993164a09b717"`);
    await queryRunner.query(`ALTER TABLE "leaderboard_snapshot" DROP CONSTRAINT "FK_88e2460fba476e87a17092a9788"`);
    await queryRunner.query(`ALTER TABLE "leaderboard_version" DROP CONSTRAINT "FK_29f010a7db95c36a3c4b3e1edb3"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pk_duel_org_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pk_duel_open"`);
    await queryRunner.query(`DROP TABLE "pk_duel"`);
    await queryRunner.query(`DROP INDEX "public"."ix_coaching_plan_subject"`);
    await queryRunner.query(`DROP INDEX "public"."uq_coaching_plan_open"`);
    await queryRunner.query(`DROP TABLE "coaching_plan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_leaderboard_snapshot_entry_entity"`);
    await queryRunner.query(`DROP TABLE "leaderboard_snapshot_entry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_leaderboard_snapshot_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_leaderboard_snapshot_org"`);
    await queryRunner.query(`DROP TABLE "leaderboard_snapshot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_leaderboard_version"`);
    await queryRunner.query(`DROP TABLE "leaderboard_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_leaderboard_definition_org"`);
    await queryRunner.query(`DROP TABLE "leaderboard_definition"`);
  }
}
