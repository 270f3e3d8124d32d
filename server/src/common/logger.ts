import { LoggerService } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyRequest } from 'fastify';
import pino, { DestinationStream, Level, Logger } from 'pino';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @ClientAddressUnlogged: no log line names the caller's address. */
    clientAddressUnlogged?: boolean;
  }
}

/**
 * Marks an endpoint whose callers' addresses no log may keep (whistleblowers and their receipt
 * codes). It adds to the route's other settings (`@MultipartUpload`), so it goes above them.
 */
export function ClientAddressUnlogged(): MethodDecorator {
  return (_target, _key, descriptor) => {
    const config: unknown = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, descriptor.value as object);
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...(config ?? {}), clientAddressUnlogged: true }, descriptor.value as object);
    return descriptor;
  };
}

/**
 * What a request's log lines say of it. Its route's pattern (`/api/invites/:code/preview`), not its
 * path: paths and queries carry secrets (invite codes) that logs must not keep; the caller's address
 * unless the endpoint keeps none (`@ClientAddressUnlogged`).
 */
export function requestSummary(request: FastifyRequest) {
  const summary = { method: request.method, url: request.routeOptions.url, host: request.host };
  if (request.routeOptions.config?.clientAddressUnlogged) return summary;
  return { ...summary, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** The process's one logger: JSON lines (to stdout unless told otherwise), with credentials never written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: requestSummary } }, destination);
}

/** Nest's own messages (start-up, errors caught by the filter) written through the same logger. */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  /** Nest passes the context (the class that logs) last, and for errors the stack before it. */
  private write(level: Level, message: unknown, params: unknown[]) {
    if (!this.logger.isLevelEnabled(level)) return;
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = params.find((p): p is string => typeof p === 'string');
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
