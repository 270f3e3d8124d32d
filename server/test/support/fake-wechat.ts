import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's `GET /sns/jscode2session`, answering in its real format:
 * `{ openid, session_key, unionid? }` or `{ errcode, errmsg }`. Codes are single use (40163 on
 * reuse). Codes starting `bad` answer 40029, `busy` 45011, `down` an HTTP 500.
 */
export class FakeWechat {
  readonly used = new Set<string>();
  readonly requests: URLSearchParams[] = [];
  private server?: Server;

  constructor(private readonly appId: string, private readonly secret: string) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
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

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
