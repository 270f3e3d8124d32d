import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { REPORT_STATUS_LABELS } from '@safemonth/shared';
import { chooseDate, shown, useH5App } from '../support/browser';

/** sharp, from the server's dependencies: the photos are drawn at test time, not committed. */
interface SharpImage {
  composite: (layers: { input: Buffer; top: number; left: number }[]) => SharpImage;
  jpeg: (options: { quality: number }) => SharpImage;
  toBuffer: () => Promise<Buffer>;
}
type Sharp = (options: { create: { width: number; height: number; channels: 3; background: string } }) => SharpImage;
const sharp = createRequire(join(__dirname, '..', '..', 'server', 'package.json'))('sharp') as Sharp;

/** A 1920×1080 JPEG: a coloured field with a band, so that the two photos differ in more than colour. */
async function photo(background: string, band: string): Promise<Buffer> {
  const stripe = await sharp({ create: { width: 1920, height: 200, channels: 3, background: band } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return sharp({ create: { width: 1920, height: 1080, channels: 3, background } })
    .composite([{ input: stripe, top: 440, left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Today in China, `YYYY-MM-DD`. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * An activity report from the field to the statistics, on the h5 build with the demo data: a
 * staff member of 东城区 reports an activity with two photos; the district's liaison sees the
 * report and its photos in the review queue and accepts it, and the district's totals then hold
 * what it added.
 */
describe('activity report in the h5 app', () => {
  const app = useH5App();

  /** Signs in and opens the demo campaign (the only one there is). */
  async function openCampaign(page: Page, login: string) {
    await app.signIn(page, login);
    await shown(page).locator('.campaign-row').first().click();
    await shown(page).getByText(/距下一截止还有/).waitFor();
  }

  /** Waits until every photo of the grid shows a decoded image. */
  async function photosShown(grid: Locator, count: number) {
    const images = grid.locator('.media-grid__cell img');
    await images.nth(count - 1).waitFor();
    expect(await images.count()).toBe(count);
    const deadline = Date.now() + 15_000;
    while (!(await images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)))) {
      if (Date.now() > deadline) throw new Error('the photos did not load');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const TITLE = '东城区安全宣传咨询日';
  const ITEM = '“6·16 安全宣传咨询日”活动';
  const ADDED = '开展安全宣传咨询活动 1 场，开展安全宣传咨询活动·参与人次 86 人次';

  it('staff reports with two photos; the liaison accepts it and the unit totals count it', async () => {
    const [first, second] = await Promise.all([photo('#2e7d32', '#fdd835'), photo('#1565c0', '#e53935')]);

    // --- the staff member reports the activity
    const staff = await app.newPage();
    await openCampaign(staff.page, 'demo.staff');
    await shown(staff.page).getByRole('button', { name: '报活动' }).click();
    const form = shown(staff.page);
    await form.getByText('单位：东城区').waitFor();
    const item = form.locator('select:not(.date-input__part)');
    const itemValue = await item.locator('option', { hasText: ITEM }).getAttribute('value');
    await item.selectOption(itemValue ?? '');
    await form.locator('input[placeholder="活动名称"]').fill(TITLE);
    const day = chinaToday();
    await chooseDate(form, '开始日期', day);
    await chooseDate(form, '开始时间', '09:00');
    await chooseDate(form, '结束日期', day);
    await chooseDate(form, '结束时间', '11:30');
    await form.locator('input[placeholder="地点"]').fill('东城区文化广场');
    await form.locator('input[placeholder="参与人次"]').fill('86');
    // The form proposes the additions: one event, and the headcount as 人次.
    await form.getByText(`通过后计入本单位「${ITEM}」的统计，可修改`).waitFor();
    expect(await form.locator('input[placeholder="开展安全宣传咨询活动（场）"]').inputValue()).toBe('1');
    expect(await form.locator('input[placeholder="开展安全宣传咨询活动·参与人次"]').first().inputValue()).toBe('86');

    await form.locator('input[type="file"]').setInputFiles([
      { name: 'scene-1.jpg', mimeType: 'image/jpeg', buffer: first },
      { name: 'scene-2.jpg', mimeType: 'image/jpeg', buffer: second },
    ]);
    const uploaded = form.locator('.upload').filter({ hasText: '已上传' });
    await uploaded.nth(1).waitFor();
    expect(await uploaded.count()).toBe(2);
    expect(await form.locator('.upload__name').allInnerTexts()).toEqual(['scene-1.jpg', 'scene-2.jpg']);
    await form.getByRole('button', { name: '提交', exact: true }).click();

    // The report page: waiting for review, with its additions and both photos.
    const report = shown(staff.page);
    await report.getByText(REPORT_STATUS_LABELS.submitted, { exact: true }).waitFor();
    await report.getByText(TITLE, { exact: true }).waitFor();
    await report.getByText('单位：东城区').waitFor();
    await report.getByText('开展安全宣传咨询活动 1 场').waitFor();
    await photosShown(report, 2);
    expect(staff.errors).toEqual([]);

    // --- the liaison reviews it: photos in the grid, then 通过
    const liaison = await app.newPage();
    await openCampaign(liaison.page, 'demo.liaison');
    await shown(liaison.page).getByRole('button', { name: '审核报告' }).click();
    const review = shown(liaison.page);
    // A desktop-wide window lists the reports as a table: the report opens under its row.
    await review.getByRole('row').filter({ hasText: TITLE }).getByText('详情').click();
    const card = review.locator('.review-card').filter({ hasText: TITLE });
    await card.waitFor();
    await card.getByText('单位：东城区').waitFor();
    await card.getByText('计入：开展安全宣传咨询活动 1 场').waitFor();
    await photosShown(card, 2);
    expect(await review.getByText(ADDED).count()).toBe(0);
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await review.getByText(`已通过「${TITLE}」`).waitFor();
    await review.getByText('没有待审核的报告').waitFor();

    // The district's totals now hold the additions.
    const totals = review.locator('.row').filter({ hasText: ITEM }).locator('.totals-line');
    await totals.waitFor();
    expect(await totals.innerText()).toMatch(new RegExp(`^本单位累计：${ADDED}，`));
    expect(liaison.errors).toEqual([]);

    // The staff member sees it accepted.
    await staff.page.reload();
    const accepted = shown(staff.page);
    await accepted.getByText(REPORT_STATUS_LABELS.accepted, { exact: true }).waitFor();
    await accepted.getByText('通过 · 李联络（演示）').waitFor();
    expect(staff.errors).toEqual([]);

    await Promise.all([staff.context.close(), liaison.context.close()]);
  }, 120_000);
});
