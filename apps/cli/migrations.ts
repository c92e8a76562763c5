import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/database/data-source.js';
import { ENTITIES } from '../../src/database/entities.js';

/** A throwaway in-memory PostgreSQL with every migration applied. */
async function migratedScratchDatabase() {
  const config: AppConfig = loadConfig({ ...process.env, DATABASE_URL: '', NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) });
  config.database = { url: null, embeddedDir: 'memory://' };
  return openDatabase(config, ENTITIES);
}

/** SQL that would bring the migrated schema in line with the entities; empty when in sync. */
export async function pendingSchemaChanges(): Promise<{ up: string[]; down: string[] }> {
  const db = await migratedScratchDatabase();
  try {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    await db.dataSource.destroy();
    await db.embedded?.close();
  }
}

/** `migration:check`: fails when entities and migrations drift. */
export async function checkMigrations(): Promise<number> {
  const { up } = await pendingSchemaChanges();
  if (up.length === 0) {
    process.stdout.write('migration:check: entities and migrations are in sync.\n');
    return 0;
  }
  process.stderr.write(
    `migration:check: entities and migrations drift; a new migration needs:\n${up.map((q) => `  ${q};`).join('\n')}\nRun: npm run migration:generate -- <Name>\n`,
  );
  return 1;
}

const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** `migration:generate <Name>`: writes migrations/<timestamp>-<Name>.ts and registers it. */
export async function generateMigration(name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    process.stderr.write('Usage: npm run migration:generate -- <PascalCaseName>\n');
    return 2;
  }
  const { up, down } = await pendingSchemaChanges();
  if (up.length === 0) {
    process.stdout.write('No changes: entities and migrations are in sync.\n');
    return 0;
  }
  const ts = Date.now();
  const className = `${name}${ts}`;
  const dir = resolve(process.cwd(), 'migrations');
  mkdirSync(dir, { recursive: true });
  const file = `${ts}-${name}`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(\`${esc(q)}\`);`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(\`${esc(q)}\`);`).join('\n')}
  }
}
`;
  writeFileSync(join(dir, `${file}.ts`), body);
  const indexPath = join(dir, 'index.ts');
  let index = readFileSync(indexPath, 'utf8');
  index = `import { ${className} } from './${file}.js';\n` + index;
  index = index.replace(/export const MIGRATIONS = \[([\s\S]*?)\];/, (_m, list: string) => {
    const items = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    items.push(className);
    return `export const MIGRATIONS = [\n${items.map((i) => `  ${i},`).join('\n')}\n];`;
  });
  writeFileSync(indexPath, index);
  process.stdout.write(`Wrote migrations/${file}.ts (${up.length} statements). Review it before committing.\n`);
  return 0;
}

/** `migration:run` / `migration:revert` against the configured database. */
export async function runMigrations(direction: 'run' | 'revert'): Promise<number> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config, ENTITIES); // applies pending migrations
  try {
    if (direction === 'revert') {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
    } else {
      process.stdout.write('All migrations applied.\n');
    }
    return 0;
  } finally {
    await db.dataSource.destroy();
    await db.embedded?.close();
  }
}
