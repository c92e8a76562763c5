import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Experiments1795465536192 implements MigrationInterface {
  name = 'Experiments1795465536192';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."experiment_metric_kind" AS ENUM('TRACKED', 'LOGGED')`);
    await queryRunner.query(`CREATE TYPE "public"."experiment_randomization_unit" AS ENUM('LEAD', 'SQUAD', 'COHORT')`);
    await queryRunner.query(`CREATE TYPE "public"."experiment_analysis_mode" AS ENUM('FIXED_HORIZON', 'SEQUENTIAL')`);
    await queryRunner.query(`CREATE TYPE "public"."experiment_status" AS ENUM('DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED', 'PUBLISHED', 'ARCHIVED')`);
    await queryRunner.query(`CREATE TYPE "public"."experiment_verdict" AS ENUM('WIN', 'LOSS', 'INCONCLUSIVE')`);
    await queryRunner.query(`CREATE TABLE "experiment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" text NOT NULL, "hypothesis" text NOT NULL, "owner_id" uuid NOT NULL, "squad_id" uuid NOT NULL, "team_kind" "public"."team_kind" NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "metric_key" text NOT NULL, "metric_kind" "public"."experiment_metric_kind" NOT NULL, "randomization_unit" "public"."experiment_randomization_unit" NOT NULL, "analysis_mode" "public"."experiment_analysis_mode" NOT NULL, "min_detectable_effect" double precision NOT NULL, "planned_sample_per_arm" integer, "sequential_tau" double precision, "playbook_id" uuid, "playbook_step_key" text, "status" "public"."experiment_status" NOT NULL DEFAULT 'DRAFT', "started_at" TIMESTAMP WITH TIME ZONE, "stopped_at" TIMESTAMP WITH TIME ZONE, "verdict" "public"."experiment_verdict", "winner_variant_key" text, "summary" text, "conclusion_warnings" jsonb NOT NULL DEFAULT '[]', "concluded_at" TIMESTAMP WITH TIME ZONE, "concluded_by_id" uuid, "publication_note" text, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_id" uuid, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f6eec215c62eec1e0fde987caf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_experiment_org_published" ON "experiment"  ("organization_id", "published_at") `);
    await queryRunner.query(`CREATE INDEX "ix_experiment_org_squad" ON "experiment"  ("organization_id", "squad_id") `);
    await queryRunner.query(`CREATE INDEX "ix_experiment_org_status" ON "experiment"  ("organization_id", "status") `);
    await queryRunner.query(`CREATE TABLE "experiment_variant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "experiment_id" uuid NOT NULL, "key" text NOT NULL, "position" smallint NOT NULL, "is_control" boolean NOT NULL, "description" text NOT NULL, "script" text, "weight" integer NOT NULL, CONSTRAINT "PK_c90ca2d21ad0edc98df7d2bbeb3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_experiment_variant_key" ON "experiment_variant"  ("experiment_id", "key") `);
    await queryRunner.query(`CREATE TABLE "experiment_assignment" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "experiment_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assigned_by_id" uuid, CONSTRAINT "PK_01f8d1b7fa165c43aada3b5fb5f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_experiment_assignment_variant" ON "experiment_assignment"  ("experiment_id", "variant_id", "assigned_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_experiment_assignment_lead" ON "experiment_assignment"  ("experiment_id", "lead_id") `);
    await queryRunner.query(`CREATE TABLE "experiment_data_entry" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "experiment_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "day" date NOT NULL, "exposures" integer NOT NULL, "conversions" integer NOT NULL, "note" text, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c523632f4b422365ffe9d9d138" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_experiment_data_entry_exp" ON "experiment_data_entry"  ("experiment_id", "variant_id", "day") `);
    await queryRunner.query(`CREATE TABLE "experiment_adoption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "experiment_id" uuid NOT NULL, "squad_id" uuid NOT NULL, "adopted_by_id" uuid, "adopted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_57c2f28d3496941c9dc0b0e9140" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_experiment_adoption_org_time" ON "experiment_adoption"  ("organization_id", "adopted_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_experiment_adoption_squad" ON "experiment_adoption"  ("experiment_id", "squad_id") `);
    await queryRunner.query(`ALTER TABLE "experiment" ADD CONSTRAINT "FK_bebdbbfea15ec55bb26388ed235" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment" ADD CONSTRAINT "FK_b357b1b264272c8459b4e3991d0" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment" ADD CONSTRAINT "FK_8c70e93de59baf9ddb013a67ad3" FOREIGN KEY ("squad_id") REFERENCES "squad"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_variant" ADD CONSTRAINT "FK_c41799be332e64e4e7010a196c2" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" ADD CONSTRAINT "FK_90c6e89e8b70dce199e3d9abce4" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" ADD CONSTRAINT "FK_c41780dda4b33a16ca044e857e5" FOREIGN KEY ("variant_id") REFERENCES "experiment_variant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" ADD CONSTRAINT "FK_21dc0b50fe0bd75d2c496e18503" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_data_entry" ADD CONSTRAINT "FK_d8cd879f02b43f9e6ddd1603f87" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_data_entry" ADD CONSTRAINT "FK_d898fb2be9b9f6d0dce356bec52" FOREIGN KEY ("variant_id") REFERENCES "experiment_variant"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_adoption" ADD CONSTRAINT "FK_b75848078c3596599284557174d" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiment_adoption" ADD CONSTRAINT "FK_14bb2171fac9e1c7a49f241dcf6" FOREIGN KEY ("squad_id") REFERENCES "squad"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Hand-written: logged experiment data is append-only like audit_event (corrections are new
    // entries with negative deltas); UPDATE and DELETE are rejected whatever the caller.
    await queryRunner.query(`CREATE FUNCTION experiment_data_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'experiment_data_entry is append-only: % is not allowed', TG_OP; END $$`);
    await queryRunner.query(`CREATE TRIGGER experiment_data_entry_no_change BEFORE UPDATE OR DELETE ON "experiment_data_entry" FOR EACH STATEMENT EXECUTE FUNCTION experiment_data_entry_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS experiment_data_entry_no_change ON "experiment_data_entry"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS experiment_data_entry_append_only()`);
    await queryRunner.query(`ALTER TABLE "experiment_adoption" DROP CONSTRAINT "FK_14bb2171fac9e1c7a49f241dcf6"`);
    await queryRunner.query(`ALTER TABLE "experiment_adoption" DROP CONSTRAINT "FK_b75848078c3596599284557174d"`);
    await queryRunner.query(`ALTER TABLE "experiment_data_entry" DROP CONSTRAINT "FK_d898fb2be9b9f6d0dce356bec52"`);
    await queryRunner.query(`ALTER TABLE "experiment_data_entry" DROP CONSTRAINT "FK_d8cd879f02b43f9e6ddd1603f87"`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" DROP CONSTRAINT "FK_21dc0b50fe0bd75d2c496e18503"`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" DROP CONSTRAINT "FK_c41780dda4b33a16ca044e857e5"`);
    await queryRunner.query(`ALTER TABLE "experiment_assignment" DROP CONSTRAINT "FK_90c6e89e8b70dce199e3d9abce4"`);
    await queryRunner.query(`ALTER TABLE "experiment_variant" DROP CONSTRAINT "FK_c41799be332e64e4e7010a196c2"`);
    await queryRunner.query(`ALTER TABLE "experiment" DROP CONSTRAINT "FK_8c70e93de59baf9ddb013a67ad3"`);
    await queryRunner.query(`ALTER TABLE "experiment" DROP CONSTRAINT "FK_b357b1b264272c8459b4e3991d0"`);
    await queryRunner.query(`ALTER TABLE "experiment" DROP CONSTRAINT "FK_bebdbbfea15ec55bb26388ed235"`);
    await queryRunner.query(`DROP INDEX "public"."uq_experiment_adoption_squad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_adoption_org_time"`);
    await queryRunner.query(`DROP TABLE "experiment_adoption"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_data_entry_exp"`);
    await queryRunner.query(`DROP TABLE "experiment_data_entry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_experiment_assignment_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_assignment_variant"`);
    await queryRunner.query(`DROP TABLE "experiment_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_experiment_variant_key"`);
    await queryRunner.query(`DROP TABLE "experiment_variant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_org_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_org_squad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_experiment_org_published"`);
    await queryRunner.query(`DROP TABLE "experiment"`);
    await queryRunner.query(`DROP TYPE "public"."experiment_verdict"`);
    await queryRunner.query(`DROP TYPE "public"."experiment_status"`);
    await queryRunner.query(`DROP TYPE "public"."experiment_analysis_mode"`);
    await queryRunner.query(`DROP TYPE "public"."experiment_randomization_unit"`);
    await queryRunner.query(`DROP TYPE "public"."experiment_metric_kind"`);
  }
}
