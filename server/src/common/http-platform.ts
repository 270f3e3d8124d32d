import { ErrorCode } from '@safemonth/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiException } from './api-exception';

const malformed = () => new ApiException(400, ErrorCode.MalformedJson, '请求体不是有效的 JSON');

/**
 * How request bodies are read before Nest routes a request: JSON objects or arrays up to the
 * configured limit (an empty body is no body: clients send `content-type: application/json` on
 * posts without one), and multipart bodies left unread for the endpoint that streams them. Other
 * types are refused with 415. Failures reach the exception filter like any other error.
 */
export function configureBodies(fastify: FastifyInstance, bodyLimitBytes: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: bodyLimitBytes }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, (error, value) => {
      // Strict, as JSON APIs are: a bare string or number is no request body.
      if (error || typeof value !== 'object' || value === null) return done(malformed(), undefined);
      done(null, value);
    });
  });
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
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
