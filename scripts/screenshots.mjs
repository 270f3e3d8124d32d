#!/usr/bin/env node
// `npm run screenshots`: PNGs of the committee's main console pages at 1366×900 in docs/screenshots/,
// for the README. Builds nothing: run `npm run build` first. Starts the built server on a fresh
// embedded database (so with demo data), signs in as demo.committee in Debian's chromium (headless)
// and opens each page by its address. Needs a Chinese font (Debian: fonts-wqy-microhei).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs', 'screenshots');
const VIEWPORT = { width: 1366, height: 900 };

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The built server on a fresh embedded database; resolves once it listens. */
async function startServer(dataDir) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const child = spawn(process.execPath, [join(root, 'server', 'dist', 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const collect = (chunk) => {
      output += chunk;
      if (output.includes('SafeMonth is running')) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} (did you run \`npm run build\`?):\n${output}`)));
  });
  return { baseUrl, child };
}

/** Calls the API as a demo person: GET without a body, POST with one. */
async function apiAs(baseUrl, login) {
  const signIn = await fetch(`${baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'safemonth-demo' }),
  });
  const { accessToken } = await signIn.json();
  return async (path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}

// Without a Chinese font chromium draws every character as a box (Debian: apt-get install fonts-wqy-microhei).
if (!spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim()) {
  console.error('No Chinese font found (fc-list :lang=zh); install one, e.g. apt-get install fonts-wqy-microhei');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'safemonth-screenshots-'));
const { baseUrl, child } = await startServer(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.locator('input[placeholder="用户名或手机号"]').fill('demo.committee');
  await page.locator('input[placeholder="密码"]').fill('safemonth-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('安全生产月活动', { exact: true }).first().waitFor();
  // The demo campaign, and a few reports of the demo staff member for the review list, made through the API.
  const api = await apiAs(baseUrl, 'demo.staff');
  const [campaign] = await api('/api/campaigns');
  const detail = await api(`/api/campaigns/${campaign.id}`);
  const me = await api('/api/me');
  const reports = [
    ['“安全宣传咨询日”东城区文化广场咨询活动', '东城区文化广场', 86],
    ['理论学习中心组专题学习', '区应急管理局会议室', 24],
    ['危化品企业应急演练观摩', '东城区化工园区', 120],
  ];
  for (const [index, [title, place, headcount]] of reports.entries()) {
    await api('/api/reports', {
      idempotencyKey: `screenshot-report-${index}`,
      campaignId: campaign.id,
      unitId: me.memberships[0].unit.id,
      itemId: detail.items[index].id,
      title,
      startAt: `${campaign.year}-06-1${index + 2}T01:00:00.000Z`,
      endAt: `${campaign.year}-06-1${index + 2}T03:00:00.000Z`,
      place,
      description: '',
      headcount,
      mediaIds: [],
      contributions: [],
    });
  }

  // Two hidden-hazard reports, sent anonymously without an account as the public sends them.
  const hazards = [
    ['消防', '东城区农贸市场北门', '市场北门消防通道被摊位和杂物堵塞，消防车无法通行'],
    ['燃气', '东城化工有限公司职工食堂', '食堂燃气管道接口处有明显气味，未安装燃气泄漏报警装置'],
  ];
  for (const [category, place, description] of hazards) {
    const response = await fetch(`${baseUrl}/api/campaigns/${campaign.id}/hazards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category, place, description, mediaIds: [], anonymous: true }),
    });
    if (!response.ok) throw new Error(`hazard report: ${response.status} ${await response.text()}`);
  }

  // Each page opened by its address, shown once its breadcrumb and a heading of its own are there (and its charts drawn).
  const shots = [
    { file: 'campaigns.png', path: '/pages/home/index', ready: '安全生产月活动' },
    { file: 'campaign-editor.png', path: `/subpackages/console/campaign-editor/index?id=${campaign.id}`, ready: '基本设置' },
    { file: 'campaign-items.png', path: `/subpackages/console/campaign-editor/index?id=${campaign.id}&section=items`, ready: '粘贴统计表' },
    { file: 'units.png', path: '/subpackages/console/units/index', ready: '单位列表' },
    { file: 'invites.png', path: '/subpackages/console/invites/index', ready: '新建邀请' },
    { file: 'statistics.png', path: `/subpackages/console/statistics/index?campaignId=${campaign.id}`, ready: '概览', drawn: 'canvas' },
    { file: 'completeness.png', path: `/subpackages/console/completeness/index?campaignId=${campaign.id}`, ready: '各期报送' },
    { file: 'report-review.png', path: `/subpackages/console/report-review/index?campaignId=${campaign.id}`, ready: '审核报告' },
    { file: 'hazards.png', path: `/subpackages/console/hazards/index?campaignId=${campaign.id}`, ready: '举报列表' },
  ];
  mkdirSync(out, { recursive: true });
  for (const shot of shots) {
    await page.goto(`${baseUrl}/#${shot.path}`);
    const shown = page.locator('.taro_page:visible').last();
    await shown.locator('.console-frame__crumbs').waitFor();
    await shown.getByText(shot.ready).first().waitFor();
    if (shot.drawn) {
      await shown.locator(shot.drawn).first().waitFor();
      // ECharts draws its labels at the end of its entry animation.
      await page.waitForTimeout(2000);
    }
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, shot.file), animations: 'disabled' });
    console.log(`docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
