import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795463775669 implements MigrationInterface {
  name = 'Init1795463775669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "actor_user_id" uuid, "actor_api_key_id" uuid, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "diff" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_org_time" ON "audit_event"  ("organization_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("organization_id", "entity_type", "entity_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "time_zone" text NOT NULL, "currency" character(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('ADMIN', 'MANAGER', 'LEAD', 'MEMBER')`);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL, "active" boolean NOT NULL DEFAULT true, "deactivated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_org" ON "app_user"  ("organization_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TYPE "public"."team_kind" AS ENUM('PRE_SALES', 'COURSE_SERVICE')`);
    await queryRunner.query(`CREATE TABLE "legion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "kind" "public"."team_kind" NOT NULL, "commander_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4dabbff8deb6c5a3741fc491a36" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legion_org_name" ON "legion"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "squad" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "legion_id" uuid NOT NULL, "name" text NOT NULL, "lead_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90e924b0dbb125f974606646bce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_squad_legion" ON "squad"  ("legion_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_squad_org_name" ON "squad"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "squad_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "squad_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_61d1096d30520d06a70012d5de4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_squad_membership_user" ON "squad_membership"  ("user_id", "valid_from") `);
    await queryRunner.query(`CREATE INDEX "ix_squad_membership_squad" ON "squad_membership"  ("squad_id", "valid_from") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_squad_membership_open" ON "squad_membership"  ("user_id") WHERE "valid_to" IS NULL`);
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "secret_hash" text NOT NULL, "scopes" text array NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_api_key_org" ON "api_key"  ("organization_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key"  ("secret_hash") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("email" text NOT NULL, "failures" integer NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee5faa28448a9c67f4383e2a15a" PRIMARY KEY ("email"))`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_c4c90a083fb10c1386782b5aac5" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legion" ADD CONSTRAINT "FK_7c0d1e3e7a4668c6a1e3380a434" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legion" ADD CONSTRAINT "FK_0429f0565866c0dd6931632dd86" FOREIGN KEY ("commander_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad" ADD CONSTRAINT "FK_a106fe5737b28052c704f2e4886" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad" ADD CONSTRAINT "FK_cf94df3c6c9ebd9d336af99e486" FOREIGN KEY ("legion_id") REFERENCES "legion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad" ADD CONSTRAINT "FK_950a0e4f777ad967c637aa6c163" FOREIGN KEY ("lead_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad_membership" ADD CONSTRAINT "FK_2e41f909f6851c6bbc6c2f64184" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad_membership" ADD CONSTRAINT "FK_c27d723f2d349ffee0417695066" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "squad_membership" ADD CONSTRAINT "FK_5338765f1b611512488e690b88f" FOREIGN KEY ("squad_id") REFERENCES "squad"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_f8bf75c998e043dc6ad022d28a8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_1799b360b8b068fa98feb7bef75" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // Hand-written: the audit log is append-only.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_event_no_change ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_event_append_only()`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_1799b360b8b068fa98feb7bef75"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_f8bf75c998e043dc6ad022d28a8"`);
    await queryRunner.query(`ALTER TABLE "squad_membership" DROP CONSTRAINT "FK_5338765f1b611512488e690b88f"`);
    await queryRunner.query(`ALTER TABLE "squad_membership" DROP CONSTRAINT "FK_c27d723f2d349ffee0417695066"`);
    await queryRunner.query(`ALTER TABLE "squad_membership" DROP CONSTRAINT "FK_2e41f909f6851c6bbc6c2f64184"`);
    await queryRunner.query(`ALTER TABLE "squad" DROP CONSTRAINT "FK_950a0e4f777ad967c637aa6c163"`);
    await queryRunner.query(`ALTER TABLE "squad" DROP CONSTRAINT "FK_cf94df3c6c9ebd9d336af99e486"`);
    await queryRunner.query(`ALTER TABLE "squad" DROP CONSTRAINT "FK_a106fe5737b28052c704f2e4886"`);
    await queryRunner.query(`ALTER TABLE "legion" DROP CONSTRAINT "FK_0429f0565866c0dd6931632dd86"`);
    await queryRunner.query(`ALTER TABLE "legion" DROP CONSTRAINT "FK_7c0d1e3e7a4668c6a1e3380a434"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_c4c90a083fb10c1386782b5aac5"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_key_org"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_squad_membership_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_squad_membership_squad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_squad_membership_user"`);
    await queryRunner.query(`DROP TABLE "squad_membership"`);
    await queryRunner.query(`DROP INDEX "public"."uq_squad_org_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_squad_legion"`);
    await queryRunner.query(`DROP TABLE "squad"`);
    await queryRunner.query(`DROP INDEX "public"."uq_legion_org_name"`);
    await queryRunner.query(`DROP TABLE "legion"`);
    await queryRunner.query(`DROP TYPE "public"."team_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_org"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_org_time"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
