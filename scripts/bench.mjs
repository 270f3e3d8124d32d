#!/usr/bin/env node
// `npm run bench`: performance figures of the built server on MariaDB (TEST_DATABASE_URL), printed,
// never asserted. Each run makes its own database and drops it afterwards.
//   - sign-in (argon2id) and GET /api/me at 16 concurrent clients
//   - GET /api/units?under=<root> on a tree of 2,000 units at 16 concurrent clients, and at one (its
//     latency without queueing)
//   - POST /api/reports at 64 concurrent clients, next to a bare endpoint doing the same INSERT with mysql2,
//     the two measured in alternating periods (and GET /api/health, the framework's own floor, for scale)
//   - reviews: 64 clients accepting distinct submitted reports of 8 units at once, each as a reviewer of
//     its unit (the unit's liaison or the committee member); an accept not answered in 10 s is an error
//   - an 8 MB upload: the server's peak extra memory (one upload, and five in a row) and throughput,
//     next to a plain stream-to-disk server
//   - on the embedded database (npm start's default): the units list on 2,000 units, and
//     POST /api/reports at 64 concurrent clients
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'server', 'package.json'));
const mysql = require('mysql2/promise');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const WARM_UP_MS = 2000;
const CONCURRENCY = 16;
/** Alternating periods of each side of the ingest pair. */
const INGEST_ROUNDS = 4;
/** Units whose reports the review row accepts, and the accepts per second the prepared reports last for. */
const REVIEW_UNITS = 8;
const REVIEW_REPORTS_PER_SECOND = 1500;
/** An accept not answered by then counts as an error (a starved pool never answers). */
const REVIEW_TIMEOUT_MS = 10_000;

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
const mediaDir = mkdtempSync(join(tmpdir(), 'sm-bench-media-'));
const embeddedDir = mkdtempSync(join(tmpdir(), 'sm-bench-embedded-'));
const env = { ...process.env, JWT_SECRET: randomBytes(32).toString('hex'), MEDIA_DIR: mediaDir, DATABASE_URL: url.toString(), PORT: String(port), LOG_LEVEL: 'warn', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000', LOCKOUT_THRESHOLD: '1000000', NODE_ENV: 'development' };
// One kept-alive socket per concurrent client (each has one request in flight).
const agent = new http.Agent({ keepAlive: true });

/** Answers `{ status, body }`; status 0 when `timeoutMs` passes without an answer. */
function call(method, path, body, token, raw, toPort = port, timeoutMs = undefined) {
  return new Promise((resolve, reject) => {
    const payload = raw ?? (body ? JSON.stringify(body) : undefined);
    const request = http.request({ host: '127.0.0.1', port: toPort, method, path, agent, headers: {
      ...(payload ? { 'content-type': raw ? 'multipart/form-data; boundary=BENCH' : 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    } }, (response) => {
      let text = '';
      response.on('data', (c) => (text += c));
      response.on('end', () => resolve({ status: response.statusCode, body: text && text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : undefined }));
    });
    request.on('error', reject);
    if (timeoutMs) request.setTimeout(timeoutMs, () => {
      resolve({ status: 0 });
      request.destroy();
    });
    if (payload) request.write(payload);
    request.end();
  });
}

/**
 * Runs `makeRequest(client)` from `concurrency` clients for `ms`; the latencies go to `latencies`,
 * answers ≥ 300 and none (status 0) are counted. A client stops early when it gets null (nothing left to do).
 */
async function drive(ms, makeRequest, concurrency, latencies) {
  let errors = 0;
  const end = Date.now() + ms;
  await Promise.all(Array.from({ length: concurrency }, async (_, client) => {
    while (Date.now() < end) {
      const started = process.hrtime.bigint();
      const response = await makeRequest(client);
      if (response === null) break;
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (response.status === 0 || response.status >= 300) errors++;
    }
  }));
  return errors;
}

/**
 * A row's figures, from what one or more measured periods gathered, and its target if it has one:
 * requests answered without error per second, and the latencies of all.
 */
function row(name, { latencies, seconds, errors, cpu, target }) {
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1) : '-');
  const rate = (latencies.length - errors) / seconds;
  const perRequest = cpu === undefined || !latencies.length ? '' : `   server CPU ${(cpu / latencies.length).toFixed(2)} ms/request`;
  console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(6)} req/s   p50 ${pct(50).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms   errors ${errors}${perRequest}${target ? `   (target: ${target})` : ''}`);
  return rate;
}

/** Each row is measured after a warm-up of the same load (the runtime compiles its hot code first). */
async function load(name, makeRequest, concurrency = CONCURRENCY, pid = undefined, target = undefined) {
  await drive(WARM_UP_MS, makeRequest, concurrency, []);
  const latencies = [];
  const cpuBefore = pid && cpuMs(pid);
  const started = Date.now();
  const errors = await drive(DURATION_MS, makeRequest, concurrency, latencies);
  // The period lasts until its last requests are answered (or given up).
  return row(name, { latencies, seconds: (Date.now() - started) / 1000, errors, cpu: pid ? cpuMs(pid) - cpuBefore : undefined, target });
}

/**
 * Two endpoints under the same load, measured in `rounds` alternating periods of the usual length
 * each, after a warm-up of each. The speed this shared machine gives a process drifts by a tenth or
 * more within a minute; alternating spreads the drift over both instead of favouring whichever ran
 * first. Answers the overall rate of each and the ratio of each round's pair.
 */
async function compare(rounds, concurrency, a, b) {
  const sides = [a, b].map((side) => ({ ...side, latencies: [], errors: 0, cpu: 0, rates: [] }));
  for (const side of sides) await drive(WARM_UP_MS, side.makeRequest, concurrency, []);
  for (let round = 0; round < rounds; round++) {
    // A B, B A, A B, …: a steady drift weighs on both sides alike.
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      const before = { count: side.latencies.length, cpu: cpuMs(side.pid) };
      side.errors += await drive(DURATION_MS, side.makeRequest, concurrency, side.latencies);
      side.cpu += cpuMs(side.pid) - before.cpu;
      side.rates.push((side.latencies.length - before.count) / (DURATION_MS / 1000));
    }
  }
  const rates = sides.map((side) => row(side.name, { ...side, seconds: (rounds * DURATION_MS) / 1000 }));
  return { rates, pairs: sides[0].rates.map((rate, i) => rate / sides[1].rates[i]) };
}

/** A minimal MP4 (ftyp, moov with one 1920×1080 picture track, then `bytes` of media data). */
function mp4(bytes) {
  const box = (type, ...content) => {
    const body = Buffer.concat(content);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length + 8);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const u32 = (...values) => Buffer.concat(values.map((v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v >>> 0); return b; }));
  const identity = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
  const mvhd = box('mvhd', u32(0, 0, 0, 1000, 60000, 0x10000), Buffer.from([1, 0]), Buffer.alloc(10), identity, Buffer.alloc(24), u32(2));
  const tkhd = box('tkhd', u32(3, 0, 0, 1, 0, 60000), Buffer.alloc(16), identity, u32(1920 * 65536, 1080 * 65536));
  return Buffer.concat([box('ftyp', Buffer.from('isom'), u32(0), Buffer.from('isomiso2avc1mp41')), box('moov', mvhd, box('trak', tkhd)), box('mdat', Buffer.alloc(bytes, 0x42))]);
}

function multipartBody(file, name) {
  return Buffer.concat([
    Buffer.from(`--BENCH\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from('\r\n--BENCH--\r\n'),
  ]);
}

/** CPU time (user and system, all threads) the process has used, in ms. */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/**
 * Uploads `body` `times` times one after another. The process's peak RSS above its resting RSS
 * during the first upload (the figure for "an upload"), over the whole series (which also counts
 * the garbage the runtime has not yet collected), and MB/s.
 */
async function measureUpload(pid, path, body, token, toPort, times = 5) {
  await call('POST', path, undefined, token, multipartBody(mp4(1024), 'warm-up.mp4'), toPort);
  await new Promise((r) => setTimeout(r, 300));
  const before = rssKb(pid);
  let peak = before;
  let firstPeak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 5);
  const started = Date.now();
  for (let i = 0; i < times; i++) {
    const response = await call('POST', path, undefined, token, body, toPort);
    if (response.status >= 300) throw new Error(`upload answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (i === 0) firstPeak = Math.max(peak, rssKb(pid));
  }
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  return { firstMb: (firstPeak - before) / 1024, seriesMb: (peak - before) / 1024, mbPerSecond: (body.length * times) / 1024 / 1024 / seconds };
}

function startBaseline(mode, target) {
  const basePort = port + 1;
  const child = spawn(process.execPath, [join(root, 'scripts', 'bench-baselines.mjs'), mode, String(basePort), target], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout.on('data', () => resolve({ child, port: basePort })));
}

/** A SafeMonth server process on `onPort` with `serverEnv`, once it listens. */
async function startServer(onPort, serverEnv = env) {
  const child = spawn(process.execPath, [join(root, 'server', 'dist', 'main.js')], { env: { ...serverEnv, PORT: String(onPort) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.on('data', (c) => String(c).includes('SafeMonth is running') && resolve()));
  return child;
}

/**
 * A server on `onPort` with `serverEnv`'s database, made ready to measure: a committee (through the
 * CLI, as an operator does), 2,000 units imported under it from CSV, and a published campaign with a
 * report body for its first item.
 */
async function prepare(onPort, serverEnv) {
  const cli = spawnSync(process.execPath, [join(root, 'server', 'dist', 'cli.js'), 'create-committee', '--name', '压测市安委办', '--username', 'bench', '--password', 'bench-password'], { env: serverEnv, encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(cli.stderr);
  const server = await startServer(onPort, serverEnv);
  const signIn = await call('POST', '/api/auth/password', { login: 'bench', password: 'bench-password' }, undefined, undefined, onPort);
  const token = signIn.body.accessToken;
  const rootUnit = (await call('GET', '/api/units', undefined, token, undefined, onPort)).body.items[0];
  const rows = ['名称,上级,类型'];
  for (let d = 0; d < 20; d++) {
    rows.push(`区${d},,县区`);
    for (let e = 0; e < 99; e++) rows.push(`区${d}企业${e},区${d},企业`);
  }
  const multipart = `--BENCH\r\ncontent-disposition: form-data; name="file"; filename="u.csv"\r\ncontent-type: text/csv\r\n\r\n${rows.join('\n')}\r\n--BENCH--\r\n`;
  const started = Date.now();
  const imported = await call('POST', `/api/units/${rootUnit.id}/import`, undefined, token, multipart, onPort);
  const importMs = Date.now() - started;
  // The committee reports for its own unit in a published campaign.
  const created = await call('POST', '/api/campaigns/from-template', { templateId: 'zhongwei-2021-city', organizingUnitId: rootUnit.id, year: 2027 }, token, undefined, onPort);
  await call('POST', `/api/campaigns/${created.body.id}/publish`, undefined, token, undefined, onPort);
  const item = created.body.items[0];
  const counts = item.fields.filter((f) => f.kind === 'count');
  const report = () => ({
    idempotencyKey: randomBytes(12).toString('hex'),
    campaignId: created.body.id,
    unitId: rootUnit.id,
    itemId: item.id,
    title: '安全宣传咨询日',
    startAt: '2027-06-16T01:00:00.000Z',
    endAt: '2027-06-16T04:00:00.000Z',
    place: '人民广场',
    description: '发放宣传资料，现场咨询',
    headcount: 120,
    mediaIds: [],
    contributions: counts.slice(0, 2).map((f, i) => ({ fieldId: f.id, amount: i === 0 ? 1 : 120 })),
  });
  return { server, signIn, token, rootUnit, imported, importMs, created, report };
}

const UNITS_ROW = 'GET /api/units?under=root (2,001 units, a page of 50)';
const UNITS_TARGET = 'p50 < 20 ms';
const { server, signIn, token, rootUnit, imported, importMs, created, report } = await prepare(port, env);
try {
  console.log(`\nSafeMonth benchmarks (MariaDB, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each after ${WARM_UP_MS / 1000} s of warm-up; the ingest pair in ${INGEST_ROUNDS} alternating periods each)`);
  console.log(`import of ${imported.body.created.length} units from CSV: ${importMs} ms (one request, one transaction)`);
  await load('POST /api/auth/password (argon2id)', () => call('POST', '/api/auth/password', { login: 'bench', password: 'bench-password' }));
  await load('GET /api/me', () => call('GET', '/api/me', undefined, token));
  await load(UNITS_ROW, () => call('GET', `/api/units?under=${rootUnit.id}`, undefined, token), CONCURRENCY, undefined, UNITS_TARGET);
  await load(`${UNITS_ROW}, 1 client`, () => call('GET', `/api/units?under=${rootUnit.id}`, undefined, token), 1);

  console.log('');
  // The framework's floor: an endpoint that only asks the database `SELECT 1`.
  await load('GET /api/health (64 clients)', () => call('GET', '/api/health'), 64, server.pid);
  const bare = await startBaseline('insert', url.toString());
  const reporterId = signIn.body.person.id;
  const { rates: [ours, theirs], pairs } = await compare(
    INGEST_ROUNDS,
    64,
    { name: 'POST /api/reports (64 clients)', pid: server.pid, target: '≥ 1,000 reports/s, p99 < 100 ms', makeRequest: () => call('POST', '/api/reports', report(), token) },
    { name: 'bare mysql2 INSERT (64 clients)', pid: bare.child.pid, makeRequest: () => call('POST', '/', { ...report(), reporterId }, undefined, undefined, bare.port) },
  );
  bare.child.kill('SIGTERM');
  console.log(`ingest ratio (SafeMonth / bare): ${(ours / theirs).toFixed(2)}   (each alternating period: ${pairs.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.7)`);

  // Reviews: submitted reports of 8 districts, filed beforehand through the API; client i accepts
  // reports of unit i % 8, as that unit's liaison (odd i) or as the committee member (even i).
  const districts = imported.body.created.filter((u) => u.depth === 1).slice(0, REVIEW_UNITS);
  const liaisons = [];
  for (const [i, unit] of districts.entries()) {
    const invite = await call('POST', '/api/invites', { unitId: unit.id, role: 'liaison', expiresInHours: 24, maxUses: 1 }, token);
    const registered = await call('POST', '/api/invites/register', { code: invite.body.code, displayName: `联络员${i}`, login: `liaison${i}`, password: 'bench-password' });
    if (registered.status !== 200) throw new Error(`liaison registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    liaisons.push(registered.body.accessToken);
  }
  // Filed by a second committee member: nobody reviews their own reports.
  const filerInvite = await call('POST', '/api/invites', { unitId: rootUnit.id, role: 'committee', expiresInHours: 24, maxUses: 1 }, token);
  const filer = await call('POST', '/api/invites/register', { code: filerInvite.body.code, displayName: '报告人', login: 'filer', password: 'bench-password' });
  if (filer.status !== 200) throw new Error(`filer registration answered ${filer.status}: ${JSON.stringify(filer.body)}`);
  const queues = districts.map(() => []);
  const toFile = Math.ceil((((WARM_UP_MS + DURATION_MS) / 1000) * REVIEW_REPORTS_PER_SECOND) / REVIEW_UNITS) * REVIEW_UNITS;
  let filed = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    for (let i = filed++; i < toFile; i = filed++) {
      const made = await call('POST', '/api/reports', { ...report(), unitId: districts[i % REVIEW_UNITS].id }, filer.body.accessToken);
      if (made.status !== 201) throw new Error(`filing a report to review answered ${made.status}: ${JSON.stringify(made.body)}`);
      queues[i % REVIEW_UNITS].push(made.body.id);
    }
  }));
  const failures = {};
  let ranOut = false;
  const accept = (client) => {
    const unit = client % REVIEW_UNITS;
    const id = queues[unit].pop();
    if (!id) {
      ranOut = true;
      return null;
    }
    return call('POST', `/api/reports/${id}/review`, { action: 'accept' }, client % 2 ? liaisons[unit] : token, undefined, port, REVIEW_TIMEOUT_MS).then((response) => {
      if (response.status === 0 || response.status >= 300) failures[response.status || 'no answer'] = (failures[response.status || 'no answer'] ?? 0) + 1;
      return response;
    });
  };
  console.log(`(${toFile} submitted reports in ${REVIEW_UNITS} units to accept)`);
  await load(`accepts, ${REVIEW_UNITS} units (64 clients)`, accept, 64, server.pid, '≥ 300 accepts/s, 0 errors');
  if (Object.keys(failures).length) console.log(`failed accepts (warm-up included) by answer: ${JSON.stringify(failures)}${failures['no answer'] ? ` (no answer within ${REVIEW_TIMEOUT_MS / 1000} s)` : ''}`);
  if (ranOut) console.log('(the prepared reports ran out before the end: the rate above is a floor)');

  // An 8 MB upload: streaming memory and throughput, in a fresh server process like the baseline's
  // (the one above has grown and freed memory under load, which would hide what an upload takes).
  const eight = multipartBody(mp4(8 * 1024 * 1024), 'scene.mp4');
  const fresh = await startServer(port + 2);
  const mine = await measureUpload(fresh.pid, `/api/campaigns/${created.body.id}/units/${rootUnit.id}/media`, eight, token, port + 2);
  fresh.kill('SIGTERM');
  const dir = mkdtempSync(join(tmpdir(), 'sm-bench-upload-'));
  const plain = await startBaseline('upload', dir);
  const baseline = await measureUpload(plain.child.pid, '/', eight, undefined, plain.port);
  plain.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  const uploadRow = (name, r) =>
    console.log(`${name.padEnd(31)} peak extra memory ${r.firstMb.toFixed(1).padStart(5)} MB (5 in a row: ${r.seriesMb.toFixed(1)} MB)   ${r.mbPerSecond.toFixed(0)} MB/s`);
  uploadRow('8 MB upload, SafeMonth:', mine);
  uploadRow('8 MB upload, stream to disk:', baseline);
  console.log('(target: SafeMonth\'s peak extra memory for an 8 MB upload < 16 MB)');

  // The embedded database (npm start's default), in a data directory of its own.
  const embedded = await prepare(port + 3, { ...env, DATABASE_URL: '', DATA_DIR: embeddedDir, MEDIA_DIR: join(embeddedDir, 'media'), DEMO_DATA: 'false' });
  try {
    console.log('\nEmbedded SQLite (better-sqlite3, WAL, synchronous=FULL)');
    await load(UNITS_ROW, () => call('GET', `/api/units?under=${embedded.rootUnit.id}`, undefined, embedded.token, undefined, port + 3), CONCURRENCY, undefined, UNITS_TARGET);
    await load(`${UNITS_ROW}, 1 client`, () => call('GET', `/api/units?under=${embedded.rootUnit.id}`, undefined, embedded.token, undefined, port + 3), 1);
    await load('POST /api/reports (64 clients)', () => call('POST', '/api/reports', embedded.report(), embedded.token, undefined, port + 3), 64, embedded.server.pid, '≥ 500 reports/s, p99 < 200 ms');
  } finally {
    embedded.server.kill('SIGTERM');
  }
} finally {
  server.kill('SIGTERM');
  rmSync(mediaDir, { recursive: true, force: true });
  rmSync(embeddedDir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
