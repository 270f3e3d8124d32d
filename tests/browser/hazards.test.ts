import type { Locator, Page } from 'playwright-core';
import { formatChinaDate, formatReceiptCode, HAZARD_STATUS_LABELS, normalizeReceiptCode, type HazardStatus, type MeResponse } from '@safemonth/shared';
import { photo } from '../../server/test/fixtures/media';
import { chooseDate, shown, useH5App } from '../support/browser';

/** A China-time day `days` from today, `YYYY-MM-DD`. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const PLACE = '东城区建材市场北门仓库';
const DESCRIPTION = '仓库消防通道堆满货物，灭火器过期未换';
const QUESTION = '请问仓库具体是几号库？';
const ANSWER = '是北门进去左手第三间，3号库';
const DONE = '已清理消防通道，更换全部灭火器';

/**
 * 隐患随手拍 end to end on the h5 build with the demo data (its campaign takes anonymous reports from
 * anyone, handled by the demo committee): a visitor without an account reports a hazard with a
 * photo from the sign-in page and gets a receipt code; the handler asks a question, the visitor
 * answers it with the code; the handler verifies the case and assigns it to 东城区, whose liaison
 * reports it rectified with a photo; the handler closes it, and the code then shows it closed.
 */
describe('hazard report in the h5 app', () => {
  const app = useH5App();

  /** The status badge of a case (the first badge of its view) once it reads `status`. */
  const statusShown = (scope: Locator, status: HazardStatus) =>
    scope
      .locator('.badge')
      .first()
      .filter({ hasText: new RegExp(`^${HAZARD_STATUS_LABELS[status]}$`) })
      .waitFor();

  /** Opens the case of the console's queue (a table on the desktop) and answers its view. */
  async function openCase(page: Page, campaignId: string): Promise<Locator> {
    await page.goto(`${app.baseUrl()}/#/subpackages/console/hazards/index?campaignId=${campaignId}`);
    await page.reload();
    await shown(page).getByRole('table', { name: '举报列表' }).getByRole('row').filter({ hasText: PLACE }).click();
    const view = shown(page).locator('.hazard-case');
    await view.getByText(DESCRIPTION, { exact: true }).waitFor();
    return view;
  }

  /** A visitor (no session) opens the follow-up from the sign-in page and looks the code up. */
  async function followUp(page: Page, code: string): Promise<Locator> {
    await page.goto(`${app.baseUrl()}/`);
    await page.getByText('凭回执码查询举报进度', { exact: true }).click();
    const follow = shown(page);
    await follow.locator('input[placeholder="16 位数字回执码"]').fill(code);
    await follow.getByRole('button', { name: '查询', exact: true }).click();
    await follow.getByText(DESCRIPTION, { exact: true }).waitFor();
    return follow;
  }

  it('an anonymous report is answered by code, verified, rectified and closed', async () => {
    const committee = await app.apiAs('demo.committee');
    const [campaign] = await committee<{ id: string; title: string }[]>('GET', '/api/campaigns');
    const district = (await (await app.apiAs('demo.liaison'))<MeResponse>('GET', '/api/me')).memberships[0].unit;
    // A phone's photo: where and with what it was taken (the server strips it all).
    const [evidence, after] = await Promise.all([
      photo({ width: 1920, height: 1080, gps: { latitude: 39.9163, longitude: 116.3972 }, takenAt: '2026:06:12 09:30:00', camera: { make: 'Huawei', model: 'P60' } }),
      photo({ width: 1600, height: 1200 }),
    ]);

    // --- a visitor without an account reports from the sign-in page
    const visitor = await app.newPage();
    await visitor.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl() });
    await visitor.page.goto(`${app.baseUrl()}/`);
    await visitor.page.locator('input[placeholder="用户名或手机号"]').waitFor();
    await visitor.page.getByText('隐患随手拍 / 匿名举报', { exact: true }).click();
    const form = shown(visitor.page);
    await form.getByText('无需登录，匿名举报', { exact: false }).waitFor();
    await form.getByText(campaign.title, { exact: false }).waitFor();
    await form.locator('.choice', { hasText: /^消防$/ }).click();
    await form.locator('input[placeholder="如：某某公司仓库、某路口"]').fill(PLACE);
    await form.locator('textarea[placeholder="发现了什么隐患或违法违规行为"]').fill(DESCRIPTION);
    await form.locator('input[type="file"]').setInputFiles([{ name: 'warehouse.jpg', mimeType: 'image/jpeg', buffer: evidence }]);
    await form.locator('.upload').filter({ hasText: 'warehouse.jpg' }).getByText('已上传', { exact: true }).waitFor();
    await form.getByRole('button', { name: '匿名提交', exact: true }).click();

    // The receipt code, shown this once, with the warning to keep it and 复制回执码.
    const receipt = shown(visitor.page);
    await receipt.getByText('举报已提交', { exact: true }).waitFor();
    await receipt.getByText('这是查询进度、与处理人沟通的唯一凭证', { exact: false }).waitFor();
    const shownCode = (await receipt.locator('.hazard-receipt__code').innerText()).trim();
    const code = normalizeReceiptCode(shownCode);
    expect(code).not.toBeNull();
    expect(shownCode).toBe(formatReceiptCode(code as string));
    await receipt.getByRole('button', { name: '复制回执码' }).click();
    await receipt.getByText('已复制，请粘贴保存到安全的地方', { exact: true }).waitFor();
    expect(await visitor.page.evaluate(() => navigator.clipboard.readText())).toBe(shownCode);
    // Leaving asks whether the code is saved.
    await receipt.getByRole('button', { name: '我已保存，查询进度' }).click();
    await visitor.page.locator('.taro__modal').getByText('已保存', { exact: true }).click();
    await shown(visitor.page).getByText('凭回执码查询举报进度', { exact: true }).waitFor();
    expect(visitor.errors).toEqual([]);

    // --- the handler finds the anonymous case with its photo, and asks a question
    const handler = await app.newPage();
    await app.signIn(handler.page, 'demo.committee');
    let view = await openCase(handler.page, campaign.id);
    await statusShown(view, 'submitted');
    await view.getByText('消防 · 匿名举报', { exact: false }).waitFor();
    await view.locator('.media-grid__cell img').first().waitFor();
    await view.locator('textarea[placeholder="匿名举报人凭回执码查看回复"]').fill(QUESTION);
    await view.getByRole('button', { name: '发送', exact: true }).click();
    await view.locator('.hazard-message--handler').getByText(QUESTION, { exact: true }).waitFor();

    // --- the visitor, with nothing but the code, sees the question and answers it
    const later = await app.newPage();
    const follow = await followUp(later.page, code as string);
    await statusShown(follow, 'submitted');
    const question = follow.locator('.hazard-message').filter({ hasText: QUESTION });
    await question.waitFor();
    expect(await question.locator('.hazard-message__from').innerText()).toMatch(/^处理人 · /);
    await follow.locator('textarea[placeholder="补充情况或回答处理人的问题"]').fill(ANSWER);
    await follow.getByRole('button', { name: '发送', exact: true }).click();
    await follow.locator('.hazard-message--mine').getByText(ANSWER, { exact: true }).waitFor();
    expect(later.errors).toEqual([]);

    // --- the handler reads the answer, verifies the case and assigns its rectification to 东城区
    view = await openCase(handler.page, campaign.id);
    await view.locator('.hazard-message--reporter').getByText(ANSWER, { exact: true }).waitFor();
    await view.getByRole('button', { name: '开始核查', exact: true }).click();
    await statusShown(view, 'verifying');
    await view.getByRole('button', { name: '属实', exact: true }).click();
    await statusShown(view, 'verified');
    await view.getByRole('button', { name: '交办整改', exact: true }).click();
    await view.getByRole('button', { name: '选择单位', exact: true }).click();
    await view.getByRole('table', { name: '单位' }).getByRole('row').filter({ hasText: new RegExp(`^${district.name}`) }).click();
    const dueDate = chinaDay(7);
    await chooseDate(view, '整改期限', dueDate);
    await view.locator('textarea[placeholder="整改要求（可选）"]').fill('清理通道，更换灭火器');
    await view.getByRole('button', { name: '确认交办整改', exact: true }).click();
    await statusShown(view, 'rectifying');
    await view.getByText(`整改单位：${district.name} · 期限：${formatChinaDate(dueDate)}`, { exact: true }).waitFor();
    await view.getByText('整改单位尚未报告整改完成', { exact: true }).waitFor();

    // --- the district's liaison sees the case (never the reporter's side) and reports it rectified
    const liaison = await app.newPage();
    await app.signIn(liaison.page, 'demo.liaison');
    await liaison.page.goto(`${app.baseUrl()}/#/subpackages/unit/rectify/index?campaignId=${campaign.id}&unitId=${district.id}`);
    await liaison.page.reload();
    const tasks = shown(liaison.page);
    await tasks.locator('.rectify-row').filter({ hasText: `消防 · ${PLACE}` }).click();
    const task = tasks.locator('.rectify-case');
    await task.getByText(DESCRIPTION, { exact: true }).waitFor();
    await task.getByText('整改要求：清理通道，更换灭火器', { exact: true }).waitFor();
    await task.getByText(`整改期限：${formatChinaDate(dueDate)}`, { exact: true }).waitFor();
    await task.locator('textarea[placeholder="整改情况（必填）"]').fill(DONE);
    await task.locator('input[type="file"]').setInputFiles([{ name: 'after.jpg', mimeType: 'image/jpeg', buffer: after }]);
    await task.locator('.upload').filter({ hasText: 'after.jpg' }).getByText('已上传', { exact: true }).waitFor();
    await task.getByRole('button', { name: '提交整改情况', exact: true }).click();
    await task.getByText(/^已于 .+ 报告整改完成$/).waitFor();
    await task.getByText('等待安委办核实销号', { exact: true }).waitFor();
    // The messages between the reporter and the handler stay between them.
    const liaisonSees = await tasks.innerText();
    for (const message of [QUESTION, ANSWER]) expect(liaisonSees).not.toContain(message);
    expect(liaison.errors).toEqual([]);

    // --- the handler sees the rectification with its photo, and closes the case (销号)
    view = await openCase(handler.page, campaign.id);
    await statusShown(view, 'rectified');
    await view.getByText(DONE, { exact: true }).waitFor();
    await view.locator('.hazard-part .media-grid__cell img').first().waitFor();
    await view.getByRole('button', { name: '销号', exact: true }).click();
    await handler.page.locator('.taro__modal').getByText('销号', { exact: true }).last().click();
    await statusShown(view, 'closed');
    expect(handler.errors).toEqual([]);

    // --- the code, and nothing else, shows the visitor the case closed and the exchange
    const last = await app.newPage();
    const closed = await followUp(last.page, code as string);
    await statusShown(closed, 'closed');
    await closed.getByText(QUESTION, { exact: true }).waitFor();
    await closed.getByText(ANSWER, { exact: true }).waitFor();
    expect(last.errors).toEqual([]);

    await Promise.all([visitor, handler, later, liaison, last].map((opened) => opened.context.close()));
  }, 240_000);
});
