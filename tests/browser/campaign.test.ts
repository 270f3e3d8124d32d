import { comingCampaignYear } from '@safemonth/shared';
import { shown, useH5App } from '../support/browser';

/**
 * The committee turns a pasted statistics table into a campaign in the h5 console: preview, edit a
 * field, save, publish. A liaison then sees the campaign and its next deadline.
 */
describe('campaign set-up in the h5 console', () => {
  const app = useH5App();

  const TABLE = [
    '活动项目\t内容要求\t进展情况',
    '安全宣传咨询日\t组织安全宣传咨询活动\t开展咨询活动（ ）场，参与（ ）人次',
    '应急演练\t开展综合应急演练\t组织演练（ ）次，参与人数（ ）；是否邀请群众观摩：是（ ）否（ ）',
  ].join('\n');

  it('pastes a table, edits a field in the preview, saves and publishes; a liaison sees it with its next deadline', async () => {
    const committee = await app.newPage();
    const page = committee.page;
    await app.signIn(page, 'demo.committee');
    await shown(page).getByText('新建活动').click();

    // From a template, in a year whose deadlines lie ahead.
    const create = shown(page);
    await create.getByText('选择模板').waitFor();
    await create.locator('.template').filter({ hasText: '静海' }).first().click();
    // Asked for the year (the coming June's) and a title without the template's place.
    const year = create.locator('input[placeholder="年份，如 2026"]').first();
    const title = create.locator('input[placeholder="活动名称"]').first();
    expect(await year.inputValue()).toBe(String(comingCampaignYear(new Date())));
    expect(await title.inputValue()).toBe(`${comingCampaignYear(new Date())}年“安全生产月”活动`);
    await year.fill('2027');
    await title.fill('2027年静海区安全生产月活动');
    await create.getByRole('button', { name: '从模板创建' }).click();

    // The editor opens on its settings; the statistics table is a section of its own.
    const editor = shown(page);
    await editor.getByRole('tab', { name: '统计表' }).click();
    await editor.getByRole('button', { name: '粘贴统计表' }).click();
    await editor.locator('.paste textarea').fill(TABLE);
    await editor.getByRole('button', { name: '预览' }).click();
    await editor.getByText('识别到 2 个活动项目，可以修改后保存：').waitFor();

    // The preview's first field: rename it.
    const preview = editor.locator('.paste');
    const firstField = preview.locator('input[placeholder="统计项名称"]').first();
    expect(await firstField.inputValue()).toBe('开展咨询活动');
    await firstField.fill('安全宣传咨询活动');
    await preview.getByText('替换全部', { exact: true }).click();
    await preview.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('活动项目已保存').first().waitFor();

    // The section shown is in the address: a refresh opens it again.
    expect(page.url()).toContain('section=items');
    await page.reload();
    await shown(page).getByRole('tab', { name: '统计表', selected: true }).waitFor();
    await shown(page).getByRole('button', { name: '粘贴统计表' }).waitFor();

    await shown(page).getByRole('tab', { name: '发布活动' }).click();
    await shown(page).getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('.taro__modal').getByText('发布', { exact: true }).last().click();
    // Published: the last section lists the liaisons instead.
    await shown(page).getByRole('tab', { name: '联络员', selected: true }).waitFor();
    expect(committee.errors).toEqual([]);

    // What was saved, read back through the API with the committee's session.
    // Taro's h5 storage keeps `{ data: value }` as JSON under the key.
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('safemonth.tokens') ?? '{}').data?.accessToken as string);
    const campaigns = await (await fetch(`${app.baseUrl()}/api/campaigns`, { headers: { authorization: `Bearer ${token}` } })).json();
    const created = campaigns.find((c: { title: string; status: string }) => c.title === '2027年静海区安全生产月活动');
    expect(created).toMatchObject({ status: 'published', year: 2027 });
    const detail = await (await fetch(`${app.baseUrl()}/api/campaigns/${created.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(detail.items.map((i: { title: string }) => i.title)).toEqual(['安全宣传咨询日', '应急演练']);
    expect(detail.items[0].fields.map((f: { label: string; unit: string }) => [f.label, f.unit])).toEqual([
      ['安全宣传咨询活动', '场'],
      ['开展咨询活动·参与人次', '人次'],
    ]);
    expect(detail.items[1].fields.map((f: { kind: string }) => f.kind)).toEqual(['count', 'count', 'boolean']);

    // The liaison of a unit under the committee sees it on the home page, with its next deadline.
    const liaison = await app.newPage();
    await app.signIn(liaison.page, 'demo.liaison');
    const row = shown(liaison.page).locator('.campaign-row').filter({ hasText: created.title });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/下一截止：.+ \d{1,2}月\d{1,2}日 \d{2}:\d{2}（还剩 \d+ 天）/);
    await row.click();
    await shown(liaison.page).getByText(/距下一截止还有/).waitFor();
    await shown(liaison.page).getByText('安全宣传咨询活动（场）').waitFor();
    expect(liaison.errors).toEqual([]);
    await Promise.all([committee.context.close(), liaison.context.close()]);
  });

  it('moves every deadline of a template into the chosen year, and warns before publishing one already past', async () => {
    const committee = await app.newPage();
    const page = committee.page;
    await app.signIn(page, 'demo.committee');
    await shown(page).getByText('新建活动').click();
    const create = shown(page);
    await create.locator('.template').filter({ hasText: '揭西' }).first().click();
    // A year whose deadlines are all past: the kind of mistake the warning is for.
    await create.locator('input[placeholder="年份，如 2026"]').first().fill('2021');
    await create.locator('input[placeholder="活动名称"]').first().fill('2021年揭西县补录活动');
    await create.getByRole('button', { name: '从模板创建' }).click();

    const editor = shown(page);
    await editor.getByRole('tab', { name: '发布活动' }).click();
    await editor.getByText('发布前请检查：').waitFor();
    await editor.getByText('“2021年“安全生产月”和“安全生产南粤行”活动方案”的截止时间已过', { exact: true }).waitFor();
    await editor.getByRole('button', { name: '发布', exact: true }).click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('发布前请检查').waitFor();
    expect(await modal.innerText()).toContain('截止时间已过');
    await modal.getByText('取消', { exact: true }).click();

    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('safemonth.tokens') ?? '{}').data?.accessToken as string);
    const campaigns = await (await fetch(`${app.baseUrl()}/api/campaigns`, { headers: { authorization: `Bearer ${token}` } })).json();
    const created = campaigns.find((c: { title: string }) => c.title === '2021年揭西县补录活动');
    expect(created).toMatchObject({ status: 'draft', year: 2021 });
    const detail = await (await fetch(`${app.baseUrl()}/api/campaigns/${created.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const dates = detail.deliverables.flatMap(({ rule }: { rule: { due?: string; opens?: string; from?: string; until?: string } }) =>
      [rule.due, rule.opens, rule.from, rule.until].filter(Boolean),
    );
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date.slice(0, 4)).toBe('2021');
    expect(committee.errors).toEqual([]);
    await committee.context.close();
  });
});
