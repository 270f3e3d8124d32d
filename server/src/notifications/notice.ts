import type { ChannelName, NoticeKind } from '@safemonth/shared';

/** Something to tell one recipient on one channel, handed to `NotificationsService.enqueue`. */
export interface Notice {
  /** Dedupe key, unique in the outbox, e.g. `remind/<deliverableId>/<periodKey>/<unitId>/<personId>/<channel>/<offset>`. */
  key: string;
  channel: ChannelName;
  kind: NoticeKind;
  /** The person it is for (inbox, wechat, email); null for a robot. */
  personId: string | null;
  /** Where, for channels addressed otherwise: the robot's id (wecom), the e-mail address (email). */
  address: string | null;
  /** Chinese, short (≤ 40 characters). */
  title: string;
  /** Chinese plain text; channels format it (markdown for WeCom). */
  body: string;
  /** The app page it opens, e.g. `/subpackages/unit/index/index?campaignId=…&unitId=…`. */
  link: string | null;
  /** Facts a channel may lay out (WeChat template fields): campaign, item, unit, dueAt (ISO), comment… */
  facts: Record<string, string>;
  /** What it is about, for the check before sending and for the delivery log's filters. */
  campaignId: string | null;
  unitId: string | null;
  deliverableId: string | null;
  periodKey: string | null;
  /** Not sent before (quiet hours): default now. */
  notBefore?: Date;
}
