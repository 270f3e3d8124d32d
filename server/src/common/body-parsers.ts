import { ErrorCode } from '@safemonth/shared';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * JSON and form body parsers whose failures answer in the API's error shape. Their errors happen
 * before Nest routes the request, so they are answered here rather than by the exception filter.
 */
export function bodyParsers(limit: string): RequestHandler[] {
  return [express.json({ limit, strict: true }), express.urlencoded({ limit, extended: false })].map(
    (parser) => (req: Request, res: Response, next: NextFunction) =>
      parser(req, res, (error?: unknown) => {
        if (!error) return next();
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') {
          return res.status(413).json({
            error: { code: ErrorCode.PayloadTooLarge, message: `提交的内容过大（上限 ${limit}）` },
          });
        }
        if (type === 'entity.parse.failed') {
          return res.status(400).json({ error: { code: ErrorCode.MalformedJson, message: '请求体不是有效的 JSON' } });
        }
        return res.status(400).json({ error: { code: ErrorCode.ValidationFailed, message: '无法读取请求体' } });
      }),
  );
}
