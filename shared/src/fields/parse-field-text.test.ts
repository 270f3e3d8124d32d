/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIELD_LABEL_MAX_LENGTH, FIELD_UNITS, parseFieldText, UNNAMED_FIELD_LABEL, type ParsedField } from '.';

const count = (label: string, unit: string): ParsedField => ({ kind: 'count', label, unit });
const yesNo = (label: string): ParsedField => ({ kind: 'boolean', label });
const text = (label: string): ParsedField => ({ kind: 'text', label });

const seedTable = (name: string) => readFileSync(join(__dirname, '../../fixtures/seed-tables', name), 'utf8');
// Blanks and yes/no boxes as they occur in the seeds, to check that every one of them is covered below.
const BLANK_OR_BOX = /[（(][^\S\n]*[）)]|□/g;
const blanksIn = (value: string) => (value.match(BLANK_OR_BOX) ?? []).length;

/**
 * Every 进展情况 cell of the copied seed tables, named by its 活动项目, with the fields a committee
 * member reads in it. Cell texts are verbatim from the fixture files.
 */
const SEED_CELLS: Record<string, [string, string, ParsedField[]][]> = {
  'zhongwei-2021-statistics.txt': [
    [
      '学习习近平总书记关于安全生产重要论述',
      '<p>理论学习中心组学习（ ）次，参与（ ）人次；</p> <p>专题学习《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片：是（ ）否（ ）；组织集中学习观看（ ）场，参与（ ）人次；</p> <p>开展安全生产“大讲堂”“大家谈”公开课”“微课堂”和在线访谈、基层宣讲（ ）场，参与（ ）人次。</p>',
      [
        count('理论学习中心组学习', '次'),
        count('理论学习中心组学习·参与人次', '人次'),
        yesNo('专题学习《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片'),
        count('组织集中学习观看', '场'),
        count('组织集中学习观看·参与人次', '人次'),
        count('开展安全生产“大讲堂”“大家谈”公开课”“微课堂”和在线访谈、基层宣讲', '场'),
        count('开展安全生产“大讲堂”“大家谈”公开课”“微课堂”和在线访谈、基层宣讲·参与人次', '人次'),
      ],
    ],
    [
      '“专项整治集中攻坚战”专题宣传活动',
      '<p>组织媒体报道集中攻坚重点任务进展情况、工作成效等（ ）次，刊发新闻报道（ ）篇；</p> <p>宣传推广经验做法（ ）个，刊发新闻报道（ ）篇；</p> <p>企业开展“安全红袖章”事故隐患大扫除”“争做安全吹哨人”等活动（ ）场，参与（ ）人次。</p>',
      [
        count('组织媒体报道集中攻坚重点任务进展情况、工作成效等', '次'),
        // The same words after two counts: each told apart by its own.
        count('组织媒体报道集中攻坚重点任务进展情况、工作成效等·刊发新闻报道', '篇'),
        count('宣传推广经验做法', '个'),
        count('宣传推广经验做法·刊发新闻报道', '篇'),
        count('企业开展“安全红袖章”事故隐患大扫除”“争做安全吹哨人”等活动', '场'),
        count('企业开展“安全红袖章”事故隐患大扫除”“争做安全吹哨人”等活动·参与人次', '人次'),
      ],
    ],
    [
      '“安全生产万里行”活动',
      '曝光问题隐患（ ）条，市级主流媒体曝光典型案例（ ）个，媒体转发报道（ ）篇；典型案例具体为（ ），每月报送；组织观看典型事故警示教育片（ ）场，参与（ ）人次；组织参观警示教育展览（ ）场，参与（ ）人次；社区居民、企业员工举报重大隐患和违法违规行为（ ）条次；开展“专题行”（ ）次、“区域行”（ ）次、“网上行”（ ）次。',
      [
        count('曝光问题隐患', '条'),
        count('市级主流媒体曝光典型案例', '个'),
        count('媒体转发报道', '篇'),
        text('典型案例具体为'),
        count('组织观看典型事故警示教育片', '场'),
        count('组织观看典型事故警示教育片·参与人次', '人次'),
        count('组织参观警示教育展览', '场'),
        count('组织参观警示教育展览·参与人次', '人次'),
        count('社区居民、企业员工举报重大隐患和违法违规行为', '条次'),
        count('开展“专题行”', '次'),
        count('“区域行”', '次'),
        count('“网上行”', '次'),
      ],
    ],
    [
      '“6·16 安全宣传咨询日”活动',
      '开展安全宣传咨询活动（ ）场，参与（ ）人次；邀请主流媒体和网络直播平台开展“主播走一线”等专题专访报道活动（ ）场；创新开展线上活动（ ）场，参与（ ）人次；参与网上展览（ ）人次，参与知识竞赛（ ）人次、参与“走进安全体验场馆”（ ）人次，参与直播答题（ ）人次，参与“接力传安全—我为安全生产倡议”（ ）人次。',
      [
        count('开展安全宣传咨询活动', '场'),
        count('开展安全宣传咨询活动·参与人次', '人次'),
        count('邀请主流媒体和网络直播平台开展“主播走一线”等专题专访报道活动', '场'),
        count('创新开展线上活动', '场'),
        count('创新开展线上活动·参与人次', '人次'),
        count('参与网上展览', '人次'),
        count('参与知识竞赛', '人次'),
        count('参与“走进安全体验场馆”', '人次'),
        count('参与直播答题', '人次'),
        count('参与“接力传安全—我为安全生产倡议”', '人次'),
      ],
    ],
    [
      '推进安全宣传“五进”活动',
      '制作各类安全宣传产品（ ）部，开展灾害避险逃生、自救互救演练（ ）场，参与（ ）人次；开展“安全行为红黑榜”“我是安全培训师”安全生产特色工作法征集”等安全文化示范企业创建活动（ ）场，参与（ ）人次；应急科普宣传教育和安全体验基地建设情况，新建（ ）个，改扩建（ ）个，计划（ ）个，其他（ ）个；使用全国安全宣教和应急科普平台：是（ ）否（ ）。',
      [
        count('制作各类安全宣传产品', '部'),
        count('开展灾害避险逃生、自救互救演练', '场'),
        count('开展灾害避险逃生、自救互救演练·参与人次', '人次'),
        count('开展“安全行为红黑榜”“我是安全培训师”安全生产特色工作法征集”等安全文化示范企业创建活动', '场'),
        count('开展“安全行为红黑榜”“我是安全培训师”安全生产特色工作法征集”等安全文化示范企业创建活动·参与人次', '人次'),
        // Generic words after a heading in the same sentence take the heading.
        count('应急科普宣传教育和安全体验基地建设情况·新建', '个'),
        count('应急科普宣传教育和安全体验基地建设情况·改扩建', '个'),
        count('应急科普宣传教育和安全体验基地建设情况·计划', '个'),
        count('应急科普宣传教育和安全体验基地建设情况·其他', '个'),
        yesNo('使用全国安全宣教和应急科普平台'),
      ],
    ],
  ],
  'changzhou-2022-statistics.txt': [
    [
      '学习习近平总书记关于安全生产重要论述',
      `理论学习中心组学习（  ）次，参与（  ）人次；百团进百万企业千万员工"专题宣讲()名领导干部 已开展宣讲,累计宣讲()场,覆盖企业()家,覆盖( )人次；

专题学习《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片 □是□否；组织集中学习观看（  ）场，参与（  ）人次；

开展安全生产"公开课""大家谈""班组会"等学习活动( )场,参与( )人次。`,
      [
        count('理论学习中心组学习', '次'),
        count('理论学习中心组学习·参与人次', '人次'),
        count('百团进百万企业千万员工"专题宣讲', '名'),
        count('累计宣讲', '场'),
        count('覆盖企业', '家'),
        // 覆盖企业 is its sibling, not its subject.
        count('累计宣讲·覆盖人次', '人次'),
        yesNo('专题学习《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片'),
        count('组织集中学习观看', '场'),
        count('组织集中学习观看·参与人次', '人次'),
        count('开展安全生产"公开课""大家谈""班组会"等学习活动', '场'),
        count('开展安全生产"公开课""大家谈""班组会"等学习活动·参与人次', '人次'),
      ],
    ],
    [
      '宣传贯彻安全生产法',
      `参与"第一责任人安全倡议书"公开承诺()人次;曝光企业主体责任落实不到位被实行"一案双罚"、安全生产行刑衔接、因发生生产安全事故构成重大责任事故罪的典型案例()个;

开展"我是安全吹哨人",发现问题()项;"查找身边的隐患",查找隐患()条。`,
      [
        count('参与"第一责任人安全倡议书"公开承诺', '人次'),
        count('曝光企业主体责任落实不到位被实行"一案双罚"、安全生产行刑衔接、因发生生产安全事故构成重大责任事故罪的典型案例', '个'),
        count('发现问题', '项'),
        count('查找隐患', '条'),
      ],
    ],
    [
      '开展"安全生产专题行"活动',
      `组织观看安全生产警示教育片、专题展()场,参与()人次；

报道专项整治进展经验()条；

社会公众举报安全生产重大隐患和违法行为()项;发挥媒体监督作用,集中曝光突出问题()个；

向全省"安全生产月"活动组委会办公室报送典型案例( )个；

在市级主流媒体发表新闻报道()篇,在省级主流媒体发表()篇,在国家级主流媒体发表()篇,需附佐证材料,如网址链接、照片截图等。`,
      [
        count('组织观看安全生产警示教育片、专题展', '场'),
        count('组织观看安全生产警示教育片、专题展·参与人次', '人次'),
        count('报道专项整治进展经验', '条'),
        count('社会公众举报安全生产重大隐患和违法行为', '项'),
        count('集中曝光突出问题', '个'),
        count('向全省"安全生产月"活动组委会办公室报送典型案例', '个'),
        count('在市级主流媒体发表新闻报道', '篇'),
        count('在省级主流媒体发表', '篇'),
        count('在国家级主流媒体发表', '篇'),
      ],
    ],
    [
      '开展"安全宣传咨询日"和"安全宣传五进"活动',
      `开展"主播讲安全""专家走现场""专家远程会诊"( )场,参与( )人次；

"美好生活从安全开始"话题征集()条,参与()人次；

“新安法知多少""救援技能趣味测试"等活动()场,参与()人次;制作公益广告、海报、短视频、提示语音等()条/份,宣传受众()人次。

开展"进门入户送安全"()次,受众()人次;组织"安全志愿者在行动"()场,参与()人次;开展应急演练活动()场,参与(）人次。

报送推广"五进"工作典型经验()条。`,
      [
        count('开展"主播讲安全""专家走现场""专家远程会诊"', '场'),
        count('开展"主播讲安全""专家走现场""专家远程会诊"·参与人次', '人次'),
        count('"美好生活从安全开始"话题征集', '条'),
        count('"美好生活从安全开始"话题征集·参与人次', '人次'),
        count('“新安法知多少""救援技能趣味测试"等活动', '场'),
        count('“新安法知多少""救援技能趣味测试"等活动·参与人次', '人次'),
        count('制作公益广告、海报、短视频、提示语音等', '条/份'),
        count('宣传受众', '人次'),
        count('开展"进门入户送安全"', '次'),
        count('开展"进门入户送安全"·受众人次', '人次'),
        count('组织"安全志愿者在行动"', '场'),
        count('组织"安全志愿者在行动"·参与人次', '人次'),
        count('开展应急演练活动', '场'),
        count('开展应急演练活动·参与人次', '人次'),
        count('报送推广"五进"工作典型经验', '条'),
      ],
    ],
    [
      '其他特色活动',
      '组织( )场/次,参与( )人次,宣传受众( )人次。',
      // Nothing in the cell qualifies 组织 or 参与: the item's title does.
      [
        count('其他特色活动·组织', '场/次'),
        count('其他特色活动·参与人次', '人次'),
        count('宣传受众', '人次'),
      ],
    ],
  ],
};

describe('parseFieldText on the seed statistics tables', () => {
  describe.each(Object.entries(SEED_CELLS))('%s', (file, cells) => {
    it('lists cells that occur verbatim in the fixture and hold all of its blanks', () => {
      const fixture = seedTable(file);
      for (const [, cell] of cells) expect(fixture).toContain(cell);
      expect(cells.reduce((sum, [, cell]) => sum + blanksIn(cell), 0)).toBe(blanksIn(fixture));
    });

    it.each(cells)('%s', (title, cell, expected) => {
      expect(parseFieldText(cell, title)).toEqual(expected);
    });
  });
});

describe('parseFieldText shapes', () => {
  it.each<[string, string, ParsedField[]]>([
    ['full-width blank', '学习（ ）次', [count('学习', '次')]],
    ['ASCII blank', '学习( )次', [count('学习', '次')]],
    ['mixed brackets', '学习（ )次，参与( ）人次', [count('学习', '次'), count('学习·参与人次', '人次')]],
    ['no space inside', '学习()次', [count('学习', '次')]],
    ['many spaces inside', '学习（     ）次', [count('学习', '次')]],
    ['full-width space inside', '学习（\u3000）次', [count('学习', '次')]],
    ['tab and no-break space inside', '学习(\t\u00a0)次', [count('学习', '次')]],
    ['space between blank and unit', '学习（ ） 次', [count('学习', '次')]],
    ['unit before a noun, a generic word before', '覆盖（ ）家企业', [count('覆盖企业', '家')]],
    ['unit before a noun, words before', '走访（ ）家企业', [count('走访', '家')]],
    ['unit before a noun at the start', '（ ）个企业开展应急演练', [count('企业开展应急演练', '个')]],
    ['unit before a noun after a connective', '共有（ ）个企业开展应急演练。', [count('企业开展应急演练', '个')]],
    ['counted noun does not leak into the next label', '宣讲（ ）名领导干部 已开展宣讲，培训（ ）人次', [count('宣讲', '名'), count('培训', '人次')]],
    ['no unit', '参与人数（ ）', [count('参与人数', '')]],
    ['no unit before punctuation', '参与人数（ ），培训（ ）场', [count('参与人数', ''), count('培训', '场')]],
    ['longest unit: 人次 over 人', '覆盖（ ）人次，培训（ ）人', [count('覆盖人次', '人次'), count('培训', '人')]],
    ['longest unit: 场次 over 场', '演出（ ）场次', [count('演出', '场次')]],
    ['longest unit: 条次 over 条', '举报（ ）条次', [count('举报', '条次')]],
    ['every listed unit', '甲（ ）篇乙（ ）部丙（ ）名丁（ ）项戊（ ）份', [count('甲', '篇'), count('乙', '部'), count('丙', '名'), count('丁', '项'), count('戊', '份')]],
    ['compound unit 条/份', '制作海报等（ ）条/份', [count('制作海报等', '条/份')]],
    ['compound unit with a full-width slash', '制作海报等（ ）条／份', [count('制作海报等', '条/份')]],
    ['compound unit 场/次', '组织( )场/次', [count('组织', '场/次')]],
    ['yes/no with blanks', '专题片：是（ ）否（ ）', [yesNo('专题片')]],
    ['yes/no with ASCII blanks and spaces', '专题片 是( ) 否( )', [yesNo('专题片')]],
    ['yes/no with a slash', '专题片：是（ ）/否（ ）', [yesNo('专题片')]],
    ['yes/no with boxes', '专题片 □是□否；观看（ ）场', [yesNo('专题片'), count('观看', '场')]],
    ['yes/no with blanks before the words', '专题片（ ）是 （ ）否', [yesNo('专题片')]],
    ['yes/no question with one blank', '是否开展应急演练（ ）', [yesNo('是否开展应急演练')]],
    ['text after 为', '典型案例具体为（ ），每月报送', [text('典型案例具体为')]],
    ['text after a description word', '主要做法（ ）', [text('主要做法')]],
    ['text inside a phrase', '以（ ）等形式开展宣传', [text('以…等形式开展宣传')]],
    ['noun starting with a unit character is not a unit', '以（ ）部门名义发文', [text('以…部门名义发文')]],
    ['several blanks sharing one label', '安全培训（ ）场（ ）人次', [count('安全培训', '场'), count('安全培训·人次', '人次')]],
    ['label back to the previous blank', '开展“专题行”（ ）次、“区域行”（ ）次', [count('开展“专题行”', '次'), count('“区域行”', '次')]],
    ['label after a heading and a colon', '基地建设情况：建成基地（ ）个，在建基地（ ）个', [count('建成基地', '个'), count('在建基地', '个')]],
    ['brackets with words are not blanks', '开展培训（含线上）（ ）场', [count('开展培训（含线上）', '场')]],
    ['numbered list marker', '（二）开展培训（ ）场；1.观看（ ）场；②参观（ ）次', [count('开展培训', '场'), count('观看', '场'), count('参观', '次')]],
    ['一是 marker', '一是开展培训（ ）场', [count('开展培训', '场')]],
    ['connectives', '开展培训（ ）场，其中线上培训（ ）场，共开展演练（ ）次', [count('开展培训', '场'), count('线上培训', '场'), count('开展演练', '次')]],
    ['共 that is part of a word', '共青团组织活动（ ）场', [count('共青团组织活动', '场')]],
    ['HTML paragraphs and entities', '<p>学习（&nbsp;）次</p><p>&ldquo;大讲堂&rdquo;（ ）场&#65292;参与（ ）人次</p>', [count('学习', '次'), count('“大讲堂”', '场'), count('“大讲堂”·参与人次', '人次')]],
    ['HTML line breaks and inline tags', '<span>学习</span>（ ）次<br/>参与<b>（ ）</b>人次', [count('学习', '次'), count('学习·参与人次', '人次')]],
    ['angle brackets that are not HTML', '学习《关于印发<某区方案>的通知》（ ）次', [count('学习《关于印发<某区方案>的通知》', '次')]],
    ['line breaks end a label', '理论学习\r\n中心组学习（ ）次', [count('中心组学习', '次')]],
    ['only 根据实际情况选填', '根据实际情况选填。', []],
    ['no text', '', []],
    ['blank alone', '（ ）', [count(UNNAMED_FIELD_LABEL, '')]],
    ['blank with only a unit', '（ ）次', [count(UNNAMED_FIELD_LABEL, '次')]],
  ])('%s', (_shape, cell, expected) => {
    expect(parseFieldText(cell)).toEqual(expected);
  });
});

describe('parseFieldText labels that stand alone', () => {
  it.each<[string, string, string, ParsedField[]]>([
    ['a generic verb takes the label before it and a noun unit', '开展培训（ ）场，参与（ ）人次', '', [count('开展培训', '场'), count('开展培训·参与人次', '人次')]],
    ['a unit that is no noun is not added', '开展培训（ ）场，发放（ ）份', '', [count('开展培训', '场'), count('开展培训·发放', '份')]],
    ['the nearest label, not the first', '制作海报（ ）份，开展演练（ ）场，参与（ ）人次', '', [count('制作海报', '份'), count('开展演练', '场'), count('开展演练·参与人次', '人次')]],
    ['a sibling with the same verb is no subject', '宣讲（ ）场，覆盖企业（ ）家，覆盖（ ）人次', '', [count('宣讲', '场'), count('覆盖企业', '家'), count('宣讲·覆盖人次', '人次')]],
    ['a heading of the sentence', '基地建设情况，新建（ ）个，其他（ ）个', '', [count('基地建设情况·新建', '个'), count('基地建设情况·其他', '个')]],
    ['a heading closed by a colon', '基地建设情况：新建（ ）个', '', [count('基地建设情况·新建', '个')]],
    ['a yes/no label', '专题片：是（ ）否（ ），组织（ ）场', '', [yesNo('专题片'), count('专题片·组织', '场')]],
    ['a line break inside a sentence', '开展培训（ ）场，\n参与（ ）人次', '', [count('开展培训', '场'), count('开展培训·参与人次', '人次')]],
    ['a unit word alone', '开展培训（ ）场，人次（ ）', '', [count('开展培训', '场'), count('开展培训·人次', '')]],
    ['a function word alone', '开展宣传（ ）次，以（ ）', '', [count('开展宣传', '次'), count('开展宣传·以', '')]],
    ['nothing before the sentence end: the item title', '开展培训（ ）场；参与（ ）人次', '安全培训', [count('开展培训', '场'), count('安全培训·参与人次', '人次')]],
    ['generic words only: the item title', '组织（ ）场/次，参与（ ）人次', '其他活动', [count('其他活动·组织', '场/次'), count('其他活动·参与人次', '人次')]],
    ['no subject and no title: the word and its noun unit', '组织（ ）场；参与（ ）人次', '', [count('组织', '场'), count('参与人次', '人次')]],
    ['a label that stands alone ignores the title', '开展培训（ ）场', '安全培训', [count('开展培训', '场')]],
    ['a blank without words takes the title', '（ ）次', '安全培训', [count('安全培训·次', '次')]],
    ['the same words after two counts', '报道（ ）次，刊发稿件（ ）篇；推广做法（ ）个，刊发稿件（ ）篇', '', [count('报道', '次'), count('报道·刊发稿件', '篇'), count('推广做法', '个'), count('推广做法·刊发稿件', '篇')]],
    ['the same words with nothing to tell them apart are numbered', '培训（ ）场，培训（ ）场', '', [count('培训（1）', '场'), count('培训（2）', '场')]],
    ['the same words with the same subject are numbered', '基地：新建（ ）个，新建（ ）个', '', [count('基地·新建（1）', '个'), count('基地·新建（2）', '个')]],
    ['a number already taken is skipped', '培训（1）（ ）场，培训（ ）场，培训（ ）次', '', [count('培训（1）', '场'), count('培训（2）', '场'), count('培训（3）', '次')]],
  ])('%s', (_shape, cell, title, expected) => {
    expect(parseFieldText(cell, title)).toEqual(expected);
  });

  it('cuts long labels and subjects to the server\'s limit, never inside a character', () => {
    // U+20000 takes two UTF-16 code units: the limit counts characters, as the database does.
    const long = '\u{20000}'.repeat(FIELD_LABEL_MAX_LENGTH + 50);
    const [own, qualified] = parseFieldText(`${long}（ ）场，参与（ ）人次`);
    expect(Array.from(own.label)).toHaveLength(FIELD_LABEL_MAX_LENGTH);
    expect(own.label.endsWith('\u{20000}…')).toBe(true);
    expect(Array.from(qualified.label)).toHaveLength(FIELD_LABEL_MAX_LENGTH);
    expect(qualified.label.endsWith('\u{20000}…·参与人次')).toBe(true);
  });
});

describe('parseFieldText properties', () => {
  const UNITS = [...FIELD_UNITS, '条/份', '场/次'];
  const LABEL_UNITS = new Set(['', ...UNITS]);

  it('never throws on arbitrary text and names every field apart, within the limit, never by a unit alone', () => {
    const piece = fc.constantFrom('（', '）', '(', ')', ' ', '\u3000', '□', '是', '否', '为', '等', '，', '；', '、', '：', '\n', '/', '<p>', '</p>', '&nbsp;', '&#', '其中', '共', '1.', '培训', '参与', '组织', '·', ...UNITS);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: piece, maxLength: 40 }), fc.string({ unit: 'binary' })), fc.constantFrom('', '培训', '（ ）'), (input, title) => {
        const fields = parseFieldText(input, title);
        for (const field of fields) {
          expect(field.label).not.toBe('');
          expect(LABEL_UNITS.has(field.label)).toBe(false);
          expect(Array.from(field.label).length).toBeLessThanOrEqual(FIELD_LABEL_MAX_LENGTH);
          if (field.kind === 'count') expect(LABEL_UNITS.has(field.unit)).toBe(true);
        }
        expect(new Set(fields.map((field) => field.label)).size).toBe(fields.length);
      }),
    );
  });

  // Words that neither end in a description cue nor start with a connective, list marker or yes/no word.
  const word = fc.constantFrom('安全', '生产', '宣传', '教育', '培训', '演练', '检查', '企业', '学习', '知识', '竞赛', '隐患', '排查', '应急', '消防', '咨询', '活动', '专题', '媒体', '报道', '观看', '整治', '举报', '展览');
  const label = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(''));
  const blank = fc
    .tuple(fc.constantFrom('（', '('), fc.constantFrom('', ' ', '   ', '\u3000', '\u00a0', ' \u3000'), fc.constantFrom('）', ')'))
    .map((parts) => parts.join(''));
  const box = fc.oneof(blank, fc.constant('□'));
  const countSegment = fc
    .record({ label, blank, gap: fc.constantFrom('', ' '), unit: fc.option(fc.constantFrom(...UNITS), { nil: undefined }) })
    .map(({ label, blank, gap, unit }) => ({ text: `${label}${blank}${unit ? gap + unit : ''}`, field: count(label, unit ?? '') }));
  const yesNoSegment = fc
    .record({ label, lead: fc.constantFrom('', '：', ' '), yes: box, no: box, gap: fc.constantFrom('', ' ', '/'), boxFirst: fc.boolean() })
    .map(({ label, lead, yes, no, gap, boxFirst }) => ({
      text: boxFirst ? `${label}${lead}${yes}是${gap}${no}否` : `${label}${lead}是${yes}${gap}否${no}`,
      field: yesNo(label),
    }));
  const separator = fc.constantFrom('，', '；', '。', ',', ';', '、', '\n', '</p><p>', '<br>');

  it('finds one field per generated blank, with its label and unit', () => {
    // Distinct labels that stand alone: such labels are kept as written.
    const segments = fc.uniqueArray(fc.tuple(fc.oneof(countSegment, yesNoSegment), separator), { minLength: 1, maxLength: 8, selector: ([segment]) => segment.field.label });
    fc.assert(
      fc.property(segments, (segments) => {
        const prose = segments.map(([segment, after]) => segment.text + after).join('');
        expect(parseFieldText(prose)).toEqual(segments.map(([segment]) => segment.field));
      }),
    );
  });
});
