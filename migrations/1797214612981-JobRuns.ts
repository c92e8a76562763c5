import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRuns1797214612981 implements MigrationInterface {
  name = 'JobRuns1797214612981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "job_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job" text NOT NULL, "scope" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "PK_96fe0b041b8bc157dcec25bd8ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_job_run_latest" ON "job_run"  ("job", "scope", "finished_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_job_run_latest"`);
    await queryRunner.query(`DROP TABLE "job_run"`);
  }
}
