import { fitTemplateValue, parseTemplateLayout, templateData } from './wechat-template-data';

const now = new Date('2027-06-05T01:30:00Z');

describe('fitTemplateValue', () => {
  it('cuts a thing to 20 characters, the last an ellipsis, counting characters rather than bytes', () => {
    const long = '安全生产月宣传咨询日活动现场照片及总结材料汇编';
    const fitted = fitTemplateValue('thing1', long, now);
    expect(Array.from(fitted)).toHaveLength(20);
    expect(fitted).toBe('安全生产月宣传咨询日活动现场照片及总结…');
    expect(fitTemplateValue('thing1', '安全宣传咨询日', now)).toBe('安全宣传咨询日');
    expect(fitTemplateValue('thing12', 'a'.repeat(20), now)).toBe('a'.repeat(20));
  });

  it('never splits a character outside the basic plane', () => {
    const fitted = fitTemplateValue('thing1', '𠀀'.repeat(25), now);
    expect(Array.from(fitted)).toEqual([...Array<string>(19).fill('𠀀'), '…']);
  });

  it('folds line breaks and runs of spaces into one space', () => {
    expect(fitTemplateValue('thing1', '  第一行\n\n第二行  ', now)).toBe('第一行 第二行');
  });

  it('shows an ISO instant as China time, YYYY年M月D日 HH:mm', () => {
    expect(fitTemplateValue('time2', '2027-06-30T09:00:00.000Z', now)).toBe('2027年6月30日 17:00');
    expect(fitTemplateValue('time2', '2027-06-30T16:30:00Z', now)).toBe('2027年7月1日 00:30');
    expect(fitTemplateValue('date3', '2027-06-30T16:30:00Z', now)).toBe('2027年7月1日');
    expect(fitTemplateValue('date3', '2027-06-30', now)).toBe('2027年6月30日');
  });

  it('fills a missing time or date with the moment of sending', () => {
    expect(fitTemplateValue('time4', undefined, now)).toBe('2027年6月5日 09:30');
    expect(fitTemplateValue('date4', '', now)).toBe('2027年6月5日');
  });

  it('keeps a phrase to 5 Chinese characters', () => {
    expect(fitTemplateValue('phrase3', '统计表被退回', now)).toBe('统计表被退');
    expect(fitTemplateValue('phrase3', '已退回 (2)', now)).toBe('已退回');
  });

  it('keeps the other types to what WeChat accepts in them', () => {
    expect(fitTemplateValue('character_string5', 'W23-第二周-2027', now)).toBe('W23--2027');
    expect(fitTemplateValue('character_string5', 'x'.repeat(40), now)).toHaveLength(32);
    expect(fitTemplateValue('number6', '共 12 场', now)).toBe('12');
    expect(fitTemplateValue('name7', '城关镇中心学校联络员张三', now)).toBe('城关镇中心学校联络员');
    expect(fitTemplateValue('name7', 'Zhang San Li Si Wang Wu', now)).toBe('Zhang San Li Si Wang');
    expect(fitTemplateValue('short_thing8', '报告已通过审核', now)).toBe('报告已通…');
  });

  it('never leaves a field empty, which WeChat refuses', () => {
    expect(fitTemplateValue('thing1', undefined, now)).toBe('无');
    expect(fitTemplateValue('phrase2', 'OK', now)).toBe('无');
    expect(fitTemplateValue('character_string3', '第二周', now)).toBe('-');
  });
});

describe('templateData', () => {
  it('fills each field of the layout from its fact', () => {
    const layout = parseTemplateLayout('thing1=item,time2=dueAt,thing3=unit,thing4=comment');
    expect(templateData(layout, { item: '每周安全检查材料', dueAt: '2027-06-07T10:00:00Z', unit: '城关镇中心学校' }, now)).toEqual({
      thing1: { value: '每周安全检查材料' },
      time2: { value: '2027年6月7日 18:00' },
      thing3: { value: '城关镇中心学校' },
      thing4: { value: '无' },
    });
  });
});
