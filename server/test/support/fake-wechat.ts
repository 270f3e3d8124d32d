import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A subscribe message as WeChat received it (`POST /cgi-bin/message/subscribe/send`). */
export interface ReceivedSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

/** WeChat's limits on a template field's value, by type (the key without its digits). */
const VALUE_LIMITS: Record<string, number> = { thing: 20, short_thing: 5, phrase: 5, name: 20, character_string: 32, number: 32, letter: 32, symbol: 5, time: 40, date: 40 };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A local stand-in for WeChat's server API, answering in its real formats:
 * - `GET /sns/jscode2session`: `{ openid, session_key, unionid? }` or `{ errcode, errmsg }`. Codes are
 *   single use (40163 on reuse). Codes starting `bad` answer 40029, `busy` 45011, `down` an HTTP 500.
 * - `POST /cgi-bin/stable_token`: `{ access_token, expires_in }`; the same token until it is revoked
 *   (`revokeToken`, as when it expires early), as the real one does with `force_refresh: false`.
 * - `POST /cgi-bin/message/subscribe/send?access_token=…`: `{ errcode: 0, errmsg: 'ok', msgid }`;
 *   40001 for a token it did not give or revoked, 47003 for a value beyond its field's limit,
 *   and whatever errcode a test scripted for the next sends (`answerNextSends`, e.g. 43101); while
 *   `holdAnswers` is on, sends are taken but their answers wait for `answerHeld`.
 */
export class FakeWechat {
  readonly used = new Set<string>();
  readonly requests: URLSearchParams[] = [];
  /** Bodies of the `stable_token` calls, in order. */
  readonly tokenRequests: Record<string, unknown>[] = [];
  /** Subscribe messages accepted, in order. */
  readonly sent: ReceivedSubscribeMessage[] = [];
  /** Tokens given out by `stable_token`, the current one last. */
  readonly tokens: string[] = [];
  private tokenValid = false;
  private scripted: number[] = [];
  /** The answers of sends taken while holding, waiting; undefined when sends are answered at once. */
  private holding?: (() => void)[];
  private server?: Server;

  constructor(private readonly appId: string, private readonly secret: string) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** The current token stops working (40001) and the next `stable_token` gives a new one. */
  revokeToken(): void {
    this.tokenValid = false;
  }

  /** The next sends (one per code, in order) are answered with these errcodes instead of being accepted. */
  answerNextSends(...errcodes: number[]): void {
    this.scripted.push(...errcodes);
  }

  /**
   * From now on, subscribe sends are taken (and accepted ones counted in `sent`) but not answered
   * until `answerHeld`: as WeChat has a message when its sender dies before reading the answer.
   */
  holdAnswers(): void {
    this.holding ??= [];
  }

  /** Subscribe sends taken and not yet answered. */
  get held(): number {
    return this.holding?.length ?? 0;
  }

  /** Answers the sends held (to senders that are still there), and every send at once from now on. */
  answerHeld(): void {
    const waiting = this.holding ?? [];
    this.holding = undefined;
    for (const reply of waiting) reply();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        void readJson(req).then((body) => answer(200, this.stableToken(body)));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        void readJson(req).then((body) => {
          const reply = this.subscribeSend(url.searchParams.get('access_token'), body);
          if (this.holding) this.holding.push(() => answer(200, reply));
          else answer(200, reply);
        });
        return;
      }
      if (url.pathname !== '/sns/jscode2session') return answer(404, { errcode: 404, errmsg: 'not found' });
      const query = url.searchParams;
      this.requests.push(query);
      const code = query.get('js_code') ?? '';
      if (query.get('appid') !== this.appId || query.get('secret') !== this.secret) {
        return answer(200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      if (query.get('grant_type') !== 'authorization_code') return answer(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (code.startsWith('down')) return answer(500, { errmsg: 'internal error' });
      if (code.startsWith('busy')) return answer(200, { errcode: 45011, errmsg: 'api minute-quota reach limit mustslower retry next minute' });
      if (code.startsWith('bad') || code === '') return answer(200, { errcode: 40029, errmsg: 'invalid code' });
      if (this.used.has(code)) return answer(200, { errcode: 40163, errmsg: 'code been used' });
      this.used.add(code);
      // `user-<name>` → openid `o-<name>`; `union-<name>` adds a unionid.
      const name = code.replace(/^(user|union)-/, '').replace(/#.*$/, '');
      return answer(200, {
        session_key: 'c2Vzc2lvbi1rZXk=',
        openid: `o-${name}`,
        ...(code.startsWith('union-') ? { unionid: `u-${name}` } : {}),
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  private stableToken(body: unknown): object {
    const request = (body ?? {}) as Record<string, unknown>;
    this.tokenRequests.push(request);
    if (request.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (request.appid !== this.appId || request.secret !== this.secret) return { errcode: 40013, errmsg: 'invalid appid' };
    if (!this.tokenValid || request.force_refresh === true) {
      this.tokens.push(`token-${this.tokens.length + 1}-${Math.random().toString(36).slice(2)}`);
      this.tokenValid = true;
    }
    return { access_token: this.tokens[this.tokens.length - 1], expires_in: 7200 };
  }

  private subscribeSend(token: string | null, body: unknown): object {
    if (!this.tokenValid || token !== this.tokens[this.tokens.length - 1]) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    }
    const message = body as ReceivedSubscribeMessage | undefined;
    if (!message || typeof message.touser !== 'string' || typeof message.template_id !== 'string' || typeof message.data !== 'object') {
      return { errcode: 47001, errmsg: 'data format error' };
    }
    for (const [key, field] of Object.entries(message.data)) {
      const limit = VALUE_LIMITS[key.replace(/\d+$/, '')] ?? 20;
      const value = field?.value;
      if (typeof value !== 'string' || value === '' || Array.from(value).length > limit) {
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` };
      }
    }
    const scripted = this.scripted.shift();
    if (scripted === 43101) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    if (scripted !== undefined) return { errcode: scripted, errmsg: 'scripted' };
    this.sent.push(message);
    return { errcode: 0, errmsg: 'ok', msgid: this.sent.length };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
