import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import type { OutboxMessage } from '../src/notifications/channel';
import { InboxChannel } from '../src/notifications/channels/inbox.channel';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { DeliveryAttempt, OutboxMessage as OutboxRow } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { newCampaign, newPerson, newUnit } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MESSAGES = 500;

/**
 * Two workers draining one outbox at once (as two server processes would; on MariaDB they claim
 * with SELECT … FOR UPDATE SKIP LOCKED): every message is delivered exactly once.
 */
describe('outbox workers draining at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // Whether both get a share is the scheduler's to say (either may claim every batch before the
  // other starts): asserted is what holds whatever the timing.
  it(`deliver each of ${MESSAGES} messages exactly once`, async () => {
    const root = await newUnit(t, { name: '市安委办' });
    const unit = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => newPerson(t, { role: 'liaison', unit, displayName: `联络员${i}` })));
    const campaign = await newCampaign(t, { organizer: root });
    const notifications = t.app.get(NotificationsService);
    const written = await notifications.enqueue(
      Array.from({ length: MESSAGES }, (_, i) => ({
        key: `manual/${i}`,
        channel: 'inbox' as const,
        kind: 'manual_reminder' as const,
        personId: people[i % people.length].person.id,
        address: null,
        title: `催交提醒 ${i}`,
        body: '城东区尚未报送本周活动材料。',
        link: null,
        facts: {},
        campaignId: campaign.id,
        unitId: unit.id,
        deliverableId: null,
        periodKey: null,
      })),
    );
    expect(written).toBe(MESSAGES);

    const inbox = t.app.get(InboxChannel);
    const send = inbox.send.bind(inbox);
    const sends = new Map<string, number>();
    jest.spyOn(inbox, 'send').mockImplementation(async (message: OutboxMessage) => {
      sends.set(message.id, (sends.get(message.id) ?? 0) + 1);
      return send(message);
    });
    const first = t.app.get(OutboxWorker);
    const second = new OutboxWorker(t.app.get(Database), notifications, t.app.get(Clock), t.config);
    await Promise.all([first.drain(), second.drain()]);

    const database = t.app.get(Database);
    const rows = await database.repository(OutboxRow).find({ select: ['id', 'status', 'attempts'] });
    expect(rows).toHaveLength(MESSAGES);
    expect(rows.filter((r) => r.status !== 'sent' || r.attempts !== 1)).toEqual([]);
    expect([...sends.values()].filter((count) => count !== 1)).toEqual([]);
    expect(sends.size).toBe(MESSAGES);
    const delivered = await database.repository(InboxMessage).find({ select: ['outboxMessageId'] });
    expect(delivered).toHaveLength(MESSAGES);
    expect(new Set(delivered.map((m) => m.outboxMessageId)).size).toBe(MESSAGES);
    expect(await database.repository(DeliveryAttempt).countBy({ outcome: 'sent' })).toBe(MESSAGES);
    expect(await database.repository(DeliveryAttempt).count()).toBe(MESSAGES);
  });
});
