import { DataSource } from 'typeorm';
import { Membership } from '../src/people/membership.entity';
import { newPerson, newUnit } from './support/builders';
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

  it('shows an invite as a code, a link to the redeem page and a QR code of that link', async () => {
    const { invite, district } = await setUp();
    expect(invite.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(invite.link).toBe(`https://safemonth.example.cn/#/pages/invite/index?code=${invite.code}`);
    expect(invite.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(invite.qrCode.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(invite).toMatchObject({ role: 'liaison', maxUses: 1, uses: 0, unit: { id: district.id, name: '城北区', kind: 'district' } });
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
    expect(expired.body).toEqual({ error: { code: 'INVITE_EXPIRED', message: '邀请码已过期，请联系邀请人重新生成' } });
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

  it('lists the open invites of a unit', async () => {
    const { invite, district, committee } = await setUp(2);
    const listed = await t.http().get(`/api/units/${district.id}/invites`).set('authorization', committee.auth).expect(200);
    expect(listed.body.map((i: { code: string }) => i.code)).toEqual([invite.code]);
  });

  it('lets a liaison invite staff to their own unit, and nothing more', async () => {
    const { district } = await setUp();
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'staff', expiresInHours: 24, maxUses: 10 }).expect(201);
    const liaisonInvite = await t.http().post('/api/invites').set('authorization', liaison.auth).send({ unitId: district.id, role: 'liaison', expiresInHours: 24, maxUses: 1 }).expect(403);
    expect(liaisonInvite.body).toEqual({ error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } });
  });
});
