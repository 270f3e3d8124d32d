#!/usr/bin/env node
// `npm run bench`: performance figures of the built server on MariaDB (TEST_DATABASE_URL), printed,
// never asserted. Each run makes its own database and drops it afterwards.
//   - sign-in (argon2id) and GET /api/me at 16 concurrent clients
//   - GET /api/units?under=<root> on a tree of 2,000 units at 16 concurrent clients
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'server', 'package.json'));
const mysql = require('mysql2/promise');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = 16;

for (const w of ['@safemonth/shared', '@safemonth/server']) {
  if (spawnSync('npm', ['run', 'build', '-w', w], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const base = new URL(process.env.TEST_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306/test');
const dbName = `sm_bench_${randomBytes(4).toString('hex')}`;
const admin = await mysql.createConnection({ host: base.hostname, port: Number(base.port || 3306), user: base.username, password: base.password });
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const url = new URL(base.toString());
url.pathname = `/${dbName}`;
const port = 3900 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), LOG_LEVEL: 'warn', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000', NODE_ENV: 'development' };
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(method, path, body, token, raw) {
  return new Promise((resolve, reject) => {
    const payload = raw ?? (body ? JSON.stringify(body) : undefined);
    const request = http.request({ host: '127.0.0.1', port, method, path, agent, headers: {
      ...(payload ? { 'content-type': raw ? 'multipart/form-data; boundary=BENCH' : 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    } }, (response) => {
      let text = '';
      response.on('data', (c) => (text += c));
      response.on('end', () => resolve({ status: response.statusCode, body: text ? JSON.parse(text) : undefined }));
    });
    request.on('error', reject);
    if (payload) request.write(payload);
    request.end();
  });
}

async function load(name, makeRequest) {
  const latencies = [];
  let errors = 0;
  const end = Date.now() + DURATION_MS;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const started = process.hrtime.bigint();
      const response = await makeRequest();
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (response.status >= 300) errors++;
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`${name.padEnd(34)} ${(latencies.length / (DURATION_MS / 1000)).toFixed(0).padStart(6)} req/s   p50 ${pct(50).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms   errors ${errors}`);
}

const cli = spawnSync(process.execPath, [join(root, 'server', 'dist', 'cli.js'), 'create-committee', '--name', '压测市安委办', '--username', 'bench', '--password', 'bench-password'], { env, encoding: 'utf8' });
if (cli.status !== 0) throw new Error(cli.stderr);
const server = spawn(process.execPath, [join(root, 'server', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
try {
  await new Promise((resolve) => server.stdout.on('data', (c) => String(c).includes('SafeMonth is running') && resolve()));
  const signIn = await call('POST', '/api/auth/password', { login: 'bench', password: 'bench-password' });
  const token = signIn.body.accessToken;
  const rootUnit = signIn.status === 200 && (await call('GET', '/api/units', undefined, token)).body[0];
  const rows = ['名称,上级,类型'];
  for (let d = 0; d < 20; d++) {
    rows.push(`区${d},,县区`);
    for (let e = 0; e < 99; e++) rows.push(`区${d}企业${e},区${d},企业`);
  }
  const csv = rows.join('\n');
  const multipart = `--BENCH\r\ncontent-disposition: form-data; name="file"; filename="u.csv"\r\ncontent-type: text/csv\r\n\r\n${csv}\r\n--BENCH--\r\n`;
  const started = Date.now();
  const imported = await call('POST', `/api/units/${rootUnit.id}/import`, undefined, token, multipart);
  console.log(`\nSafeMonth benchmarks (MariaDB, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each)`);
  console.log(`import of ${imported.body.created.length} units from CSV: ${Date.now() - started} ms (one request, one transaction)`);
  await load('POST /api/auth/password (argon2id)', () => call('POST', '/api/auth/password', { login: 'bench', password: 'bench-password' }));
  await load('GET /api/me', () => call('GET', '/api/me', undefined, token));
  await load('GET /api/units?under=root (2,001)', () => call('GET', `/api/units?under=${rootUnit.id}`, undefined, token));
} finally {
  server.kill('SIGTERM');
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
