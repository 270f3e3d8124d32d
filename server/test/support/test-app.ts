import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import type { Response } from 'superagent';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/config';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306/test';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Moves the server's clock by `ms` (expiry, lockouts). */
  advanceClock: (ms: number) => void;
  close: () => Promise<void>;
}

/** A database of its own for one test file: a fresh MariaDB schema, or an in-memory SQLite. */
export async function freshDatabase(): Promise<{ env: Record<string, string>; sqlitePath?: string; drop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE !== 'mariadb') return { env: {}, sqlitePath: ':memory:', drop: async () => undefined };
  const base = new URL(TEST_DATABASE_URL);
  const name = `sm_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: base.username, password: base.password });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const connection = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: base.username, password: base.password });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

/** The real server, on the test file's own database, driven through HTTP with supertest. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const mediaDir = mkdtempSync(join(tmpdir(), 'safemonth-media-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
      DATA_DIR: '/tmp/safemonth-test-data',
      // Each app its own media folder, so that tests that look for leftover files see only theirs.
      MEDIA_DIR: mediaDir,
      H5_DIR: '/nonexistent',
      ...database.env,
      ...env,
    },
    { sqlitePath: database.sqlitePath },
  );
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const clock = app.get(Clock);
  let offset = 0;
  const realNow = clock.now.bind(clock);
  clock.now = () => new Date(realNow().getTime() + offset);
  const server = app.getHttpServer();
  return {
    app,
    config,
    http: () => request(server),
    advanceClock: (ms) => {
      offset += ms;
    },
    close: async () => {
      try {
        await app.close();
      } finally {
        // Also after a test took the database connection away under the app.
        await database.drop();
        rmSync(mediaDir, { recursive: true, force: true });
      }
    },
  };
}

/** A supertest parser that keeps a binary answer (e.g. an XLSX file) as one Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
