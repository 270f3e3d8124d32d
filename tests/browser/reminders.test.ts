import type { CampaignDto, MeResponse } from '@safemonth/shared';
import type { Locator, Page } from 'playwright-core';
import { shown, useH5App } from '../support/browser';

const MINUTE_MS = 60_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** China wall-clock time of an instant, `YYYY-MM-DD HH:mm`. */
const chinaMoment = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Reloads the page until `done` says so: what it waits for is decided by the server (the clock
 * passing a deadline, the outbox worker delivering), which tells the page only when it loads.
 */
async function reloadUntil(page: Page, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out waiting for the page to show it');
    await page.reload();
  }
}

/** Whether `locator` shows within a short while after a (re)load (more than one element matching is an error). */
const showsSoon = (locator: Locator) =>
  locator
    .waitFor({ timeout: 3_000 })
    .then(() => true)
    .catch((error: Error) => {
      if (error.name === 'TimeoutError') return false;
      throw error;
    });

/**
 * The committee reminds a unit that missed a deadline from the 完成情况 page of the h5 console, and
 * the unit's liaison finds the reminder in their 消息 (inbox), delivered by the server's outbox
 * worker; the committee's 提醒记录 shows it delivered.
 *
 * A unit is missing an instance only once it fell due after the campaign's publication, and the
 * server's clock cannot be moved by a browser test: the deliverable, set after publication, falls
 * due at the next whole minute at least 20 s later, and the page is read again until the unit shows 缺报.
 */
describe('reminders in the h5 console', () => {
  const app = useH5App();

  it('reminds a missing unit from the completeness page, and the liaison’s inbox shows the reminder', async () => {
    const committee = await app.apiAs('demo.committee');
    const liaison = await app.apiAs('demo.liaison');
    const root = (await committee<MeResponse>('GET', '/api/me')).memberships[0].unit;
    const district = (await liaison<MeResponse>('GET', '/api/me')).memberships[0].unit;
    const draft = await committee<CampaignDto>('POST', '/api/campaigns/from-template', { templateId: 'zhongwei-2021-city', organizingUnitId: root.id, title: '提醒测试活动' });
    const campaign = await committee<CampaignDto>('POST', `/api/campaigns/${draft.id}/publish`);
    // Set after publishing, however long that took: due at the next whole minute at least 20 s ahead.
    const dueAt = Math.ceil((Date.now() + 20_000) / MINUTE_MS) * MINUTE_MS;
    await committee('PUT', `/api/campaigns/${draft.id}/deliverables`, {
      deliverables: [{ kind: 'unit_plan', title: '单位活动方案', rule: { kind: 'once', opens: chinaMoment(dueAt - 86_400_000).slice(0, 10), due: chinaMoment(dueAt) } }],
    });
    expect(Date.now()).toBeLessThan(dueAt);

    const { page, errors } = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await app.signIn(page, 'demo.committee');
    await page.goto(`${app.baseUrl()}/#/subpackages/console/completeness/index?campaignId=${campaign.id}`);
    await page.reload();
    const missingCell = shown(page).getByRole('table', { name: '完成情况矩阵' }).locator(`[role="cell"][aria-label^="${district.name} 单位活动方案"][aria-label$="：缺报"]`);
    await reloadUntil(page, () => showsSoon(missingCell), 120_000);

    // The instance's units behind on it, each to remind; asked first.
    await shown(page).getByRole('table', { name: '各期报送' }).getByRole('row').nth(1).click();
    const unitRow = shown(page)
      .locator('.missing .row')
      .filter({ has: page.locator('.row__title', { hasText: new RegExp(`^${district.name}$`) }) });
    await unitRow.getByText('缺报', { exact: true }).waitFor();
    await unitRow.getByText('提醒', { exact: true }).click();
    await page.locator('.taro__modal').getByText(`现在提醒“${district.name}”`, { exact: false }).waitFor();
    await page.locator('.taro__modal').getByText('提醒', { exact: true }).last().click();
    await unitRow.getByText(/^已提醒，发出 \d+ 条提醒$/).waitFor();

    // The liaison's 消息: the reminder arrives once the outbox worker has sent it.
    const other = await app.newPage();
    await other.page.setViewportSize({ width: 414, height: 860 });
    await app.signIn(other.page, 'demo.liaison');
    await other.page.goto(`${app.baseUrl()}/#/subpackages/inbox/index/index`);
    await other.page.reload();
    const reminder = shown(other.page).locator('.inbox-item').filter({ hasText: '单位活动方案' }).filter({ hasText: '催报提醒' });
    await reloadUntil(other.page, () => showsSoon(reminder), 60_000);
    expect(await reminder.getByText('未读', { exact: true }).count()).toBe(1);
    expect(other.errors).toEqual([]);

    // The committee's 提醒记录: delivered to the liaison's inbox.
    await page.goto(`${app.baseUrl()}/#/subpackages/console/reminders/index?campaignId=${campaign.id}`);
    await page.reload();
    const delivered = shown(page).getByRole('table', { name: '提醒记录' }).getByRole('row').filter({ hasText: '站内消息' }).filter({ hasText: '已送达' }).first();
    // The worker marks the row sent right after the inbox holds the message (or, had its process
    // been held up past the lease, when another try finds the message already there).
    await reloadUntil(page, () => showsSoon(delivered), 90_000);
    const cells = (await delivered.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    expect(cells.slice(1, 6)).toEqual(['催报提醒', district.name, '李联络（演示）', '站内消息', '已送达']);
    expect(errors).toEqual([]);
  }, 300_000);
});
