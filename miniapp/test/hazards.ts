// Hazard DTOs for the unit tests of the reporter's pages.
import type { HazardCampaignDto, HazardFollowUpDto } from '@safemonth/shared';
import { DEFAULT_HAZARD_CATEGORIES } from '@safemonth/shared';

export function hazardCampaign(extra: Partial<HazardCampaignDto> = {}): HazardCampaignDto {
  return {
    id: 'c1',
    title: '2022年安全生产月活动',
    organizingUnitName: '中卫市安委办',
    categories: [...DEFAULT_HAZARD_CATEGORIES],
    allowAnonymous: true,
    allowPublic: true,
    ...extra,
  };
}

export function followUp(extra: Partial<HazardFollowUpDto> = {}): HazardFollowUpDto {
  return {
    id: 'h1',
    campaignTitle: '2022年安全生产月活动',
    category: '消防',
    place: '东城化工仓库',
    description: '消防通道被货物堵塞',
    status: 'submitted',
    reason: null,
    mediaCount: 1,
    reward: null,
    messages: [],
    createdAt: '2022-06-16T01:00:00.000Z',
    updatedAt: '2022-06-16T01:00:00.000Z',
    ...extra,
  };
}

/** Everything the page's storage holds, as one text (to look for what must never be kept). */
export function storedText(): string {
  const entries: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) as string;
    entries.push(`${key}=${localStorage.getItem(key)}`);
  }
  return entries.join('\n');
}
