import { ErrorCode, NoticeKind, WechatSubscriptionsDto } from '@safemonth/shared';
import { TokensService } from '../src/auth/tokens.service';
import { Clock } from '../src/common/clock';
import { newId } from '../src/common/columns';
import { Database } from '../src/database/database.service';
import type { SendOutcome } from '../src/notifications/channel';
import { EmailChannel } from '../src/notifications/channels/email.channel';
import { WechatAccessTokens } from '../src/notifications/channels/wechat-access-token';
import { WechatSubscription } from '../src/notifications/channels/wechat-subscription.entity';
import { WechatSubscriptionsService } from '../src/notifications/channels/wechat-subscriptions.service';
import { WechatToken } from '../src/notifications/channels/wechat-token.entity';
import { WechatChannel } from '../src/notifications/channels/wechat.channel';
import { WecomRobot } from '../src/notifications/channels/wecom-robot.entity';
import { WecomRobotsService } from '../src/notifications/channels/wecom-robots.service';
import { WecomChannel } from '../src/notifications/channels/wecom.channel';
import type { Notice } from '../src/notifications/notice';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { PeopleService } from '../src/people/people.service';
import { Person } from '../src/people/person.entity';
import { UnitsService } from '../src/units/units.service';
import { newPerson, newUnit } from './support/builders';
import { FakeWechat } from './support/fake-wechat';
import { FakeWecom } from './support/fake-wecom';
import { toFreshWindow } from './support/rate-limits';
import { SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

const APP_ID = 'wx-test-app';
const APP_SECRET = 'test-app-secret';
const REMINDER_TEMPLATE = 'tpl-Reminder-1';
const PUBLIC_BASE_URL = 'https://safemonth.example.cn';
const LINK = '/subpackages/unit/index/index?campaignId=c1&unitId=u1';

let t: TestApp;
const wechat = new FakeWechat(APP_ID, APP_SECRET);
const wecom = new FakeWecom();
const smtp = new SmtpSink('mail-secret');

beforeAll(async () => {
  await Promise.all([wechat.start(), wecom.start(), smtp.start()]);
  t = await createTestApp({
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_API_BASE: wechat.baseUrl,
    // Reviews have no template here: their notices fail on WeChat.
    WECHAT_TEMPLATE_REMINDER: REMINDER_TEMPLATE,
    WECHAT_MINIPROGRAM_STATE: 'trial',
    WECOM_API_BASE: wecom.baseUrl,
    SMTP_URL: `smtp://notifier:mail-secret@127.0.0.1:${smtp.port}`,
    SMTP_FROM: '安全生产月 <notify@safemonth.example.cn>',
    PUBLIC_BASE_URL,
  });
});

afterAll(async () => {
  await t?.close();
  await Promise.all([wechat.stop(), wecom.stop(), smtp.stop()]);
});

/** An outbox row as the worker hands it to a channel (claimed, first try). */
function outboxMessage(fields: Partial<OutboxMessage>): OutboxMessage {
  const now = t.app.get(Clock).now();
  return Object.assign(new OutboxMessage(), {
    key: `test/${newId()}`,
    channel: 'wechat',
    kind: 'deadline_reminder',
    personId: null,
    address: null,
    title: '截止提醒：每周安全检查材料',
    body: '城关镇中心学校的每周安全检查材料（2027-W23）将于 6 月 7 日 18:00 截止，请及时报送。',
    link: LINK,
    facts: { item: '每周安全检查材料及现场照片汇总（第二十三周）', unit: '城关镇中心学校', dueAt: '2027-06-07T10:00:00.000Z' },
    campaignId: null,
    unitId: null,
    deliverableId: null,
    periodKey: null,
    status: 'sending',
    attempts: 1,
    nextAttemptAt: now,
    createdAt: now,
    ...fields,
  } satisfies Partial<OutboxMessage>);
}

/** A person signed in with WeChat (so with an openid), and their `Authorization` header. */
async function wechatPerson(): Promise<{ person: Person; auth: string }> {
  const person = await t.app.get(PeopleService).findOrCreateWechat(`o-${newId()}`, null);
  const { accessToken } = await t.app.get(TokensService).issue(person.id);
  return { person, auth: `Bearer ${accessToken}` };
}

async function subscribe(auth: string, templateIds: string[]): Promise<WechatSubscriptionsDto> {
  const response = await t.http().post('/api/notifications/wechat-subscriptions').set('Authorization', auth).send({ templateIds });
  expect(response.status).toBe(200);
  return response.body as WechatSubscriptionsDto;
}

async function remaining(personId: string): Promise<number> {
  const row = await t.app.get(Database).repository(WechatSubscription).findOneBy({ personId, templateId: REMINDER_TEMPLATE });
  return row?.remaining ?? 0;
}

/** Another server process's WeChat channel: its own instances, sharing nothing with this one but the database. */
function otherProcessWechat(): WechatChannel {
  const { app, config } = t;
  return new WechatChannel(
    app.get(NotificationsService),
    app.get(PeopleService),
    app.get(WechatSubscriptionsService),
    new WechatAccessTokens(app.get(Database), app.get(Clock), config),
    app.get(Clock),
    config,
  );
}

describe('WeChat subscriptions API', () => {
  it('lists the configured templates with the signed-in person’s sends left, adding one per accepted template', async () => {
    const { auth } = await wechatPerson();
    const before = await t.http().get('/api/notifications/wechat-subscriptions').set('Authorization', auth);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ templates: [{ purpose: 'reminder', templateId: REMINDER_TEMPLATE, remaining: 0 }] });
    expect(await subscribe(auth, [REMINDER_TEMPLATE])).toEqual({ templates: [{ purpose: 'reminder', templateId: REMINDER_TEMPLATE, remaining: 1 }] });
    // One tap accepts a template once, however often the app lists it.
    expect((await subscribe(auth, [REMINDER_TEMPLATE, REMINDER_TEMPLATE])).templates[0].remaining).toBe(2);
    const other = await wechatPerson();
    expect((await subscribe(other.auth, [REMINDER_TEMPLATE])).templates[0].remaining).toBe(1);
  });

  it('counts every accepted subscription when many arrive at once', async () => {
    const { person, auth } = await wechatPerson();
    await Promise.all(Array.from({ length: 8 }, () => subscribe(auth, [REMINDER_TEMPLATE])));
    expect(await remaining(person.id)).toBe(8);
  });

  it('refuses templates the server does not send with, an empty list, and callers not signed in', async () => {
    const { auth } = await wechatPerson();
    const unknown = await t.http().post('/api/notifications/wechat-subscriptions').set('Authorization', auth).send({ templateIds: ['tpl-elsewhere'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: ErrorCode.ValidationFailed, message: '订阅的消息模板不存在' });
    const empty = await t.http().post('/api/notifications/wechat-subscriptions').set('Authorization', auth).send({ templateIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('请选择要订阅的消息');
    const notText = await t.http().post('/api/notifications/wechat-subscriptions').set('Authorization', auth).send({ templateIds: [42] });
    expect(notText.status).toBe(400);
    const anonymous = await t.http().post('/api/notifications/wechat-subscriptions').send({ templateIds: [REMINDER_TEMPLATE] });
    expect(anonymous.status).toBe(401);
  });
});

describe('WeChat channel', () => {
  it('fetches one access token for all processes and sends the template message in WeChat’s format', async () => {
    await t.app.get(Database).repository(WechatToken).clear();
    const fetchesBefore = wechat.tokenRequests.length;
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const here = t.app.get(WechatChannel);
    const there = otherProcessWechat();

    expect(await here.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    expect(await there.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    // One fetch, in WeChat's stable_token form; the other process used the stored token.
    expect(wechat.tokenRequests.slice(fetchesBefore)).toEqual([{ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: false }]);
    const stored = await t.app.get(Database).repository(WechatToken).findOneByOrFail({ appId: APP_ID });
    expect(stored.token).toBe(wechat.tokens[wechat.tokens.length - 1]);

    const sent = wechat.sent.slice(-2);
    expect(sent[0]).toEqual({
      touser: person.wechatOpenId,
      template_id: REMINDER_TEMPLATE,
      page: LINK.slice(1),
      data: {
        thing1: { value: '每周安全检查材料及现场照片汇总（第二十…' },
        time2: { value: '2027年6月7日 18:00' },
        thing3: { value: '城关镇中心学校' },
        thing4: { value: '截止提醒：每周安全检查材料' },
      },
      miniprogram_state: 'trial',
      lang: 'zh_CN',
    });
    expect(Array.from(sent[0].data.thing1.value)).toHaveLength(20);
  });

  it('lets processes that find no token at once each fetch: they all get the same one', async () => {
    await t.app.get(Database).repository(WechatToken).clear();
    const tokensBefore = wechat.tokens.length;
    const { person, auth } = await wechatPerson();
    for (let i = 0; i < 6; i++) await subscribe(auth, [REMINDER_TEMPLATE]);
    const channels = [t.app.get(WechatChannel), otherProcessWechat(), otherProcessWechat()];
    const outcomes = await Promise.all(channels.flatMap((channel) => [1, 2].map(() => channel.send(outboxMessage({ personId: person.id })))));
    expect(outcomes).toEqual(Array(6).fill({ kind: 'sent' }));
    expect(wechat.tokens.length).toBe(tokensBefore);
    expect(await remaining(person.id)).toBe(0);
  });

  it('renews the token when 5 minutes or less are left of it', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const channel = t.app.get(WechatChannel);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    const fetches = wechat.tokenRequests.length;
    const stored = await t.app.get(Database).repository(WechatToken).findOneByOrFail({ appId: APP_ID });
    t.advanceClock(stored.expiresAt.getTime() - t.app.get(Clock).now().getTime() - 5 * 60_000);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    expect(wechat.tokenRequests.length).toBe(fetches + 1);
    const renewed = await t.app.get(Database).repository(WechatToken).findOneByOrFail({ appId: APP_ID });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(stored.expiresAt.getTime());
  });

  it('drops a token WeChat refuses (40001) and sends once more with a new one', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const channel = t.app.get(WechatChannel);
    const sentBefore = wechat.sent.length;
    wechat.revokeToken();
    const fetches = wechat.tokenRequests.length;
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    expect(wechat.sent.length).toBe(sentBefore + 1);
    const stored = await t.app.get(Database).repository(WechatToken).findOneByOrFail({ appId: APP_ID });
    expect(stored.token).toBe(wechat.tokens[wechat.tokens.length - 1]);
    expect(await remaining(person.id)).toBe(0);
    // The normal mode would give the refused token back while WeChat has not ended it: forced, once.
    expect(wechat.tokenRequests.slice(fetches)).toEqual([expect.objectContaining({ force_refresh: true })]);
  });

  it('forces a new token once when WeChat says the one it gave has expired (42001), and tries again later if that is refused too', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const channel = t.app.get(WechatChannel);
    const tokensBefore = wechat.tokens.length;
    wechat.answerNextSends(42001);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    expect(wechat.tokens.length).toBe(tokensBefore + 1);
    expect(wechat.tokenRequests[wechat.tokenRequests.length - 1]).toMatchObject({ force_refresh: true });

    const fetches = wechat.tokenRequests.length;
    wechat.answerNextSends(42001, 42001);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'retry', error: '微信返回 42001：scripted' });
    expect(wechat.tokenRequests.length).toBe(fetches + 1);
    expect(await remaining(person.id)).toBe(1);
  });

  it.each([
    [40003, 'an openid not of this mini program'],
    [40037, 'a wrong template id'],
    [47003, 'data that does not fit the template'],
  ])('fails for good on %i (%s), giving the subscription back', async (errcode) => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    wechat.answerNextSends(errcode);
    expect(await t.app.get(WechatChannel).send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'failed', error: `微信返回 ${errcode}：scripted` });
    expect(await remaining(person.id)).toBe(1);
  });

  it('spends one subscription per message: two subscriptions, two messages, the third fails', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const channel = t.app.get(WechatChannel);
    const sentBefore = wechat.sent.length;
    const outcomes: SendOutcome[] = [];
    for (let i = 0; i < 3; i++) outcomes.push(await channel.send(outboxMessage({ personId: person.id })));
    expect(outcomes).toEqual([{ kind: 'sent' }, { kind: 'sent' }, { kind: 'failed', error: '未订阅提醒' }]);
    expect(wechat.sent.length).toBe(sentBefore + 2);
    expect(await remaining(person.id)).toBe(0);
  });

  it('spends each subscription once when many messages go out at once', async () => {
    const { person, auth } = await wechatPerson();
    for (let i = 0; i < 3; i++) await subscribe(auth, [REMINDER_TEMPLATE]);
    const channel = t.app.get(WechatChannel);
    const outcomes = await Promise.all(Array.from({ length: 7 }, () => channel.send(outboxMessage({ personId: person.id }))));
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(4);
    expect(await remaining(person.id)).toBe(0);
  });

  it('marks the subscriptions spent when WeChat answers 43101', async () => {
    const { person, auth } = await wechatPerson();
    for (let i = 0; i < 3; i++) await subscribe(auth, [REMINDER_TEMPLATE]);
    wechat.answerNextSends(43101);
    const outcome = await t.app.get(WechatChannel).send(outboxMessage({ personId: person.id }));
    expect(outcome).toEqual({ kind: 'failed', error: expect.stringMatching(/^未订阅提醒（微信返回 43101/) });
    expect(await remaining(person.id)).toBe(0);
    const listed = await t.http().get('/api/notifications/wechat-subscriptions').set('Authorization', auth);
    expect(listed.body.templates[0].remaining).toBe(0);
  });

  it('tries again later on other answers, giving the subscription back meanwhile', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    wechat.answerNextSends(45015);
    const channel = t.app.get(WechatChannel);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'retry', error: '微信返回 45015：scripted' });
    expect(await remaining(person.id)).toBe(1);
    expect(await channel.send(outboxMessage({ personId: person.id }))).toEqual({ kind: 'sent' });
    expect(await remaining(person.id)).toBe(0);
  });

  it('tries again later when WeChat cannot be reached, without spending', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const unreachable = new WechatChannel(
      t.app.get(NotificationsService),
      t.app.get(PeopleService),
      t.app.get(WechatSubscriptionsService),
      t.app.get(WechatAccessTokens),
      t.app.get(Clock),
      { ...t.config, wechat: { ...t.config.wechat, apiBase: 'http://127.0.0.1:9' } },
    );
    const outcome = await unreachable.send(outboxMessage({ personId: person.id }));
    expect(outcome).toEqual({ kind: 'retry', error: expect.stringMatching(/^微信：无法连接/) });
    expect(await remaining(person.id)).toBe(1);
  });

  it('fails for a person without WeChat, and for a kind without a template', async () => {
    const channel = t.app.get(WechatChannel);
    const unit = await newUnit(t);
    const passwordOnly = await newPerson(t, { role: 'liaison', unit });
    expect(await channel.send(outboxMessage({ personId: passwordOnly.person.id }))).toEqual({ kind: 'failed', error: '未绑定微信' });
    expect(await channel.send(outboxMessage({ personId: null }))).toEqual({ kind: 'failed', error: '未绑定微信' });
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    expect(await channel.send(outboxMessage({ personId: person.id, kind: 'report_returned' }))).toEqual({ kind: 'failed', error: '未配置模板' });
    expect(await remaining(person.id)).toBe(1);
  });
});

describe('WeCom robots API', () => {
  it('lets the committee over a unit add, list, change and remove its robots, never showing a key whole', async () => {
    const root = await newUnit(t);
    const unit = await newUnit(t, { parent: root });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const key = '693a91f6-7fa0-4bc4-97a0-0ec2b1fa5aaa';
    const created = await t.http()
      .post(`/api/units/${unit.id}/wecom-robots`)
      .set('Authorization', committee.auth)
      .send({ name: '安全生产月工作群', webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      unitId: unit.id,
      name: '安全生产月工作群',
      webhookKey: '…5aaa',
      textOnly: false,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(created.body)).not.toContain(key);
    expect((await t.app.get(Database).repository(WecomRobot).findOneByOrFail({ id: created.body.id })).webhookKey).toBe(key);

    const second = await t.http()
      .post(`/api/units/${unit.id}/wecom-robots`)
      .set('Authorization', committee.auth)
      .send({ name: '联络员群', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00001111', textOnly: true });
    expect(second.status).toBe(201);
    const third = await t.http().post(`/api/units/${unit.id}/wecom-robots`).set('Authorization', committee.auth).send({ name: '办公室群', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00002222' });
    expect(third.status).toBe(201);
    // By name as Chinese readers order it (an, ban, lian), not by when they were added nor by code point (办 comes before 安 there).
    const listed = await t.http().get(`/api/units/${unit.id}/wecom-robots`).set('Authorization', committee.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.map((robot: { name: string }) => robot.name)).toEqual(['安全生产月工作群', '办公室群', '联络员群']);

    const changed = await t.http()
      .patch(`/api/units/${unit.id}/wecom-robots/${second.body.id}`)
      .set('Authorization', committee.auth)
      .send({ name: '联络员工作群', textOnly: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '联络员工作群', textOnly: false, webhookKey: '…1111' });

    const removed = await t.http().delete(`/api/units/${unit.id}/wecom-robots/${second.body.id}`).set('Authorization', committee.auth);
    expect(removed.status).toBe(204);
    const again = await t.http().delete(`/api/units/${unit.id}/wecom-robots/${second.body.id}`).set('Authorization', committee.auth);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe('该群机器人不存在');
  });

  it('refuses a bad webhook, a name the unit uses already, a robot of another unit, and anyone but the committee', async () => {
    const root = await newUnit(t);
    const unit = await newUnit(t, { parent: root });
    const neighbour = await newUnit(t, { parent: root });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const liaison = await newPerson(t, { role: 'liaison', unit });
    const url = `/api/units/${unit.id}/wecom-robots`;

    const bad = await t.http().post(url).set('Authorization', committee.auth).send({ name: '工作群', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'webhook', message: expect.any(String) }]);
    // A key is a UUID: a piece of one, or one cut short, is refused.
    for (const webhook of ['aaaabbbb-cccc', 'aaaabbbb-cccc-dddd-eeee-ffff0000000', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=aaaabbbb-cccc-dddd-eeee-ffff0000000g']) {
      const short = await t.http().post(url).set('Authorization', committee.auth).send({ name: '工作群', webhook });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toBe('群机器人的 Webhook 地址无效，请复制企业微信群机器人的完整 Webhook 地址');
    }
    const noName = await t.http().post(url).set('Authorization', committee.auth).send({ name: ' ', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain('请填写群机器人名称');

    const robot = await t.http().post(url).set('Authorization', committee.auth).send({ name: '工作群', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' });
    expect(robot.status).toBe(201);
    const twice = await t.http().post(url).set('Authorization', committee.auth).send({ name: '工作群', webhook: 'ccccdddd-eeee-ffff-aaaa-bbbb00000000' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('本单位已有同名的群机器人');

    const elsewhere = await t.http().patch(`/api/units/${neighbour.id}/wecom-robots/${robot.body.id}`).set('Authorization', committee.auth).send({ name: '别的群' });
    expect(elsewhere.status).toBe(404);
    const byLiaison = await t.http().get(url).set('Authorization', liaison.auth);
    expect(byLiaison.status).toBe(403);
    const adding = await t.http().post(url).set('Authorization', liaison.auth).send({ name: '我的群', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' });
    expect(adding.status).toBe(403);
  });

  it('names the robots of each unit, for addressing notices to them', async () => {
    const root = await newUnit(t);
    const [first, second, none] = await Promise.all([newUnit(t, { parent: root }), newUnit(t, { parent: root }), newUnit(t, { parent: root })]);
    const robots = t.app.get(WecomRobotsService);
    const a = await robots.create(first.id, { name: '工作群', webhook: 'aaaabbbb-cccc-dddd-eeee-000000000001' });
    const b = await robots.create(first.id, { name: '联络员群', webhook: 'aaaabbbb-cccc-dddd-eeee-000000000002' });
    const c = await robots.create(second.id, { name: '工作群', webhook: 'aaaabbbb-cccc-dddd-eeee-000000000003' });
    const ids = await robots.idsByUnit([first.id, second.id, none.id]);
    expect(new Set(ids.get(first.id))).toEqual(new Set([a.id, b.id]));
    expect(ids.get(second.id)).toEqual([c.id]);
    expect(ids.has(none.id)).toBe(false);
    expect(await robots.idsByUnit([])).toEqual(new Map());
  });

  it('goes with its unit', async () => {
    const root = await newUnit(t);
    const unit = await newUnit(t, { parent: root });
    const robot = await t.app.get(WecomRobotsService).create(unit.id, { name: '工作群', webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' });
    await t.app.get(UnitsService).remove(unit.id);
    expect(await t.app.get(WecomRobotsService).find(robot.id)).toBeNull();
  });
});

describe('WeCom channel', () => {
  async function robot(options: { textOnly?: boolean; known?: boolean } = {}): Promise<WecomRobot> {
    const unit = await newUnit(t);
    const key = `${newId()}`;
    if (options.known ?? true) wecom.addRobot(key);
    return t.app.get(WecomRobotsService).create(unit.id, { name: `工作群${newId().slice(0, 8)}`, webhook: key, textOnly: options.textOnly });
  }

  it('posts markdown with the title, the body and a link into the app, or plain text for a text-only robot', async () => {
    const markdown = await robot();
    const text = await robot({ textOnly: true });
    const channel = t.app.get(WecomChannel);
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: markdown.id }))).toEqual({ kind: 'sent' });
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: text.id, link: null }))).toEqual({ kind: 'sent' });
    const url = `${PUBLIC_BASE_URL}/#${LINK}`;
    expect(wecom.received.find((m) => m.key === markdown.webhookKey)).toEqual({
      key: markdown.webhookKey,
      msgtype: 'markdown',
      content: `**截止提醒：每周安全检查材料**\n> 城关镇中心学校的每周安全检查材料（2027-W23）将于 6 月 7 日 18:00 截止，请及时报送。\n[查看详情](${url})`,
    });
    expect(wecom.received.find((m) => m.key === text.webhookKey)).toEqual({
      key: text.webhookKey,
      msgtype: 'text',
      content: '截止提醒：每周安全检查材料\n城关镇中心学校的每周安全检查材料（2027-W23）将于 6 月 7 日 18:00 截止，请及时报送。',
    });
  });

  it('cuts a long body to WeCom’s 4096 bytes, which it then takes', async () => {
    const target = await robot();
    const body = Array.from({ length: 500 }, (_, i) => `${i + 1}. 城关镇第${i + 1}中心学校`).join('\n');
    expect(await t.app.get(WecomChannel).send(outboxMessage({ channel: 'wecom', address: target.id, kind: 'escalation_digest', body }))).toEqual({ kind: 'sent' });
    const received = wecom.received.find((m) => m.key === target.webhookKey);
    expect(Buffer.byteLength(received!.content)).toBeLessThanOrEqual(4096);
    expect(received!.content).toContain('…\n[查看详情]');
  });

  it('sends 20 messages a minute per robot: the 21st waits for the next minute', async () => {
    const target = await robot();
    const other = await robot();
    toFreshWindow(t, 60);
    const channel = t.app.get(WecomChannel);
    const outcomes: SendOutcome[] = [];
    for (let i = 0; i < 21; i++) outcomes.push(await channel.send(outboxMessage({ channel: 'wecom', address: target.id, title: `提醒 ${i + 1}` })));
    const now = t.app.get(Clock).now().getTime();
    const nextMinute = new Date(Math.ceil(now / 60_000) * 60_000);
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill({ kind: 'sent' }));
    expect(outcomes[20]).toEqual({ kind: 'retry', error: '群机器人每分钟最多发送 20 条，下一分钟再发', notBefore: nextMinute });
    expect(wecom.received.filter((m) => m.key === target.webhookKey)).toHaveLength(20);
    // Another robot has its own count.
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: other.id }))).toEqual({ kind: 'sent' });
    t.advanceClock(nextMinute.getTime() - now);
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: target.id, title: '提醒 21' }))).toEqual({ kind: 'sent' });
    expect(wecom.received.filter((m) => m.key === target.webhookKey)).toHaveLength(21);
  });

  it('waits for the next minute when WeCom answers 45009', async () => {
    const target = await robot();
    toFreshWindow(t, 60);
    wecom.refuseNextSends(1);
    const outcome = await t.app.get(WecomChannel).send(outboxMessage({ channel: 'wecom', address: target.id }));
    const now = t.app.get(Clock).now().getTime();
    expect(outcome).toEqual({ kind: 'retry', error: '企业微信返回 45009：api freq out of limit', notBefore: new Date(Math.ceil(now / 60_000) * 60_000) });
  });

  it('fails for a robot that is gone, here or at WeCom', async () => {
    const channel = t.app.get(WecomChannel);
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: newId() }))).toEqual({ kind: 'failed', error: '群机器人不存在或已删除' });
    const unknownToWecom = await robot({ known: false });
    expect(await channel.send(outboxMessage({ channel: 'wecom', address: unknownToWecom.id }))).toEqual({
      kind: 'failed',
      error: '群机器人地址无效（企业微信返回 93000：invalid webhook url）',
    });
  });
});

describe('e-mail channel', () => {
  it('sends the title as subject and the body with the page’s address as text, signed in to the SMTP server', async () => {
    const outcome = await t.app.get(EmailChannel).send(outboxMessage({ channel: 'email', address: 'liaison@example.cn' }));
    expect(outcome).toEqual({ kind: 'sent' });
    const mail = smtp.received[smtp.received.length - 1];
    expect(mail).toMatchObject({
      user: 'notifier',
      envelopeFrom: 'notify@safemonth.example.cn',
      envelopeTo: ['liaison@example.cn'],
      subject: '截止提醒：每周安全检查材料',
      text: `城关镇中心学校的每周安全检查材料（2027-W23）将于 6 月 7 日 18:00 截止，请及时报送。\n\n${PUBLIC_BASE_URL}/#${LINK}`,
    });
    expect(mail.headers.from).toBe('安全生产月 <notify@safemonth.example.cn>');
    expect(mail.headers.to).toBe('liaison@example.cn');
  });

  it('gives every try of one outbox row the same Message-ID, and other rows their own', async () => {
    const channel = t.app.get(EmailChannel);
    const message = outboxMessage({ channel: 'email', address: 'liaison@example.cn' });
    await channel.send(message);
    await channel.send(message);
    await channel.send(outboxMessage({ channel: 'email', address: 'liaison@example.cn' }));
    const [first, again, other] = smtp.received.slice(-3).map((mail) => mail.headers['message-id']);
    expect(first).toBe(`<${message.id}@${new URL(PUBLIC_BASE_URL).hostname}>`);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('tries again when the server refuses for now, and fails without an address or without SMTP', async () => {
    const channel = t.app.get(EmailChannel);
    smtp.refuseNext(1);
    const refused = await channel.send(outboxMessage({ channel: 'email', address: 'liaison@example.cn' }));
    expect(refused).toEqual({ kind: 'retry', error: expect.stringMatching(/^邮件：.*451/) });
    expect(await channel.send(outboxMessage({ channel: 'email', address: null }))).toEqual({ kind: 'failed', error: '没有有效的邮箱地址' });
    expect(await channel.send(outboxMessage({ channel: 'email', address: '张三' }))).toEqual({ kind: 'failed', error: '没有有效的邮箱地址' });
    const unknown = await channel.send(outboxMessage({ channel: 'email', address: 'zhang.san@nowhere.example.cn' }));
    // Refused for good; the log the committee reads does not name the address.
    expect(unknown).toEqual({ kind: 'failed', error: expect.stringMatching(/^邮件：.*550/) });
    expect(unknown.kind === 'failed' && unknown.error).not.toMatch(/zhang\.san|@/);
    const unconfigured = new EmailChannel(t.app.get(NotificationsService), { ...t.config, email: null });
    expect(await unconfigured.send(outboxMessage({ channel: 'email', address: 'liaison@example.cn' }))).toEqual({ kind: 'failed', error: '未配置邮件' });
  });
});

describe('through the outbox worker', () => {
  function notice(fields: Partial<Notice> & Pick<Notice, 'channel'>): Notice {
    return {
      key: `test/${newId()}`,
      kind: 'escalation_digest' satisfies NoticeKind,
      personId: null,
      address: null,
      title: '催交提醒：每周安全检查材料',
      body: '请尽快报送本周的安全检查材料。',
      link: LINK,
      facts: { item: '每周安全检查材料', unit: '城关镇中心学校', dueAt: '2027-06-07T10:00:00.000Z' },
      campaignId: null,
      unitId: null,
      deliverableId: null,
      periodKey: null,
      ...fields,
    };
  }

  async function statuses(keys: string[]): Promise<string[]> {
    const rows = await t.app.get(Database).repository(OutboxMessage).findBy(keys.map((key) => ({ key })));
    return keys.map((key) => rows.find((row) => row.key === key)?.status ?? 'missing');
  }

  it('delivers on WeChat, WeCom and e-mail, and sends the robot’s 21st message of a minute in the next', async () => {
    const { person, auth } = await wechatPerson();
    await subscribe(auth, [REMINDER_TEMPLATE]);
    const unit = await newUnit(t);
    const key = wecom.addRobot(newId());
    const target = await t.app.get(WecomRobotsService).create(unit.id, { name: '工作群', webhook: key });
    toFreshWindow(t, 60);
    const notices = [
      notice({ channel: 'wechat', personId: person.id }),
      notice({ channel: 'email', personId: person.id, address: 'worker@example.cn' }),
      ...Array.from({ length: 21 }, (_, i) => notice({ channel: 'wecom', address: target.id, title: `催交提醒 ${i + 1}` })),
    ];
    const keys = notices.map((n) => n.key);
    const wechatBefore = wechat.sent.length;
    expect(await t.app.get(NotificationsService).enqueue(notices)).toBe(23);

    const worker = t.app.get(OutboxWorker);
    await worker.drain();
    const first = await statuses(keys);
    expect(first.slice(0, 2)).toEqual(['sent', 'sent']);
    expect(first.filter((status) => status === 'sent')).toHaveLength(22);
    expect(first.filter((status) => status === 'queued')).toHaveLength(1);
    expect(wechat.sent.length).toBe(wechatBefore + 1);
    expect(smtp.received.some((mail) => mail.envelopeTo[0] === 'worker@example.cn')).toBe(true);
    expect(wecom.received.filter((m) => m.key === key)).toHaveLength(20);
    const waiting = await t.app.get(Database).repository(OutboxMessage).findOneByOrFail({ key: keys[first.indexOf('queued')] });
    const nextMinute = Math.ceil(t.app.get(Clock).now().getTime() / 60_000) * 60_000;
    expect(waiting.nextAttemptAt.getTime()).toBe(nextMinute);

    t.advanceClock(nextMinute - t.app.get(Clock).now().getTime());
    await worker.drain();
    expect(await statuses(keys)).toEqual(Array(23).fill('sent'));
    expect(wecom.received.filter((m) => m.key === key)).toHaveLength(21);
  });
});
