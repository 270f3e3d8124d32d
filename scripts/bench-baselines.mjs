#!/usr/bin/env node
// The baselines `npm run bench` compares SafeMonth with, each in its own process like the server:
//   insert <port> <databaseUrl>  an HTTP endpoint that parses the report JSON and does the same
//                                INSERT into `report` with mysql2 directly (no framework, no rules);
//   upload <port> <dir>          an HTTP endpoint that streams the request body to a file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const [mode, port, target] = process.argv.slice(2);
const require = createRequire(join(import.meta.dirname, '..', 'server', 'package.json'));

if (mode === 'insert') {
  const mysql = require('mysql2/promise');
  const pool = mysql.createPool({ uri: target.replace(/^mariadb:/, 'mysql:'), connectionLimit: 10, timezone: 'Z' });
  http
    .createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const r = JSON.parse(text);
      const id = randomUUID();
      await pool.query(
        'INSERT INTO report (id, idempotencyKey, campaignId, unitId, itemId, reporterId, title, startAt, endAt, place, latitudeE6, longitudeE6, description, headcount, additions, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, r.idempotencyKey, r.campaignId, r.unitId, r.itemId, r.reporterId, r.title, new Date(r.startAt), new Date(r.endAt), r.place, null, null, r.description, r.headcount, JSON.stringify(r.contributions), 'submitted'],
      );
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    })
    .listen(Number(port), '127.0.0.1', () => console.log('ready'));
} else if (mode === 'upload') {
  http
    .createServer(async (req, res) => {
      await pipeline(req, createWriteStream(join(target, randomUUID())));
      res.writeHead(201);
      res.end();
    })
    .listen(Number(port), '127.0.0.1', () => console.log('ready'));
}
