import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { Channel, OutboxMessage, SendOutcome } from '../channel';
import { NotificationsService } from '../notifications.service';
import { appUrl } from './app-url';

/** SMTP connections each process keeps open: a fan-out reuses them instead of connecting per mail. */
const CONNECTIONS = 4;
/** How long a connection, the server's greeting and a silent socket are waited for: a hung server must not hold a send forever. */
const TIMEOUT_MS = 30_000;
/** E-mail addresses in a server's answer: the delivery log the committee reads names people otherwise. */
const ADDRESS = /<?[^\s<>@"',;:]+@[^\s<>@"',;:]+>?/g;

/** An error of nodemailer as the delivery log shows it: without the addresses it may quote. */
function mailError(error: unknown): string {
  return `邮件：${(error instanceof Error ? error.message : String(error)).replace(ADDRESS, '<…>')}`;
}

/**
 * E-mail over SMTP (`SMTP_URL`, `SMTP_FROM`) to the address of the message: the subject is the
 * title, the text the body with the page's address below it. Without SMTP configured, each e-mail
 * notice fails with a word saying so, visible in the delivery log.
 */
@Injectable()
export class EmailChannel implements Channel, OnModuleInit, OnApplicationShutdown {
  readonly name = 'email' as const;
  private readonly transport: Transporter | null;

  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.email
      ? createTransport(
          { url: config.email.smtpUrl, pool: true, maxConnections: CONNECTIONS, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS },
          { from: config.email.from },
        )
      : null;
  }

  onModuleInit(): void {
    this.notifications.registerChannel(this);
  }

  /** After every module's destroy hook, so after the outbox worker has finished the sends under way. */
  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(message: OutboxMessage): Promise<SendOutcome> {
    if (!this.transport) return { kind: 'failed', error: '未配置邮件' };
    const to = message.address?.trim();
    if (!to || !/^[^@\s]+@[^@\s]+$/.test(to)) return { kind: 'failed', error: '没有有效的邮箱地址' };
    const text = message.link ? `${message.body}\n\n${appUrl(this.config, message.link)}` : message.body;
    try {
      // The same Message-ID on every try of one outbox row: a mail sent again after its sender died
      // mid-send (delivery is at least once) is one mail to the mail systems that drop repeats.
      await this.transport.sendMail({ to, subject: message.title, text, messageId: `<${message.id}@${new URL(this.config.publicBaseUrl).hostname}>` });
      return { kind: 'sent' };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = mailError(error);
      // 5xx: the server refuses for good (no such mailbox, address refused); anything else may pass later.
      return code !== undefined && code >= 500 ? { kind: 'failed', error: text } : { kind: 'retry', error: text };
    }
  }
}
