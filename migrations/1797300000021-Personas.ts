import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds each organization's catalog with every persona key its survey versions and playbook
 * versions (drafts too) name; keys already in the catalog are kept. Exported for the e2e test.
 */
export const SEED_PERSONA_CATALOGS = `INSERT INTO persona (organization_id, key, name)
      SELECT DISTINCT u.organization_id, u.key, initcap(replace(u.key, '_', ' '))
        FROM (
          SELECT v.organization_id, x.key
            FROM survey_version v,
                 LATERAL (SELECT r->>'persona' FROM jsonb_array_elements(coalesce(v.definition->'personas', '[]'::jsonb)) r
                          UNION SELECT v.definition->>'defaultPersona') AS x(key)
          UNION SELECT st.organization_id, sc->>'persona' FROM playbook_step st, jsonb_array_elements(st.scripts) sc
          UNION SELECT st.organization_id, unnest(st.personas) FROM playbook_step st
          UNION SELECT o.organization_id, an->>'persona' FROM playbook_objection o, jsonb_array_elements(o.answers) an
        ) u
       WHERE coalesce(u.key, '') <> ''
      ON CONFLICT DO NOTHING`;

export class Personas1797300000021 implements MigrationInterface {
  name = 'Personas1797300000021';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "persona" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "names" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_13aefc75f60510f2be4cd243d71" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_persona_org_key" ON "persona"  ("organization_id", "key") `);
    await queryRunner.query(`ALTER TABLE "persona" ADD CONSTRAINT "FK_05db58735c404b1ce75ade62d86" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Each organization's catalog starts with every persona its surveys and playbooks already name
    // (every version, drafts too), so nothing published or being edited becomes invalid.
    await queryRunner.query(SEED_PERSONA_CATALOGS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "persona" DROP CONSTRAINT "FK_05db58735c404b1ce75ade62d86"`);
    await queryRunner.query(`DROP INDEX "public"."uq_persona_org_key"`);
    await queryRunner.query(`DROP TABLE "persona"`);
  }
}
