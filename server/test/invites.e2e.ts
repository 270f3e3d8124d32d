import QRCode from 'qrcode';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock';
import { Invite } from '../src/invites/invite.entity';
import { CODE_ALPHABET } from '../src/invites/invites.service';
import { Membership } from '../src/people/membership.entity';
import { newPerson, newUnit } from './support/builders';
import { toFreshWindow } from './support/rate-limits';
import { createTestApp, TestApp } from './support/test-app';

describe('invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://safemonth.example.cn' });
  });
  afterAll(() => t.close());

  async function setUp(maxUses = 1, expiresInHours = 24, role = 'liaison') {
    const root = await newUnit(t);
    const district = await newUnit(t, { parent: root, name: '城北区', kind: 'district' });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const invite = await t.http().post('/api/invites').set('authorization', committee.auth)
      .send({ unitId: district.id, role, expiresInHours, maxUses }).expect(201);
    return { root, district, committee, invite: invite.body };
  }

  it('shows an invite as a code and a link to the redeem page', async () => {
    const { invite, district } = await setUp();
    expect(invite.code).toMatch(/^[A-HJKMNP-Z2-9]{13}$/);
    expect(invite.link).toBe(`https://safemonth.example.cn/#/pages/invite/index?code=${invite.code}`);
    expect(invite).toEqual({
      id: expect.any(String), code: invite.code, link: invite.link, expiresAt: expect.any(String),
      role: 'liaison', maxUses: 1, uses: 0, unit: { id: district.id, name: '城北区', kind: 'district' },
    });
  });

  it('makes codes of at least 60 random bits, easy to read, and still takes the short codes made before', async () => {
    const { invite, committee, district } = await setUp(5);
    expect(CODE_ALPHABET).toMatch(/^[A-HJKMNP-Z2-9]+$/);
    expect([...invite.code].every((letter) => CODE_ALPHABET.includes(letter))).toBe(true);
    expect(invite.code.length * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    // Typed in groups, with dashes or spaces, in any case.
    const typed = `${invite.code.slice(0, 4)}-${invite.code.slice(4, 8).toLowerCase()} ${invite.code.slice(8)}`;
    await t.http().get(`/api/invites/${encodeURIComponent(typed)}/preview`).expect(200);
    await t.http().post('/api/invites/redeem').set('authorization', (await newPerson(t)).auth).send({ code: typed }).expect(200);
    // An 8-letter code of an invitation sent before the longer codes.
    await t.app.get(DataSource).getRepository(Invite).insert({
      id: '00000000-0000-4000-8000-00000000c0de', code: 'ABCD2345', unitId: district.id, role: 'staff',
      createdById: committee.person.id, expiresAt: new Date(t.app.get(Clock).now().getTime() + 86_400_000), maxUses: 1, uses: 0,
    });
    await t.http().get('/api/invites/abcd2345/preview').expect(200);
  });

  it('lists invites without QR images, which are rendered one invite at a time on request', async () => {
    const { invite, district, committee } = await setUp(2);
    const listed = await t.http().get(`/api/units/${district.id}/invites`).set('authorization', committee.auth).expect(200);
    expect(listed.body).toEqual({ items: [invite], total: 1, page: 1, size: 50 });

    const qr = await t.http().get(`/api/units/${district.id}/invites/${invite.id}/qr`).set('authorization', committee.auth).expect(200);
    expect(qr.headers['cache-control']).toBe('private, no-store');
    expect(Object.keys(qr.body)).toEqual(['dataUrl']);
    const expected = expectedModules(invite.link);
    expect(await qrModules(qr.body.dataUrl, expected.length)).toEqual(expected);
  });

  it('pages the open invites, newest first, with their total', async () => {
    const { district, committee, invite } = await setUp(1);
    const made: { id: string; code: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await t.http().post('/api/invites').set('authorization', committee.auth)
        .send({ unitId: district.id, role: 'staff', expiresInHours: 24, maxUses: 1 }).expect(201);
      made.push(created.body);
    }
    // Made a minute apart (the embedded database keeps creation times to the second).
    const invites = t.app.get(DataSource).getRepository(Invite);
    for (const [i, { id }] of [invite, ...made].entries()) await invites.update({ id }, { createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    // Used up: neither listed nor counted.
    await t.http().post('/api/invites/redeem').set('authorization', (await newPerson(t)).auth).send({ code: made[0].code }).expect(200);
    const page = async (n: number) =>
      (await t.http().get(`/api/units/${district.id}/invites?page=${n}&size=2`).set('authorization', committee.auth).expect(200)).body;
    const first = await page(1);
    const second = await page(2);
    expect([first.total, first.page, first.size, second.total, second.page, second.size]).toEqual([4, 1, 2, 4, 2, 2]);
    expect([...first.items, ...second.items].map((listed: { id: string }) => listed.id)).toEqual([made[3].id, made[2].id, made[1].id, invite.id]);
    expect(await page(3)).toEqual({ items: [], total: 4, page: 3, size: 2 });
    const tooBig = await t.http().get(`/api/units/${district.id}/invites?size=1000`).set('authorization', committee.auth).expect(400);
    expect(tooBig.body.error.details).toEqual([{ field: 'size', message: '每页最多 200 条' }]);
  });

  it('answers an invite\'s QR code to whoever may list the unit\'s invites, and only for that unit\'s open invites', async () => {
    const { invite, district, root, committee } = await setUp(1);
    const qr = (unitId: string, inviteId: string, auth?: string) => {
      const call = t.http().get(`/api/units/${unitId}/invites/${inviteId}/qr`);
      return auth ? call.set('authorization', auth) : call;
    };
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    const staff = await newPerson(t, { role: 'staff', unit: district });
    const elsewhere = await newPerson(t, { role: 'committee', unit: await newUnit(t) });
    // As the list: the unit's committee above it may; its staff and other trees may not (to another
    // tree the unit is missing); its liaison sees only the invites they could give (staff ones), so
    // this liaison invite is missing to them: no liaison passes on a liaison or committee invite.
    for (const [who, status] of [[committee, 200], [staff, 403], [elsewhere, 404]] as const) {
      await t.http().get(`/api/units/${district.id}/invites`).set('authorization', who.auth).expect(status);
      const answer = await qr(district.id, invite.id, who.auth).expect(status);
      if (status === 403) expect(answer.body).toEqual({ error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } });
      if (status === 404) expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
    }
    const staffInvite = await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'staff', expiresInHours: 24, maxUses: 3 }).expect(201);
    const seenByLiaison = await t.http().get(`/api/units/${district.id}/invites`).set('authorization', liaison.auth).expect(200);
    expect(seenByLiaison.body.items.map((i: { id: string }) => i.id)).toEqual([staffInvite.body.id]);
    expect((await qr(district.id, invite.id, liaison.auth).expect(404)).body).toEqual({ error: { code: 'INVITE_NOT_FOUND', message: '邀请不存在' } });
    await qr(district.id, staffInvite.body.id, liaison.auth).expect(200);
    expect((await qr(district.id, invite.id).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    // The invite is looked up within the unit of the route, the one whose rule was checked.
    const notHere = await qr(root.id, invite.id, committee.auth).expect(404);
    expect(notHere.body).toEqual({ error: { code: 'INVITE_NOT_FOUND', message: '邀请不存在' } });
    await qr(district.id, '00000000-0000-4000-8000-000000000000', committee.auth).expect(404);
    await qr('00000000-0000-4000-8000-000000000000', invite.id, committee.auth).expect(404);
    // Invites the list no longer shows get no QR code.
    await t.http().post('/api/invites/redeem').set('authorization', (await newPerson(t)).auth).send({ code: invite.code }).expect(200);
    expect((await qr(district.id, invite.id, committee.auth).expect(410)).body.error.code).toBe('INVITE_USED_UP');
    const later = await setUp(5, 1);
    t.advanceClock(3600_000 + 1000);
    const signedInLater = await newPerson(t, { role: 'committee', unit: later.root });
    expect((await qr(later.district.id, later.invite.id, signedInLater.auth).expect(410)).body.error.code).toBe('INVITE_EXPIRED');
  });

  it('revokes an invite: no longer listed, previewed, redeemed or shown as a QR code', async () => {
    const { invite, district, committee } = await setUp(5);
    const revoke = (unitId: string, inviteId: string, auth = committee.auth) =>
      t.http().delete(`/api/units/${unitId}/invites/${inviteId}`).set('authorization', auth);
    await revoke(district.id, invite.id).expect(204);
    expect((await t.http().get(`/api/units/${district.id}/invites`).set('authorization', committee.auth).expect(200)).body.total).toBe(0);
    const gone = { error: { code: 'INVITE_EXPIRED', message: '邀请码已过期或已被撤销，请联系邀请人重新生成' } };
    expect((await t.http().get(`/api/invites/${invite.code}/preview`).expect(410)).body).toEqual(gone);
    const someone = await newPerson(t);
    expect((await t.http().post('/api/invites/redeem').set('authorization', someone.auth).send({ code: invite.code }).expect(410)).body).toEqual(gone);
    await t.http().get(`/api/units/${district.id}/invites/${invite.id}/qr`).set('authorization', committee.auth).expect(410);
    // Again: nothing more to take back.
    await revoke(district.id, invite.id).expect(204);
  });

  it('revokes only the invites of the unit named, and only those the caller could make', async () => {
    const { invite, district, root, committee } = await setUp(1, 24, 'liaison');
    const revoke = (unitId: string, inviteId: string, auth = committee.auth) =>
      t.http().delete(`/api/units/${unitId}/invites/${inviteId}`).set('authorization', auth);
    expect((await revoke(root.id, invite.id).expect(404)).body).toEqual({ error: { code: 'INVITE_NOT_FOUND', message: '邀请不存在' } });
    const stranger = await newPerson(t, { role: 'committee', unit: await newUnit(t) });
    expect((await revoke(district.id, invite.id, stranger.auth).expect(404)).body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
    // The unit's liaison may take back only the staff invites, the ones they could give.
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    expect((await revoke(district.id, invite.id, liaison.auth).expect(403)).body).toEqual({ error: { code: 'FORBIDDEN', message: '您只能撤销您有权发出的邀请' } });
    const staffInvite = await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'staff', expiresInHours: 24, maxUses: 3 }).expect(201);
    await revoke(district.id, staffInvite.body.id, liaison.auth).expect(204);
    await t.http().get(`/api/invites/${invite.code}/preview`).expect(200);
  });

  it('previews an invite to anyone holding the code, in any case and spacing', async () => {
    const { invite } = await setUp();
    const typed = `${invite.code.slice(0, 4).toLowerCase()} ${invite.code.slice(4)}`;
    const preview = await t.http().get(`/api/invites/${encodeURIComponent(typed)}/preview`).expect(200);
    expect(preview.body).toMatchObject({ code: invite.code, role: 'liaison', unit: { name: '城北区' } });
  });

  it('adds the membership when a signed-in person redeems, once per person', async () => {
    const { invite, district } = await setUp(2);
    const someone = await newPerson(t);
    const redeemed = await t.http().post('/api/invites/redeem').set('authorization', someone.auth).send({ code: invite.code }).expect(200);
    expect(redeemed.body.membership).toMatchObject({ role: 'liaison', unit: { id: district.id } });
    // Redeeming again changes nothing and uses nothing.
    await t.http().post('/api/invites/redeem').set('authorization', someone.auth).send({ code: invite.code }).expect(200);
    const me = await t.http().get('/api/me').set('authorization', someone.auth).expect(200);
    expect(me.body.memberships).toHaveLength(1);
    const other = await newPerson(t);
    await t.http().post('/api/invites/redeem').set('authorization', other.auth).send({ code: invite.code }).expect(200);
  });

  it('registers a password account with an invite and signs it in', async () => {
    const { invite, district } = await setUp();
    const response = await t.http().post('/api/invites/register')
      .send({ code: invite.code, displayName: '赵联络', login: '13912345678', password: 'a-good-password' }).expect(200);
    expect(response.body.person).toMatchObject({ displayName: '赵联络', phone: '13912345678', username: null });
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'liaison', unit: expect.objectContaining({ id: district.id }) })]);
    await t.http().post('/api/auth/password').send({ login: '13912345678', password: 'a-good-password' }).expect(200);
  });

  it('refuses registration with a taken login or a bad one, and uses no invite for it', async () => {
    const { invite } = await setUp();
    const existing = await newPerson(t);
    const taken = await t.http().post('/api/invites/register')
      .send({ code: invite.code, displayName: '重复', login: existing.username, password: 'a-good-password' }).expect(409);
    expect(taken.body.error.message).toBe('该用户名已被使用，请换一个');
    const bad = await t.http().post('/api/invites/register')
      .send({ code: invite.code, displayName: '坏号', login: '12345', password: 'a-good-password' }).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '手机号应为 11 位数字，以 1 开头', details: [{ field: 'login', message: '手机号应为 11 位数字，以 1 开头' }] });
    const short = await t.http().post('/api/invites/register')
      .send({ code: invite.code, displayName: '短', login: 'shortpw', password: 'short' }).expect(400);
    expect(short.body.error.details).toEqual([{ field: 'password', message: '密码至少 8 位' }]);
    await t.http().get(`/api/invites/${invite.code}/preview`).expect(200);
  });

  it('refuses unknown, expired and used-up codes with clear errors', async () => {
    const unknown = await t.http().get('/api/invites/ZZZZZZZZ/preview').expect(404);
    expect(unknown.body).toEqual({ error: { code: 'INVITE_NOT_FOUND', message: '邀请码不存在，请核对后重新输入' } });

    const { invite } = await setUp(1);
    const first = await newPerson(t);
    await t.http().post('/api/invites/redeem').set('authorization', first.auth).send({ code: invite.code }).expect(200);
    const second = await newPerson(t);
    const usedUp = await t.http().post('/api/invites/redeem').set('authorization', second.auth).send({ code: invite.code }).expect(410);
    expect(usedUp.body).toEqual({ error: { code: 'INVITE_USED_UP', message: '邀请码的使用次数已用完，请联系邀请人重新生成' } });

    const later = await setUp(5, 1);
    t.advanceClock(3600_000 + 1000);
    const third = await newPerson(t);
    const expired = await t.http().post('/api/invites/redeem').set('authorization', third.auth).send({ code: later.invite.code }).expect(410);
    expect(expired.body).toEqual({ error: { code: 'INVITE_EXPIRED', message: '邀请码已过期或已被撤销，请联系邀请人重新生成' } });
    await t.http().get(`/api/invites/${later.invite.code}/preview`).expect(410);
  });

  it('never lets concurrent redemptions exceed the invite\'s uses', async () => {
    const { invite, district } = await setUp(3, 24, 'staff');
    const people = await Promise.all(Array.from({ length: 8 }, () => newPerson(t)));
    const answers = await Promise.all(
      people.map((p) => t.http().post('/api/invites/redeem').set('authorization', p.auth).send({ code: invite.code })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 410, 410, 410, 410, 410]);
    const members = await t.app.get(DataSource).getRepository(Membership).countBy({ unitId: district.id, role: 'staff' });
    expect(members).toBe(3);
  });

  it('lets a liaison invite staff to their own unit, and nothing more', async () => {
    const { district } = await setUp();
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'staff', expiresInHours: 24, maxUses: 10 }).expect(201);
    const liaisonInvite = await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'liaison', expiresInHours: 24, maxUses: 1 }).expect(403);
    expect(liaisonInvite.body).toEqual({ error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } });
  });
});

describe('invitation code guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ INVITE_RATE_LIMIT_PER_MINUTE: '4', INVITE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  async function openInvite(maxUses = 10) {
    const root = await newUnit(t);
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const invite = await t.http().post('/api/invites').set('authorization', committee.auth)
      .send({ unitId: root.id, role: 'staff', expiresInHours: 24, maxUses }).expect(201);
    return invite.body as { code: string };
  }
  const preview = (code: string, from: string) => t.http().get(`/api/invites/${code}/preview`).set('x-forwarded-for', from);
  const redeem = (code: string, auth: string, from: string) =>
    t.http().post('/api/invites/redeem').set('authorization', auth).set('x-forwarded-for', from).send({ code });
  const tooMany = { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^邀请码输错次数过多，请 \d+ 秒后再试$/) } };

  it('refuses an address every code after too many wrong ones in a minute, previews and registrations alike', async () => {
    const { code } = await openInvite();
    toFreshWindow(t, 60);
    // Right codes never add up.
    for (let i = 0; i < 6; i++) await preview(code, '203.0.113.50').expect(200);
    for (let i = 0; i < 4; i++) await preview(`WRONG${i}CODE2345`, '203.0.113.50').expect(404);
    expect((await preview('WRONGCODE23456', '203.0.113.50').expect(429)).body).toEqual(tooMany);
    // Beyond the limit the right code is refused too, so that guessing there learns nothing.
    await preview(code, '203.0.113.50').expect(429);
    const registration = { code, displayName: '钱七', login: `qian${Date.now().toString(36)}`, password: 'a-good-password' };
    await t.http().post('/api/invites/register').set('x-forwarded-for', '203.0.113.50').send(registration).expect(429);
    // Other addresses are not affected, and the next minute starts afresh.
    await preview(code, '198.51.100.50').expect(200);
    t.advanceClock(60_000);
    await preview(code, '203.0.113.50').expect(200);
  });

  it('counts wrong redemptions per account and per address', async () => {
    const { code } = await openInvite();
    const [first, second, third] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    toFreshWindow(t, 60);
    for (let i = 0; i < 2; i++) await redeem(`WRONG${i}CODE2345`, first.auth, '203.0.113.60').expect(404);
    // The account is at its limit, from any address, for any code.
    expect((await redeem('WRONGCODE23456', first.auth, '198.51.100.60').expect(429)).body).toEqual(tooMany);
    await redeem(code, first.auth, '198.51.100.60').expect(429);
    // The address is at its limit after two more, for any account.
    for (let i = 0; i < 2; i++) await redeem(`WRONG${i}CODE6789`, second.auth, '203.0.113.60').expect(404);
    await redeem(code, third.auth, '203.0.113.60').expect(429);
    // Refused by the address, the third account was not charged: elsewhere it redeems.
    await redeem(code, third.auth, '198.51.100.61').expect(200);
    t.advanceClock(60_000);
    await redeem(code, first.auth, '203.0.113.60').expect(200);
  });

  it('holds the limit when many wrong codes come at once', async () => {
    toFreshWindow(t, 60);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => preview(`BURST${i}CODE2345`, '203.0.113.70')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(4).fill(404), ...Array(8).fill(429)]);
  });
});

/** The modules (dark or not) of the QR code encoding `text`, row by row. */
function expectedModules(text: string): boolean[][] {
  const { size, data } = QRCode.create(text).modules;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => Boolean(data[row * size + column])));
}

/** Reads a PNG data URL back as `size` × `size` modules (each module's centre pixel), as a scanner would. */
async function qrModules(dataUrl: string, size: number): Promise<boolean[][]> {
  const [prefix, base64] = dataUrl.split(',');
  expect(prefix).toBe('data:image/png;base64');
  const { data, info } = await sharp(Buffer.from(base64, 'base64')).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x: number, y: number) => data[y * info.width + x] < 128;
  // The symbol's box: its corners are finder patterns, so dark pixels reach all four sides.
  let [left, top, right, bottom] = [info.width, info.height, -1, -1];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (dark(x, y)) [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  const [width, height] = [(right - left + 1) / size, (bottom - top + 1) / size];
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => dark(Math.floor(left + (column + 0.5) * width), Math.floor(top + (row + 0.5) * height))),
  );
}
