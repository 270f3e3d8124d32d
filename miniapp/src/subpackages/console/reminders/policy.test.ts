import { defaultReminderPolicy, type ReminderPolicy } from '@safemonth/shared';
import { draftOf, formProblems, messagesElsewhere, messagesUnder, placeServerDetails, policiesDraftOf, policiesRequest, policyOf, type PolicyDraft } from './policy';

const policy = (changes: Partial<ReminderPolicy> = {}): ReminderPolicy => ({ ...defaultReminderPolicy(), ...changes });
const edited = (changes: Partial<PolicyDraft>): PolicyDraft => ({ ...draftOf(defaultReminderPolicy()), ...changes });

describe('policy drafts', () => {
  it('shows whole hours as hours and other durations as minutes, and gives back the same policy', () => {
    const saved = policy({ offsetsBeforeMinutes: [1440, 90], overdueAt: { afterMinutes: 30 }, quietHours: null, channels: ['inbox', 'wecom'] });
    const draft = draftOf(saved);
    expect(draft.offsets).toEqual([
      { amount: '24', unit: 'hours' },
      { amount: '90', unit: 'minutes' },
    ]);
    expect(draft).toMatchObject({ overdue: 'after', overdueAfter: { amount: '30', unit: 'minutes' }, quiet: false, quietFrom: '22:00', quietTo: '08:00' });
    expect(policyOf(draft)).toEqual(saved);
    expect(policyOf(draftOf(defaultReminderPolicy()))).toEqual(defaultReminderPolicy());
  });

  it('reads hours with a fraction as minutes, and sends no overdue notice or quiet hours when switched off', () => {
    expect(policyOf(edited({ offsets: [{ amount: ' 1.5 ', unit: 'hours' }], overdue: 'none', escalation: false, quiet: false }))).toEqual({
      offsetsBeforeMinutes: [90],
      overdueAt: null,
      escalation: false,
      quietHours: null,
      channels: ['inbox', 'wechat'],
    });
    expect(policyOf(edited({ overdue: 'nextDay', overdueNextDayAt: '08:30' })).overdueAt).toEqual({ nextDayAt: '08:30' });
  });
});

describe('formProblems', () => {
  it('finds with the shared rules what is wrong in each policy, by field', () => {
    const form = {
      campaignDefault: edited({ offsets: [{ amount: '', unit: 'hours' }, { amount: '2', unit: 'hours' }], channels: [] }),
      own: { d2: edited({ overdue: 'none', escalation: true, quietFrom: '08:00', quietTo: '08:00' }) },
    };
    const problems = formProblems(form, ['d1', 'd2']);
    expect(problems.campaignDefault).toEqual({
      'offsetsBeforeMinutes.0': ['提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）'],
      channels: ['请至少选择一个发送渠道'],
    });
    expect(problems.own).toEqual({
      d2: { escalation: ['未交汇总与逾期提醒同时发送，请先设置逾期提醒'], quietHours: ['免打扰开始与结束时刻不能相同'] },
    });
    expect(formProblems({ campaignDefault: edited({}), own: {} }, ['d1'])).toEqual({ campaignDefault: {}, own: {}, other: [] });
  });

  it('lists the messages of a field with those of its parts, and those no field shows', () => {
    const problems = { 'overdueAt.afterMinutes': ['a'], overdueAt: ['b'], offsetsBeforeMinutes: ['c'], extra: ['d'], '': ['e'] };
    expect(messagesUnder(problems, 'overdueAt')).toEqual(['a', 'b']);
    expect(messagesElsewhere(problems, ['overdueAt', 'offsetsBeforeMinutes'])).toEqual(['d', 'e']);
  });
});

describe('the request and the server’s answer', () => {
  it('sends the deliverables’ own policies in the campaign’s order and leaves out deliverables it no longer has', () => {
    const saved = { campaignDefault: policy(), overrides: [{ deliverableId: 'gone', policy: policy() }, { deliverableId: 'd2', policy: policy({ escalation: false }) }] };
    const form = policiesDraftOf(saved, ['d1', 'd2']);
    expect(Object.keys(form.own)).toEqual(['d2']);
    form.own.d1 = draftOf(policy({ channels: ['email'] }));
    expect(policiesRequest(form, ['d1', 'd2']).overrides.map((o) => [o.deliverableId, o.policy.channels])).toEqual([
      ['d1', ['email']],
      ['d2', ['inbox', 'wechat']],
    ]);
  });

  it('places the server’s details next to the policies they name in what was sent', () => {
    const sent = { campaignDefault: policy(), overrides: [{ deliverableId: 'd1', policy: policy() }, { deliverableId: 'd2', policy: policy() }] };
    const placed = placeServerDetails(
      [
        { field: 'campaignDefault.channels.0', message: '发送渠道只能是…' },
        { field: 'overrides.1.policy.quietHours.from', message: '免打扰开始时刻应为…' },
        { field: 'overrides.0.deliverableId', message: '报送材料不属于本活动' },
        { field: 'overrides', message: '最多 100 条单项提醒规则' },
      ],
      sent,
    );
    expect(placed).toEqual({
      campaignDefault: { 'channels.0': ['发送渠道只能是…'] },
      own: { d2: { 'quietHours.from': ['免打扰开始时刻应为…'] }, d1: { '': ['报送材料不属于本活动'] } },
      other: ['最多 100 条单项提醒规则'],
    });
  });
});
