import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A robot message as WeCom received it, with the robot's key. */
export interface ReceivedRobotMessage {
  key: string;
  msgtype: string;
  content: string;
}

const LIMITS: Record<string, number> = { markdown: 4096, text: 2048 };

/**
 * A local stand-in for WeCom's group robot webhook, `POST /cgi-bin/webhook/send?key=…` with
 * `{ msgtype: 'markdown', markdown: { content } }` or `{ msgtype: 'text', text: { content } }`,
 * answering as WeCom does: `{ errcode: 0, errmsg: 'ok' }`; 93000 for a key it does not know; 40058
 * for content beyond its limit in UTF-8 bytes; 45009 (too often) for the next sends when told
 * (`refuseNextSends`).
 */
export class FakeWecom {
  readonly received: ReceivedRobotMessage[] = [];
  private readonly keys = new Set<string>();
  private refusals = 0;
  private server?: Server;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** A robot's webhook key, as WeCom shows it in the webhook address. */
  addRobot(key: string): string {
    this.keys.add(key);
    return key;
  }

  /** The next `count` sends are answered 45009, as when a robot posted more than 20 messages in a minute. */
  refuseNextSends(count: number): void {
    this.refusals += count;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = (body: object) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') {
        res.writeHead(404);
        res.end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const key = url.searchParams.get('key') ?? '';
        if (!this.keys.has(key)) return answer({ errcode: 93000, errmsg: 'invalid webhook url' });
        let body: Record<string, { content?: unknown } | string>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer({ errcode: 47001, errmsg: 'data format error' });
        }
        const msgtype = typeof body.msgtype === 'string' ? body.msgtype : '';
        const content = (body[msgtype] as { content?: unknown } | undefined)?.content;
        if (!(msgtype in LIMITS) || typeof content !== 'string') return answer({ errcode: 40008, errmsg: 'invalid message type' });
        if (Buffer.byteLength(content) > LIMITS[msgtype]) {
          return answer({ errcode: 40058, errmsg: `${msgtype}.content exceed max length ${LIMITS[msgtype]}` });
        }
        if (this.refusals > 0) {
          this.refusals--;
          return answer({ errcode: 45009, errmsg: 'api freq out of limit' });
        }
        this.received.push({ key, msgtype, content });
        return answer({ errcode: 0, errmsg: 'ok' });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
