import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { RunningServer, startServer } from './server';

/** Debian's chromium, headless; never a browser downloaded by a tool. */
async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page that may reach the server under test only: every other request is aborted. */
async function newPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:') ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Taro keeps earlier pages in the DOM, hidden: work on the one shown. */
export const shown = (page: Page): Locator => page.locator('.taro_page:visible').last();

/** Chooses a `YYYY-MM-DD` date or an `HH:mm` time in the h5 DateInput labelled `label` (年/月/日 or 时/分 selects). */
export async function chooseDate(scope: Locator, label: string, value: string): Promise<void> {
  const selects = scope.locator(`[role="group"][aria-label="${label}"] select`);
  const parts = value.split(/[-:]/).map((part) => String(Number(part)));
  for (const [i, part] of parts.entries()) await selects.nth(i).selectOption(part);
}

/** Signs a demo person in (they all share the demo password) and waits for the home page. */
async function signInAsDemo(page: Page, baseUrl: string, login: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('input[placeholder="用户名或手机号"]').fill(login);
  await page.locator('input[placeholder="密码"]').fill('safemonth-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('安全生产月活动', { exact: true }).first().waitFor();
}

/** Calls the API as a demo person (they all share the demo password), with any method; 204 answers undefined. */
async function apiAsDemo(baseUrl: string, login: string) {
  const signIn = await fetch(`${baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'safemonth-demo' }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  return async <T>(method: string, path: string, body?: object): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/** Today in China, `YYYY-MM-DD`. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A report of the demo staff member in the demo campaign's first item, made through the API
 * (`idempotencyKey` makes asking twice give the same report).
 */
async function demoReportIn(baseUrl: string, title: string, idempotencyKey: string): Promise<{ campaignId: string; reportId: string }> {
  const api = await apiAsDemo(baseUrl, 'demo.staff');
  const [campaign] = await api<{ id: string }[]>('GET', '/api/campaigns');
  const detail = await api<{ items: { id: string }[] }>('GET', `/api/campaigns/${campaign.id}`);
  const me = await api<{ memberships: { unit: { id: string } }[] }>('GET', '/api/me');
  const day = chinaToday();
  const report = await api<{ id: string }>('POST', '/api/reports', {
    idempotencyKey,
    campaignId: campaign.id,
    unitId: me.memberships[0].unit.id,
    itemId: detail.items[0].id,
    title,
    startAt: `${day}T01:00:00.000Z`,
    endAt: `${day}T03:00:00.000Z`,
    place: '东城区文化广场',
    description: '',
    headcount: 20,
    mediaIds: [],
    contributions: [],
  });
  return { campaignId: campaign.id, reportId: report.id };
}

/**
 * The h5 app for a describe block: the built server (embedded database, demo data) and chromium,
 * started before its tests and stopped after them.
 */
export function useH5App() {
  const running = {} as { server?: RunningServer; browser?: Browser };
  beforeAll(async () => {
    running.server = await startServer();
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  const baseUrl = () => (running.server as RunningServer).baseUrl;
  return {
    baseUrl,
    newPage: () => newPage(running.browser as Browser, baseUrl()),
    signIn: (page: Page, login: string) => signInAsDemo(page, baseUrl(), login),
    apiAs: (login: string) => apiAsDemo(baseUrl(), login),
    demoReport: (title: string, idempotencyKey: string) => demoReportIn(baseUrl(), title, idempotencyKey),
  };
}
