/**
 * The one API client of the app. Every page talks to the server through this module.
 *
 * - Base URL: `process.env.TARO_APP_API_BASE` (replaced at build time; '' = same origin).
 * - Sends `Authorization: Bearer <accessToken>` from the stored token pair.
 * - On 401 TOKEN_EXPIRED it refreshes the pair once (concurrent calls share one refresh), stores
 *   the new pair and retries the call. If the refresh is refused, the session is cleared and the
 *   login page opened.
 * - Every error answer `{ error: { code, message, details } }` becomes an `ApiError`; by default
 *   its (Chinese) message is shown as a toast. Pass `toast: false` to show errors inline instead.
 * - `download` fetches a file the same way (token, refresh, errors) and saves it (h5: a blob link,
 *   allowed by the server's CSP) or opens it (weapp: Taro.downloadFile + Taro.openDocument).
 */
import Taro from '@tarojs/taro';
import {
  ErrorCode,
  isApiErrorBody,
  type ErrorDetail,
  type SignInResponse,
  type TokenPair,
} from '@safemonth/shared';
import { clearTokens, getTokens, setTokens } from '../session/tokens';
import { Routes, withQuery } from '../routes';

/** Client-side code of a call that never got an answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
/** Shown when the server answers an error without the API's error shape (e.g. a proxy page). */
export const UNKNOWN_ERROR_MESSAGE = '服务暂时不可用，请稍后重试';
/** Shown when a call needs a session but none is stored any more. */
export const SESSION_ENDED_MESSAGE = '登录已失效，请重新登录';

export type ApiErrorCode = ErrorCode | typeof NETWORK_ERROR;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[];

  constructor(status: number, code: ApiErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Send the stored access token (default true). Public endpoints pass false. */
  auth?: boolean;
  /** Headers sent besides the client's own (an anonymous hazard report's pass). */
  headers?: Record<string, string>;
  /** Show an error as a toast (default true). Pages that show errors inline pass false. */
  toast?: boolean;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

/** Sends one attempt of a call with the given access token. */
type Sender = (accessToken: string | undefined) => Promise<RawResponse>;

export function apiBase(): string {
  return (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');
}

export function buildUrl(path: string, query?: Query): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${apiBase()}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function headers(accessToken: string | undefined, json: boolean, extra?: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = { ...extra };
  if (json) result['Content-Type'] = 'application/json';
  if (accessToken) result.Authorization = `Bearer ${accessToken}`;
  return result;
}

/** Upload answers (and some platforms' error answers) arrive as text: parse JSON when it is. */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

async function transmit(send: Sender, accessToken: string | undefined): Promise<RawResponse> {
  let response: RawResponse;
  try {
    response = await send(accessToken);
  } catch {
    throw new ApiError(0, NETWORK_ERROR, NETWORK_ERROR_MESSAGE);
  }
  return { statusCode: response.statusCode, data: parseBody(response.data) };
}

function isOk(response: RawResponse): boolean {
  return response.statusCode >= 200 && response.statusCode < 300;
}

function errorFrom(response: RawResponse): ApiError {
  if (isApiErrorBody(response.data)) {
    const { code, message, details } = response.data.error;
    return new ApiError(response.statusCode, code, message, details ?? []);
  }
  const code = response.statusCode === 401 ? ErrorCode.Unauthenticated : ErrorCode.Internal;
  return new ApiError(response.statusCode, code, UNKNOWN_ERROR_MESSAGE);
}

function isTokenExpired(response: RawResponse): boolean {
  return (
    response.statusCode === 401 &&
    isApiErrorBody(response.data) &&
    response.data.error.code === ErrorCode.TokenExpired
  );
}

/** The page the user is on, to come back to after signing in again. */
function currentPageUrl(): string | undefined {
  try {
    const pages = Taro.getCurrentPages();
    const page = pages[pages.length - 1];
    if (!page?.route) return undefined;
    const route = page.route.startsWith('/') ? page.route : `/${page.route}`;
    if (route === Routes.login) return undefined;
    const options = (page.options ?? {}) as Record<string, string | undefined>;
    return withQuery(route, options);
  } catch {
    return undefined;
  }
}

/** Forgets the session and opens the login page (coming back here after signing in). */
export function endSession(): void {
  const back = currentPageUrl();
  clearTokens();
  Promise.resolve()
    .then(() => Taro.reLaunch({ url: withQuery(Routes.login, { redirect: back }) }))
    .catch(() => undefined);
}

// --- token refresh (single flight) --------------------------------------------------------

let refreshing: Promise<TokenPair> | null = null;

async function performRefresh(pair: TokenPair): Promise<TokenPair> {
  const response = await transmit(
    () =>
      Taro.request({
        url: buildUrl('/api/auth/refresh'),
        method: 'POST',
        data: { refreshToken: pair.refreshToken },
        header: headers(undefined, true),
        dataType: 'json',
      }),
    undefined,
  );
  if (!isOk(response)) {
    // Refused (spent, revoked or expired refresh token): sign in again. A server error (5xx)
    // says nothing about the session, so it is kept for the next attempt.
    if (response.statusCode < 500) endSession();
    throw errorFrom(response);
  }
  const fresh = response.data as SignInResponse;
  setTokens(fresh);
  return getTokens() ?? fresh;
}

/**
 * A fresh token pair for a call that was refused with TOKEN_EXPIRED while using `stale`.
 * Calls that fail together share one refresh; a call that fails after another one already
 * refreshed simply takes the new pair. A refused refresh ends the session; a network failure or
 * a server error keeps it (and is reported as such).
 */
function refreshAfter(stale: TokenPair): Promise<TokenPair> {
  if (refreshing) return refreshing;
  const current = getTokens();
  if (!current) {
    return Promise.reject(new ApiError(401, ErrorCode.Unauthenticated, SESSION_ENDED_MESSAGE));
  }
  if (current.accessToken !== stale.accessToken) return Promise.resolve(current);
  refreshing = performRefresh(current).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// --- calls --------------------------------------------------------------------------------

async function perform<T>(send: Sender, auth: boolean): Promise<T> {
  // A refresh under way means the stored access token is about to be replaced: wait for it.
  if (auth && refreshing) await refreshing.catch(() => undefined);
  const used = auth ? getTokens() : null;
  let response = await transmit(send, used?.accessToken);
  if (used && isTokenExpired(response)) {
    const fresh = await refreshAfter(used);
    response = await transmit(send, fresh.accessToken);
  }
  if (isOk(response)) {
    return (response.statusCode === 204 ? undefined : response.data) as T;
  }
  const error = errorFrom(response);
  if (used && error.status === 401) {
    // The session is no longer valid (revoked, or still expired after a refresh).
    endSession();
  }
  throw error;
}

export function showErrorToast(message: string): void {
  Promise.resolve()
    .then(() => Taro.showToast({ title: message, icon: 'none', duration: 2500 }))
    .catch(() => undefined);
}

async function run<T>(send: Sender, options: CallOptions): Promise<T> {
  try {
    return await perform<T>(send, options.auth !== false);
  } catch (caught) {
    const error = isApiError(caught)
      ? caught
      : new ApiError(0, ErrorCode.Internal, UNKNOWN_ERROR_MESSAGE);
    if (options.toast !== false) showErrorToast(error.message);
    throw error;
  }
}

/**
 * The method sent on the wire. WeChat's `wx.request` has no PATCH, so the mini program sends
 * PUT to the same path with the same body.
 */
function wireMethod(method: HttpMethod): HttpMethod {
  return method === 'PATCH' && process.env.TARO_ENV === 'weapp' ? 'PUT' : method;
}

/** One JSON call to the API. `path` starts with `/api/`. */
export function request<T>(method: HttpMethod, path: string, options: CallOptions = {}): Promise<T> {
  const hasBody = method !== 'GET' && options.body !== undefined;
  const send: Sender = (accessToken) =>
    Taro.request({
      url: buildUrl(path, options.query),
      method: wireMethod(method),
      data: hasBody ? options.body : undefined,
      header: headers(accessToken, hasBody, options.headers),
      dataType: 'json',
    });
  return run<T>(send, options);
}

export interface UploadOptions extends Omit<CallOptions, 'body' | 'query'> {
  /** weapp: the local path of the chosen file (sent with Taro.uploadFile). */
  filePath?: string;
  /** h5: the File picked in an `<input type="file">`. */
  file?: Blob;
  /** Multipart field name (default `file`). */
  name?: string;
  /** File name sent with the part (h5; weapp sends the temp file's own name). */
  fileName?: string;
  /** weapp: progress of the upload in percent (h5's fetch reports none: show it as under way). */
  onProgress?: (percent: number) => void;
}

/**
 * A multipart upload of one file to the API.
 *
 * weapp uses Taro.uploadFile. h5 posts the picked File itself with fetch: Taro's h5 uploadFile
 * wants an object URL and reads it back with a `blob:` request, which the server's
 * Content-Security-Policy (`connect-src 'self'`) refuses.
 */
export function upload<T>(path: string, options: UploadOptions): Promise<T> {
  const name = options.name ?? 'file';
  const { file } = options;
  const send: Sender = file
    ? async (accessToken) => {
        const form = new FormData();
        form.append(name, file, options.fileName);
        const response = await fetch(buildUrl(path), {
          method: 'POST',
          body: form,
          headers: headers(accessToken, false, options.headers),
          credentials: 'same-origin',
        });
        return { statusCode: response.status, data: await response.text() };
      }
    : (accessToken) => {
        const task = Taro.uploadFile({
          url: buildUrl(path),
          filePath: options.filePath ?? '',
          name,
          header: headers(accessToken, false, options.headers),
          ...(options.fileName ? { fileName: options.fileName } : {}),
        });
        const progress = options.onProgress;
        if (progress && typeof task.onProgressUpdate === 'function') {
          task.onProgressUpdate((update) => progress(update.progress));
        }
        return task;
      };
  return run<T>(send, options);
}

/**
 * A file of the API that needs the Authorization header (a photo, a thumbnail, a video), as a URL
 * an `<Image>`/`<Video>` can show: h5 fetches it into a `blob:` URL (allowed by the server's CSP),
 * weapp downloads it with Taro.downloadFile to a temp path.
 */
export async function fileUrl(path: string, options: Omit<CallOptions, 'body' | 'query'> = {}): Promise<string> {
  const url = buildUrl(path);
  if (process.env.TARO_ENV === 'h5') {
    const send: Sender = async (accessToken) => {
      const response = await fetch(url, { method: 'GET', headers: headers(accessToken, false), credentials: 'same-origin' });
      if (response.status < 200 || response.status >= 300) return { statusCode: response.status, data: await response.text() };
      return { statusCode: response.status, data: await response.blob() };
    };
    const blob = await run<Blob>(send, { toast: false, ...options });
    return URL.createObjectURL(blob);
  }
  const send: Sender = async (accessToken) => {
    const result = await Taro.downloadFile({ url, header: headers(accessToken, false) });
    const ok = result.statusCode >= 200 && result.statusCode < 300;
    return { statusCode: result.statusCode, data: ok ? result.tempFilePath : readTempText(result.tempFilePath) };
  };
  return run<string>(send, { toast: false, ...options });
}

/** Frees what `fileUrl` made, once it is no longer shown (h5 blob: URLs hold the file in memory). */
export function releaseFileUrl(url: string): void {
  if (url.startsWith('blob:')) URL.revokeObjectURL(url);
}

export interface DownloadOptions extends Omit<CallOptions, 'body'> {
  /** The name to save the file under when the answer does not name it. */
  fileName: string;
  /** weapp: the document type for Taro.openDocument (e.g. `xlsx`). */
  fileType?: 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | 'pdf';
}

/** The file name of a `Content-Disposition` header (RFC 5987 `filename*` first), if any. */
export function fileNameOf(disposition: string | null | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : undefined;
}

/** h5: saves a blob through a temporary `<a href="blob:…" download>` (allowed by the server's CSP). */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** weapp: the text of a downloaded error answer, so its error shape can be read. */
function readTempText(filePath: string): string {
  try {
    return String(Taro.getFileSystemManager().readFileSync(filePath, 'utf8'));
  } catch {
    return '';
  }
}

/**
 * Downloads a file of the API (same token, refresh and error handling as every call) and hands it
 * to the user: h5 fetches it with the Authorization header and saves it through a blob link;
 * weapp downloads it with Taro.downloadFile and opens it with Taro.openDocument.
 */
export async function download(path: string, options: DownloadOptions): Promise<void> {
  const url = buildUrl(path, options.query);
  if (process.env.TARO_ENV === 'h5') {
    let fileName = options.fileName;
    const send: Sender = async (accessToken) => {
      const response = await fetch(url, { method: 'GET', headers: headers(accessToken, false), credentials: 'same-origin' });
      if (response.status < 200 || response.status >= 300) return { statusCode: response.status, data: await response.text() };
      fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? fileName;
      return { statusCode: response.status, data: await response.blob() };
    };
    const blob = await run<Blob>(send, options);
    saveBlob(blob, fileName);
    return;
  }
  const send: Sender = async (accessToken) => {
    const result = await Taro.downloadFile({ url, header: headers(accessToken, false) });
    const ok = result.statusCode >= 200 && result.statusCode < 300;
    return { statusCode: result.statusCode, data: ok ? result.tempFilePath : readTempText(result.tempFilePath) };
  };
  const filePath = await run<string>(send, options);
  try {
    await Taro.openDocument({ filePath, fileType: options.fileType, showMenu: true });
  } catch {
    const message = '文件已下载，但无法打开';
    if (options.toast !== false) showErrorToast(message);
    throw new ApiError(0, ErrorCode.Internal, message);
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<CallOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<CallOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<CallOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<CallOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<CallOptions, 'body'>) => request<T>('DELETE', path, options),
  upload,
  download,
  fileUrl,
};

/** Test hook: forget a refresh in flight. */
export function resetClientState(): void {
  refreshing = null;
}
