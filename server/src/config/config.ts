import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WechatTemplatePurpose } from '@safemonth/shared';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * A yes/no variable: 1/true/yes or 0/false/no. Read from the raw string (implicit conversion would
 * turn "false" into true); anything else is left as it is, for @IsBoolean to refuse.
 */
function EnvFlag(): PropertyDecorator {
  return Transform(({ obj, key }) => {
    const raw: unknown = obj[key];
    if (typeof raw !== 'string') return raw;
    const text = raw.trim().toLowerCase();
    if (['1', 'true', 'yes'].includes(text)) return true;
    if (['0', 'false', 'no'].includes(text)) return false;
    return raw;
  });
}

function trustedProxies(setting: string): AppConfig['trustProxy'] {
  const text = setting.trim().toLowerCase();
  if (['no', 'false', '0'].includes(text)) return false;
  if (['yes', 'true'].includes(text)) return 1;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((address) => address.trim());
}

const TEMPLATE_ID = /^[\w-]{1,64}$/;
/** A subscribe-message template's fields (`thing1`, `time2`…), each with the notice's fact it shows. */
const TEMPLATE_LAYOUT = /^[a-z_]+\d+=\w+(,[a-z_]+\d+=\w+)*$/;

/** The environment variables SafeMonth reads, with their defaults for the embedded mode. */
class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Min(1)
  @Max(65535)
  @IsInt()
  PORT: number = 3000;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^/]+\/[^/?]+/, {
    message: 'must look like mysql://user:password@host:3306/database or mariadb://…',
  })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE: number = 10;

  @IsString()
  DATA_DIR: string = './data';

  @IsOptional()
  @IsString()
  MEDIA_DIR?: string;

  @IsOptional()
  @IsString()
  EXPORT_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Key of the HMAC under which anonymous hazard reports' receipt codes are stored. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  HAZARD_RECEIPT_SECRET?: string;

  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS: number = 30;

  @IsInt()
  @Min(1)
  @Max(3650)
  UNATTACHED_MEDIA_DAYS: number = 90;

  @IsInt()
  @Min(1)
  @Max(1000)
  PHOTO_MAX_MEGAPIXELS: number = 50;

  @IsInt()
  @Min(1)
  @Max(64)
  PHOTO_DECODES_AT_ONCE: number = 2;

  @IsOptional()
  @IsString()
  WECHAT_APP_ID?: string;

  @IsOptional()
  @IsString()
  WECHAT_APP_SECRET?: string;

  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  WECHAT_API_BASE: string = 'https://api.weixin.qq.com';

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: 'must be a subscribe-message template id' })
  WECHAT_TEMPLATE_REMINDER?: string;

  @Matches(TEMPLATE_LAYOUT, { message: 'must list the template fields and their facts, e.g. thing1=item,time2=dueAt' })
  WECHAT_TEMPLATE_REMINDER_FIELDS: string = 'thing1=item,time2=dueAt,thing3=unit,thing4=title';

  @IsOptional()
  @Matches(TEMPLATE_ID, { message: 'must be a subscribe-message template id' })
  WECHAT_TEMPLATE_REVIEW?: string;

  @Matches(TEMPLATE_LAYOUT, { message: 'must list the template fields and their facts, e.g. thing1=title,thing2=comment' })
  WECHAT_TEMPLATE_REVIEW_FIELDS: string = 'thing1=title,thing2=item,thing3=comment,time4=at';

  @IsIn(['formal', 'trial', 'developer'])
  WECHAT_MINIPROGRAM_STATE: string = 'formal';

  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  WECOM_API_BASE: string = 'https://qyapi.weixin.qq.com';

  @IsOptional()
  @Matches(/^smtps?:\/\/[^/]+/, { message: 'must look like smtp://user:password@host:587 or smtps://…' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, { message: 'must be an address, e.g. safemonth@example.cn or SafeMonth <safemonth@example.cn>' })
  SMTP_FROM?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'must be a size such as 100kb or 1mb' })
  BODY_LIMIT: string = '1mb';

  @IsInt()
  @Min(1)
  SIGN_IN_RATE_LIMIT_PER_MINUTE: number = 10;

  @IsInt()
  @Min(1)
  INVITE_RATE_LIMIT_PER_MINUTE: number = 10;

  @IsInt()
  @Min(1)
  INVITE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: number = 5;

  @IsInt()
  @Min(1)
  HAZARD_MEDIA_RATE_LIMIT_PER_MINUTE: number = 120;

  @IsInt()
  @Min(1)
  HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE: number = 30;

  @IsInt()
  @Min(1)
  HAZARD_RECEIPT_RATE_LIMIT_PER_MINUTE: number = 10;

  @IsInt()
  @Min(1)
  HAZARD_RECEIPT_RATE_LIMIT_OVERALL_PER_MINUTE: number = 300;

  @IsInt()
  @Min(1)
  LOCKOUT_THRESHOLD: number = 5;

  @IsInt()
  @Min(1)
  LOCKOUT_MINUTES: number = 15;

  @Min(1024)
  @Max(1048576)
  @IsInt()
  PASSWORD_HASH_MEMORY_KIB: number = 19456;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsString()
  H5_DIR?: string;

  /** No (default), yes (one proxy), the number of proxies, or their addresses/CIDRs (comma-separated). */
  @Matches(/^\s*(yes|no|true|false|\d{1,2}|[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*)\s*$/i, {
    message: 'TRUST_PROXY must be yes/no, the number of reverse proxies, or their addresses (comma-separated)',
  })
  TRUST_PROXY: string = 'false';

  @IsOptional()
  @EnvFlag()
  @IsBoolean()
  DEMO_DATA?: boolean;

  @IsInt()
  @Min(1)
  @Max(86400)
  NOTIFY_RETRY_BASE_SECONDS: number = 30;

  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFY_MAX_ATTEMPTS: number = 6;

  @IsInt()
  @Min(5)
  @Max(3600)
  NOTIFY_LEASE_SECONDS: number = 60;
}

export type DatabaseDriver = 'mysql' | 'mariadb' | 'sqlite';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** `poolSize`: connections each process keeps to MySQL/MariaDB (the embedded database has one). */
  database: { driver: DatabaseDriver; url?: string; sqlitePath?: string; poolSize: number };
  dataDir: string;
  /** Uploaded photos and videos (the local-disk storage) and uploads in progress. */
  mediaDir: string;
  /** Exported workbooks, a day each; shared by the server processes when they run on several machines. */
  exportDir: string;
  /** Photos and videos uploaded more than this many days ago that no report holds are removed. */
  unattachedMediaDays: number;
  /** Photos (JPEG, PNG) over `maxPixels` are refused; each process decodes `decodesAtOnce` at a time. */
  photos: { maxPixels: number; decodesAtOnce: number };
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  wechat: { appId: string; appSecret: string; apiBase: string };
  /**
   * Subscribe messages: the template for reminders and the one for reviews (none: not sent on
   * WeChat), each with its fields (`thing1=item`: field `thing1` shows the notice's fact `item`).
   */
  wechatMessages: {
    templates: Record<WechatTemplatePurpose, { id: string; fields: string } | null>;
    miniprogramState: 'formal' | 'trial' | 'developer';
  };
  wecomApiBase: string;
  /** SMTP for e-mail notices; null: none are sent. */
  email: { smtpUrl: string; from: string } | null;
  publicBaseUrl: string;
  /** The largest JSON body, as configured ("1mb") and in bytes. */
  bodyLimit: { text: string; bytes: number };
  signInRateLimitPerMinute: number;
  /** Wrong invitation codes (previews, redemptions, registrations) allowed per minute. */
  inviteRateLimitPerMinute: { perAddress: number; perAccount: number };
  /**
   * Hidden-hazard reports: the key of the receipt codes' HMAC; uploads and anonymous reports per
   * campaign per minute, counted for the whole campaign (never per caller: nothing of an anonymous
   * one is kept); wrong receipt codes per minute per client address and over all addresses.
   */
  hazards: {
    receiptSecret: string;
    mediaPerMinute: number;
    anonymousReportsPerMinute: number;
    wrongReceiptCodesPerMinute: { perAddress: number; overall: number };
  };
  /** Failed sign-ins of one login from one client address in a window of `lockoutMinutes`. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordHashMemoryKib: number;
  logLevel: string;
  h5Dir: string;
  /**
   * Which hops of X-Forwarded-For to believe: none (false), the last `n` (the proxies before the
   * server), or those from these addresses. Never the leftmost entry, which the client writes.
   */
  trustProxy: false | number | string[];
  demoData: boolean;
  /**
   * Notices that failed to send are tried again after `retryBaseSeconds`, doubling each time, `maxAttempts` tries in all;
   * a worker's claim on the notices it sends holds `leaseSeconds` unless renewed (a worker that died leaves them to others then).
   */
  outbox: { retryBaseSeconds: number; maxAttempts: number; leaseSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * A bad variable's value as the error shows it (logs keep it): a secret not at all, a URL without
 * the user and password it may carry (SMTP_URL, DATABASE_URL).
 */
function shown(name: string, value: unknown): string {
  if (/SECRET/.test(name)) return 'a value, not shown';
  // Up to the last @, however malformed the rest: a bad URL is as likely to hold a real password.
  return JSON.stringify(/_URL$/.test(name) && typeof value === 'string' ? value.replace(/^(.*?:\/*)?.*@/, '$1***@') : value);
}

/**
 * Reads and validates the environment. Every bad variable is reported at once, by name.
 * `sqlitePath: ':memory:'` (tests only) keeps the embedded database in memory.
 */
export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  overrides: { sqlitePath?: string } = {},
): AppConfig {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Environment, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(env, { forbidUnknownValues: false, stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => {
      const text = message.startsWith(error.property) ? message : `${error.property} ${message}`;
      return `${text} (got ${shown(error.property, raw[error.property])})`;
    }),
  );
  const production = env.NODE_ENV === 'production';
  if (production) {
    for (const name of ['JWT_SECRET', 'HAZARD_RECEIPT_SECRET', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'PUBLIC_BASE_URL'] as const) {
      if (!env[name]) problems.push(`${name} is required when NODE_ENV=production`);
    }
  }
  if (env.SMTP_URL && !env.SMTP_FROM) problems.push('SMTP_FROM is required when SMTP_URL is set');
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(env.DATA_DIR);
  const driver: DatabaseDriver = env.DATABASE_URL
    ? (env.DATABASE_URL.split(':')[0] as 'mysql' | 'mariadb')
    : 'sqlite';
  const embedded = driver === 'sqlite';
  const keepSecrets = embedded && overrides.sqlitePath !== ':memory:';
  return {
    env: env.NODE_ENV as AppConfig['env'],
    port: env.PORT,
    database: embedded
      ? { driver, sqlitePath: overrides.sqlitePath ?? join(dataDir, 'safemonth.sqlite'), poolSize: 1 }
      : { driver, url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    dataDir,
    mediaDir: resolve(env.MEDIA_DIR ?? join(dataDir, 'media')),
    exportDir: resolve(env.EXPORT_DIR ?? join(dataDir, 'exports')),
    unattachedMediaDays: env.UNATTACHED_MEDIA_DAYS,
    photos: { maxPixels: env.PHOTO_MAX_MEGAPIXELS * 1_000_000, decodesAtOnce: env.PHOTO_DECODES_AT_ONCE },
    jwtSecret: env.JWT_SECRET ?? developmentSecret(dataDir, keepSecrets, 'jwt-secret'),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    wechat: {
      appId: env.WECHAT_APP_ID ?? 'wx-development',
      appSecret: env.WECHAT_APP_SECRET ?? 'development-secret',
      apiBase: env.WECHAT_API_BASE.replace(/\/+$/, ''),
    },
    wechatMessages: {
      templates: {
        reminder: env.WECHAT_TEMPLATE_REMINDER ? { id: env.WECHAT_TEMPLATE_REMINDER, fields: env.WECHAT_TEMPLATE_REMINDER_FIELDS } : null,
        review: env.WECHAT_TEMPLATE_REVIEW ? { id: env.WECHAT_TEMPLATE_REVIEW, fields: env.WECHAT_TEMPLATE_REVIEW_FIELDS } : null,
      },
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE as AppConfig['wechatMessages']['miniprogramState'],
    },
    wecomApiBase: env.WECOM_API_BASE.replace(/\/+$/, ''),
    email: env.SMTP_URL && env.SMTP_FROM ? { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM } : null,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    bodyLimit: { text: env.BODY_LIMIT, bytes: sizeInBytes(env.BODY_LIMIT) },
    signInRateLimitPerMinute: env.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    inviteRateLimitPerMinute: { perAddress: env.INVITE_RATE_LIMIT_PER_MINUTE, perAccount: env.INVITE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE },
    hazards: {
      receiptSecret: env.HAZARD_RECEIPT_SECRET ?? developmentSecret(dataDir, keepSecrets, 'hazard-receipt-secret'),
      mediaPerMinute: env.HAZARD_MEDIA_RATE_LIMIT_PER_MINUTE,
      anonymousReportsPerMinute: env.HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
      wrongReceiptCodesPerMinute: { perAddress: env.HAZARD_RECEIPT_RATE_LIMIT_PER_MINUTE, overall: env.HAZARD_RECEIPT_RATE_LIMIT_OVERALL_PER_MINUTE },
    },
    lockoutThreshold: env.LOCKOUT_THRESHOLD,
    lockoutMinutes: env.LOCKOUT_MINUTES,
    passwordHashMemoryKib: env.PASSWORD_HASH_MEMORY_KIB,
    logLevel: env.LOG_LEVEL,
    h5Dir: resolve(env.H5_DIR ?? join(__dirname, '..', '..', '..', 'miniapp', 'dist', 'h5')),
    trustProxy: trustedProxies(env.TRUST_PROXY),
    demoData: env.DEMO_DATA ?? embedded,
    outbox: { retryBaseSeconds: env.NOTIFY_RETRY_BASE_SECONDS, maxAttempts: env.NOTIFY_MAX_ATTEMPTS, leaseSeconds: env.NOTIFY_LEASE_SECONDS },
  };
}

/** "100kb", "1mb" or "512b" (already validated) in bytes. */
function sizeInBytes(size: string): number {
  const [, digits, unit] = /^(\d+)(b|kb|mb)$/i.exec(size) as RegExpExecArray;
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b' | 'kb' | 'mb'];
}

/**
 * Outside production a missing JWT_SECRET (or HAZARD_RECEIPT_SECRET) is generated. The embedded
 * mode keeps it in the data folder (`name`) so that a restart does not sign everybody out (or lose
 * every receipt code); elsewhere it lives as long as the process.
 */
function developmentSecret(dataDir: string, persist: boolean, name: string): string {
  if (!persist) return randomBytes(32).toString('hex');
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
