import { DataSource } from 'typeorm';
import { RefreshToken } from '../src/auth/refresh-token.entity';
import { Person } from '../src/people/person.entity';
import { newPerson, newUnit } from './support/builders';
import { FakeWechat } from './support/fake-wechat';
import { toFreshWindow } from './support/rate-limits';
import { createTestApp, TestApp } from './support/test-app';

describe('password sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '15', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  /** A password sign-in from the client address `from`. */
  const signIn = (login: string, password: string, from: string) =>
    t.http().post('/api/auth/password').set('x-forwarded-for', from).send({ login, password });

  it('signs in with a username and password and returns tokens and the person', async () => {
    const { username, password, person } = await newPerson(t);
    const response = await t.http().post('/api/auth/password').send({ login: username, password }).expect(200);
    expect(response.body.person).toMatchObject({ id: person.id, username, hasWechat: false });
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body.refreshToken).toEqual(expect.any(String));
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body.person.id).toBe(person.id);
  });

  it('signs in with a password made of spaces, which registration allows', async () => {
    const { username } = await newPerson(t, { password: '        ' });
    await t.http().post('/api/auth/password').send({ login: username, password: '        ' }).expect(200);
  });

  it('refuses a wrong password or unknown name with the same answer', async () => {
    const { username } = await newPerson(t);
    const wrong = await t.http().post('/api/auth/password').send({ login: username, password: 'wrong-password' }).expect(401);
    const unknown = await t.http().post('/api/auth/password').send({ login: 'nobody-here', password: 'whatever1' }).expect(401);
    expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a login from an address after repeated failures there, while its owner signs in from elsewhere', async () => {
    toFreshWindow(t, 15 * 60);
    const { username, password } = await newPerson(t);
    for (let i = 0; i < 3; i++) await signIn(username, 'wrong-password', '203.0.113.7').expect(401);
    // The attacker's address: refused even with the right password, which it no longer gets to try.
    const refused = await signIn(username, password, '203.0.113.7').expect(429);
    expect(refused.body).toEqual({ error: { code: 'TOO_MANY_FAILED_SIGN_INS', message: '用户名或密码错误次数过多，请 15 分钟后再试' } });
    // The owner, elsewhere, is not locked out; nor is another login at the attacker's address.
    await signIn(username, password, '198.51.100.20').expect(200);
    const other = await newPerson(t);
    await signIn(other.username, other.password, '203.0.113.7').expect(200);
    // The same login however typed: case and spaces buy no more tries.
    await signIn(` ${username.toUpperCase()} `, password, '203.0.113.7').expect(429);
    t.advanceClock(15 * 60_000);
    await signIn(username, password, '203.0.113.7').expect(200);
  });

  it('counts failures by the address the proxy saw, whatever the client writes before it in X-Forwarded-For', async () => {
    toFreshWindow(t, 15 * 60);
    const { username } = await newPerson(t);
    // One trusted proxy (TRUST_PROXY=true) appends the address it saw; entries before it are the client's own words.
    for (let i = 0; i < 3; i++) await signIn(username, 'wrong-password', `10.0.0.${i}, 203.0.113.10`).expect(401);
    await signIn(username, 'wrong-password', '10.0.0.99, 203.0.113.10').expect(429);
  });

  it('answers an unknown login exactly as a wrong password, also beyond the threshold', async () => {
    toFreshWindow(t, 15 * 60);
    const { username } = await newPerson(t);
    for (let i = 0; i < 5; i++) {
      const known = await signIn(username, 'wrong-password', '203.0.113.8');
      const unknown = await signIn('nobody-at-all', 'wrong-password', '203.0.113.8');
      expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
      expect(known.status).toBe(i < 3 ? 401 : 429);
    }
  });

  it('resets the failure count after a successful sign-in', async () => {
    toFreshWindow(t, 15 * 60);
    const { username, password } = await newPerson(t);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await signIn(username, 'nope-nope', '203.0.113.9').expect(401);
      await signIn(username, password, '203.0.113.9').expect(200);
    }
  });

  it('refreshes once per refresh token, and revokes everything when a spent one comes back', async () => {
    const { username, password } = await newPerson(t);
    const first = (await t.http().post('/api/auth/password').send({ login: username, password }).expect(200)).body;
    const second = (await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(replay.body.error.code).toBe('UNAUTHENTICATED');
    // The replay revoked the family: the newer token is gone too.
    await t.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('signs out by revoking the refresh token', async () => {
    const { username, password } = await newPerson(t);
    const tokens = (await t.http().post('/api/auth/password').send({ login: username, password }).expect(200)).body;
    await t.http().post('/api/auth/sign-out').send({ refreshToken: tokens.refreshToken }).expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('tells an expired access token apart from a bad one', async () => {
    const { token } = await newPerson(t);
    await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    const forged = await t.http().get('/api/me').set('authorization', `Bearer ${token.slice(0, -2)}xx`).expect(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
    t.advanceClock(t.config.accessTokenTtlSeconds * 1000 + 1000);
    const expired = await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(expired.body).toEqual({ error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } });
  });

  it('drops a person\'s expired refresh tokens when issuing new ones', async () => {
    const { username, password, person } = await newPerson(t);
    const old = (await t.http().post('/api/auth/password').send({ login: username, password }).expect(200)).body;
    t.advanceClock(31 * 86_400_000);
    await t.http().post('/api/auth/password').send({ login: username, password }).expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: old.refreshToken }).expect(401);
    expect(await t.app.get(DataSource).getRepository(RefreshToken).countBy({ personId: person.id })).toBe(1);
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('refuses a client address after the limit, for password and WeChat alike, until the window ends', async () => {
    toFreshWindow(t, 60);
    const { username, password } = await newPerson(t);
    for (let i = 0; i < 3; i++) await t.http().post('/api/auth/password').send({ login: username, password }).expect(200);
    const limited = await t.http().post('/api/auth/password').send({ login: username, password }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/操作过于频繁，请 \d+ 秒后再试/);
    await t.http().post('/api/auth/wechat').send({ code: 'user-x' }).expect(429);
    t.advanceClock(61_000);
    await t.http().post('/api/auth/password').send({ login: username, password }).expect(200);
  });
});

describe('sign-in rate limit under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '10', LOCKOUT_THRESHOLD: '100' });
  });
  afterAll(() => t.close());

  it('lets exactly the limit through when 20 sign-ins arrive at once in a fresh minute', async () => {
    const { username, password } = await newPerson(t);
    toFreshWindow(t, 60);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post('/api/auth/password').send({ login: username, password })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });
});

describe('WeChat sign-in', () => {
  let t: TestApp;
  const wechat = new FakeWechat('wx-test-app', 'test-app-secret');
  beforeAll(async () => {
    await wechat.start();
    t = await createTestApp({ WECHAT_API_BASE: wechat.baseUrl, WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-app-secret' });
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  it('creates a person on the first sign-in and finds the same person the next time', async () => {
    const first = await t.http().post('/api/auth/wechat').send({ code: 'user-alice#1' }).expect(200);
    expect(first.body.person).toMatchObject({ displayName: '微信用户', hasWechat: true, username: null });
    const again = await t.http().post('/api/auth/wechat').send({ code: 'user-alice#2' }).expect(200);
    expect(again.body.person.id).toBe(first.body.person.id);
    const sent = wechat.requests.at(-1);
    expect(sent?.get('js_code')).toBe('user-alice#2');
    expect(sent?.get('grant_type')).toBe('authorization_code');
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${again.body.accessToken}`).expect(200);
    expect(me.body.memberships).toEqual([]);
  });

  it('keeps the unionid', async () => {
    const response = await t.http().post('/api/auth/wechat').send({ code: 'union-bob' }).expect(200);
    const stored = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: response.body.person.id });
    expect(stored).toMatchObject({ wechatOpenId: 'o-bob', wechatUnionId: 'u-bob' });
  });

  it.each([
    ['bad-code', 400, 'WECHAT_CODE_INVALID', '微信登录凭证无效，请重新登录'],
    ['busy-1', 429, 'WECHAT_RATE_LIMITED', '微信登录过于频繁，请稍后再试'],
    ['down-1', 502, 'WECHAT_UNAVAILABLE', '微信登录服务暂时不可用，请稍后重试'],
  ])('turns WeChat error %s into %i %s', async (code, status, errorCode, message) => {
    const response = await t.http().post('/api/auth/wechat').send({ code }).expect(status);
    expect(response.body).toEqual({ error: { code: errorCode, message } });
  });

  it('refuses a code that was already used (40163)', async () => {
    await t.http().post('/api/auth/wechat').send({ code: 'user-carol' }).expect(200);
    const reused = await t.http().post('/api/auth/wechat').send({ code: 'user-carol' }).expect(400);
    expect(reused.body).toEqual({ error: { code: 'WECHAT_CODE_USED', message: '微信登录凭证已被使用，请重新登录' } });
  });

  it('gives a clear error when WeChat cannot be reached', async () => {
    const other = await createTestApp({ WECHAT_API_BASE: 'http://127.0.0.1:9' });
    const response = await other.http().post('/api/auth/wechat').send({ code: 'user-dave' }).expect(502);
    expect(response.body.error.code).toBe('WECHAT_UNAVAILABLE');
    await other.close();
  });

  it('lets a WeChat user join a unit with an invite', async () => {
    const root = await newUnit(t);
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const invite = await t.http().post('/api/invites').set('authorization', committee.auth)
      .send({ unitId: root.id, role: 'staff', expiresInHours: 24, maxUses: 5 }).expect(201);
    const signIn = await t.http().post('/api/auth/wechat').send({ code: 'user-erin' }).expect(200);
    await t.http().post('/api/invites/redeem').set('authorization', `Bearer ${signIn.body.accessToken}`).send({ code: invite.body.code }).expect(200);
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${signIn.body.accessToken}`).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'staff', unit: expect.objectContaining({ id: root.id }) })]);
  });
});
