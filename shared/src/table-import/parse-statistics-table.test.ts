/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_LABEL_MAX_LENGTH, FIELD_UNITS, UNNAMED_FIELD_LABEL } from '../fields';
import { parseStatisticsTable, type ImportedActivityItem } from '.';

const fixture = (path: string) => readFileSync(join(__dirname, '../../fixtures', path), 'utf8');
const summary = (items: ImportedActivityItem[]) => items.map((item) => [item.title, item.fields.length]);

describe('parseStatisticsTable on seed tables as pasted by a committee member', () => {
  it.each([
    [
      'zhongwei-2021-statistics',
      'copied from Word: paragraphs of a cell on lines of their own, header repeated after a page break',
      [
        ['学习习近平总书记关于安全生产重要论述', 7],
        ['“专项整治集中攻坚战”专题宣传活动', 6],
        ['“安全生产万里行”活动', 12],
        ['“6·16 安全宣传咨询日”活动', 10],
        ['推进安全宣传“五进”活动', 10],
      ],
    ],
    [
      'changzhou-2022-statistics',
      'copied from Excel: multi-line cells quoted, with "" for the quotes in the text',
      [
        ['学习习近平总书记关于安全生产重要论述', 11],
        ['宣传贯彻安全生产法', 4],
        ['开展"安全生产专题行"活动', 9],
        ['开展"安全宣传咨询日"和"安全宣传五进"活动', 15],
        ['其他特色活动', 3],
      ],
    ],
  ])('%s (%s)', (name, _how, expected) => {
    const items = parseStatisticsTable(fixture(`pasted/${name}.tsv`));
    expect(summary(items)).toEqual(expected);
    // The pasted version must not drift from the seed: every line of every field cell is in it verbatim.
    const seed = fixture(`seed-tables/${name}.txt`);
    for (const line of items.flatMap((item) => item.fieldText.split('\n'))) expect(seed).toContain(line);
  });

  it('keeps requirement and field text of a Word row whose field cell has three paragraphs', () => {
    const [first] = parseStatisticsTable(fixture('pasted/zhongwei-2021-statistics.tsv'));
    expect(first.requirement).toBe(
      '理论学习中心组开展深入学习，专题学习电视专题片；各级领导干部和企业负责人开展安全生产“大讲堂”“大家谈”“公开课”“微课堂”和在线访谈、基层宣讲等',
    );
    expect(first.fieldText.split('\n')).toEqual([
      '理论学习中心组学习（ ）次，参与（ ）人次；',
      '专题学习《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片：是（ ）否（ ）；组织集中学习观看（ ）场，参与（ ）人次；',
      '开展安全生产“大讲堂”“大家谈”公开课”“微课堂”和在线访谈、基层宣讲（ ）场，参与（ ）人次。',
    ]);
  });

  it('unquotes an Excel cell and keeps a row whose fields are optional', () => {
    const items = parseStatisticsTable(fixture('pasted/changzhou-2022-statistics.tsv'));
    expect(items[0].requirement).toBe('理论学习中心组开展深入学习，各级领导干部开展"百团进百万企业千万员工"专题宣讲；专题学习电视专题片;推动贯彻落实安全生产十五条措施。');
    expect(items[4]).toEqual({
      title: '其他特色活动',
      requirement: '根据实际情况选填。',
      fieldText: '组织( )场/次,参与( )人次,宣传受众( )人次。',
      fields: [
        { kind: 'count', label: '其他特色活动·组织', unit: '场/次' },
        { kind: 'count', label: '其他特色活动·参与人次', unit: '人次' },
        { kind: 'count', label: '宣传受众', unit: '人次' },
      ],
    });
  });
});

describe('parseStatisticsTable labels of the seed tables, as a flat list of fields', () => {
  // Words that name no field alone; the parser has its own list, this one is the test's judgement.
  const GENERIC = ['参与', '参加', '组织', '开展', '举办', '发放', '覆盖', '受众', '新建', '改扩建', '计划', '其他', '以', '为', '等', UNNAMED_FIELD_LABEL];
  const bare = new Set(['', ...FIELD_UNITS, ...GENERIC, ...GENERIC.flatMap((word) => FIELD_UNITS.map((unit) => word + unit))]);
  const imported = (name: string) => parseStatisticsTable(fixture(`pasted/${name}.tsv`));

  it.each(['zhongwei-2021-statistics', 'changzhou-2022-statistics'])('%s: no label is empty, a unit or a generic word, labels of an item are distinct and fit', (name) => {
    for (const item of imported(name)) {
      const labels = item.fields.map((field) => field.label);
      expect(labels.filter((label) => bare.has(label))).toEqual([]);
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(Array.from(label).length).toBeLessThanOrEqual(FIELD_LABEL_MAX_LENGTH);
    }
  });

  it('names the ten fields the 中卫 table writes as just 参与（ ）人次 by what was taken part in', () => {
    const participation = imported('zhongwei-2021-statistics').flatMap((item) => item.fields.filter((field) => field.label.endsWith('·参与人次')).map((field) => [item.title, field.label]));
    expect(participation).toEqual([
      ['学习习近平总书记关于安全生产重要论述', '理论学习中心组学习·参与人次'],
      ['学习习近平总书记关于安全生产重要论述', '组织集中学习观看·参与人次'],
      ['学习习近平总书记关于安全生产重要论述', '开展安全生产“大讲堂”“大家谈”公开课”“微课堂”和在线访谈、基层宣讲·参与人次'],
      ['“专项整治集中攻坚战”专题宣传活动', '企业开展“安全红袖章”事故隐患大扫除”“争做安全吹哨人”等活动·参与人次'],
      ['“安全生产万里行”活动', '组织观看典型事故警示教育片·参与人次'],
      ['“安全生产万里行”活动', '组织参观警示教育展览·参与人次'],
      ['“6·16 安全宣传咨询日”活动', '开展安全宣传咨询活动·参与人次'],
      ['“6·16 安全宣传咨询日”活动', '创新开展线上活动·参与人次'],
      ['推进安全宣传“五进”活动', '开展灾害避险逃生、自救互救演练·参与人次'],
      ['推进安全宣传“五进”活动', '开展“安全行为红黑榜”“我是安全培训师”安全生产特色工作法征集”等安全文化示范企业创建活动·参与人次'],
    ]);
    // The notice's own words are those ten blanks: 参与（ ）人次 without anything between.
    expect(fixture('pasted/zhongwei-2021-statistics.tsv').match(/[，,]参与（ ）人次/g)).toHaveLength(10);
  });

  it('qualifies by the item title what nothing in the cell qualifies, and tells apart repeated words', () => {
    const [, , , , other] = imported('changzhou-2022-statistics');
    expect(other.fields.map((field) => field.label)).toEqual(['其他特色活动·组织', '其他特色活动·参与人次', '宣传受众']);
    const [, campaign] = imported('zhongwei-2021-statistics');
    expect(campaign.fields.map((field) => field.label).filter((label) => label.endsWith('刊发新闻报道'))).toEqual([
      '组织媒体报道集中攻坚重点任务进展情况、工作成效等·刊发新闻报道',
      '宣传推广经验做法·刊发新闻报道',
    ]);
  });
});

describe('parseStatisticsTable', () => {
  const HEADER = '活动项目\t内容要求\t进展情况\n';

  it('reads quoted multi-line cells with doubled quotes and Windows line ends', () => {
    const items = parseStatisticsTable(`${HEADER}"学习\n重要论述"\t要求\t"开展""大讲堂""（ ）场，\n参与（ ）人次"\r\n其他\t选填\t组织（ ）场\r\n`.replace(/\n/g, '\r\n'));
    expect(items).toEqual([
      {
        title: '学习重要论述',
        requirement: '要求',
        fieldText: '开展"大讲堂"（ ）场，\n参与（ ）人次',
        fields: [
          { kind: 'count', label: '开展"大讲堂"', unit: '场' },
          { kind: 'count', label: '开展"大讲堂"·参与人次', unit: '人次' },
        ],
      },
      { title: '其他', requirement: '选填', fieldText: '组织（ ）场', fields: [{ kind: 'count', label: '其他·组织', unit: '场' }] },
    ]);
  });

  it('keeps Word quotes that do not quote a whole cell', () => {
    const [item] = parseStatisticsTable(`${HEADER}宣传\t要求\t"美好生活"话题征集（ ）条\n"公开课"等（ ）场`);
    expect(item.fieldText).toBe('"美好生活"话题征集（ ）条\n"公开课"等（ ）场');
    expect(item.fields.map((field) => field.label)).toEqual(['"美好生活"话题征集', '"公开课"等']);
  });

  it('appends a line with fewer cells to the last non-empty cell of the row above', () => {
    const items = parseStatisticsTable(`${HEADER}甲\t要求甲\t学习（ ）次\n参与（ ）人次\n乙\t要求乙第一段\t\n要求乙第二段\n丙\t要求丙\t观看（ ）场`);
    expect(items.map((item) => [item.title, item.requirement, item.fieldText])).toEqual([
      ['甲', '要求甲', '学习（ ）次\n参与（ ）人次'],
      ['乙', '要求乙第一段要求乙第二段', ''],
      ['丙', '要求丙', '观看（ ）场'],
    ]);
  });

  it('completes a Word row whose middle cell spans lines', () => {
    const [item] = parseStatisticsTable(`${HEADER}甲\t要求第一段\n要求第二段\t学习（ ）次\n参与（ ）人次`);
    expect([item.title, item.requirement, item.fieldText]).toEqual(['甲', '要求第一段要求第二段', '学习（ ）次\n参与（ ）人次']);
  });

  it('continues a row column by column when the title cell is empty (merged cells)', () => {
    const [item] = parseStatisticsTable(`${HEADER}甲\t要求一\t学习（ ）次\n\t要求二\t参与（ ）人次`);
    expect([item.requirement, item.fieldText, item.fields.length]).toEqual(['要求一要求二', '学习（ ）次\n参与（ ）人次', 2]);
  });

  it('finds the columns by header name, skipping 序号 and unknown columns', () => {
    const items = parseStatisticsTable('序号\t活动名称\t工作要求\t完成情况\t备注\n1\t甲\t要求\t学习（ ）次\t无\n2\t乙\t\t观看（ ）场，参与（ ）人次\t');
    expect(items.map((item) => [item.title, item.requirement, item.fields.length])).toEqual([
      ['甲', '要求', 1],
      ['乙', '', 2],
    ]);
    expect(summary(parseStatisticsTable('项目\t统计\n甲\t学习（ ）次'))).toEqual([['甲', 1]]);
  });

  it('guesses the columns without a header', () => {
    expect(parseStatisticsTable('甲\t要求\t学习（ ）次\n乙\t要求\t观看（ ）场').map((item) => [item.title, item.requirement, item.fieldText])).toEqual([
      ['甲', '要求', '学习（ ）次'],
      ['乙', '要求', '观看（ ）场'],
    ]);
    expect(parseStatisticsTable('甲\t学习（ ）次\n参与（ ）人次').map((item) => [item.title, item.requirement, item.fields.length])).toEqual([['甲', '', 2]]);
    expect(summary(parseStatisticsTable('1\t甲\t要求\t学习（ ）次\n2\t乙\t要求\t观看（ ）场'))).toEqual([
      ['甲', 1],
      ['乙', 1],
    ]);
    expect(parseStatisticsTable('学习（ ）次\n观看（ ）场').map((item) => [item.title, item.fieldText])).toEqual([
      ['', '学习（ ）次'],
      ['', '观看（ ）场'],
    ]);
  });

  it('skips title rows, form headings, blank rows, text above the header and repeated headers', () => {
    const pasted = [
      '请各单位于7月2日前报送',
      '附件1：全市“安全生产月”活动统计表',
      '“安全生产月”活动开展情况统计表',
      '填报单位（盖章）：某局\t\t联系人：张三',
      '电话：7068553',
      '填报日期：2021年7月2日',
      '',
      '活动项目\t内容要求\t进展情况',
      '甲\t要求\t学习（ ）次',
      '\t\t',
      '   ',
      '活动项目\t内容要求\t进展情况',
      '乙\t要求\t观看（ ）场',
      '附件2',
    ].join('\n');
    expect(summary(parseStatisticsTable(pasted))).toEqual([
      ['甲', 1],
      ['乙', 1],
    ]);
  });

  it('returns nothing for text without rows', () => {
    expect(parseStatisticsTable('')).toEqual([]);
    expect(parseStatisticsTable('附件1\n\n活动项目\t内容要求\t进展情况\n')).toEqual([]);
  });
});
