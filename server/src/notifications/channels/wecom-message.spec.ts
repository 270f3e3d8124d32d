import { cutToBytes, MARKDOWN_MAX_BYTES, robotPayload, TEXT_MAX_BYTES } from './wecom-message';

const bytes = (text: string) => Buffer.byteLength(text);

describe('cutToBytes', () => {
  it('leaves text within the limit as it is', () => {
    expect(cutToBytes('安全', 6)).toBe('安全');
  });

  it('cuts between characters, never inside one, and ends in an ellipsis', () => {
    // 3 bytes a character: 10 bytes hold the ellipsis and two characters, not a third's first byte.
    expect(cutToBytes('安全生产月', 10)).toBe('安全…');
    expect(cutToBytes('安全生产月', 11)).toBe('安全…');
    expect(cutToBytes('ab安全', 7)).toBe('ab…');
    const emoji = cutToBytes('😀'.repeat(10), 12);
    expect(emoji).toBe('😀😀…');
    expect(bytes(emoji)).toBeLessThanOrEqual(12);
  });
});

describe('robotPayload', () => {
  const url = 'https://safemonth.example.cn/#/subpackages/unit/index/index?campaignId=c1&unitId=u1';

  it('posts markdown: title in bold, body quoted, a link to the page', () => {
    expect(robotPayload({ title: '截止提醒', body: '每周安全检查材料\n今天 18:00 截止', url }, false)).toEqual({
      msgtype: 'markdown',
      markdown: { content: `**截止提醒**\n> 每周安全检查材料\n> 今天 18:00 截止\n[查看详情](${url})` },
    });
  });

  it('cuts a long body so that the markdown stays within 4096 bytes with its title and link', () => {
    const payload = robotPayload({ title: '未交汇总', body: '城关镇中心学校、'.repeat(400), url }, false);
    if (payload.msgtype !== 'markdown') throw new Error('markdown expected');
    const content = payload.markdown.content;
    expect(bytes(content)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(bytes(content)).toBeGreaterThan(MARKDOWN_MAX_BYTES - 4);
    expect(content.startsWith('**未交汇总**\n> 城关镇')).toBe(true);
    expect(content.endsWith(`…\n[查看详情](${url})`)).toBe(true);
    expect(content).not.toContain('\uFFFD');
  });

  it('posts plain text, within 2048 bytes, for a robot whose group has WeChat members', () => {
    const short = robotPayload({ title: '报告被退回', body: '请补充现场照片', url: null }, true);
    expect(short).toEqual({ msgtype: 'text', text: { content: '报告被退回\n请补充现场照片' } });
    const long = robotPayload({ title: '报告被退回', body: '请补充现场照片。'.repeat(200), url }, true);
    if (long.msgtype !== 'text') throw new Error('text expected');
    expect(bytes(long.text.content)).toBeLessThanOrEqual(TEXT_MAX_BYTES);
    expect(long.text.content.endsWith(`…\n${url}`)).toBe(true);
  });
});
