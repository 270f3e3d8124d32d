// Campaign DTOs for the unit tests.
import { defaultLiaisonForm, defaultMediaRequirements, type CampaignDto } from '@safemonth/shared';

export const person = { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false };

export function campaignDto(extra: Partial<CampaignDto> = {}): CampaignDto {
  return {
    id: 'c1',
    title: '2022年安全生产月活动',
    year: 2022,
    theme: '遵守安全生产法，当好第一责任人',
    status: 'draft',
    organizingUnit: { id: 'u1', name: '常州市工信局', kind: 'committee' },
    phases: [{ name: '安全生产月', start: '2022-06-01', end: '2022-06-30' }],
    nextDeadline: null,
    slogans: ['安全生产，人人有责'],
    media: defaultMediaRequirements(),
    liaisonForm: defaultLiaisonForm(),
    participatingUnitIds: [],
    items: [],
    deliverables: [],
    publishedAt: null,
    editable: true,
    liaisonUnits: [],
    overseenUnits: [],
    autoAcceptReports: false,
    allowSelfReviewInSingleMemberUnits: false,
    ...extra,
  };
}
