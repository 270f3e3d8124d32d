import type { ChannelName } from '@safemonth/shared';
import type { OutboxMessage } from './outbox-message.entity';

export type { OutboxMessage };

/** What came of one try at sending. */
export type SendOutcome =
  | { kind: 'sent' }
  /** Transient (network, 5xx, rate limited): tried again after the backoff, or at `notBefore` when given. */
  | { kind: 'retry'; error: string; notBefore?: Date }
  /** Permanent (no subscription, no address): not tried again. */
  | { kind: 'failed'; error: string };

/**
 * A way of delivering outbox messages. A channel is a provider of `NotificationsModule` that
 * registers itself with `NotificationsService.registerChannel` when the module starts; the worker
 * calls `send` outside any transaction, possibly for several messages at once.
 */
export interface Channel {
  readonly name: ChannelName;
  send(message: OutboxMessage): Promise<SendOutcome>;
}
