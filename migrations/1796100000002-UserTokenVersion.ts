import type { MigrationInterface, QueryRunner } from 'typeorm';

/** app_user.token_version: carried in access tokens; raising it ends every earlier token of the user. */
export class UserTokenVersion1796100000002 implements MigrationInterface {
  name = 'UserTokenVersion1796100000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "token_version" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "token_version"`);
  }
}
