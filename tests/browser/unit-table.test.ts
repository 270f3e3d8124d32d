import type { Locator, Page } from 'playwright-core';
import type { CampaignDto, MeResponse, StatisticsTableDto } from '@safemonth/shared';
import { shown, useH5App } from '../support/browser';

const DAY_MS = 24 * 3600_000;

/** A China day `days` from today, `YYYY-MM-DD`, and its ISO weekday (1 = Monday). */
function chinaDay(days: number): { day: string; weekday: number } {
  const t = new Date(Date.now() + 8 * 3600_000 + days * DAY_MS);
  return { day: t.toISOString().slice(0, 10), weekday: ((t.getUTCDay() + 6) % 7) + 1 };
}

/**
 * The demo liaison of 东城区 on the 本单位 page of the h5 app: sees a blank field highlighted,
 * answers a 是/否 field, adds a manual entry, hands in this week's materials with the week's
 * accepted report, and submits the table, which then stays closed.
 */
describe("the liaison's 本单位 page in the h5 app", () => {
  const app = useH5App();

  /** The field of the page shown whose label is exactly `label`. */
  const field = (page: Page, label: string) =>
    shown(page).locator('.unit-field').filter({ has: page.locator('.unit-field__label').getByText(label, { exact: true }) });
  const isBlank = async (box: Locator) => ((await box.getAttribute('class')) ?? '').includes('unit-field--blank');

  async function waitUntil(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function openUnitPage(page: Page) {
    await app.signIn(page, 'demo.liaison');
    await shown(page).locator('.campaign-row').first().click();
    await shown(page).getByRole('button', { name: '本单位' }).click();
    await shown(page).getByText(/还有 \d+ 项未填/).waitFor();
  }

  it('highlights a blank field, takes a 是/否 answer and a manual entry, hands in the week and submits the table', async () => {
    // --- the committee adds weekly materials running through this week (the demo plan's deadlines are in June)
    const committee = await app.apiAs('demo.committee');
    const [summary] = await committee<{ id: string }[]>('GET', '/api/campaigns');
    const campaign = await committee<CampaignDto>('GET', `/api/campaigns/${summary.id}`);
    const due = chinaDay(2);
    await committee('PUT', `/api/campaigns/${campaign.id}/deliverables`, {
      deliverables: [
        ...campaign.deliverables,
        { kind: 'weekly_materials', title: '每周活动材料', rule: { kind: 'weekly', weekday: due.weekday, from: chinaDay(-7).day, until: chinaDay(14).day } },
      ],
    });
    // --- a staff report of today, accepted by the liaison: it belongs to this week's materials
    const REPORT = '东城区本周安全宣讲';
    const { reportId } = await app.demoReport(REPORT, 'unit-table-week-report');
    const liaisonApi = await app.apiAs('demo.liaison');
    await liaisonApi('POST', `/api/reports/${reportId}/review`, { action: 'accept' });
    // The fields to fill: a yes/no field and a count field at 0 (labels as the table names them).
    const me = await liaisonApi<MeResponse>('GET', '/api/me');
    const unitId = me.memberships[0].unit.id;
    const table = await liaisonApi<StatisticsTableDto>('GET', `/api/campaigns/${campaign.id}/units/${unitId}/statistics?scope=unit`);
    const fields = table.items.flatMap((item) => item.fields);
    const yesNo = fields.find((f) => f.kind === 'boolean');
    const count = fields.find((f) => f.kind === 'count' && f.value === 0);
    if (!yesNo || !count) throw new Error('the demo table has no yes/no or empty count field');

    const { page, errors } = await app.newPage();
    await openUnitPage(page);
    const unitPage = shown(page);

    // --- a blank 是/否 field, answered 是
    const answer = field(page, yesNo.label);
    expect(await isBlank(answer)).toBe(true);
    await answer.getByText('是', { exact: true }).click();
    await waitUntil(async () => !(await isBlank(answer)), 'the answer to count');
    expect(await answer.locator('.choice--active').innerText()).toBe('是');

    // --- a manual entry on a count field still at 0
    const counted = field(page, count.label);
    expect(await isBlank(counted)).toBe(true);
    await counted.getByRole('button', { name: '添加手工录入' }).click();
    await counted.locator(`input[placeholder="数量（${count.unit || '数'}）"]`).fill('12');
    await counted.locator('input[placeholder="如：线下宣传活动，6月10日"]').fill('线下宣讲会');
    await counted.getByRole('button', { name: '保存' }).click();
    await counted.getByText('+12 线下宣讲会').waitFor();
    await waitUntil(async () => !(await isBlank(counted)), 'the manual entry to count');
    expect(await counted.locator('.unit-field__value').innerText()).toBe(`12 ${count.unit}`.trim());

    // --- this week's materials: next due, handed in with text and the week's accepted report
    const next = unitPage.locator('.unit-next');
    await next.getByText('每周活动材料').waitFor();
    expect(await next.locator('.unit-status').innerText()).toBe('未到期');
    await next.getByRole('button', { name: '报送' }).click();
    const handIn = shown(page);
    await handIn.getByText('本期活动报告').waitFor();
    await handIn.locator('textarea[placeholder="本期工作情况说明"]').fill('本周开展安全宣讲一次');
    await handIn.locator('.row', { hasText: REPORT }).getByText('选择').click();
    await handIn.getByText('已选 1 份（本单位本期已通过审核的报告）').waitFor();
    await handIn.getByRole('button', { name: '报送', exact: true }).click();
    await handIn.getByText('报送成功').waitFor();
    await handIn.locator('.unit-status', { hasText: '按时' }).waitFor();
    expect(await handIn.getByText(`活动报告：${REPORT}`).count()).toBe(1);

    // --- back on 本单位: the week is handed in; the table goes in with its header
    await page.goBack();
    const back = shown(page);
    await back.locator('.unit-next .unit-status', { hasText: '按时' }).waitFor();
    await back.locator('input[placeholder="联系人"]').fill('李联络');
    await back.locator('input[placeholder="电话"]').fill('0955-7654321');
    await back.getByRole('button', { name: '提交统计表' }).click();
    await page.locator('.taro__modal').getByText('提交', { exact: true }).last().click();
    await back.locator('.unit-submission').getByText('已提交').waitFor();
    expect(await back.getByText('联系人：李联络 · 电话：0955-7654321', { exact: false }).count()).toBe(1);
    // Closed until the committee returns it.
    expect(await back.getByText('统计表已提交，正在等待审核：审核前不能修改。如需修改，请联系安委办退回。').count()).toBeGreaterThan(0);
    expect(await field(page, yesNo.label).locator('.choice').count()).toBe(0);
    expect(await back.getByRole('button', { name: '提交统计表' }).getAttribute('class')).toContain('nut-button-disabled');

    // The server keeps what was handed in.
    const after = await liaisonApi<StatisticsTableDto>('GET', `/api/campaigns/${campaign.id}/units/${unitId}/statistics?scope=unit`);
    expect(after.submission).toMatchObject({ state: 'submitted', contactName: '李联络', phone: '0955-7654321' });
    expect(errors).toEqual([]);
  });
});
