import { comingCampaignYear, defaultCampaignTitle, duplicateItemTitles, publishWarnings, type PublishCheckInput } from './campaigns';

describe('comingCampaignYear', () => {
  it('is this year until June begins in China, then next year', () => {
    expect(comingCampaignYear(new Date('2026-01-01T00:00:00+08:00'))).toBe(2026);
    expect(comingCampaignYear(new Date('2026-05-31T23:59:59+08:00'))).toBe(2026);
    expect(comingCampaignYear(new Date('2026-06-01T00:00:00+08:00'))).toBe(2027);
    expect(comingCampaignYear(new Date('2026-12-02T12:00:00+08:00'))).toBe(2027);
  });

  it('counts China time, not UTC', () => {
    // 31 May 16:30 UTC is already 1 June in China; 31 December 16:30 UTC is already next year.
    expect(comingCampaignYear(new Date('2026-05-31T16:30:00Z'))).toBe(2027);
    expect(comingCampaignYear(new Date('2026-05-31T15:30:00Z'))).toBe(2026);
    expect(comingCampaignYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });
});

describe('defaultCampaignTitle', () => {
  it('joins the year and the name, falling back to the usual name', () => {
    expect(defaultCampaignTitle(2027, '“安全生产月”和“安全生产南粤行”活动')).toBe('2027年“安全生产月”和“安全生产南粤行”活动');
    expect(defaultCampaignTitle(2027)).toBe('2027年“安全生产月”活动');
    expect(defaultCampaignTitle(2027, '  ')).toBe('2027年“安全生产月”活动');
  });
});

describe('publishWarnings', () => {
  const now = new Date('2027-06-10T12:00:00+08:00');
  const fine: PublishCheckInput = {
    phases: [{ name: '安全生产月', start: '2027-06-01', end: '2027-06-30' }],
    items: [
      { title: '安全宣传咨询日', fields: [{}] },
      { title: '应急演练', fields: [{}] },
    ],
    deliverables: [{ title: '总结报告', rule: { kind: 'once', due: '2027-07-05' } }],
  };

  it('finds nothing in a campaign that is in order', () => {
    expect(publishWarnings(fine, now)).toEqual([]);
  });

  it('lists past deadlines, past phases, repeated titles and items without fields', () => {
    const warnings = publishWarnings(
      {
        phases: [...fine.phases, { name: '准备阶段', start: '2027-05-01', end: '2027-05-31' }],
        items: [...fine.items, { title: ' 应急演练 ', fields: [{}] }, { title: '其他特色活动', fields: [] }],
        deliverables: [
          ...fine.deliverables,
          { title: '单位活动方案', rule: { kind: 'once', due: '2027-05-20' } },
          { title: '每周活动材料', rule: { kind: 'weekly', weekday: 5, from: '2027-06-01', until: '2027-06-30' } },
        ],
      },
      now,
    );
    expect(warnings).toEqual([
      '阶段“准备阶段”已于 2027年5月31日 结束',
      '“单位活动方案”的截止时间已过',
      '“每周活动材料”有 1 次截止时间已过（共 4 次）',
      '活动项目“应急演练”重复了 2 次',
      '活动项目“其他特色活动”没有统计项',
    ]);
  });

  it('counts a deadline on its own day as not yet past', () => {
    const onTheDay = { ...fine, deliverables: [{ title: '总结报告', rule: { kind: 'once', due: '2027-06-10' } as const }] };
    expect(publishWarnings(onTheDay, now)).toEqual([]);
    expect(publishWarnings(onTheDay, new Date('2027-06-11T00:00:00+08:00'))).toEqual(['“总结报告”的截止时间已过']);
  });
});

describe('duplicateItemTitles', () => {
  it('names the incoming titles that already exist, once each', () => {
    const existing = [{ title: '应急演练' }, { title: '安全宣传咨询日' }];
    expect(duplicateItemTitles(existing, [{ title: '新项目' }, { title: ' 应急演练' }, { title: '应急演练' }])).toEqual(['应急演练']);
    expect(duplicateItemTitles([], [{ title: '应急演练' }])).toEqual([]);
  });
});
