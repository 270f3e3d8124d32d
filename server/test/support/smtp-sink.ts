import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A mail as the sink received it: the envelope, the signed-in user and the decoded headers and text. */
export interface ReceivedMail {
  user: string | undefined;
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`), as mailers write non-ASCII headers. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(?:\s+(?==\?))?/g, (_all, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replace(/_/g, ' ')),
  );
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? quotedPrintable(body) : body;
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

/**
 * An SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives: a mail
 * sink for tests. It signs in any user with the password it was given; `refuseNext` answers the
 * next mails with a temporary failure (451), as a busy server does; a recipient at `nowhere.example.cn`
 * is refused for good (550), the answer quoting the address as real servers do.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private refusals = 0;
  private readonly server: SMTPServer;

  constructor(private readonly password: string) {
    this.server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.password === this.password ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password')),
      onData: (stream, session, callback) => this.receive(stream, session, callback),
      onRcptTo: (address, _session, callback) =>
        address.address.endsWith('@nowhere.example.cn')
          ? callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }))
          : callback(),
    });
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** The next `count` mails are refused with a temporary failure. */
  refuseNext(count: number): void {
    this.refusals += count;
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (this.refusals > 0) {
        this.refusals--;
        return callback(Object.assign(new Error('Requested action aborted: try again later'), { responseCode: 451 }));
      }
      const { headers, text } = parseMail(Buffer.concat(chunks).toString('utf8'));
      this.received.push({
        user: session.user as string | undefined,
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        envelopeTo: session.envelope.rcptTo.map((to) => to.address),
        headers,
        subject: headers.subject ?? '',
        text,
      });
      callback();
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
