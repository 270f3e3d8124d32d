import { readFileSync } from 'node:fs';
import type { CampaignDto, MeResponse } from '@safemonth/shared';
import { shown, useH5App } from '../support/browser';

const DAY_MS = 24 * 3600_000;

/** A China day `days` from today, `YYYY-MM-DD`. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The committee's 完成情况 and 统计 pages of the h5 console at 1366×900: a unit's cell of the matrix
 * turns to 按时 once its liaison hands the instance in, opens what was handed in to accept it, the
 * units are ranked under 排名, and an export started from the page is downloaded once made.
 *
 * The unit is 未到期 before the hand-in, not 缺报: a unit is expected only for instances falling due
 * after it joined (the campaign's publication here), and the server's clock cannot be moved by a
 * browser test, so an instance that is already missing cannot be handed in on time.
 */
describe('completeness and exports in the h5 console', () => {
  const app = useH5App();

  it('shows a unit turn to 按时 after its liaison hands in, opens the hand-in to accept it, ranks the units, and downloads an export', async () => {
    const committee = await app.apiAs('demo.committee');
    const liaison = await app.apiAs('demo.liaison');
    const me = await committee<MeResponse>('GET', '/api/me');
    const root = me.memberships[0].unit;
    // A campaign with one deliverable open now and due in a week.
    const draft = await committee<CampaignDto>('POST', '/api/campaigns/from-template', {
      templateId: 'zhongwei-2021-city',
      organizingUnitId: root.id,
      title: '完成情况测试活动',
    });
    await committee('PUT', `/api/campaigns/${draft.id}/deliverables`, {
      deliverables: [{ kind: 'unit_plan', title: '单位活动方案', rule: { kind: 'once', opens: chinaDay(-1), due: chinaDay(7) } }],
    });
    const campaign = await committee<CampaignDto>('POST', `/api/campaigns/${draft.id}/publish`);
    const [deliverable] = campaign.deliverables;
    const district = (await liaison<MeResponse>('GET', '/api/me')).memberships[0].unit;

    const { page, errors } = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await app.signIn(page, 'demo.committee');
    const open = async (route: string) => {
      await page.goto(`${app.baseUrl()}/#/subpackages/console/${route}/index?campaignId=${campaign.id}`);
      await page.reload();
    };
    await open('completeness');
    const matrix = shown(page).getByRole('table', { name: '完成情况矩阵' });
    const cell = matrix.locator(`[role="cell"][aria-label^="${district.name} 单位活动方案"]`);
    await cell.waitFor();
    const label = (await cell.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/：未到期$/);
    expect(await cell.getAttribute('class')).toContain('status--not-yet-due');

    await liaison('POST', '/api/hand-ins', {
      campaignId: campaign.id,
      deliverableId: deliverable.id,
      periodKey: 'once',
      unitId: district.id,
      text: '东城区安全生产月活动方案已印发',
      documentIds: [],
      reportIds: [],
    });
    await page.reload();
    await matrix.locator(`[role="cell"][aria-label="${label.replace(/：未到期$/, '：按时')}"]`).waitFor();
    expect(await cell.getAttribute('class')).toContain('status--on-time');
    // The instance's counts: one unit of those expected handed in on time.
    const counts = shown(page).getByRole('table', { name: '各期报送' }).getByRole('row').nth(1);
    expect((await counts.getByRole('cell').nth(3).innerText()).trim()).toBe('1');

    // The cell opens what was handed in; accepted after confirming.
    await cell.click();
    await shown(page).getByText('东城区安全生产月活动方案已印发').waitFor();
    await shown(page).locator('.hand-in').getByText('通过', { exact: true }).click();
    await page.locator('.taro__modal').getByText('通过', { exact: true }).last().click();
    await shown(page).getByText(`已通过「${district.name}」的单位活动方案`, { exact: false }).waitFor();

    // 排名: the units right under the committee's, ranked. Nothing is due yet, so all share the
    // first rank with no rate to give; a unit opens its own completeness.
    await shown(page).getByRole('tab', { name: '排名' }).click();
    const ranked = shown(page).getByRole('table', { name: '下级单位排名' }).getByRole('row').filter({ hasText: district.name });
    await ranked.waitFor();
    const cells = (await ranked.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    expect([cells[0], cells[1], cells[7], cells[8]]).toEqual(['1', district.name, '—', '—']);
    await ranked.click();
    await shown(page).getByText(`范围：${district.name}及下级`).waitFor();

    // The 统计 page opens on the dashboard: the units by completion drawn by ECharts (loaded on
    // demand); nothing is due yet and no report counted, so there is no other chart.
    await open('statistics');
    await shown(page).locator('.chart canvas').waitFor();
    await shown(page).getByText('暂无已到期的报送').waitFor();
    // An export from the page: its progress, then the file.
    await shown(page).getByRole('tab', { name: '单位统计表' }).click();
    await shown(page).getByText('导出完成情况', { exact: true }).click();
    const save = shown(page).locator('.export-job').getByText('下载', { exact: true });
    await save.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/材料报送情况\.xlsx$/);
    // An XLSX is a ZIP archive.
    expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');
    expect(errors).toEqual([]);
  }, 120_000);
});
