import type { CampaignDto, CampaignSummaryDto, ReportDto, SignInResponse } from '@safemonth/shared';
import { shown, useH5App } from '../support/browser';

/**
 * The report list of the h5 console with the demo data: reports accepted and returned no longer
 * vanish from it (the status filter lists them), and the staff member who filed a returned report
 * reads the reviewer's comment on its edit form.
 */
describe('report list in the h5 console', () => {
  const app = useH5App();

  /** Calls the API as a demo person. */
  async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${app.baseUrl()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  const token = async (login: string) => (await call<SignInResponse>(null, 'POST', '/api/auth/password', { login, password: 'safemonth-demo' })).accessToken;

  it('lists accepted and returned reports by status, and shows the comment on the staff\'s edit form', async () => {
    const [staff, liaison] = await Promise.all([token('demo.staff'), token('demo.liaison')]);
    const [summary] = await call<CampaignSummaryDto[]>(staff, 'GET', '/api/campaigns');
    const campaign = await call<CampaignDto>(staff, 'GET', `/api/campaigns/${summary.id}`);
    const me = await call<{ memberships: { unit: { id: string } }[] }>(staff, 'GET', '/api/me');
    const file = (title: string, key: string) =>
      call<ReportDto>(staff, 'POST', '/api/reports', {
        idempotencyKey: key,
        campaignId: campaign.id,
        unitId: me.memberships[0].unit.id,
        itemId: campaign.items[0].id,
        title,
        startAt: '2026-06-16T01:00:00.000Z',
        endAt: '2026-06-16T02:00:00.000Z',
        place: '人民广场',
        description: '',
        headcount: 10,
        mediaIds: [],
        contributions: [],
      });
    const accepted = await file('通过的咨询日', 'browser-review-accepted');
    const returned = await file('退回的咨询日', 'browser-review-returned');
    await call(liaison, 'POST', `/api/reports/${accepted.id}/review`, { action: 'accept' });
    await call(liaison, 'POST', `/api/reports/${returned.id}/review`, { action: 'return', comment: '请补充现场照片' });

    // The liaison's list on a phone (cards): the queue by default, then the accepted and the returned ones.
    const reviewer = await app.newPage();
    await reviewer.page.setViewportSize({ width: 414, height: 860 });
    await app.signIn(reviewer.page, 'demo.liaison');
    const openList = async () => {
      await reviewer.page.goto(`${app.baseUrl()}/#/subpackages/console/report-review/index?campaignId=${campaign.id}`);
      await reviewer.page.reload();
      const review = shown(reviewer.page);
      const status = review.locator('select').filter({ has: reviewer.page.locator('option', { hasText: '待审核' }) });
      await status.waitFor();
      await review.getByText('筛选').waitFor();
      return { review, status };
    };
    const phone = await openList();
    expect(await phone.review.locator('.review-card').filter({ hasText: '通过的咨询日' }).count()).toBe(0);
    await phone.status.selectOption('accepted');
    await phone.review.locator('.review-card').filter({ hasText: '通过的咨询日' }).waitFor();
    expect(await phone.review.locator('.review-card').filter({ hasText: '退回的咨询日' }).count()).toBe(0);
    await phone.status.selectOption('returned');
    const card = phone.review.locator('.review-card').filter({ hasText: '退回的咨询日' });
    await card.getByText('退回意见：请补充现场照片').waitFor();

    // The same list at the desktop console's width is a table: filtered by status, sorted by a
    // column's header, a report opened under its row.
    await reviewer.page.setViewportSize({ width: 1366, height: 900 });
    const desk = await openList();
    const rows = desk.review.getByRole('row');
    expect(await rows.filter({ hasText: '通过的咨询日' }).count()).toBe(0);
    await desk.status.selectOption('all');
    await rows.filter({ hasText: '通过的咨询日' }).waitFor();
    await rows.filter({ hasText: '退回的咨询日' }).waitFor();
    const titleHeader = desk.review.getByRole('columnheader', { name: /标题/ });
    await titleHeader.click();
    await desk.review.locator('[role="columnheader"][aria-sort="ascending"]').filter({ hasText: '标题' }).waitFor();
    await desk.status.selectOption('returned');
    // The last list stays on screen until the filtered one arrives.
    await rows.filter({ hasText: '通过的咨询日' }).waitFor({ state: 'detached' });
    await rows.filter({ hasText: '退回的咨询日' }).waitFor();
    await rows.filter({ hasText: '退回的咨询日' }).getByText('详情').click();
    await desk.review.locator('.review-card').filter({ hasText: '退回的咨询日' }).getByText('退回意见：请补充现场照片').waitFor();
    expect(reviewer.errors).toEqual([]);

    // The staff member opens the returned report's edit form by its link.
    const reporter = await app.newPage();
    await app.signIn(reporter.page, 'demo.staff');
    await reporter.page.goto(`${app.baseUrl()}/#/subpackages/report/form/index?campaignId=${campaign.id}&reportId=${returned.id}`);
    await reporter.page.reload();
    const form = shown(reporter.page);
    await form.getByText('修改活动报告').waitFor();
    await form.getByText('退回意见：请补充现场照片').waitFor();
    expect(reporter.errors).toEqual([]);

    await Promise.all([reviewer.context.close(), reporter.context.close()]);
  }, 120_000);
});
