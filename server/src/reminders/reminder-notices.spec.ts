import { digestNotice, liaisonNotice, recipientsOf, reminderKey, ReminderInstance } from './reminder-notices';

const instance: ReminderInstance = {
  campaign: { id: 'c1', title: '2027年安全生产月', organizingUnitId: 'root' },
  deliverable: { id: 'd1', title: '每周活动材料' },
  periodKey: '2027-W23',
  dueAt: '2027-06-09T16:00:00.000Z',
};

describe('recipientsOf', () => {
  it('addresses liaisons on personal channels (e-mail at their form’s address) and the unit’s robots on WeCom', () => {
    const email = (personId: string) => (personId === 'p1' ? 'p1@example.cn' : null);
    expect(recipientsOf(['inbox', 'email', 'wecom'], ['p1', 'p2'], ['r1'], email)).toEqual([
      { channel: 'inbox', id: 'p1', personId: 'p1', address: null },
      { channel: 'inbox', id: 'p2', personId: 'p2', address: null },
      { channel: 'email', id: 'p1', personId: 'p1', address: 'p1@example.cn' },
      { channel: 'email', id: 'p2', personId: 'p2', address: null },
      { channel: 'wecom', id: 'r1', personId: null, address: 'r1' },
    ]);
  });
});

describe('reminder notices', () => {
  const recipient = { channel: 'wechat' as const, id: 'p1', personId: 'p1', address: null };

  it('keys a reminder by instance and its due instant, unit, recipient, channel and moment', () => {
    expect(reminderKey('remind', instance, 'u1', recipient, 'before:1440')).toBe('remind/d1/2027-W23/u1/p1/wechat/1812556800000/before:1440');
    // A moved deadline is another key: its moments are reminded of again.
    const moved = { ...instance, dueAt: '2027-06-10T16:00:00.000Z' };
    expect(reminderKey('remind', moved, 'u1', recipient, 'before:1440')).not.toBe(reminderKey('remind', instance, 'u1', recipient, 'before:1440'));
  });

  it('tells a liaison what is due when, in China time, with the facts a template lays out', () => {
    const notice = liaisonNotice('manual_reminder', instance, { id: 'u1', name: '甲镇' }, true, recipient, 'k', new Date('2027-06-10T01:00:00Z'));
    expect(notice).toMatchObject({
      kind: 'manual_reminder',
      title: '催报提醒：每周活动材料',
      body: '甲镇：安委办提醒您尽快修改后重新报送“每周活动材料”（2027年第23周），截止时间 2027年6月9日 24:00（已逾期）。',
      facts: { campaign: '2027年安全生产月', item: '每周活动材料 2027年第23周', unit: '甲镇', dueAt: instance.dueAt, title: '催报提醒：每周活动材料' },
      unitId: 'u1',
      deliverableId: 'd1',
      periodKey: '2027-W23',
    });
  });

  it('keeps titles within 40 characters', () => {
    const long = { ...instance, deliverable: { id: 'd1', title: '材'.repeat(60) } };
    const notice = liaisonNotice('deadline_reminder', long, { id: 'u1', name: '甲镇' }, false, recipient, 'k', new Date());
    expect(notice.title).toHaveLength(40);
    expect(notice.title.endsWith('…')).toBe(true);
  });

  it('names the first units owing in the digest and counts the rest', () => {
    const names = Array.from({ length: 10 }, (_, i) => `单位${i + 1}`);
    const notice = digestNotice(instance, { id: 'root', name: '县安委办' }, { count: 12, names }, recipient, 'k');
    expect(notice.body).toBe(`“每周活动材料”（2027年第23周）已于 2027年6月9日 24:00 截止，仍有 12 个单位未报送或退回后未重新报送：${names.join('、')} 等 12 个单位。`);
    expect(notice).toMatchObject({ kind: 'escalation_digest', unitId: 'root', link: '/subpackages/console/completeness/index?campaignId=c1', facts: { count: '12', unit: '县安委办' } });
  });
});
