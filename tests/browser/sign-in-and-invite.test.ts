import { Page } from 'playwright-core';
import { useH5App } from '../support/browser';

/**
 * The h5 build on the real server (embedded database with its demo data), in Debian's chromium:
 * sign in and see who you are; create an invitation in the console and redeem it as a newcomer.
 */
describe('h5 app', () => {
  const app = useH5App();

  /** Taro inputs are web components wrapping a real <input>. */
  const fill = async (page: Page, placeholder: string, value: string) => {
    await page.locator(`input[placeholder="${placeholder}"]`).fill(value);
  };

  async function signIn(page: Page, login: string, password: string) {
    await page.goto(`${app.baseUrl()}/`);
    await fill(page, '用户名或手机号', login);
    await fill(page, '密码', password);
    await page.getByText('登录', { exact: true }).click();
  }

  it('shows a clear error for a wrong password, then signs in and shows the person, unit and role', async () => {
    const { page, errors, context } = await app.newPage();
    await signIn(page, 'demo.liaison', 'not-the-password');
    await page.getByText('用户名或密码错误').waitFor();

    await fill(page, '密码', 'safemonth-demo');
    await page.getByText('登录', { exact: true }).click();
    await page.getByText('您好，李联络（演示）').waitFor();
    await page.getByText('东城区').waitFor();
    await page.getByText('联络员').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the committee create an invitation that a newcomer redeems by registering', async () => {
    const committee = await app.newPage();
    await signIn(committee.page, 'demo.committee', 'safemonth-demo');
    await committee.page.getByText('邀请成员').click();
    await committee.page.getByText('新建邀请').waitFor();
    await committee.page.getByText('填报人员', { exact: true }).click();
    await committee.page.getByText('生成邀请').click();
    await committee.page.getByText('邀请已生成').waitFor();
    const link = (await committee.page.locator('.created__link').innerText()).trim();
    expect(link).toMatch(new RegExp(`^${app.baseUrl()}/#/pages/invite/index\\?code=[A-Z0-9]{13}$`));
    expect(committee.errors).toEqual([]);

    const newcomer = await app.newPage();
    await newcomer.page.goto(link);
    await newcomer.page.getByText('示范市安全生产委员会办公室').first().waitFor();
    await fill(newcomer.page, '姓名', '钱填报');
    await fill(newcomer.page, '用户名或手机号', '13800138000');
    await fill(newcomer.page, '设置密码（至少 8 位）', 'newcomer-password');
    await fill(newcomer.page, '再次输入密码', 'newcomer-password');
    await newcomer.page.getByText('注册并加入', { exact: true }).click();
    await newcomer.page.getByText('您好，钱填报').waitFor();
    await newcomer.page.getByText('填报人员').first().waitFor();
    expect(newcomer.errors).toEqual([]);

    // A second newcomer finds the single-use code spent.
    const late = await app.newPage();
    await late.page.goto(link);
    await late.page.getByText('邀请码的使用次数已用完，请联系邀请人重新生成').waitFor();
    await Promise.all([committee.context.close(), newcomer.context.close(), late.context.close()]);
  });
});
