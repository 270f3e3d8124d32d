import {
  DELIVERABLE_KINDS,
  LIAISON_FIELDS,
  deadlineInstances,
  parseFieldText,
  parseStatisticsTable,
  validateDeadlineRule,
  type DeliverableKind,
  type MediaRequirements,
} from '@safemonth/shared';
import { CampaignTemplate } from '../templates';
import changzhou from './changzhou-2022-miit.json';
import jiexi from './jiexi-2020-county.json';
import jinghai from './jinghai-2021-culture-tourism.json';
import zhongwei from './zhongwei-2021-city.json';

const KEYS = ['id', 'title', 'name', 'issuedBy', 'year', 'theme', 'phases', 'slogans', 'media', 'liaisonForm', 'statisticsTable', 'items', 'deliverables'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Expected {
  template: CampaignTemplate;
  theme: string;
  /** Item titles with their number of statistics fields, when the template has a statistics table. */
  table?: [string, number][];
  /** Number of items, when it has none. */
  itemCount?: number;
  deliverableKinds: DeliverableKind[];
  slogans: number;
  firstDueAt: string;
  /** Keys the liaison form asks, in order, and those it requires. */
  asked: string[];
  required: string[];
  photoFormats: MediaRequirements['photoFormats'];
  smallPhotoPolicy: MediaRequirements['smallPhotoPolicy'];
}

const DEFAULT_ASKED = ['name', 'title', 'mobile', 'officePhone', 'email', 'unitName'];
const DEFAULT_REQUIRED = ['name', 'title', 'mobile', 'unitName'];

const expectations: Expected[] = [
  {
    template: zhongwei as CampaignTemplate,
    theme: '落实安全责任，推动安全发展',
    table: [
      ['学习习近平总书记关于安全生产重要论述', 7],
      ['“专项整治集中攻坚战”专题宣传活动', 6],
      ['“安全生产万里行”活动', 12],
      ['“6·16 安全宣传咨询日”活动', 10],
      ['推进安全宣传“五进”活动', 10],
    ],
    deliverableKinds: ['liaison_form', 'unit_plan', 'summary_report', 'statistics_table', 'other'],
    slogans: 0,
    firstDueAt: '2021-06-04T10:00:00.000Z',
    asked: ['name', 'gender', 'title', 'mobile', 'officePhone', 'fax', 'wechat', 'qq', 'unitName'],
    required: DEFAULT_REQUIRED,
    photoFormats: ['jpeg', 'png'],
    smallPhotoPolicy: 'warn',
  },
  {
    template: changzhou as CampaignTemplate,
    theme: '遵守安全生产法  当好第一责任人',
    table: [
      ['学习习近平总书记关于安全生产重要论述', 11],
      ['宣传贯彻安全生产法', 4],
      ['开展"安全生产专题行"活动', 9],
      ['开展"安全宣传咨询日"和"安全宣传五进"活动', 15],
      ['其他特色活动', 3],
    ],
    deliverableKinds: ['liaison_form', 'summary_report', 'statistics_table', 'weekly_materials'],
    slogans: 15,
    firstDueAt: '2022-05-30T16:00:00.000Z',
    asked: [...LIAISON_FIELDS],
    required: DEFAULT_REQUIRED,
    photoFormats: ['jpeg', 'png'],
    smallPhotoPolicy: 'warn',
  },
  {
    template: jinghai as CampaignTemplate,
    theme: '落实安全责任，推动安全发展',
    itemCount: 13,
    deliverableKinds: ['other'],
    slogans: 0,
    firstDueAt: '2021-07-01T16:00:00.000Z',
    asked: DEFAULT_ASKED,
    required: DEFAULT_REQUIRED,
    photoFormats: ['jpeg', 'png'],
    smallPhotoPolicy: 'warn',
  },
  {
    template: jiexi as CampaignTemplate,
    theme: '消除事故隐患，筑牢安全防线',
    itemCount: 10,
    deliverableKinds: ['unit_plan', 'liaison_form', 'weekly_materials', 'monthly_report', 'summary_report', 'other'],
    slogans: 0,
    firstDueAt: '2020-06-05T16:00:00.000Z',
    asked: DEFAULT_ASKED,
    required: DEFAULT_REQUIRED,
    photoFormats: ['jpeg'],
    smallPhotoPolicy: 'refuse',
  },
];

describe.each(expectations.map((e) => [e.template.id, e] as const))('campaign template %s', (_id, expected) => {
  const t = expected.template;

  it('has exactly the fields of a template file, its year in the title and a phase for the month', () => {
    expect(Object.keys(t)).toEqual(KEYS);
    expect(t.title).toContain(String(t.year));
    // The name is the title without year and place: what a new campaign's title is made of.
    expect(t.title.endsWith(t.name)).toBe(true);
    expect(t.name).not.toMatch(/\d/);
    expect(t.theme).toBe(expected.theme);
    expect(t.issuedBy).not.toBe('');
    expect(t.phases[0]).toEqual({ name: '安全生产月', start: `${t.year}-06-01`, end: `${t.year}-06-30` });
  });

  it('has phases that start no later than they end, within the year', () => {
    for (const phase of t.phases) {
      expect(phase.name).not.toBe('');
      expect(phase.start).toMatch(DATE);
      expect(phase.end).toMatch(DATE);
      expect(phase.start <= phase.end).toBe(true);
      expect(phase.start.slice(0, 4)).toBe(String(t.year));
      expect(phase.end.slice(0, 4)).toBe(String(t.year));
    }
  });

  it('has valid deadline rules, the expected deliverables and the expected first due instant', () => {
    expect(t.deliverables.map((d) => d.kind)).toEqual(expected.deliverableKinds);
    for (const deliverable of t.deliverables) {
      expect(DELIVERABLE_KINDS).toContain(deliverable.kind);
      expect(deliverable.title).not.toBe('');
      expect(validateDeadlineRule(deliverable.rule)).toEqual([]);
    }
    expect(deadlineInstances(t.deliverables[0].rule)[0].dueAt).toBe(expected.firstDueAt);
  });

  it('has a liaison form with all keys in order, every required field asked', () => {
    expect(t.liaisonForm.fields.map((f) => f.key)).toEqual([...LIAISON_FIELDS]);
    for (const field of t.liaisonForm.fields) {
      expect(typeof field.asked).toBe('boolean');
      expect(typeof field.required).toBe('boolean');
      if (field.required) expect(field.asked).toBe(true);
    }
    expect(t.liaisonForm.fields.filter((f) => f.asked).map((f) => f.key)).toEqual(expected.asked);
    expect(t.liaisonForm.fields.filter((f) => f.required).map((f) => f.key)).toEqual(expected.required);
    expect(t.liaisonForm.maxLiaisonsPerUnit).toBe(1);
  });

  it('has media requirements and slogans as expected', () => {
    expect(t.media).toEqual({
      minPhotoWidth: 1920,
      minPhotoHeight: 1080,
      smallPhotoPolicy: expected.smallPhotoPolicy,
      photoFormats: expected.photoFormats,
      videoFormats: ['mp4'],
      maxFileSizeMb: 50,
    });
    expect(t.slogans).toHaveLength(expected.slogans);
    for (const slogan of t.slogans) expect(slogan.trim()).not.toBe('');
  });

  if (expected.table) {
    const table = expected.table;
    it('has a statistics table that parses into the expected items, each with fields, and no items of its own', () => {
      expect(t.statisticsTable).not.toBeNull();
      expect(t.statisticsTable!.split('\n')[0]).toBe('活动项目\t内容要求\t进展情况');
      const items = parseStatisticsTable(t.statisticsTable!);
      expect(items.map((item) => [item.title, item.fields.length])).toEqual(table);
      for (const item of items) {
        expect(item.requirement).not.toBe('');
        expect(item.fields.length).toBeGreaterThanOrEqual(1);
      }
      expect(t.items).toEqual([]);
    });
  } else {
    const itemCount = expected.itemCount;
    it('has no statistics table and the expected number of items', () => {
      expect(t.statisticsTable).toBeNull();
      expect(t.items).toHaveLength(itemCount!);
      for (const item of t.items) {
        expect(item.title).not.toBe('');
        expect(item.requirement).not.toBe('');
        // fieldText is '' unless the activity text itself has blanks, and then those blanks are fields.
        expect(item.fieldText === '' || parseFieldText(item.fieldText).length > 0).toBe(true);
      }
      expect(new Set(t.items.map((item) => item.title)).size).toBe(itemCount);
    });
  }
});

describe('campaign templates', () => {
  it('have distinct ids', () => {
    expect(new Set(expectations.map((e) => e.template.id)).size).toBe(expectations.length);
  });

  it('spread periodic deadlines as the plans state them', () => {
    const rule = (t: CampaignTemplate, kind: DeliverableKind) => t.deliverables.find((d) => d.kind === kind)!.rule;
    const weeklyChangzhou = deadlineInstances(rule(changzhou as CampaignTemplate, 'weekly_materials'));
    expect(weeklyChangzhou.map((i) => i.dueAt)).toEqual(
      ['2022-06-01', '2022-06-08', '2022-06-15', '2022-06-22', '2022-06-29'].map((day) => `${day}T16:00:00.000Z`),
    );
    const weeklyJiexi = deadlineInstances(rule(jiexi as CampaignTemplate, 'weekly_materials'));
    expect(weeklyJiexi).toHaveLength(9);
    expect(weeklyJiexi[0].dueAt).toBe('2020-06-04T16:00:00.000Z');
    expect(weeklyJiexi[8].dueAt).toBe('2020-07-30T16:00:00.000Z');
    const monthlyJiexi = deadlineInstances(rule(jiexi as CampaignTemplate, 'monthly_report'));
    expect(monthlyJiexi.map((i) => i.periodKey)).toEqual(['2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12']);
    expect(monthlyJiexi[0].dueAt).toBe('2020-07-28T16:00:00.000Z');
  });
});
