import { Page } from 'playwright-core';
import { shown, useH5App } from '../support/browser';

/**
 * Every page lays out the same whether it was opened by its link (a shared link, a refresh) or
 * reached through the app, for each role, at the committee's desktop width and at phone width.
 */
describe('pages opened directly look as reached through the app', () => {
  const app = useH5App();

  /**
   * The page's layout: each piece of text with its box relative to the page, top to bottom. Digits
   * are masked, so a clock ticking between the two visits does not count as a difference.
   */
  const layout = (page: Page): Promise<string[]> =>
    shown(page).evaluate((root) => {
      window.scrollTo(0, 0);
      for (const scroller of [root, ...Array.from(root.querySelectorAll('*'))]) if (scroller.scrollTop) scroller.scrollTop = 0;
      const origin = root.getBoundingClientRect();
      const lines: string[] = [];
      for (const element of Array.from(root.querySelectorAll('*'))) {
        const own = Array.from(element.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .trim();
        const box = element.getBoundingClientRect();
        if (!own || box.width === 0 || box.height === 0) continue;
        const at = [box.x - origin.x, box.y - origin.y, box.width, box.height].map(Math.round).join(',');
        lines.push(`${own.replace(/\d/g, '#')} @ ${at}`);
      }
      return lines;
    });

  /** The layout once it stops changing (data and images arrive after the page shows). */
  async function settledLayout(page: Page, ready: string): Promise<string[]> {
    await shown(page).getByText(ready, { exact: true }).first().waitFor();
    let last: string[] = [];
    let unchanged = 0;
    for (let read = 0; read < 100 && unchanged < 3; read += 1) {
      await page.waitForTimeout(150);
      const now = await layout(page);
      unchanged = JSON.stringify(now) === JSON.stringify(last) ? unchanged + 1 : 0;
      last = now;
    }
    return last;
  }

  /** The path (with query) of the page shown, as the app's hash router has it. */
  const currentPath = (page: Page) => page.evaluate(() => window.location.hash.slice(1));

  /** Compares the page reached through the app with the same URL opened in a fresh load. */
  async function expectSameWhenOpenedDirectly(page: Page, ready: string) {
    const reached = await settledLayout(page, ready);
    const path = await currentPath(page);
    await page.goto(`${app.baseUrl()}/#${path}`);
    await page.reload();
    const opened = await settledLayout(page, ready);
    expect({ path, layout: opened }).toEqual({ path, layout: reached });
    expect(reached.length).toBeGreaterThan(3);
  }

  /** Back to the first page, signed in, at the given width. */
  async function home(page: Page) {
    await page.goto(`${app.baseUrl()}/`);
    await shown(page).locator('.campaign-row').first().waitFor();
  }

  for (const [width, height] of [
    [1366, 900],
    [414, 860],
  ]) {
    it(`committee pages at ${width}×${height}`, async () => {
      const { page, errors } = await app.newPage();
      await page.setViewportSize({ width, height });
      await app.signIn(page, 'demo.committee');

      await home(page);
      await expectSameWhenOpenedDirectly(page, '安全生产月活动');

      await home(page);
      await shown(page).getByText('单位管理', { exact: true }).click();
      await expectSameWhenOpenedDirectly(page, '单位列表');

      await home(page);
      await shown(page).getByText('邀请成员', { exact: true }).click();
      await expectSameWhenOpenedDirectly(page, '新建邀请');

      await home(page);
      await shown(page).getByText('新建活动', { exact: true }).click();
      await expectSameWhenOpenedDirectly(page, '选择模板');

      await home(page);
      await shown(page).locator('.campaign-row').first().click();
      await expectSameWhenOpenedDirectly(page, '活动项目');
      await shown(page).getByRole('button', { name: '审核报告' }).click();
      await expectSameWhenOpenedDirectly(page, '审核报告');

      await home(page);
      await shown(page).locator('.campaign-row').first().click();
      await shown(page).getByRole('button', { name: '编辑' }).click();
      await expectSameWhenOpenedDirectly(page, '基本设置');

      await home(page);
      await shown(page).locator('.campaign-row').first().click();
      await shown(page).getByRole('button', { name: '统计' }).click();
      await expectSameWhenOpenedDirectly(page, '概览');

      await home(page);
      await shown(page).locator('.campaign-row').first().click();
      await shown(page).getByRole('button', { name: '完成情况' }).click();
      await expectSameWhenOpenedDirectly(page, '各期报送');

      await home(page);
      await shown(page).locator('.campaign-row').first().click();
      await shown(page).getByRole('button', { name: '提醒', exact: true }).click();
      await expectSameWhenOpenedDirectly(page, '提醒记录');
      expect(errors).toEqual([]);
    });

    it(`liaison and staff pages at ${width}×${height}`, async () => {
      await app.demoReport('直接打开检查活动', 'direct-open-report');
      const liaison = await app.newPage();
      await liaison.page.setViewportSize({ width, height });
      await app.signIn(liaison.page, 'demo.liaison');
      await home(liaison.page);
      await shown(liaison.page).locator('.campaign-row').first().click();
      await shown(liaison.page).getByRole('button', { name: '填写联络员信息表' }).click();
      await expectSameWhenOpenedDirectly(liaison.page, '联络员信息表（带 * 的为必填项）');
      await home(liaison.page);
      await shown(liaison.page).locator('.campaign-row').first().click();
      await shown(liaison.page).getByRole('button', { name: '本单位' }).click();
      await expectSameWhenOpenedDirectly(liaison.page, '统计表报送');
      await home(liaison.page);
      await shown(liaison.page).locator('.campaign-row').first().click();
      await shown(liaison.page).getByRole('button', { name: '审核报告' }).click();
      await expectSameWhenOpenedDirectly(liaison.page, '直接打开检查活动');
      expect(liaison.errors).toEqual([]);

      const staff = await app.newPage();
      await staff.page.setViewportSize({ width, height });
      await app.signIn(staff.page, 'demo.staff');
      await home(staff.page);
      await shown(staff.page).locator('.campaign-row').first().click();
      await shown(staff.page).getByRole('button', { name: '报活动' }).click();
      await expectSameWhenOpenedDirectly(staff.page, '照片和视频');

      await home(staff.page);
      await shown(staff.page).locator('.campaign-row').first().click();
      await shown(staff.page).getByRole('button', { name: '我的报告' }).click();
      await expectSameWhenOpenedDirectly(staff.page, '我的报告');
      await shown(staff.page).getByText('直接打开检查活动').first().click();
      await expectSameWhenOpenedDirectly(staff.page, '直接打开检查活动');
      expect(staff.errors).toEqual([]);
    });
  }
});
