import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, { sqlitePath: ':memory:' });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with demo data', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sm-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      env: 'development',
      database: { driver: 'sqlite', sqlitePath: join(dataDir, 'safemonth.sqlite'), poolSize: 1 },
      demoData: true,
      publicBaseUrl: 'http://localhost:3000',
      unattachedMediaDays: 90,
    });
    // The generated secret is kept, so a restart signs nobody out.
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(config.jwtSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(config.jwtSecret);
    // So is the receipt codes' key, or every anonymous reporter would lose their case; another key.
    expect(readFileSync(join(dataDir, 'hazard-receipt-secret'), 'utf8')).toBe(config.hazards.receiptSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).hazards.receiptSecret).toBe(config.hazards.receiptSecret);
    expect(config.hazards.receiptSecret).not.toBe(config.jwtSecret);
  });

  it('picks the driver from DATABASE_URL and turns demo data off for MySQL', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/safemonth' }).database).toEqual({ driver: 'mysql', url: 'mysql://u:p@db:3306/safemonth', poolSize: 10 });
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/safemonth', DATABASE_POOL_SIZE: '4' }).database.poolSize).toBe(4);
    const mariadb = loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' });
    expect(mariadb.database.driver).toBe('mariadb');
    expect(mariadb.demoData).toBe(false);
  });

  it('names every bad variable at once', () => {
    expect(problems({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', BODY_LIMIT: 'huge', LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^PORT .*\(got "eighty"\)$/),
      'DATABASE_URL must look like mysql://user:password@host:3306/database or mariadb://… (got "postgres://x/y")',
      'BODY_LIMIT must be a size such as 100kb or 1mb (got "huge")',
      expect.stringMatching(/^LOG_LEVEL .*\(got "loud"\)$/),
    ]);
  });

  it('never shows a secret, nor the password of a URL, of a bad variable', () => {
    const shown = problems({
      DATABASE_URL: 'postgres://root:db-pass-1@127.0.0.1/safemonth',
      SMTP_URL: 'smtp//notifier:mail@pass-2@mail.example.cn',
      SMTP_FROM: 'safemonth@example.cn',
      JWT_SECRET: 'short-jwt-secret-3',
    });
    expect(shown).toEqual([
      'DATABASE_URL must look like mysql://user:password@host:3306/database or mariadb://… (got "postgres://***@127.0.0.1/safemonth")',
      'JWT_SECRET must be at least 32 characters (got a value, not shown)',
      'SMTP_URL must look like smtp://user:password@host:587 or smtps://… (got "smtp//notifier:***@mail.example.cn")',
    ]);
    expect(shown.join('\n')).not.toMatch(/db-pass-1|pass-2|short-jwt-secret-3/);
  });

  it('keeps unattached media between 1 and 3650 days', () => {
    expect(loadConfig({ UNATTACHED_MEDIA_DAYS: '30' }, { sqlitePath: ':memory:' }).unattachedMediaDays).toBe(30);
    expect(problems({ UNATTACHED_MEDIA_DAYS: '0' })).toEqual([expect.stringMatching(/^UNATTACHED_MEDIA_DAYS .*\(got "0"\)$/)]);
  });

  it('retries notices after 30 seconds, doubling, 6 tries in all, under 60-second leases, unless told otherwise', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' }).outbox;
    expect(read({})).toEqual({ retryBaseSeconds: 30, maxAttempts: 6, leaseSeconds: 60 });
    expect(read({ NOTIFY_RETRY_BASE_SECONDS: '5', NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_LEASE_SECONDS: '10' })).toEqual({ retryBaseSeconds: 5, maxAttempts: 3, leaseSeconds: 10 });
    expect(problems({ NOTIFY_RETRY_BASE_SECONDS: '0', NOTIFY_MAX_ATTEMPTS: 'often', NOTIFY_LEASE_SECONDS: '1' })).toEqual([
      expect.stringMatching(/^NOTIFY_RETRY_BASE_SECONDS .*\(got "0"\)$/),
      expect.stringMatching(/^NOTIFY_MAX_ATTEMPTS .*\(got "often"\)$/),
      expect.stringMatching(/^NOTIFY_LEASE_SECONDS .*\(got "1"\)$/),
    ]);
  });

  it('reads the subscribe-message templates, WeCom and SMTP, refusing malformed ones', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' });
    const defaults = read({});
    expect(defaults.wechatMessages).toEqual({ templates: { reminder: null, review: null }, miniprogramState: 'formal' });
    expect(defaults.wecomApiBase).toBe('https://qyapi.weixin.qq.com');
    expect(defaults.email).toBeNull();
    const set = read({
      WECHAT_TEMPLATE_REMINDER: 'tpl-Remind_1',
      WECHAT_TEMPLATE_REMINDER_FIELDS: 'thing1=item,character_string2=periodKey',
      WECHAT_MINIPROGRAM_STATE: 'trial',
      WECOM_API_BASE: 'http://127.0.0.1:9000/',
      SMTP_URL: 'smtp://user:pass@mail.example.cn:587',
      SMTP_FROM: '安全生产月 <safemonth@example.cn>',
    });
    expect(set.wechatMessages).toEqual({
      templates: { reminder: { id: 'tpl-Remind_1', fields: 'thing1=item,character_string2=periodKey' }, review: null },
      miniprogramState: 'trial',
    });
    expect(set.wecomApiBase).toBe('http://127.0.0.1:9000');
    expect(set.email).toEqual({ smtpUrl: 'smtp://user:pass@mail.example.cn:587', from: '安全生产月 <safemonth@example.cn>' });
    expect(
      problems({
        WECHAT_TEMPLATE_REVIEW: 'a b',
        WECHAT_TEMPLATE_REVIEW_FIELDS: 'thing=title,',
        WECHAT_MINIPROGRAM_STATE: 'beta',
        SMTP_URL: 'http://mail.example.cn',
        SMTP_FROM: 'nobody',
      }),
    ).toEqual([
      expect.stringMatching(/^WECHAT_TEMPLATE_REVIEW .*\(got "a b"\)$/),
      expect.stringMatching(/^WECHAT_TEMPLATE_REVIEW_FIELDS .*\(got "thing=title,"\)$/),
      expect.stringMatching(/^WECHAT_MINIPROGRAM_STATE .*\(got "beta"\)$/),
      expect.stringMatching(/^SMTP_URL .*\(got "http:\/\/mail.example.cn"\)$/),
      expect.stringMatching(/^SMTP_FROM .*\(got "nobody"\)$/),
    ]);
    expect(problems({ SMTP_URL: 'smtp://mail.example.cn' })).toEqual(['SMTP_FROM is required when SMTP_URL is set']);
  });

  it('caps photos at 50 megapixels and decodes 2 at a time unless told otherwise, refusing nonsense', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' }).photos;
    expect(read({})).toEqual({ maxPixels: 50_000_000, decodesAtOnce: 2 });
    expect(read({ PHOTO_MAX_MEGAPIXELS: '12', PHOTO_DECODES_AT_ONCE: '1' })).toEqual({ maxPixels: 12_000_000, decodesAtOnce: 1 });
    expect(problems({ PHOTO_MAX_MEGAPIXELS: '0', PHOTO_DECODES_AT_ONCE: 'many' })).toEqual([
      expect.stringMatching(/^PHOTO_MAX_MEGAPIXELS .*\(got "0"\)$/),
      expect.stringMatching(/^PHOTO_DECODES_AT_ONCE .*\(got "many"\)$/),
    ]);
    expect(problems({ PHOTO_MAX_MEGAPIXELS: '2.5', PHOTO_DECODES_AT_ONCE: '0' })).toHaveLength(2);
  });

  it('reads yes/no variables as written: "false" and "0" are no, anything unclear is refused', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' });
    expect(read({}).trustProxy).toBe(false);
    expect(read({ TRUST_PROXY: 'false', DEMO_DATA: 'false' })).toMatchObject({ trustProxy: false, demoData: false });
    expect(read({ TRUST_PROXY: '0', DEMO_DATA: 'no' })).toMatchObject({ trustProxy: false, demoData: false });
    expect(read({ TRUST_PROXY: 'YES', DEMO_DATA: '1' })).toMatchObject({ trustProxy: 1, demoData: true });
    expect(problems({ TRUST_PROXY: 'maybe' })).toEqual([expect.stringMatching(/^TRUST_PROXY .*\(got "maybe"\)$/)]);
  });

  it('believes X-Forwarded-For only as far as the proxies it is told of', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' });
    expect(read({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(read({ TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
  });

  it('limits hazard uploads, anonymous reports and wrong receipt codes unless told otherwise, and takes a receipt key of 32 characters or more', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { sqlitePath: ':memory:' }).hazards;
    expect(read({})).toMatchObject({ mediaPerMinute: 120, anonymousReportsPerMinute: 30, wrongReceiptCodesPerMinute: { perAddress: 10, overall: 300 } });
    expect(read({ HAZARD_RECEIPT_SECRET: 'k'.repeat(32), HAZARD_MEDIA_RATE_LIMIT_PER_MINUTE: '5', HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2', HAZARD_RECEIPT_RATE_LIMIT_PER_MINUTE: '3', HAZARD_RECEIPT_RATE_LIMIT_OVERALL_PER_MINUTE: '40' })).toEqual({
      receiptSecret: 'k'.repeat(32),
      mediaPerMinute: 5,
      anonymousReportsPerMinute: 2,
      wrongReceiptCodesPerMinute: { perAddress: 3, overall: 40 },
    });
    expect(problems({ HAZARD_RECEIPT_SECRET: 'short-receipt-key', HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0' })).toEqual([
      'HAZARD_RECEIPT_SECRET must be at least 32 characters (got a value, not shown)',
      expect.stringMatching(/^HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE .*\(got "0"\)$/),
    ]);
  });

  it('requires the secrets in production', () => {
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db:3306/s' })).toEqual([
      'JWT_SECRET is required when NODE_ENV=production',
      'HAZARD_RECEIPT_SECRET is required when NODE_ENV=production',
      'WECHAT_APP_ID is required when NODE_ENV=production',
      'WECHAT_APP_SECRET is required when NODE_ENV=production',
      'PUBLIC_BASE_URL is required when NODE_ENV=production',
    ]);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toContain('JWT_SECRET must be at least 32 characters (got a value, not shown)');
  });
});
