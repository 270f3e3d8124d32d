import { campaignDto } from '../../../../test/campaigns';
import { deliverablesChanged, deliverablesFromCampaign, itemsChanged, itemsFromCampaign, keepIdentities, placeItemDetails, ruleOf, type DraftItem } from './model';

const field = (key: string, label: string, extra: Partial<DraftItem['fields'][number]> = {}) => ({
  key,
  kind: 'count' as const,
  label,
  unit: '次',
  hasData: false,
  ...extra,
});
const item = (key: string, title: string, fields: DraftItem['fields'], id?: string): DraftItem => ({ key, id, title, requirement: '', fieldText: '', fields });

describe('items model', () => {
  it('keeps ids (and data) of same-named items and fields when pasted items replace the current ones', () => {
    const current = [item('a', '学习', [field('a1', '参与', { id: 'f1', hasData: true }), field('a2', '组织', { id: 'f2' })], 'i1')];
    const pasted = [item('p', ' 学习 ', [field('p1', '参与'), field('p2', '组织', { kind: 'boolean', unit: '' })]), item('q', '学习', [])];

    const merged = keepIdentities(pasted, current);

    expect(merged.map((i) => i.id)).toEqual(['i1', undefined]);
    expect(merged[0].fields.map((f) => [f.id, f.hasData])).toEqual([
      ['f1', true],
      [undefined, false],
    ]);
  });

  it('places server details next to the item or field of the list sent', () => {
    const sent = [item('a', '学习', [field('a1', '参与')]), item('b', '宣传', [])];
    const placed = placeItemDetails(
      [
        { field: 'items.0.fields.0', message: '不能删除' },
        { field: 'items.1.title', message: '名称太长' },
        { field: 'items.1.fields.3', message: '已有数据' },
        { field: 'items.9', message: '找不到' },
        { message: '其他' },
      ],
      sent,
    );
    expect(placed.problems).toEqual({ 'a/a1': ['不能删除'], b: ['名称太长', '已有数据'] });
    expect(placed.other).toEqual(['找不到', '其他']);
  });
});

describe('rule drafts', () => {
  const base = { date: '2022-06-04', time: '', weekday: '3', day: '28', from: '2022-06-01', until: '2022-06-30' };
  it('make rules: a time only when given', () => {
    expect(ruleOf({ ...base, kind: 'once' })).toEqual({ kind: 'once', due: '2022-06-04' });
    expect(ruleOf({ ...base, kind: 'once', time: '18:00' })).toEqual({ kind: 'once', due: '2022-06-04 18:00' });
    expect(ruleOf({ ...base, kind: 'weekly' })).toEqual({ kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' });
    expect(ruleOf({ ...base, kind: 'monthly', time: '09:00' })).toEqual({ kind: 'monthly', day: 28, time: '09:00', from: '2022-06-01', until: '2022-06-30' });
  });
});

describe('unsaved edits', () => {
  const campaign = campaignDto({
    items: [{ id: 'i1', title: '学习', requirement: '', fieldText: '', fields: [{ id: 'f1', kind: 'count', label: '参与', unit: '人次', hasData: false }] }],
    deliverables: [{ id: 'd1', kind: 'weekly_materials', title: '每周材料', rule: { kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' } }],
  });

  it('are what would be sent differently from the saved campaign', () => {
    const items = itemsFromCampaign(campaign.items);
    expect(itemsChanged(items, campaign.items)).toBe(false);
    expect(itemsChanged([{ ...items[0], fields: [{ ...items[0].fields[0], label: '参与人次' }] }], campaign.items)).toBe(true);
    expect(itemsChanged([], campaign.items)).toBe(true);

    const deliverables = deliverablesFromCampaign(campaign);
    expect(deliverablesChanged(deliverables, campaign)).toBe(false);
    expect(deliverablesChanged([{ ...deliverables[0], rule: { ...deliverables[0].rule, weekday: '4' } }], campaign)).toBe(true);
  });
});
