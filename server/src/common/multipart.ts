import { applyDecorators, HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import { ErrorCode } from '@safemonth/shared';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ApiException } from './api-exception';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @MultipartUpload: the endpoint streams its multipart body itself. */
    multipartUpload?: boolean;
  }
}

/**
 * Marks (and documents) an endpoint that reads its multipart body itself (`readSmallFile`,
 * `receiveFile`). The HTTP layer leaves such a body unread for it, and refuses one with 415
 * anywhere else, where it would be taken for an empty JSON body.
 */
export function MultipartUpload(): MethodDecorator {
  return applyDecorators(ApiConsumes('multipart/form-data'), RouteConfig({ multipartUpload: true }));
}

export function takesMultipart(request: FastifyRequest): boolean {
  return request.routeOptions.config.multipartUpload === true;
}

/** A body that is no well-formed multipart form, e.g. one that ends before its closing boundary. */
export function malformedUpload(): ApiException {
  return ApiException.badRequest('上传的内容格式有误，请重新上传');
}

/**
 * A busboy parser for a request that must carry one file in the multipart field `field`; `missing`
 * is the answer when the request is no multipart upload at all.
 */
export function openMultipart(request: IncomingMessage, field: string, missing: string): busboy.Busboy {
  try {
    // Field values are kept in memory by busboy: a form has no business sending large ones.
    return busboy({ headers: request.headers, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 40 } });
  } catch {
    throw ApiException.badRequest(missing, [{ field, message: '必须上传文件' }]);
  }
}

/**
 * Reads the one file of a small multipart upload (an import list) into memory, refusing it once it
 * passes `maxBytes`. The rest of a refused body is read and dropped, so that the answer reaches the
 * client.
 */
export function readSmallFile(request: IncomingMessage, options: { field: string; maxBytes: number; tooLarge: string; missing: string }): Promise<Buffer> {
  const { field } = options;
  const parser = openMultipart(request, field, options.missing);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let found = false;
    let failed = false;
    const fail = (error: ApiException) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      if (!request.destroyed) request.resume();
      reject(error);
    };
    parser.on('file', (name, stream) => {
      // busboy ends a file cut short (the body ended inside it) with an error.
      stream.on('error', () => fail(malformedUpload()));
      if (name !== field || found) return stream.resume();
      found = true;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          stream.resume();
          return fail(new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PayloadTooLarge, options.tooLarge));
        }
        chunks.push(chunk);
      });
    });
    parser.on('error', () => fail(malformedUpload()));
    parser.on('close', () => {
      if (!found) return fail(ApiException.badRequest(options.missing, [{ field, message: '必须上传文件' }]));
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', () => fail(ApiException.badRequest('上传已中断，请重新上传')));
    request.pipe(parser);
  });
}
