import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createLogger, PinoNestLogger } from '../../src/common/logger.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { DomainModule } from '../../src/domain.module.js';
import { DemoService } from '../../src/demo/demo.service.js';
import { createApp } from '../../src/bootstrap.js';
import { OrganizationService } from '../../src/organization/organization.service.js';
import { RollupService } from '../../src/metrics/rollup.service.js';
import { TransactionRunner } from '../../src/database/transaction.js';
import { parseDelimiter } from '../../src/intake/csv.js';
import { ImportService } from '../../src/intake/import.service.js';
import { RequestContext } from '../../src/common/request-context.js';
import { checkMigrations, generateMigration, runMigrations } from './migrations.js';
import { readFileSync, writeFileSync } from 'node:fs';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  create-admin --org <name> --email <email> --password <pw> [--name <name>] [--time-zone <IANA>] [--currency <ISO>]
                       Creates an organization and its first ADMIN (for a real deployment).
  seed-demo            Creates the demo organization (prints its logins).
  import-leads --org <id> --survey <id> --file <x.csv> [--delimiter comma|semicolon] [--dry-run]
                       Imports leads with their survey answers from CSV (see docs/intake.md); prints the report
                       (bad rows with their line numbers). Re-running the same file adds nothing.
  migration:run        Applies pending migrations to the configured database.
  migration:revert     Reverts the last migration.
  migration:generate <Name>  Writes a migration for the entity changes (uses a scratch in-memory database).
  migration:check      Fails when entities and migrations drift.
  rollups:check [--org <id>]    Recomputes metric rollups (days, weeks, months, quarters) from raw rows; fails on any difference.
  rollups:rebuild [--org <id>]  Rebuilds metric rollups from raw rows.
  schema:print [--out <file>]   Prints the GraphQL schema (SDL).
  schema:check         Fails when schema.gql is stale.

The database is DATABASE_URL when set, else the embedded one under DATA_DIR.`;

async function withDomain<T>(work: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await NestFactory.createApplicationContext(DomainModule.forRoot(config, log), { logger: new PinoNestLogger(log) });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function printedSchema(): Promise<string> {
  const config = loadConfig({ ...process.env, DATABASE_URL: '', NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) });
  config.database = { url: null, embeddedDir: 'memory://' };
  const log = createLogger('silent');
  const app = await createApp(config, log);
  await app.init();
  try {
    const { schema } = app.get(GraphQLSchemaHost);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          'time-zone': { type: 'string' },
          currency: { type: 'string' },
        },
      });
      if (!values.org || !values.email || !values.password) {
        process.stderr.write('create-admin needs --org, --email and --password\n');
        return 2;
      }
      const out = await withDomain((app) =>
        app.get(OrganizationService).createOrganizationWithAdmin({
          organizationName: values.org!,
          email: values.email!,
          password: values.password!,
          name: values.name ?? 'Administrator',
          timeZone: values['time-zone'] ?? 'UTC',
          currency: values.currency ?? 'USD',
        }),
      );
      process.stdout.write(`Created organization ${out.organizationId} with ADMIN ${out.email}.\n`);
      return 0;
    }
    case 'seed-demo':
      await withDomain((app) => app.get(DemoService).seed());
      return 0;
    case 'rollups:check':
    case 'rollups:rebuild': {
      const { values } = parseArgs({ args: rest, options: { org: { type: 'string' } } });
      return withDomain(async (app) => {
        const rollups = app.get(RollupService);
        const tx = app.get(TransactionRunner);
        if (command === 'rollups:rebuild') {
          const n = await tx.run(() => rollups.rebuild(values.org ?? null));
          process.stdout.write(`Rebuilt rollups (${n} rows).\n`);
          return 0;
        }
        const diffs = await tx.run(() => rollups.verify(values.org ?? null));
        if (diffs.length === 0) {
          process.stdout.write('rollups:check: rollups match a recomputation from raw rows.\n');
          return 0;
        }
        process.stderr.write(
          `rollups:check: ${diffs.length} difference(s):\n${diffs
            .slice(0, 50)
            .map(
              (d) => `  ${d.periodKind ? `${d.periodKind} ` : ''}${d.entityType} ${d.entityId} ${d.day} ${d.field}: stored ${d.stored}, expected ${d.expected}`,
            )
            .join('\n')}\n`,
        );
        return 1;
      });
    }
    case 'import-leads': {
      const { values } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          survey: { type: 'string' },
          file: { type: 'string' },
          delimiter: { type: 'string' },
          'dry-run': { type: 'boolean' },
        },
      });
      if (!values.org || !values.survey || !values.file) {
        process.stderr.write('import-leads needs --org, --survey and --file\n');
        return 2;
      }
      const delimiter = values.delimiter === undefined ? null : parseDelimiter(values.delimiter);
      if (values.delimiter !== undefined && !delimiter) {
        process.stderr.write('--delimiter is comma or semicolon (detected from the header line when left out)\n');
        return 2;
      }
      const report = await withDomain((app) =>
        app
          .get(ImportService)
          .importCsv(RequestContext.system(values.org!), values.survey!, { path: values.file! }, { dryRun: values['dry-run'] ?? false, delimiter }),
      );
      process.stdout.write(
        `${values['dry-run'] ? 'Checked' : 'Imported'} ${values.file}: ${report.rows} rows, ${report.imported} submissions imported, ` +
          `${report.duplicates} already imported, ${report.leadsCreated} leads created, ${report.leadsUpdated} updated, ${report.assigned} assigned, ` +
          `${report.errors.length} bad rows.\n`,
      );
      for (const e of report.errors) process.stdout.write(`  line ${e.line}: ${e.reason}\n`);
      return report.errors.length ? 1 : 0;
    }
    case 'migration:run':
      return runMigrations('run');
    case 'migration:revert':
      return runMigrations('revert');
    case 'migration:generate':
      return generateMigration(rest[0]);
    case 'migration:check':
      return checkMigrations();
    case 'schema:print': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      const sdl = await printedSchema();
      if (values.out) writeFileSync(values.out, sdl);
      else process.stdout.write(sdl);
      return 0;
    }
    case 'schema:check': {
      const sdl = await printedSchema();
      let committed = '';
      try {
        committed = readFileSync('schema.gql', 'utf8');
      } catch {
        // missing counts as stale
      }
      if (committed === sdl) {
        process.stdout.write('schema:check: schema.gql is current.\n');
        return 0;
      }
      process.stderr.write('schema:check: schema.gql is stale; run `npm run schema:generate` and commit it.\n');
      return 1;
    }
    default:
      process.stdout.write(HELP + '\n');
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
