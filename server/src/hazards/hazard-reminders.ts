import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ChannelName, chinaDay, chinaInstant, formatChinaDate, isHazardOverdue, parseDay } from '@safemonth/shared';
import type { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { Clock } from '../common/clock';
import { PollingLoop } from '../common/polling-loop';
import type { OutboxMessage } from '../notifications/channel';
import type { Notice } from '../notifications/notice';
import { NotificationsService } from '../notifications/notifications.service';
import { Recipient, RemindersService } from '../reminders/reminders.service';
import type { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import type { Hazard } from './hazard.entity';
import { HazardHandlingService } from './hazard-handling.service';
import { HazardSettingsService } from './hazard-settings.service';

/** Decided every hour: a process started late in the day still reminds that day, and the day's key writes each notice once. */
const TICK_MS = 60 * 60_000;
/** Not sent before 09:00 China time: a reminder decided after midnight waits for the working day. */
const SEND_FROM_MINUTES = 9 * 60;
/** Cases whose reminders are decided and written together. */
const BATCH = 500;
const KEY_PREFIX = 'hazard-overdue/';
/** The liaison's 本单位 page, where the unit's rectifications are listed. */
const UNIT_PAGE = '/subpackages/unit/index/index';

/**
 * Reminds the responsible unit of each overdue rectification (see docs/hazards.md): once a China-time
 * day, each liaison of the unit on the channels of the campaign's default reminder policy (the inbox
 * always), keyed by case, person, channel and day, so that any number of ticks and processes
 * deciding the same day write each notice once. The notice names the case's category, place and due
 * day, never the reporter. Every server process runs one (the server starts it; tests call `tick`).
 */
@Injectable()
export class HazardReminders implements OnModuleDestroy {
  private readonly logger = new Logger(HazardReminders.name);
  private readonly loop = new PollingLoop(HazardReminders.name, TICK_MS, () => this.tick(this.clock.now()));

  constructor(
    private readonly handling: HazardHandlingService,
    private readonly settings: HazardSettingsService,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.loop.start(true);
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Decides the reminders of `now`'s China-time day; answers how many notices it wrote. */
  async tick(now: Date): Promise<number> {
    const today = chinaDay(now);
    const notBefore = new Date(chinaInstant(parseDay(today) as number, SEND_FROM_MINUTES));
    let queued = 0;
    for (const campaignId of await this.handling.campaignsRectifying()) {
      try {
        queued += await this.remind(campaignId, today, notBefore);
      } catch (error) {
        // Decided again by the next tick; the other campaigns go on.
        this.logger.error(`overdue rectifications of campaign ${campaignId} not reminded: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    return queued;
  }

  /**
   * A reminder goes only while its case is still overdue and still the unit's: not reported done,
   * not given to another unit, not given a later due day meanwhile.
   */
  async stillOverdue(messages: OutboxMessage[]): Promise<Set<string>> {
    const hazardIds = messages.map((m) => m.key.slice(KEY_PREFIX.length).split('/')[0]);
    const cases = new Map((await this.handling.rectifying(hazardIds)).map((h) => [h.id, h]));
    const settings = await this.settings.storedMany([...new Set([...cases.values()].map((h) => h.campaignId))]);
    const today = chinaDay(this.clock.now());
    return new Set(
      messages
        .filter((message, i) => {
          const hazard = cases.get(hazardIds[i]);
          return hazard?.responsibleUnitId === message.unitId && isHazardOverdue(hazard, settings.get(hazard.campaignId)?.zeroingDate ?? null, today);
        })
        .map((m) => m.id),
    );
  }

  private async remind(campaignId: string, today: string, notBefore: Date): Promise<number> {
    const [campaign, { zeroingDate }, { campaignDefault }] = await Promise.all([
      this.campaigns.getEntity(campaignId),
      this.settings.stored(campaignId),
      this.reminders.policiesOf(campaignId),
    ]);
    const channels = [...new Set<ChannelName>(['inbox', ...campaignDefault.channels])];
    let queued = 0;
    for (let after = ''; ; ) {
      const page = await this.handling.overdueRectifications(campaignId, zeroingDate, today, after, BATCH);
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const unitIds = [...new Set(page.map((h) => h.responsibleUnitId as string))];
      const [units, recipients] = await Promise.all([this.units.findMany(unitIds), this.reminders.liaisonRecipients(campaignId, unitIds, channels)]);
      const unitById = new Map(units.map((u) => [u.id, u]));
      const notices = page.flatMap((hazard) => {
        const unit = unitById.get(hazard.responsibleUnitId as string);
        if (!unit) return [];
        return (recipients.get(unit.id) ?? []).map((recipient) => overdueNotice({ hazard, campaign, unit, zeroingDate, today, recipient, notBefore }));
      });
      // In key order, as the reminders write theirs: concurrent deciders lock the same rows in the same order.
      queued += await this.notifications.enqueue(notices.sort((x, y) => (x.key < y.key ? -1 : 1)));
      if (page.length < BATCH) break;
    }
    return queued;
  }
}

/** One reminder of an overdue rectification to one recipient of the responsible unit: the case's category, place and due day. */
function overdueNotice(about: {
  hazard: Hazard;
  campaign: Campaign;
  unit: Unit;
  zeroingDate: string | null;
  today: string;
  recipient: Recipient;
  notBefore: Date;
}): Notice {
  const { hazard, campaign, unit, zeroingDate, today, recipient } = about;
  const dueDate = hazard.dueDate as string;
  const late =
    today > dueDate ? `已超过整改期限（${formatChinaDate(dueDate)}）` : `未能在隐患清零期限（${formatChinaDate(zeroingDate as string)}）前整改到位`;
  const title = `隐患整改逾期：${hazard.category}`;
  return {
    key: `${KEY_PREFIX}${hazard.id}/${recipient.id}/${recipient.channel}/${today}`,
    channel: recipient.channel,
    kind: 'hazard_overdue',
    personId: recipient.personId,
    address: recipient.address,
    title,
    body: `${unit.name}：“${campaign.title}”交办整改的隐患（${hazard.category}，${hazard.place}）${late}，请尽快整改并上报整改情况。`,
    link: `${UNIT_PAGE}?campaignId=${encodeURIComponent(campaign.id)}&unitId=${encodeURIComponent(unit.id)}`,
    facts: { campaign: campaign.title, item: `${hazard.category}：${hazard.place}`, unit: unit.name, dueAt: formatChinaDate(dueDate), title },
    campaignId: campaign.id,
    unitId: unit.id,
    deliverableId: null,
    periodKey: null,
    notBefore: about.notBefore,
  };
}
