/**
 * Generates the next migration from the entities, for both driver families at once:
 *   npm run migration:generate -w @safemonth/server -- AddCampaigns
 * MySQL/MariaDB DDL is read from a scratch database on MIGRATION_DATABASE_URL
 * (default mariadb://root@127.0.0.1:3306/safemonth_migration_scratch, dropped and re-created);
 * SQLite DDL from an in-memory database. Files go to src/database/migrations/<family>/.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { AppConfig } from '../config/config';
import { createDataSource } from './data-source';
import { runMigrations } from './migrate';
import { schemaDiff, SchemaDiff } from './schema-diff';

const SOURCE_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');

async function diffFor(database: AppConfig['database']): Promise<SchemaDiff> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    return await schemaDiff(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function scratchMariadb(): Promise<AppConfig['database']> {
  const url = new URL(process.env.MIGRATION_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306/safemonth_migration_scratch');
  const name = url.pathname.replace(/^\//, '');
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: url.username, password: url.password });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return { driver: 'mariadb', url: url.toString(), poolSize: 1 };
}

function render(className: string, diff: SchemaDiff): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(\`${q.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\`);`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}

function writeIndex(family: string): void {
  const dir = join(SOURCE_DIR, family);
  const files = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => {
    const [stamp, name] = f.replace(/\.ts$/, '').split('-');
    return { file: f.replace(/\.ts$/, ''), className: `${name}${stamp}` };
  });
  const constName = `${family.toUpperCase()}_MIGRATIONS`;
  writeFileSync(
    join(dir, 'index.ts'),
    `import type { MigrationInterface } from 'typeorm';\n${classes.map((c) => `import { ${c.className} } from './${c.file}';`).join('\n')}\n\n` +
      `// Written by generate-migration.ts: every migration of this folder, oldest first.\n` +
      `export const ${constName}: (new () => MigrationInterface)[] = [${classes.map((c) => c.className).join(', ')}];\n`,
  );
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: generate-migration <PascalCaseName>');
    process.exit(2);
  }
  const stamp = Date.now();
  const targets: [string, AppConfig['database']][] = [
    ['mysql', await scratchMariadb()],
    ['sqlite', { driver: 'sqlite', sqlitePath: ':memory:', poolSize: 1 }],
  ];
  for (const [family, database] of targets) {
    const diff = await diffFor(database);
    if (diff.up.length === 0) {
      console.log(`${family}: entities and migrations agree, nothing to generate`);
      continue;
    }
    const file = join(SOURCE_DIR, family, `${stamp}-${name}.ts`);
    writeFileSync(file, render(`${name}${stamp}`, diff));
    writeIndex(family);
    console.log(`${family}: wrote ${file} (${diff.up.length} statements)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
