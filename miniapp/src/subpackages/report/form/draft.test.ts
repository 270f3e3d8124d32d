import { REPORT_LIMITS, REPORT_MESSAGES } from '@safemonth/shared';
import { ITEM } from '../../../../test/reports';
import type { ReportDraft } from '../../../utils/reports';
import { emptyDraft, inputOf, proposed } from './draft';

/** A complete draft of report with the item's two count fields. */
function filled(change: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...emptyDraft(),
    unitId: 'u2',
    itemId: 'i1',
    title: ' 安全咨询进社区 ',
    startDate: '2022-06-16',
    startTime: '09:00',
    endDate: '2022-06-16',
    endTime: '12:00',
    place: '湖塘镇广场',
    headcount: '150',
    contributions: { f1: '1', f2: '150' },
    ...change,
  };
}

describe('报活动 draft', () => {
  it('proposes one event and the headcount for the item', () => {
    expect(proposed(ITEM, '120')).toEqual({ f1: '1', f2: '120' });
    expect(proposed(ITEM, '')).toEqual({ f1: '1', f2: '' });
    expect(proposed(undefined, '120')).toEqual({});
  });

  it('sends the input trimmed, with times in China time, leaving out amounts of 0 and empty ones', () => {
    const { input, problems } = inputOf(filled({ contributions: { f1: '0', f2: ' 150 ' } }), ITEM);
    expect(problems).toEqual([]);
    expect(input).toEqual({
      itemId: 'i1',
      title: '安全咨询进社区',
      startAt: '2022-06-16T01:00:00.000Z',
      endAt: '2022-06-16T04:00:00.000Z',
      place: '湖塘镇广场',
      latitude: null,
      longitude: null,
      description: '',
      headcount: 150,
      mediaIds: [],
      contributions: [{ fieldId: 'f2', amount: 150 }],
      evidenceLinks: [],
      proposedAnswers: [],
    });
  });

  it("sends the answers proposed to the item's yes/no and text fields, leaving out those unset or blank", () => {
    const item = {
      ...ITEM,
      fields: [
        ...ITEM.fields,
        { id: 'f3', kind: 'boolean' as const, label: '发放宣传资料', unit: '', hasData: false },
        { id: 'f4', kind: 'text' as const, label: '典型案例', unit: '', hasData: false },
        { id: 'f5', kind: 'text' as const, label: '其他', unit: '', hasData: false },
      ],
    };
    // A proposal to a field of another item (the item was changed) goes nowhere.
    const draft = filled({ proposedAnswers: { f3: false, f4: ' 动火作业 ', f5: '  ', gone: true } });
    expect(inputOf(draft, item).input?.proposedAnswers).toEqual([
      { fieldId: 'f3', value: false },
      { fieldId: 'f4', value: '动火作业' },
    ]);
    expect(inputOf(filled({ proposedAnswers: { f4: '例'.repeat(501) } }), item).problems).toEqual(['典型案例：答案最多 500 个字']);
    // Drafts saved before proposals propose none.
    const { proposedAnswers, ...older } = filled();
    expect(proposedAnswers).toEqual({});
    expect(inputOf(older, item).input?.proposedAnswers).toEqual([]);
  });

  it('leaves out, without a problem, a proposal whose value is not of its field\'s kind (the field changed kind since)', () => {
    const item = {
      ...ITEM,
      fields: [
        ...ITEM.fields,
        { id: 'f3', kind: 'text' as const, label: '发放宣传资料', unit: '', hasData: false },
        { id: 'f4', kind: 'boolean' as const, label: '典型案例', unit: '', hasData: false },
      ],
    };
    const sent = inputOf(filled({ proposedAnswers: { f3: true, f4: '动火作业' } }), item);
    expect(sent.problems).toEqual([]);
    expect(sent.input?.proposedAnswers).toEqual([]);
  });

  it('sends evidence links trimmed, names a wrong one by its place, and takes a draft saved before links', () => {
    expect(inputOf(filled({ evidenceLinks: [' https://news.example.com/1 '] }), ITEM).input?.evidenceLinks).toEqual(['https://news.example.com/1']);
    expect(inputOf(filled({ evidenceLinks: ['https://news.example.com/1', 'news.example.com'] }), ITEM).problems).toEqual([
      `网址链接 2：${REPORT_MESSAGES.evidenceLinkInvalid}`,
    ]);
    const { evidenceLinks, ...older } = filled();
    expect(evidenceLinks).toEqual([]);
    expect(inputOf(older, ITEM).input?.evidenceLinks).toEqual([]);
  });

  it('says what is missing, in the words of the shared report rules', () => {
    const { input, problems } = inputOf({ ...emptyDraft() }, ITEM);
    expect(input).toBeUndefined();
    expect(problems).toEqual([
      '请选择单位',
      '请选择活动项目',
      '请填写活动名称',
      '请选择开始时间',
      '请选择结束时间',
      '请填写活动地点',
      '参与人次必须是整数',
    ]);
  });

  it('holds the draft to the limits the API holds it to, naming the field of a wrong amount', () => {
    const { problems } = inputOf(
      filled({
        title: '题'.repeat(REPORT_LIMITS.titleMaxLength + 1),
        endTime: '08:00',
        headcount: String(REPORT_LIMITS.headcountMax + 1),
        contributions: { f1: '1.5', f2: '-3' },
      }),
      ITEM,
    );
    expect(problems).toEqual(['活动名称最多 200 个字', '结束时间不能早于开始时间', '参与人次过大', '开展咨询活动：数量必须是整数', '参与：数量不能为负']);
  });
});
