import { UnsupportedMediaTypeException } from '@nestjs/common';
import { ErrorCode } from '@safemonth/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiException } from './api-exception';
import { takesMultipart } from './multipart';

/** Deeper than this, a JSON body is refused unread: validation and transformation recurse through it. */
const MAX_JSON_DEPTH = 32;

const malformed = (message = '请求体不是有效的 JSON') => new ApiException(400, ErrorCode.MalformedJson, message);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a JSON text nests arrays and objects more than `limit` deep, told without parsing it. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: whatever it escapes ends no string
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The `charset` of a content type, lower case, if it names one. */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1].toLowerCase();
}

/**
 * How request bodies are read before Nest routes a request: JSON objects or arrays, in UTF-8, up to
 * the configured size and MAX_JSON_DEPTH deep (an empty body is no body: clients send
 * `content-type: application/json` on posts without one); multipart bodies left unread for the
 * endpoints that stream them (@MultipartUpload), refused elsewhere. Other types are refused with
 * 415. Failures reach the exception filter like any other error.
 */
export function configureBodies(fastify: FastifyInstance, bodyLimitBytes: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: bodyLimitBytes }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new ApiException(415, ErrorCode.ValidationFailed, '请求体须为 UTF-8 编码的 JSON'), undefined);
    }
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(malformed('请求体不是有效的 UTF-8 文本'), undefined);
    }
    if (text === '') return done(null, undefined);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return done(malformed(`请求体嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`), undefined);
    parseJson(request, text, (error, value) => {
      // Strict, as JSON APIs are: a bare string or number is no request body.
      if (error || typeof value !== 'object' || value === null) return done(malformed(), undefined);
      done(null, value);
    });
  });
  fastify.addContentTypeParser('multipart/form-data', (request, _payload, done) =>
    takesMultipart(request) ? done(null) : done(new UnsupportedMediaTypeException(), undefined),
  );
}

/**
 * helmet's security headers (CSP and the rest). They are the same for every response, so they are
 * worked out once here and then set on each reply as they are.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // Deployments on a plain-http intranet address must keep working.
        upgradeInsecureRequests: null,
      },
    },
  })({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Fastify's answer to a request it cannot route at all (a malformed percent-encoding in the path, a
 * path parameter over its length limit), in the API's error shape with the usual headers.
 */
export function frameworkErrorReply(headers: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
    void reply
      .status(status)
      .headers(headers)
      .header('x-request-id', request.id)
      .send({ error: { code: ErrorCode.ValidationFailed, message: status === 414 ? '请求地址过长' : '请求地址有误' } });
  };
}
