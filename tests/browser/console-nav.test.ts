import { Locator, Page } from 'playwright-core';
import { shown, useH5App } from '../support/browser';

/**
 * The committee's desktop console: at 1366 px every console page sits in a frame with a side
 * navigation (the current place marked) and a breadcrumb; at phone width the pages stay as they are.
 */
describe('console navigation in the h5 app', () => {
  const app = useH5App();

  const nav = (page: Page): Locator => shown(page).locator('.console-frame__nav');
  const crumbs = (page: Page): Locator => shown(page).locator('.console-frame__crumbs');

  /** The breadcrumb of the page shown, as one line ("活动›…›报告审核"), once it reads `expected`. */
  async function expectCrumbs(page: Page, expected: string) {
    await page.waitForFunction(
      (text) => {
        const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.offsetParent !== null || p.getClientRects().length > 0);
        const trail = pages.at(-1)?.querySelector<HTMLElement>('.console-frame__crumbs');
        return trail?.innerText.replace(/\s+/g, '') === text;
      },
      expected,
    );
    expect(await crumbs(page).isVisible()).toBe(true);
  }

  /** Goes to a place through the side navigation and checks it is the one marked. */
  async function goTo(page: Page, label: string) {
    await nav(page).getByText(label, { exact: true }).click();
    const current = nav(page).locator('.console-frame__link--current');
    await current.getByText(label, { exact: true }).waitFor();
    expect(await nav(page).locator('.console-frame__link--current').count()).toBe(1);
  }

  it('at 1366×900 the committee reaches every console page through the side navigation, each with its breadcrumb', async () => {
    const { page, errors } = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await app.signIn(page, 'demo.committee');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('safemonth.tokens') ?? '{}').data?.accessToken as string);
    const [campaign] = (await (await fetch(`${app.baseUrl()}/api/campaigns`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: string;
      title: string;
    }[];

    // The campaigns (home) page is the console's first place.
    await expectCrumbs(page, '活动');
    expect(await nav(page).isVisible()).toBe(true);
    await nav(page).locator('.console-frame__link--current').getByText('活动', { exact: true }).waitFor();

    await goTo(page, '单位');
    await expectCrumbs(page, '单位');
    await shown(page).getByText('单位列表').waitFor();

    await goTo(page, '成员与邀请');
    await expectCrumbs(page, '成员与邀请');
    await shown(page).getByText('新建邀请').waitFor();

    await goTo(page, '报告审核');
    await expectCrumbs(page, `活动›${campaign.title}›报告审核`);
    await shown(page).getByText('审核报告', { exact: true }).waitFor();

    // The campaign in view stays in view: its statistics, then its completeness.
    await goTo(page, '统计');
    await expectCrumbs(page, `活动›${campaign.title}›统计`);
    await shown(page).getByText('各单位完成情况', { exact: true }).waitFor();

    await goTo(page, '完成情况');
    await expectCrumbs(page, `活动›${campaign.title}›完成情况`);
    await shown(page).getByRole('table', { name: '完成情况矩阵' }).waitFor();

    // The campaign's crumb opens its editor, still in the frame.
    await crumbs(page).getByText(campaign.title, { exact: true }).click();
    await expectCrumbs(page, `活动›${campaign.title}`);
    await nav(page).locator('.console-frame__link--current').getByText('活动', { exact: true }).waitFor();

    await goTo(page, '活动');
    await expectCrumbs(page, '活动');
    await shown(page).getByText('新建活动', { exact: true }).click();
    await expectCrumbs(page, '活动›新建活动');
    await shown(page).getByText('选择模板').waitFor();

    // Its first crumb leads back to the campaigns.
    await crumbs(page).getByText('活动', { exact: true }).click();
    await expectCrumbs(page, '活动');
    expect(errors).toEqual([]);
  });

  it('at 414×860 the pages keep their phone layout, without side navigation or breadcrumb', async () => {
    const { page, errors } = await app.newPage();
    await page.setViewportSize({ width: 414, height: 860 });
    await app.signIn(page, 'demo.committee');
    await shown(page).locator('.console-frame__nav').waitFor({ state: 'attached' });
    expect(await nav(page).isVisible()).toBe(false);
    expect(await crumbs(page).isVisible()).toBe(false);

    await shown(page).getByText('单位管理').click();
    await shown(page).getByText('单位列表').waitFor();
    await shown(page).locator('.console-frame__nav').waitFor({ state: 'attached' });
    expect(await nav(page).isVisible()).toBe(false);
    expect(await crumbs(page).isVisible()).toBe(false);
    // The page uses the whole width, as before (its layout width: a page may still be sliding in).
    expect(await shown(page).locator('.page').first().evaluate((el) => (el as HTMLElement).offsetWidth)).toBe(414);
    expect(errors).toEqual([]);
  });
});
