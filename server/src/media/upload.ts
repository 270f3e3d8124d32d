import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@safemonth/shared';
import { createHash } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiException } from '../common/api-exception';
import { malformedUpload, openMultipart } from '../common/multipart';
import { SNIFF_BYTES } from './file-type';

/** The multipart field holding the file: what `wx.uploadFile` is told to use (`name: 'file'`). */
export const FILE_FIELD = 'file';

export interface ReceivedFile<T> {
  type: T;
  sizeBytes: number;
  sha256: string;
  /** The name the client gave the file ('' without one): shown, never trusted for its type. */
  fileName: string;
}

export interface ReceiveOptions<T> {
  maxBytes: number;
  /** The type of the file from its first bytes (`sniff` for photos and videos, `sniffDocument`), or null when it is none of them. */
  recognize: (head: Buffer) => T | null;
  /** Refuses a type the campaign does not take (throws); called as soon as the type is known. */
  accept: (type: T) => void;
  /** The 413 message. */
  tooLarge: string;
  /** The 415 message for bytes that are none of the known types. */
  unknownType: string;
}

/**
 * Streams the one file of a multipart request into `destination`, never holding more than a chunk
 * of it in memory. While it flows its SHA-256 is computed, its bytes counted (refused once over the
 * limit) and its type recognized from its first bytes (refused at once if unknown or not accepted).
 * On any failure, the client's disconnection included, `destination` is removed and the rest of
 * the body, if the client is still sending, is read and dropped so that the answer reaches it.
 */
export async function receiveFile<T>(request: IncomingMessage, destination: string, options: ReceiveOptions<T>): Promise<ReceivedFile<T>> {
  const parser = openMultipart(request, FILE_FIELD, '请以 multipart/form-data 方式上传文件（字段名 file）');

  let file: Readable | undefined;
  let writing: Promise<ReceivedFile<T>> | undefined;
  let out: WriteStream | undefined;
  let extraFile = false;
  const done = new Promise<ReceivedFile<T>>((resolve, reject) => {
    const fail = (error: unknown) => {
      request.unpipe(parser);
      file?.destroy();
      // Dropping what the client still sends lets it read the answer; a gone client sends nothing.
      if (!request.destroyed) request.resume();
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== FILE_FIELD || writing) {
        // A dropped file cut short ends with an error that the parser reports as well.
        stream.on('error', () => undefined);
        return stream.resume();
      }
      file = stream;
      const intake = new Intake(options);
      out = createWriteStream(destination);
      writing = pipeline(stream, intake, out).then(
        () => ({ ...intake.result(), fileName: displayName(info.filename) }),
        (error: unknown) => {
          throw isOurs(error) ? error : malformedUpload();
        },
      );
      writing.catch(fail);
    });
    parser.on('filesLimit', () => {
      extraFile = true;
    });
    parser.on('error', () => fail(malformedUpload()));
    parser.on('close', () => {
      if (extraFile) return fail(ApiException.badRequest('一次只能上传一个文件', [{ field: FILE_FIELD, message: '只能有一个文件' }]));
      if (!writing) return fail(ApiException.badRequest('请选择要上传的文件', [{ field: FILE_FIELD, message: '必须上传文件' }]));
      writing.then(resolve, fail);
    });
    request.on('error', () => fail(interrupted()));
    request.on('close', () => {
      if (!request.complete) fail(interrupted());
    });
    request.pipe(parser);
  });

  try {
    return await done;
  } catch (error) {
    // The file's write stream is closed before its file is removed, or it could come back: a
    // pipeline fails as soon as one stream does, while the file may still be opening. (Its 'close'
    // itself: events.once would reject with the error the stream was destroyed with.)
    await writing?.catch(() => undefined);
    const written = out;
    if (written && !written.closed) await new Promise<void>((resolve) => written.once('close', () => resolve()));
    await rm(destination, { force: true });
    throw error;
  }
}

/**
 * Whether a failure of the file's pipeline is to be answered as it is: the intake's refusals, and
 * the server's own file system errors (they name their system call). Anything else came from the
 * body, e.g. busboy ending a file that the body cut short.
 */
function isOurs(error: unknown): boolean {
  return error instanceof ApiException || typeof (error as NodeJS.ErrnoException | null)?.syscall === 'string';
}

/** Longest file name kept for display. */
const MAX_FILE_NAME = 200;

/**
 * The client's file name as shown: without a folder, control characters or surrogate halves, at
 * most {@link MAX_FILE_NAME} characters. busboy reads a plain `filename=` as Latin-1, while browsers
 * and `wx.uploadFile` send UTF-8 bytes there, so those are read again as UTF-8 when they are valid.
 */
function displayName(raw: string | undefined): string {
  let name = raw ?? '';
  if (![...name].some((c) => c.charCodeAt(0) > 0xff)) {
    const utf8 = Buffer.from(name, 'latin1').toString('utf8');
    if (!utf8.includes('\ufffd')) name = utf8;
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return [...base.replace(/[\x00-\x1f\x7f]|[\ud800-\udfff]/gu, '').trim()].slice(0, MAX_FILE_NAME).join('');
}

function interrupted(): ApiException {
  return ApiException.badRequest('上传已中断，请重新上传');
}

/** Passes the file through while hashing, counting and recognizing it. */
class Intake<T> extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private type: T | null = null;

  constructor(private readonly options: ReceiveOptions<T>) {
    super();
  }

  result(): Omit<ReceivedFile<T>, 'fileName'> {
    return { type: this.type as T, sizeBytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.options.maxBytes) {
      return callback(new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PayloadTooLarge, this.options.tooLarge));
    }
    this.hash.update(chunk);
    if (!this.type) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) {
        const error = this.recognize();
        if (error) return callback(error);
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes === 0) return callback(ApiException.badRequest('上传的文件是空的', [{ field: FILE_FIELD, message: '文件为空' }]));
    callback(this.type ? null : this.recognize());
  }

  private recognize(): ApiException | null {
    this.type = this.options.recognize(Buffer.concat(this.head));
    this.head = [];
    if (!this.type) return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.ValidationFailed, this.options.unknownType);
    try {
      this.options.accept(this.type);
      return null;
    } catch (error) {
      return error as ApiException;
    }
  }
}
