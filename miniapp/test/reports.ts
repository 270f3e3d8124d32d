// Report DTOs for the unit tests.
import type { MeResponse, ReportDto } from '@safemonth/shared';
import { campaignDto, person } from './campaigns';

export const u2 = { id: 'u2', name: '武进区工信局', kind: 'district' as const };
/** A unit under u2. */
export const u3 = { id: 'u3', name: '东城化工有限公司', kind: 'enterprise' as const };

export const ITEM = {
  id: 'i1',
  title: '安全咨询日',
  requirement: '',
  fieldText: '开展咨询活动（ ）场，参与（ ）人次',
  fields: [
    { id: 'f1', kind: 'count' as const, label: '开展咨询活动', unit: '场', hasData: false },
    { id: 'f2', kind: 'count' as const, label: '参与', unit: '人次', hasData: false },
  ],
};

export const PUBLISHED = campaignDto({ status: 'published', editable: false, items: [ITEM] });

export const STAFF: MeResponse = { person, memberships: [{ id: 'm1', role: 'staff', unit: u2 }] };
export const LIAISON: MeResponse = { person, memberships: [{ id: 'm1', role: 'liaison', unit: u2 }] };
export const COMMITTEE: MeResponse = {
  person,
  memberships: [{ id: 'm1', role: 'committee', unit: { id: 'root', name: '市安委办', kind: 'committee' as const } }],
};

export function reportDto(extra: Partial<ReportDto> = {}): ReportDto {
  return {
    id: 'r1',
    campaignId: 'c1',
    unit: u2,
    item: { id: 'i1', title: '安全咨询日' },
    itemId: 'i1',
    status: 'submitted',
    // A staff member's: not the signed-in person of these tests (王五).
    reporter: { id: 'p2', displayName: '赵六' },
    title: '安全咨询进社区',
    startAt: '2022-06-16T01:00:00.000Z',
    endAt: '2022-06-16T04:00:00.000Z',
    place: '湖塘镇广场',
    description: '发放资料',
    headcount: 150,
    media: [],
    evidenceLinks: [],
    contributions: [
      { fieldId: 'f1', label: '开展咨询活动', unit: '场', amount: 1 },
      { fieldId: 'f2', label: '参与', unit: '人次', amount: 150 },
    ],
    proposedAnswers: [],
    history: [{ action: 'submitted', by: { id: 'p2', displayName: '赵六' }, at: '2022-06-16T05:00:00.000Z', comment: null, selfReview: false }],
    allowed: { review: true, edit: true },
    warnings: [],
    createdAt: '2022-06-16T05:00:00.000Z',
    updatedAt: '2022-06-16T05:00:00.000Z',
    ...extra,
  };
}
