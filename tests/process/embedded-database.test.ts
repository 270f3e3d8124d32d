/**
 * The embedded database file, as `npm start` uses it: under a crash (a server taking concurrent
 * report creations is killed with SIGKILL, again and again on the same data directory; after each
 * restart every report the API acknowledged before the kill is there, and the demo data was not
 * made anew), with a file it cannot read, and with a file an earlier version wrote on sql.js.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server';

const KILLS = 5;
const WRITERS = 16;

interface Answer<T = unknown> {
  status: number;
  body: T;
}

interface Session {
  call: <T>(method: string, path: string, body?: unknown) => Promise<Answer<T>>;
}

interface Campaign {
  id: string;
  items: { id: string; fields: { id: string; kind: string }[] }[];
}

async function signIn(baseUrl: string, login = 'demo.staff'): Promise<Session> {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const signedIn = await call<{ accessToken: string }>('POST', '/api/auth/password', { login, password: 'safemonth-demo' });
  expect(signedIn.status).toBe(200);
  return { call: (method, path, body) => call(method, path, body, signedIn.body.accessToken) };
}

describe('embedded database crash safety', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'safemonth-crash-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every acknowledged report through ${KILLS} kills under concurrent writes`, async () => {
    const acknowledged: string[] = [];
    let campaignId: string | undefined;
    for (let round = 0; round <= KILLS; round++) {
      const server = await startServer({}, dataDir);
      try {
        const session = await signIn(server.baseUrl);
        const campaigns = await session.call<{ id: string }[]>('GET', '/api/campaigns');
        // The same campaign as before the kill: the database was opened, not replaced by new demo data.
        campaignId ??= campaigns.body[0].id;
        expect(campaigns.body.map((c) => c.id)).toContain(campaignId);
        for (const id of acknowledged) expect([id, (await session.call('GET', `/api/reports/${id}`)).status]).toEqual([id, 200]);
        if (round === KILLS) {
          await server.stop();
          break;
        }

        const campaign = (await session.call<Campaign>('GET', `/api/campaigns/${campaignId}`)).body;
        const me = await session.call<{ memberships: { unit: { id: string } }[] }>('GET', '/api/me');
        const unitId = me.body.memberships[0].unit.id;
        const item = campaign.items[0];
        const count = item.fields.find((f) => f.kind === 'count')!;
        const report = () => ({
          idempotencyKey: randomBytes(12).toString('hex'),
          campaignId,
          unitId,
          itemId: item.id,
          title: `第${round + 1}轮宣传活动`,
          startAt: '2027-06-16T01:00:00.000Z',
          endAt: '2027-06-16T04:00:00.000Z',
          place: '人民广场',
          description: '发放宣传资料，现场咨询',
          headcount: 30,
          mediaIds: [],
          contributions: [{ fieldId: count.id, amount: 1 }],
        });
        // Writers send reports one after another until the server is gone; the kill comes once this
        // round has some acknowledged, while the others are in flight.
        const before = acknowledged.length;
        let killed = false;
        let refusal: string | undefined;
        const writers = Array.from({ length: WRITERS }, async () => {
          while (!killed && !refusal) {
            const answer = await session.call<{ id: string }>('POST', '/api/reports', report()).catch(() => undefined);
            if (answer && answer.status < 300) acknowledged.push(answer.body.id);
            else if (answer) refusal = `${answer.status} ${JSON.stringify(answer.body)}`;
          }
        });
        while (acknowledged.length < before + 40 && !refusal) await new Promise((resolve) => setTimeout(resolve, 5));
        killed = true;
        await server.kill();
        await Promise.all(writers);
        expect(refusal).toBeUndefined();
      } catch (error) {
        await server.stop();
        throw error;
      }
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS * 40);
  });

  it.each([
    ['not a database', randomBytes(64 * 1024)],
    ['empty', Buffer.alloc(0)],
  ])('stops with a clear message on a file it cannot open (%s), and leaves the file as it was', async (_kind, content) => {
    const broken = mkdtempSync(join(tmpdir(), 'safemonth-broken-'));
    try {
      writeFileSync(join(broken, 'safemonth.sqlite'), content);
      await expect(startServer({}, broken)).rejects.toThrow(/embedded database .*safemonth\.sqlite cannot be opened/);
      expect(readFileSync(join(broken, 'safemonth.sqlite')).equals(content)).toBe(true);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('opens a database file written by the sql.js version as it is', async () => {
    const earlier = mkdtempSync(join(tmpdir(), 'safemonth-sqljs-'));
    copyFileSync(join(__dirname, '..', '..', 'server', 'test', 'fixtures', 'sqljs-demo.sqlite'), join(earlier, 'safemonth.sqlite'));
    const server = await startServer({}, earlier);
    try {
      expect(server.output()).not.toContain('Demo sign-ins');
      const session = await signIn(server.baseUrl, 'demo.committee');
      const campaigns = await session.call<{ title: string; status: string }[]>('GET', '/api/campaigns');
      expect(campaigns.body).toEqual([expect.objectContaining({ title: '2027年中卫市“安全生产月”活动', status: 'published' })]);
      const units = await session.call<{ total: number }>('GET', '/api/units');
      expect(units.body.total).toBeGreaterThan(1);
    } finally {
      await server.stop();
      rmSync(earlier, { recursive: true, force: true });
    }
  });
});
