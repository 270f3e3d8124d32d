import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ChannelName, deadlineInstances, ReminderMoment, reminderMoments } from '@safemonth/shared';
import { CampaignsService } from '../campaigns/campaigns.service';
import { Clock } from '../common/clock';
import { PollingLoop } from '../common/polling-loop';
import type { ReminderInstance } from './reminder-notices';
import { LiaisonReminderToDecide, RemindersService } from './reminders.service';

const TICK_MS = 60_000;
/**
 * How far back a tick looks for moments at least: a moment whose deciding failed (or that a process
 * stopping left undecided) is decided again by a tick within this long.
 */
export const REMINDER_LOOKBACK_MS = 6 * 60 * 60_000;
/**
 * How far back a tick looks at most: to the last tick any process completed (`reminder_tick`), so
 * that after every process was down the overdue notices and digests of the outage are still
 * decided, but not those of an outage older than this (long past, they would mislead).
 */
export const REMINDER_CATCH_UP_MS = 7 * 24 * 60 * 60_000;

/**
 * Decides deadline reminders (see docs/notifications.md). Every server process runs one, ticking
 * each minute (the server starts it; tests call `tick` with the instant they choose). A tick
 * decides each moment (`reminderMoments` of each instance under its policy) that fell in
 * (since, now] and that this process has not decided yet, `since` being REMINDER_LOOKBACK_MS ago or
 * the last completed tick of any process if earlier, but not more than REMINDER_CATCH_UP_MS ago;
 * reminders before a deadline only while it is ahead. What it decides: the reminders to the
 * liaisons of the units owing the instance then, and the committee's digest. Processes do not
 * coordinate: each decides each moment once, and the outbox's unique key writes each notice once
 * however many decide it.
 *
 * What a tick costs: a few queries (the last tick, the published campaigns with their
 * deliverables, their policies, recording the tick) and, in memory, each deliverable's instances
 * and their moments (tens of campaigns × a few deliverables × at most tens of instances); the
 * database is read unit by unit only for the few instances with a moment in the window not yet
 * decided here, once each, a page of units at a time (see `RemindersService.remindOwing`).
 */
@Injectable()
export class ReminderScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(ReminderScheduler.name);
  /** The moments this process decided (`deliverable/period/moment@at`) with their instant, forgotten once out of the window. */
  private readonly decided = new Map<string, number>();
  private readonly loop = new PollingLoop(ReminderScheduler.name, TICK_MS, () => this.tick(this.clock.now()));

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.loop.start(true);
  }

  /** Waits for the tick under way; what it has not decided yet, a tick of this or another process decides later. */
  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Decides the moments due by `now` not decided yet; answers how many notices it wrote. */
  async tick(now: Date): Promise<number> {
    const last = (await this.reminders.lastTick())?.getTime() ?? Infinity;
    const since = Math.max(now.getTime() - REMINDER_CATCH_UP_MS, Math.min(last, now.getTime() - REMINDER_LOOKBACK_MS));
    for (const [key, at] of this.decided) if (at <= since) this.decided.delete(key);
    const published = await this.campaigns.publishedWithDeliverables();
    const policyOf = await this.reminders.policyResolver(published.map((p) => p.campaign.id));
    let queued = 0;
    for (const { campaign, deliverables } of published) {
      for (const deliverable of deliverables) {
        const policy = policyOf(campaign.id, deliverable.id);
        for (const { periodKey, opensAt, dueAt } of deadlineInstances(deliverable.rule)) {
          const due = Date.parse(dueAt);
          const moments = reminderMoments(dueAt, policy).filter(({ moment, at }) => {
            const instant = Date.parse(at);
            if (instant <= since || instant > now.getTime() || this.decided.has(`${deliverable.id}/${periodKey}/${moment}@${instant}`)) return false;
            // A reminder before the deadline only while it is ahead, and not before the instance opens for handing in.
            return !moment.startsWith('before:') || (now.getTime() < due && instant >= Date.parse(opensAt));
          });
          if (moments.length === 0) continue;
          const instance: ReminderInstance = {
            campaign: { id: campaign.id, title: campaign.title, organizingUnitId: campaign.organizingUnitId },
            deliverable: { id: deliverable.id, title: deliverable.title },
            periodKey,
            dueAt,
          };
          try {
            queued += await this.decide(instance, moments, policy.channels);
            for (const { moment, at } of moments) this.decided.set(`${deliverable.id}/${periodKey}/${moment}@${Date.parse(at)}`, Date.parse(at));
          } catch (error) {
            // Decided again by the next tick; the other instances go on.
            this.logger.error(`reminders of ${deliverable.id}/${periodKey} not decided: ${error instanceof Error ? error.stack : String(error)}`);
          }
        }
      }
    }
    await this.reminders.ticked(now);
    return queued;
  }

  /** The instance's liaison reminders in one pass over its owing units, then the committee's digest with what that pass counted. */
  private async decide(instance: ReminderInstance, moments: { moment: ReminderMoment }[], channels: readonly ChannelName[]): Promise<number> {
    const reminders: LiaisonReminderToDecide[] = moments
      .filter((m) => m.moment !== 'escalation')
      .map((m) => ({ kind: m.moment === 'overdue' ? 'overdue_notice' : 'deadline_reminder', scope: 'remind', last: m.moment }));
    const { queued, owing, names } = await this.reminders.remindOwing(instance, reminders, channels);
    const digest = moments.some((m) => m.moment === 'escalation') ? await this.reminders.escalate(instance, channels, { count: owing, names }) : 0;
    return queued + digest;
  }
}
