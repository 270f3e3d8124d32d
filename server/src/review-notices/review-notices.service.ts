import { Injectable } from '@nestjs/common';
import { ChannelName, Role } from '@safemonth/shared';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ReportReviewed } from '../reports/reports.service';
import { HandInReturned } from '../deliverables/deliverables.service';
import type { Notice } from '../notifications/notice';
import { NotificationsService } from '../notifications/notifications.service';
import { PeopleService } from '../people/people.service';
import { TableHandedIn } from '../statistics/statistics-table.service';
import { UnitsService } from '../units/units.service';

/** Each person is told in the app and, where they subscribed, by WeChat (the channel decides). */
const CHANNELS: ChannelName[] = ['inbox', 'wechat'];

/** The app's pages that notices open (the mini program's routes). */
const PAGES = {
  report: '/subpackages/report/detail/index',
  unit: '/subpackages/unit/index/index',
  handIn: '/subpackages/unit/hand-in/index',
  statistics: '/subpackages/console/statistics/index',
};

/** A notice for several people: each person gets their own on each channel, keyed by `key`, person and channel. */
type Told = Omit<Notice, 'channel' | 'personId' | 'address'>;

/**
 * Notices that are not deadlines: a reporter told of their report's review, a unit's liaisons of its
 * table or materials returned, the organizing committee of a table handed in. Written to the outbox
 * in the transaction of what they tell (the features call their listeners inside it), keyed by the
 * step they tell of, so that each step is told once. Nobody is told of what they did themselves.
 */
@Injectable()
export class ReviewNoticesService {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
  ) {}

  readonly reportReviewed: ReportReviewed = async ({ report, action, reviewerId, comment, eventId }) => {
    const campaign = await this.campaigns.getEntity(report.campaignId);
    const told = `您在“${campaign.title}”提交的活动报告“${report.title}”`;
    await this.tell([report.reporterId], reviewerId, {
      key: `report/${report.id}/${action}/${eventId}`,
      kind: action === 'returned' ? 'report_returned' : 'report_accepted',
      title: action === 'returned' ? '活动报告被退回' : '活动报告已通过',
      body: action === 'returned' ? `${told}被退回，请修改后重新提交。修改意见：${comment ?? ''}` : `${told}已通过审核。`,
      link: `${PAGES.report}?id=${encodeURIComponent(report.id)}`,
      facts: { campaign: campaign.title, item: report.title, ...(comment ? { comment } : {}) },
      campaignId: campaign.id,
      unitId: report.unitId,
      deliverableId: null,
      periodKey: null,
    });
  };

  readonly tableHandedIn: TableHandedIn = async ({ campaignId, unitId, submissionId, personId, state, comment }) => {
    if (state === 'accepted') return;
    const [campaign, unit] = await Promise.all([this.campaigns.getEntity(campaignId), this.units.get(unitId)]);
    const about = { key: `table/${submissionId}/${state}`, campaignId, unitId, deliverableId: null, periodKey: null };
    const query = `campaignId=${encodeURIComponent(campaignId)}&unitId=${encodeURIComponent(unitId)}`;
    if (state === 'submitted') {
      await this.tell(await this.holders(campaign.organizingUnitId, 'committee'), personId, {
        ...about,
        kind: 'table_submitted',
        title: '统计表待审核',
        body: `“${unit.name}”已报送“${campaign.title}”的统计表，请审核。`,
        link: `${PAGES.statistics}?${query}`,
        facts: { campaign: campaign.title, unit: unit.name, item: '统计表' },
      });
      return;
    }
    await this.tell(await this.holders(unitId, 'liaison'), personId, {
      ...about,
      kind: 'table_returned',
      title: '统计表被退回',
      body: `“${unit.name}”报送的“${campaign.title}”统计表被退回，请修改后重新报送。修改意见：${comment ?? ''}`,
      link: `${PAGES.unit}?${query}`,
      facts: { campaign: campaign.title, unit: unit.name, item: '统计表', ...(comment ? { comment } : {}) },
    });
  };

  readonly handInReturned: HandInReturned = async ({ campaignId, unitId, deliverable, periodKey, dueAt, handInId, position, reviewerId, comment }) => {
    const [campaign, unit] = await Promise.all([this.campaigns.getEntity(campaignId), this.units.get(unitId)]);
    const query = [campaignId, unitId, deliverable.id, periodKey].map(encodeURIComponent);
    await this.tell(await this.holders(unitId, 'liaison'), reviewerId, {
      key: `hand-in/${handInId}/returned/${position}`,
      kind: 'hand_in_returned',
      title: '报送材料被退回',
      body: `“${unit.name}”报送的“${deliverable.title}”被退回，请修改后重新报送。修改意见：${comment}`,
      link: `${PAGES.handIn}?campaignId=${query[0]}&unitId=${query[1]}&deliverableId=${query[2]}&periodKey=${query[3]}`,
      facts: { campaign: campaign.title, unit: unit.name, item: deliverable.title, dueAt, comment },
      campaignId,
      unitId,
      deliverableId: deliverable.id,
      periodKey,
    });
  };

  private async holders(unitId: string, role: Role): Promise<string[]> {
    return [...new Set((await this.people.holders([unitId], role)).map((h) => h.personId))];
  }

  /** Enqueues the notice for each person but the one who acted, on each channel. */
  private async tell(personIds: string[], actorId: string, told: Told): Promise<void> {
    const notices = personIds
      .filter((personId) => personId !== actorId)
      .flatMap((personId) => CHANNELS.map((channel): Notice => ({ ...told, key: `${told.key}/${personId}/${channel}`, channel, personId, address: null })));
    await this.notifications.enqueue(notices);
  }
}
