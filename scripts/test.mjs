#!/usr/bin/env node
// `npm test`: every test of the workspace, in the order that lets each step use the one before.
//  1. unit tests (shared, server, mini program) and the server's API tests on embedded SQLite and
//     on a real MariaDB (TEST_DATABASE_URL, default mariadb://root@127.0.0.1:3306/test);
//  2. the production builds: server, h5 and weapp (printing the weapp main package size);
//  3. the tests of the built product: the server as a process on its embedded database (crashes),
//     two server processes on one MariaDB database delivering reminders (the outbox, a process killed),
//     and the browser tests, Playwright with Debian's chromium on the built h5 app and the real server.
// Without MariaDB the API tests run on SQLite only, with a warning; with CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { weappPackageSizes } from './weapp-size.mjs';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'server', 'package.json'));
const outputDir = join(root, '.test-output');
rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });
const totals = { passed: 0, failed: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function jest(title, args) {
  const output = join(outputDir, `${title.replace(/\W+/g, '-')}.json`);
  const ok = run(title, 'npx', ['jest', '--ci', '--json', `--outputFile=${output}`, ...args]);
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } catch {
    totals.failed += 1;
  }
  return ok;
}

async function mariadbReachable() {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306/test');
  const mysql = require('mysql2/promise');
  try {
    const connection = await mysql.createConnection({
      host: url.hostname, port: Number(url.port || 3306), user: url.username, password: url.password, connectTimeout: 5000,
    });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch (error) {
    console.warn(`MariaDB at ${url.host} is not reachable: ${error.message}`);
    return false;
  }
}

function finish(ok) {
  console.log(`\nSafeMonth tests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

let ok = run('build shared', 'npm', ['run', 'build', '-w', '@safemonth/shared']);
if (!ok) finish(false);

const projects = ['shared', 'server-unit', 'server-sqlite', 'miniapp'];
if (await mariadbReachable()) projects.push('server-mariadb');
else if (process.env.CI) {
  console.error('CI=true and MariaDB is unreachable: the API tests must run against it. Failing.');
  totals.failed += 1;
  finish(false);
} else {
  console.warn('WARNING: MariaDB unreachable, so the API tests run on embedded SQLite only, and the process tests that need it are skipped (start MariaDB: see README).');
  process.env.TEST_MARIADB_UNREACHABLE = '1';
}
ok = jest('unit and API tests', ['--selectProjects', ...projects, '--maxWorkers=2']) && ok;

ok = run('build server', 'npm', ['run', 'build', '-w', '@safemonth/server']) && ok;
ok = run('build h5', 'npm', ['run', 'build:h5', '-w', '@safemonth/miniapp']) && ok;
const weappBuilt = run('build weapp', 'npm', ['run', 'build:weapp', '-w', '@safemonth/miniapp']);
ok = weappBuilt && ok;
if (weappBuilt) {
  const sizes = weappPackageSizes(join(root, 'miniapp', 'dist', 'weapp'));
  console.log(`weapp main package: ${(sizes.main / 1024).toFixed(1)} KB (WeChat's limit: 2048 KB)`);
  for (const [name, bytes] of Object.entries(sizes.subpackages)) console.log(`weapp subpackage ${name}: ${(bytes / 1024).toFixed(1)} KB`);
  if (sizes.main > 2 * 1024 * 1024) {
    console.error('The weapp main package is over 2 MB: WeChat refuses to upload it.');
    ok = false;
  }
}
if (ok) ok = jest('process and browser tests', ['-c', 'tests/jest.config.js', '--runInBand']) && ok;
finish(ok);
