import {
  CampaignSettings,
  DeadlineRule,
  DeliverableKind,
  parseFieldText,
  parseStatisticsTable,
  ReplaceItemsRequest,
} from '@safemonth/shared';
import changzhou from './templates/changzhou-2022-miit.json';
import jiexi from './templates/jiexi-2020-county.json';
import jinghai from './templates/jinghai-2021-culture-tourism.json';
import zhongwei from './templates/zhongwei-2021-city.json';

/** Settings that a committee chooses for its own campaign, not a plan. */
type LocalSettings = 'participatingUnitIds' | 'autoAcceptReports' | 'allowSelfReviewInSingleMemberUnits';

/**
 * A campaign as a real plan set it up, shipped with the product. Its statistics table is kept as
 * the text a committee would paste, and goes through the same importer.
 */
export interface CampaignTemplate extends Omit<CampaignSettings, LocalSettings> {
  id: string;
  /** The activity's name without year or place: new campaigns' titles are made of it. */
  name: string;
  issuedBy: string;
  statisticsTable: string | null;
  items: { title: string; requirement: string; fieldText: string }[];
  deliverables: { kind: DeliverableKind; title: string; rule: DeadlineRule }[];
}

export const CAMPAIGN_TEMPLATES = [zhongwei, changzhou, jinghai, jiexi] as CampaignTemplate[];

/** The template's activity items with their parsed statistics fields. */
export function templateItems(template: CampaignTemplate): ReplaceItemsRequest['items'] {
  const items = template.statisticsTable
    ? parseStatisticsTable(template.statisticsTable)
    : template.items.map((item) => ({ ...item, fields: parseFieldText(item.fieldText, item.title) }));
  return items.map(({ title, requirement, fieldText, fields }) => ({
    title,
    requirement,
    fieldText,
    fields: fields.map((f) => ({ kind: f.kind, label: f.label, unit: f.kind === 'count' ? f.unit : '' })),
  }));
}
