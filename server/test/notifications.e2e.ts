import { DeliveryLogEntryDto, InboxMessageDto, Page } from '@safemonth/shared';
import { In, ObjectLiteral, Repository } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import type { OutboxMessage, SendOutcome } from '../src/notifications/channel';
import { InboxChannel } from '../src/notifications/channels/inbox.channel';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import type { Notice } from '../src/notifications/notice';
import { NotificationsService } from '../src/notifications/notifications.service';
import { DeliveryAttempt, OutboxMessage as OutboxRow } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const SECOND = 1000;

/**
 * The outbox: notices written once per key in the caller's transaction, a worker that sends them on
 * the server's clock (retries, backoff, checks before sending, leases), the inbox it fills and the
 * delivery log the committee reads. The worker is drained by the tests, never by a timer.
 */
describe('notifications', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let west: Unit;
  let committee: TestPerson;
  let liaison: TestPerson;
  let westLiaison: TestPerson;
  let outsider: TestPerson;
  let campaign: Campaign;
  let notifications: NotificationsService;
  let worker: OutboxWorker;
  let inbox: InboxChannel;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp({ NOTIFY_RETRY_BASE_SECONDS: '30', NOTIFY_MAX_ATTEMPTS: '3' });
    root = await newUnit(t, { name: '市安委办' });
    district = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    west = await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办张三' });
    liaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '联络员李四' });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west, displayName: '联络员王五' });
    outsider = await newPerson(t, { role: 'committee', unit: await newUnit(t, { name: '外市安委办' }) });
    campaign = await newCampaign(t, { organizer: root });
    notifications = t.app.get(NotificationsService);
    worker = t.app.get(OutboxWorker);
    inbox = t.app.get(InboxChannel);
  });
  // The tests move the clock well past an access token's life: everyone signs in again.
  beforeEach(async () => {
    for (const who of [committee, liaison, westLiaison, outsider]) who.auth = `Bearer ${(await t.app.get(TokensService).issue(who.person.id)).accessToken}`;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const outbox = () => t.app.get(Database).repository(OutboxRow);
  const row = (key: string) => outbox().findOneByOrFail({ key });
  const triesOf = async (key: string) =>
    (await t.app.get(Database).repository(DeliveryAttempt).find({ where: { messageId: (await row(key)).id }, order: { at: 'ASC' } })).map((a) => ({ outcome: a.outcome, error: a.error, at: a.at }));
  const notice = (over: Partial<Notice> = {}): Notice => ({
    key: `test/${++counter}`,
    channel: 'inbox',
    kind: 'manual_reminder',
    personId: liaison.person.id,
    address: null,
    title: '请报送本周活动材料',
    body: '城东区尚未报送本周活动材料，请于今晚24:00前报送。',
    link: `/subpackages/unit/index/index?campaignId=${campaign.id}&unitId=${district.id}`,
    facts: { campaign: campaign.title, unit: '城东区' },
    campaignId: campaign.id,
    unitId: district.id,
    deliverableId: null,
    periodKey: null,
    ...over,
  });
  /** Makes the inbox channel answer `outcome` for the message with `key` (the others it sends as usual). */
  const answer = (key: string, ...outcomes: (SendOutcome | Promise<SendOutcome>)[]) => {
    const send = inbox.send.bind(inbox);
    const calls: string[] = [];
    const spy = jest.spyOn(inbox, 'send').mockImplementation(async (message: OutboxMessage) => {
      if (message.key !== key) return send(message);
      calls.push(message.id);
      const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
      const outcome = await next;
      return outcome && outcome.kind === 'sent' ? send(message) : (outcome as SendOutcome);
    });
    return { spy, calls };
  };

  describe('enqueue', () => {
    it('writes each key once, whether it comes twice in one call or again later', async () => {
      const first = notice();
      const second = notice();
      expect(await notifications.enqueue([first, { ...first, title: '又一次' }, second])).toBe(2);
      expect(await notifications.enqueue([first, second])).toBe(0);
      expect(await notifications.enqueue([])).toBe(0);
      const rows = await outbox().findBy({ key: In([first.key, second.key]) });
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.key === first.key)).toMatchObject({ title: '请报送本周活动材料', status: 'queued', attempts: 0, facts: first.facts, runnerId: null });
    });

    it("writes within the caller's transaction: rolled back with it", async () => {
      const kept = notice();
      const dropped = notice();
      await t.app.get(Database).transaction(() => notifications.enqueue([kept]));
      await expect(
        t.app.get(Database).transaction(async () => {
          expect(await notifications.enqueue([dropped])).toBe(1);
          throw new Error('the decision fell through');
        }),
      ).rejects.toThrow('the decision fell through');
      expect(await outbox().countBy({ key: In([kept.key, dropped.key]) })).toBe(1);
    });

    it('fails on a notice for a person who is not there, rather than dropping it unseen', async () => {
      const nobody = notice({ personId: '00000000-0000-4000-8000-000000000000' });
      await expect(notifications.enqueue([notice(), nobody])).rejects.toThrow();
      expect(await outbox().countBy({ key: nobody.key })).toBe(0);
    });

    it('cuts a title too long for the log, and waits until `notBefore`', async () => {
      const later = new Date(t.app.get(Clock).now().getTime() + 3600 * SECOND);
      const long = notice({ title: '很长'.repeat(80), notBefore: later });
      await notifications.enqueue([long]);
      const written = await row(long.key);
      expect(written.title).toHaveLength(100);
      expect(written.title.endsWith('…')).toBe(true);
      expect(written.nextAttemptAt.getTime()).toBe(later.getTime());
      await worker.drain();
      expect((await row(long.key)).status).toBe('queued');
    });
  });

  describe('the worker', () => {
    it("sends a due message once into the person's inbox and logs the try", async () => {
      const sent = notice();
      await notifications.enqueue([sent]);
      await worker.drain();
      const message = await row(sent.key);
      expect(message).toMatchObject({ status: 'sent', attempts: 1, runnerId: null, leaseUntil: null, lastError: null });
      expect(message.sentAt).not.toBeNull();
      expect((await triesOf(sent.key)).map((a) => a.outcome)).toEqual(['sent']);
      const delivered = await t.app.get(Database).repository(InboxMessage).findBy({ outboxMessageId: message.id });
      expect(delivered).toEqual([expect.objectContaining({ personId: liaison.person.id, title: sent.title, body: sent.body, link: sent.link, kind: 'manual_reminder', readAt: null })]);
      await worker.drain();
      expect(await t.app.get(Database).repository(InboxMessage).countBy({ outboxMessageId: message.id })).toBe(1);
    });

    it('retries a transient failure after the backoff, doubling, then sends', async () => {
      const flaky = notice();
      const { calls } = answer(flaky.key, { kind: 'retry', error: '网络超时' }, { kind: 'retry', error: '网络超时' }, { kind: 'sent' });
      await notifications.enqueue([flaky]);
      await worker.drain();
      let message = await row(flaky.key);
      const [first] = await triesOf(flaky.key);
      expect(message).toMatchObject({ status: 'queued', attempts: 1, lastError: '网络超时' });
      expect(message.nextAttemptAt.getTime() - first.at.getTime()).toBe(30 * SECOND);

      t.advanceClock(29 * SECOND);
      await worker.drain();
      expect(calls).toHaveLength(1);
      t.advanceClock(2 * SECOND);
      await worker.drain();
      message = await row(flaky.key);
      const second = (await triesOf(flaky.key))[1];
      expect(message).toMatchObject({ status: 'queued', attempts: 2 });
      expect(message.nextAttemptAt.getTime() - second.at.getTime()).toBe(60 * SECOND);

      t.advanceClock(61 * SECOND);
      await worker.drain();
      expect(calls).toHaveLength(3);
      expect(await row(flaky.key)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect((await triesOf(flaky.key)).map(({ outcome, error }) => ({ outcome, error }))).toEqual([
        { outcome: 'retry', error: '网络超时' },
        { outcome: 'retry', error: '网络超时' },
        { outcome: 'sent', error: null },
      ]);
    });

    it('fails after NOTIFY_MAX_ATTEMPTS tries, and at once on a permanent refusal', async () => {
      const down = notice();
      const refused = notice();
      answer(down.key, { kind: 'retry', error: '服务暂不可用' });
      await notifications.enqueue([down]);
      for (let i = 0; i < 3; i++) {
        await worker.drain();
        t.advanceClock(5 * 60 * SECOND);
      }
      await worker.drain();
      expect(await row(down.key)).toMatchObject({ status: 'failed', attempts: 3, lastError: '服务暂不可用' });
      expect((await triesOf(down.key)).map((a) => a.outcome)).toEqual(['retry', 'retry', 'failed']);

      jest.restoreAllMocks();
      answer(refused.key, { kind: 'failed', error: '未订阅' });
      await notifications.enqueue([refused]);
      await worker.drain();
      expect(await row(refused.key)).toMatchObject({ status: 'failed', attempts: 1, lastError: '未订阅' });
    });

    it("waits for a rate limit's moment without counting the try against the limit", async () => {
      const limited = notice();
      const until = new Date(t.app.get(Clock).now().getTime() + 45 * SECOND);
      answer(limited.key, { kind: 'retry', error: '发送过于频繁', notBefore: until }, { kind: 'sent' });
      await notifications.enqueue([limited]);
      await worker.drain();
      expect(await row(limited.key)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: until });
      t.advanceClock(46 * SECOND);
      await worker.drain();
      expect(await row(limited.key)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('skips a message that a check before sending says is no longer wanted', async () => {
      const owed = notice({ kind: 'deadline_reminder', unitId: district.id });
      const delivered = notice({ kind: 'deadline_reminder', unitId: west.id, personId: westLiaison.person.id });
      const asked: string[] = [];
      notifications.beforeSend(['deadline_reminder'], async (messages) => {
        asked.push(...messages.map((message) => message.key));
        return new Set(messages.filter((message) => message.key !== delivered.key).map((message) => message.id));
      });
      const send = jest.spyOn(inbox, 'send');
      await notifications.enqueue([owed, delivered]);
      await worker.drain();
      expect(asked).toEqual(expect.arrayContaining([owed.key, delivered.key]));
      expect(await row(owed.key)).toMatchObject({ status: 'sent' });
      expect(await row(delivered.key)).toMatchObject({ status: 'skipped', sentAt: null });
      expect((await triesOf(delivered.key)).map((a) => a.outcome)).toEqual(['skipped']);
      expect(send.mock.calls.map(([m]) => m.key)).not.toContain(delivered.key);
    });

    it('fails a message of a channel nobody registered', async () => {
      jest.spyOn(notifications, 'channel').mockReturnValue(undefined);
      const nowhere = notice();
      await notifications.enqueue([nowhere]);
      await worker.drain();
      expect(await row(nowhere.key)).toMatchObject({ status: 'failed', lastError: '该发送渠道未启用' });
    });

    it('sends a message held by a worker that stopped, once its lease runs out; the stopped one records nothing', async () => {
      const stuck = notice();
      let release!: (outcome: SendOutcome) => void;
      const { calls } = answer(stuck.key, new Promise<SendOutcome>((resolve) => (release = resolve)), { kind: 'sent' });
      await notifications.enqueue([stuck]);
      const hung = new OutboxWorker(t.app.get(Database), notifications, t.app.get(Clock), t.config);
      const hanging = hung.drain();
      while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await row(stuck.key)).toMatchObject({ status: 'sending', runnerId: hung.id, attempts: 1 });

      // Within the lease nobody else takes it.
      await worker.drain();
      expect(calls).toHaveLength(1);
      t.advanceClock(t.config.outbox.leaseSeconds * SECOND + SECOND);
      await worker.drain();
      expect(calls).toHaveLength(2);
      expect(await row(stuck.key)).toMatchObject({ status: 'sent', attempts: 2, runnerId: null });

      // The first worker's send comes back at last: its outcome is not recorded over the other's.
      release({ kind: 'failed', error: '超时' });
      await hanging;
      expect(await row(stuck.key)).toMatchObject({ status: 'sent', lastError: null });
      expect((await triesOf(stuck.key)).map((a) => a.outcome)).toEqual(['sent']);
    });

    it('keeps going when an outcome cannot be written: tried again, or left for the lease to run out', async () => {
      const insert = Repository.prototype.insert;
      const unlucky = notice();
      const cursed = notice();
      const others = [notice(), notice(), notice()];
      await notifications.enqueue([unlucky, cursed, ...others]);
      const [unluckyId, cursedId] = [(await row(unlucky.key)).id, (await row(cursed.key)).id];
      let failures = 1;
      jest.spyOn(Repository.prototype, 'insert').mockImplementation(function (this: Repository<ObjectLiteral>, ...args: Parameters<Repository<ObjectLiteral>['insert']>) {
        const { messageId } = args[0] as { messageId?: string };
        if (this.target === DeliveryAttempt && (messageId === cursedId || (messageId === unluckyId && failures-- > 0))) {
          return Promise.reject(new Error('Connection lost: The server closed the connection.'));
        }
        return insert.apply(this, args);
      });
      await worker.drain();
      // Written at the second try; the others of the batch as usual.
      expect(await row(unlucky.key)).toMatchObject({ status: 'sent', attempts: 1 });
      expect((await triesOf(unlucky.key)).map((a) => a.outcome)).toEqual(['sent']);
      for (const other of others) expect((await row(other.key)).status).toBe('sent');
      // Never written: still held, until its lease runs out, then claimed again.
      expect(await row(cursed.key)).toMatchObject({ status: 'sending', attempts: 1 });
      jest.restoreAllMocks();
      t.advanceClock(t.config.outbox.leaseSeconds * SECOND + SECOND);
      await worker.drain();
      expect(await row(cursed.key)).toMatchObject({ status: 'sent', attempts: 2 });
      expect((await triesOf(cursed.key)).map((a) => a.outcome)).toEqual(['sent']);
      // The inbox shows it once, though it was sent twice.
      expect(await t.app.get(Database).repository(InboxMessage).countBy({ outboxMessageId: cursedId })).toBe(1);
    });

    it('gives up, in the log too, on a message whose sends kept being cut off', async () => {
      const doomed = notice();
      await notifications.enqueue([doomed]);
      const { id } = await row(doomed.key);
      const past = new Date(t.app.get(Clock).now().getTime() - SECOND);
      await outbox().update({ id }, { status: 'sending', runnerId: 'a-worker-that-died', leaseUntil: past, attempts: t.config.outbox.maxAttempts });
      await worker.drain();
      expect(await row(doomed.key)).toMatchObject({ status: 'failed', lastError: '多次发送中断', runnerId: null, leaseUntil: null });
      expect((await triesOf(doomed.key)).map(({ outcome, error }) => ({ outcome, error }))).toEqual([{ outcome: 'failed', error: '多次发送中断' }]);
      await worker.drain();
      expect(await triesOf(doomed.key)).toHaveLength(1);
    });

    it('hands messages not yet sent back to the queue when it stops', async () => {
      const waiting = notice();
      await notifications.enqueue([waiting]);
      const stopping = new OutboxWorker(t.app.get(Database), notifications, t.app.get(Clock), t.config);
      // Stopped before it sends: what it claims goes back, the try not counted.
      jest.spyOn(notifications, 'stillWanted').mockImplementation(async (messages) => {
        await stopping.onModuleDestroy();
        return new Set(messages.map((message) => message.id));
      });
      await stopping.drain();
      jest.restoreAllMocks();
      expect(await row(waiting.key)).toMatchObject({ status: 'queued', attempts: 0, runnerId: null });
    });
  });

  describe('the inbox', () => {
    const get = (who: TestPerson, query = '') => t.http().get(`/api/inbox${query}`).set('authorization', who.auth);
    const delivered = async (...notices: Notice[]) => {
      await notifications.enqueue(notices);
      await worker.drain();
    };

    it("lists one's own messages newest first, counts the unread, marks them read; another's is missing", async () => {
      const before = (await get(westLiaison).expect(200)).body as Page<InboxMessageDto>;
      await delivered(notice({ personId: westLiaison.person.id, title: '第一条' }));
      t.advanceClock(SECOND);
      await delivered(notice({ personId: westLiaison.person.id, title: '第二条' }), notice({ personId: committee.person.id, title: '给安委办' }));
      const page = (await get(westLiaison).expect(200)).body as Page<InboxMessageDto>;
      expect(page.total).toBe(before.total + 2);
      expect(page.items.slice(0, 2).map((m) => m.title)).toEqual(['第二条', '第一条']);
      expect(page.items.every((m) => m.title !== '给安委办')).toBe(true);
      expect(page.items[0]).toMatchObject({ kind: 'manual_reminder', readAt: null, link: expect.stringContaining('/subpackages/unit/index/index') });
      expect((await get(westLiaison, '?size=1&page=2').expect(200)).body).toMatchObject({ page: 2, size: 1, items: [{ title: '第一条' }] });

      const unread = (await get(westLiaison, '/unread-count').expect(200)).body.unread as number;
      expect(unread).toBe(before.items.filter((m) => !m.readAt).length + 2);
      const read = (await t.http().post(`/api/inbox/${page.items[0].id}/read`).set('authorization', westLiaison.auth).expect(200)).body as InboxMessageDto;
      expect(read.readAt).not.toBeNull();
      // Again: it stays read as it was.
      expect((await t.http().post(`/api/inbox/${page.items[0].id}/read`).set('authorization', westLiaison.auth).expect(200)).body.readAt).toBe(read.readAt);
      expect((await get(westLiaison, '/unread-count').expect(200)).body).toEqual({ unread: unread - 1 });

      const theirs = ((await get(committee).expect(200)).body as Page<InboxMessageDto>).items.find((m) => m.title === '给安委办');
      const missing = await t.http().post(`/api/inbox/${theirs?.id}/read`).set('authorization', westLiaison.auth).expect(404);
      expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', message: '消息不存在' });
      await t.http().post('/api/inbox/no-such-id/read').set('authorization', westLiaison.auth).expect(404);
      expect(((await get(committee).expect(200)).body as Page<InboxMessageDto>).items.find((m) => m.id === theirs?.id)?.readAt).toBeNull();

      expect((await t.http().post('/api/inbox/read-all').set('authorization', westLiaison.auth).expect(200)).body).toEqual({ marked: unread - 1 });
      expect((await get(westLiaison, '/unread-count').expect(200)).body).toEqual({ unread: 0 });
      expect((await get(committee, '/unread-count').expect(200)).body.unread).toBeGreaterThan(0);
    });

    it('answers only the signed in, and refuses a bad page', async () => {
      await t.http().get('/api/inbox').expect(401);
      await t.http().get('/api/inbox/unread-count').expect(401);
      await t.http().post('/api/inbox/read-all').expect(401);
      const bad = await get(liaison, '?size=1000').expect(400);
      expect(bad.body.error.message).toContain('每页最多');
    });
  });

  describe('the delivery log', () => {
    let other: Campaign;
    const log = (who: TestPerson, query = '', run = campaign) => t.http().get(`/api/campaigns/${run.id}/notifications${query}`).set('authorization', who.auth);

    beforeAll(async () => {
      other = await newCampaign(t, { organizer: root });
      await notifications.enqueue([
        notice({ campaignId: other.id, kind: 'deadline_reminder', unitId: district.id, title: '甲' }),
        notice({ campaignId: other.id, kind: 'deadline_reminder', unitId: west.id, personId: westLiaison.person.id, title: '乙' }),
      ]);
      t.advanceClock(SECOND);
      const refused = notice({ campaignId: other.id, kind: 'table_returned', unitId: west.id, personId: westLiaison.person.id, title: '丙' });
      answer(refused.key, { kind: 'failed', error: '未订阅' });
      await notifications.enqueue([refused]);
      await worker.drain();
      jest.restoreAllMocks();
      t.advanceClock(SECOND);
      await notifications.enqueue([notice({ campaignId: other.id, kind: 'deadline_reminder', unitId: west.id, personId: westLiaison.person.id, title: '丁', notBefore: new Date(t.app.get(Clock).now().getTime() + 3600 * SECOND) })]);
    });

    it("shows the campaign's notices newest first, each with its tries, who and which unit", async () => {
      const page = (await log(committee, '', other).expect(200)).body as Page<DeliveryLogEntryDto>;
      expect(page).toMatchObject({ total: 4, page: 1 });
      expect(page.items.map((m) => m.title)).toEqual(['丁', '丙', expect.any(String), expect.any(String)]);
      expect(page.items.slice(2).map((m) => m.title).sort()).toEqual(['乙', '甲']);
      const [queued, failed] = page.items;
      expect(queued).toMatchObject({ status: 'queued', attempts: [], sentAt: null, nextAttemptAt: expect.any(String), channel: 'inbox', kind: 'deadline_reminder' });
      expect(failed).toMatchObject({
        status: 'failed',
        kind: 'table_returned',
        lastError: '未订阅',
        nextAttemptAt: null,
        person: { id: westLiaison.person.id, displayName: '联络员王五' },
        unit: { id: west.id, name: '城西区' },
        attempts: [{ outcome: 'failed', error: '未订阅', at: expect.any(String) }],
      });
      const sent = page.items.find((m) => m.title === '甲');
      expect(sent).toMatchObject({ status: 'sent', sentAt: expect.any(String), person: { displayName: '联络员李四' }, unit: { name: '城东区' }, attempts: [{ outcome: 'sent', error: null }] });
    });

    it('filters by kind, status and unit, and pages', async () => {
      const titles = async (query: string) => ((await log(committee, query, other).expect(200)).body as Page<DeliveryLogEntryDto>).items.map((m) => m.title).sort();
      expect(await titles('?kind=table_returned')).toEqual(['丙']);
      expect(await titles('?status=sent')).toEqual(['乙', '甲']);
      expect(await titles(`?unitId=${west.id}`)).toEqual(['丁', '丙', '乙']);
      expect(await titles(`?unitId=${west.id}&kind=deadline_reminder&status=queued`)).toEqual(['丁']);
      const second = (await log(committee, '?size=3&page=2', other).expect(200)).body as Page<DeliveryLogEntryDto>;
      expect(second).toMatchObject({ total: 4, page: 2, size: 3 });
      expect(second.items).toHaveLength(1);
      const bad = await log(committee, '?kind=gossip&status=lost', other).expect(400);
      expect(bad.body.error.message).toMatch(/通知类型无效|发送状态无效/);
    });

    it("is for the organizing unit's committee: a participating liaison is refused, an outsider finds nothing", async () => {
      const refused = await log(liaison, '', other).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      const missing = await log(outsider, '', other).expect(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
      await t.http().get(`/api/campaigns/${other.id}/notifications`).expect(401);
      await log(committee, '', { ...other, id: 'no-such-campaign' } as Campaign).expect(404);
    });
  });
});
