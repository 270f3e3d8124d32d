import { Locator, Page } from 'playwright-core';
import { chooseDate, shown, useH5App } from '../support/browser';

/**
 * Pages look the same however they were reached: opened by a shared link, refreshed, or through the
 * app. Plus the zh-CN date input and the site's icon.
 */
describe('layout of the h5 app', () => {
  const app = useH5App();
  const TITLE = '版式检查活动';

  /** Two lines of text: separate elements, the second starting below the end of the first, at the same left edge. */
  async function expectStacked(first: Locator, second: Locator) {
    await first.waitFor();
    // Both boxes in one frame: a page may still be sliding in.
    const [a, b] = await first.evaluate((one, two) => [one.getBoundingClientRect(), (two as Element).getBoundingClientRect()].map((r) => ({ x: r.x, y: r.y, height: r.height })), await second.elementHandle());
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
    expect(Math.abs(b.x - a.x)).toBeLessThan(2);
  }

  /** The report's facts: each label/value pair on a line of its own, below the one before. */
  async function expectFactsOnSeparateLines(scope: Locator) {
    const facts = scope.locator('.report-facts').first();
    await expectStacked(facts.getByText('单位：东城区', { exact: true }), facts.getByText(/^活动项目：/));
  }

  /** The review page's head: the campaign, then the units reviewed; the totals' unit, then its lines. */
  async function expectReviewHeadOnSeparateLines(scope: Locator) {
    await expectStacked(scope.getByText(/^审核单位：/).locator('xpath=preceding-sibling::*[1]'), scope.getByText(/^审核单位：/));
    await expectStacked(scope.getByText(/^单位：/).first(), scope.getByText(/^本单位累计：/).first());
  }

  /** What a date input shows: each select's chosen option and the units between, e.g. "2027年6月5日". */
  const shownValue = (group: Locator) =>
    group.evaluate((element) =>
      Array.from(element.children)
        .map((child) => (child instanceof HTMLSelectElement ? (child.selectedOptions[0]?.text ?? '') : (child.textContent ?? '')))
        .join('')
        .replace(/\s+/g, ''),
    );

  /** Opens the page by its URL in a fresh load, as a shared link or a refresh does. */
  async function openDirectly(page: Page, path: string) {
    await page.goto(`${app.baseUrl()}/#${path}`);
    await page.reload();
  }

  it('lays out a report\'s details when its page is opened directly, refreshed, or reached through the app', async () => {
    const { campaignId, reportId } = await app.demoReport(TITLE, 'layout-test-report');

    // The staff member's report page, opened by its link, then reached through the app.
    const staff = await app.newPage();
    await app.signIn(staff.page, 'demo.staff');
    await openDirectly(staff.page, `/subpackages/report/detail/index?id=${reportId}`);
    await expectFactsOnSeparateLines(shown(staff.page));
    await staff.page.goto(`${app.baseUrl()}/`);
    await shown(staff.page).locator('.campaign-row').first().click();
    await shown(staff.page).getByText('我的报告').first().click();
    await shown(staff.page).getByText(TITLE).first().click();
    await expectFactsOnSeparateLines(shown(staff.page));
    expect(staff.errors).toEqual([]);

    // The liaison's review page, opened by its link, then reached through the campaign page.
    // On a phone, where the review list shows each report's card (a desk-wide one is a table).
    const liaison = await app.newPage();
    await liaison.page.setViewportSize({ width: 414, height: 860 });
    await app.signIn(liaison.page, 'demo.liaison');
    await openDirectly(liaison.page, `/subpackages/console/report-review/index?campaignId=${campaignId}`);
    await expectFactsOnSeparateLines(shown(liaison.page));
    await expectReviewHeadOnSeparateLines(shown(liaison.page));
    await liaison.page.goto(`${app.baseUrl()}/`);
    await shown(liaison.page).locator('.campaign-row').first().click();
    await shown(liaison.page).getByRole('button', { name: '审核报告' }).click();
    await expectFactsOnSeparateLines(shown(liaison.page));
    await expectReviewHeadOnSeparateLines(shown(liaison.page));
    expect(liaison.errors).toEqual([]);

    await Promise.all([staff.context.close(), liaison.context.close()]);
  }, 120_000);

  it('shows dates as 年/月/日 and times on the 24-hour clock, and serves its icon', async () => {
    const icon = await fetch(`${app.baseUrl()}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect((await icon.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const staff = await app.newPage();
    await app.signIn(staff.page, 'demo.staff');
    await shown(staff.page).locator('.campaign-row').first().click();
    await shown(staff.page).getByRole('button', { name: '报活动' }).click();
    const form = shown(staff.page);
    const start = form.locator('[role="group"][aria-label="开始日期"]');
    await start.waitFor();
    // No browser date input (mm/dd/yyyy, AM/PM in a zh-CN browser): 年, 月, 日 and 时, 分.
    expect(await form.locator('input[type="date"], input[type="time"]').count()).toBe(0);
    await chooseDate(form, '开始日期', '2027-06-05');
    expect(await shownValue(start)).toBe('2027年6月5日');
    const time = form.locator('[role="group"][aria-label="开始时间"]');
    await chooseDate(form, '开始时间', '21:05');
    expect(await shownValue(time)).toBe('21时05分');
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  }, 120_000);
});
