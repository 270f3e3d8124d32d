import { REPORT_LIMITS, REPORT_MESSAGES, checkReportInput, proposeContributions, type ReportInput } from './reports';

const field = (id: string, unit: string, kind: 'count' | 'boolean' = 'count') => ({ id, kind, label: id, unit, hasData: false });

describe('proposeContributions', () => {
  it('adds one event and the headcount', () => {
    const item = { fields: [field('talks', '场'), field('people', '人次'), field('leaflets', '份')] };
    expect(proposeContributions(item, 120)).toEqual([
      { fieldId: 'talks', amount: 1 },
      { fieldId: 'people', amount: 120 },
    ]);
  });

  it('proposes nothing it cannot place, and no headcount of zero', () => {
    expect(proposeContributions({ fields: [field('yes', '', 'boolean'), field('articles', '篇')] }, 30)).toEqual([]);
    expect(proposeContributions({ fields: [field('drills', '次'), field('people', '人')] }, 0)).toEqual([{ fieldId: 'drills', amount: 1 }]);
  });
});

describe('checkReportInput', () => {
  const valid: ReportInput = {
    itemId: 'i1',
    title: '安全咨询进社区',
    startAt: '2022-06-16T01:00:00.000Z',
    endAt: '2022-06-16T04:00:00.000Z',
    place: '湖塘镇广场',
    description: '',
    headcount: 150,
    mediaIds: [],
    contributions: [{ fieldId: 'f1', amount: 1 }],
  };
  const problems = (change: Partial<ReportInput>) => checkReportInput({ ...valid, ...change });

  it('finds nothing wrong with a complete report, at its limits included', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        title: '题'.repeat(REPORT_LIMITS.titleMaxLength),
        place: '地'.repeat(REPORT_LIMITS.placeMaxLength),
        description: '述'.repeat(REPORT_LIMITS.descriptionMaxLength),
        headcount: REPORT_LIMITS.headcountMax,
        endAt: valid.startAt,
        mediaIds: Array.from({ length: REPORT_LIMITS.mediaMax }, (_, i) => `m${i}`),
        contributions: [{ fieldId: 'f1', amount: REPORT_LIMITS.amountMax }],
      }),
    ).toEqual([]);
  });

  it('asks for what is required, blank text counting as none', () => {
    expect(problems({ itemId: '', title: '  ', place: '', startAt: '', endAt: '' })).toEqual([
      { field: 'itemId', message: REPORT_MESSAGES.itemMissing },
      { field: 'title', message: REPORT_MESSAGES.titleMissing },
      { field: 'startAt', message: REPORT_MESSAGES.startMissing },
      { field: 'endAt', message: REPORT_MESSAGES.endMissing },
      { field: 'place', message: REPORT_MESSAGES.placeMissing },
    ]);
  });

  it('refuses text over its limit, in the words the API uses', () => {
    expect(
      problems({
        title: '题'.repeat(REPORT_LIMITS.titleMaxLength + 1),
        place: '地'.repeat(REPORT_LIMITS.placeMaxLength + 1),
        description: '述'.repeat(REPORT_LIMITS.descriptionMaxLength + 1),
      }),
    ).toEqual([
      { field: 'title', message: '活动名称最多 200 个字' },
      { field: 'place', message: '活动地点最多 200 个字' },
      { field: 'description', message: '活动情况最多 5000 个字' },
    ]);
  });

  it('wants the end no earlier than the start, and both to be instants', () => {
    expect(problems({ endAt: '2022-06-16T00:59:59.999Z' })).toEqual([{ field: 'endAt', message: '结束时间不能早于开始时间' }]);
    expect(problems({ startAt: 'June', endAt: '2022-06-16T00:00:00.000Z' })).toEqual([{ field: 'startAt', message: REPORT_MESSAGES.startInvalid }]);
    expect(problems({ endAt: 'later' })).toEqual([{ field: 'endAt', message: REPORT_MESSAGES.endInvalid }]);
    expect(problems({ endAt: '2022-06-31T04:00:00.000Z' })).toEqual([{ field: 'endAt', message: REPORT_MESSAGES.endInvalid }]);
  });

  it('takes a headcount and amounts as whole numbers within their range', () => {
    expect(problems({ headcount: Number.NaN })).toEqual([{ field: 'headcount', message: '参与人次必须是整数' }]);
    expect(problems({ headcount: 1.5 })).toEqual([{ field: 'headcount', message: '参与人次必须是整数' }]);
    expect(problems({ headcount: -1 })).toEqual([{ field: 'headcount', message: '参与人次不能为负' }]);
    expect(problems({ headcount: REPORT_LIMITS.headcountMax + 1 })).toEqual([{ field: 'headcount', message: '参与人次过大' }]);
    expect(
      problems({
        contributions: [
          { fieldId: 'f1', amount: 2.5 },
          { fieldId: 'f2', amount: -3 },
          { fieldId: 'f3', amount: REPORT_LIMITS.amountMax + 1 },
          { fieldId: 'f4', amount: 0 },
        ],
      }),
    ).toEqual([
      { field: 'contributions.0.amount', message: '数量必须是整数' },
      { field: 'contributions.1.amount', message: '数量不能为负' },
      { field: 'contributions.2.amount', message: '数量最多 1000000' },
    ]);
  });

  it('limits the photos and videos and the contributions of one report', () => {
    expect(problems({ mediaIds: Array.from({ length: REPORT_LIMITS.mediaMax + 1 }, (_, i) => `m${i}`) })).toEqual([
      { field: 'mediaIds', message: '每份报告最多 30 个照片或视频' },
    ]);
    const many = Array.from({ length: REPORT_LIMITS.contributionsMax + 1 }, (_, i) => ({ fieldId: `f${i}`, amount: 1 }));
    expect(problems({ contributions: many })).toEqual([{ field: 'contributions', message: '统计项过多' }]);
  });
});

describe('evidence links', () => {
  const base: ReportInput = {
    itemId: 'i1',
    title: '安全咨询进社区',
    startAt: '2022-06-16T01:00:00.000Z',
    endAt: '2022-06-16T04:00:00.000Z',
    place: '湖塘镇广场',
    description: '',
    headcount: 0,
    mediaIds: [],
    contributions: [],
  };
  const problems = (evidenceLinks: string[]) => checkReportInput({ ...base, evidenceLinks });

  it('takes http(s) addresses with a dotted host, a port, a path, a query and non-Latin text', () => {
    expect(
      problems([
        'https://www.example.com',
        'http://news.example.com:8080/2022/06/16/安全月.html?id=1#top',
        ' https://例子.中国/报道 ',
        `https://a.cn/${'x'.repeat(REPORT_LIMITS.evidenceLinkMaxLength - 'https://a.cn/'.length)}`,
      ]),
    ).toEqual([]);
    expect(problems([])).toEqual([]);
  });

  it('names each wrong link by its index', () => {
    const m = REPORT_MESSAGES;
    expect(
      problems([
        'https://ok.example.com',
        '',
        'www.example.com',
        'ftp://example.com/a',
        'https://localhost/a',
        'https://user:pw@example.com/',
        'https://exa mple.com',
        `https://a.cn/${'x'.repeat(REPORT_LIMITS.evidenceLinkMaxLength)}`,
        'javascript:alert(1)',
        'https://example.com/\u0007',
      ]),
    ).toEqual([
      { field: 'evidenceLinks', message: m.tooManyEvidenceLinks },
      { field: 'evidenceLinks.1', message: m.evidenceLinkMissing },
      { field: 'evidenceLinks.2', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.3', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.4', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.5', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.6', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.7', message: m.evidenceLinkTooLong },
      { field: 'evidenceLinks.8', message: m.evidenceLinkInvalid },
      { field: 'evidenceLinks.9', message: m.evidenceLinkInvalid },
    ]);
  });
});
