/**
 * Typed calls of the HTTP API, one function per endpoint. All of them go through the one client
 * in `./client` (token, refresh, error handling); shapes are the shared API types.
 */
import type {
  CreateInviteRequest,
  CreateUnitRequest,
  InviteDto,
  InvitePreview,
  MeResponse,
  MoveUnitRequest,
  PasswordSignInRequest,
  RedeemInviteResponse,
  RegisterWithInviteRequest,
  SignInResponse,
  UnitDto,
  UnitImportResponse,
  UnitMemberDto,
  UpdateUnitRequest,
  WechatSignInRequest,
} from '@safemonth/shared';
import { api, type CallOptions } from './client';

/** Per-call options a page may pass: whether to toast errors. */
export type Quiet = Pick<CallOptions, 'toast'>;

const id = (value: string) => encodeURIComponent(value);

export const authApi = {
  password: (body: PasswordSignInRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/auth/password', body, { ...options, auth: false }),
  wechat: (body: WechatSignInRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/auth/wechat', body, { ...options, auth: false }),
  signOut: (refreshToken: string, options?: Quiet) =>
    api.post<void>('/api/auth/sign-out', { refreshToken }, { ...options, auth: false }),
};

export const meApi = {
  get: (options?: Quiet) => api.get<MeResponse>('/api/me', options),
};

export const unitsApi = {
  list: (query: { under: string; q?: string }, options?: Quiet) =>
    api.get<UnitDto[]>('/api/units', { ...options, query }),
  create: (body: CreateUnitRequest, options?: Quiet) => api.post<UnitDto>('/api/units', body, options),
  update: (unitId: string, body: UpdateUnitRequest, options?: Quiet) =>
    api.patch<UnitDto>(`/api/units/${id(unitId)}`, body, options),
  move: (unitId: string, body: MoveUnitRequest, options?: Quiet) =>
    api.post<UnitDto>(`/api/units/${id(unitId)}/move`, body, options),
  members: (unitId: string, options?: Quiet) =>
    api.get<UnitMemberDto[]>(`/api/units/${id(unitId)}/members`, options),
  invites: (unitId: string, options?: Quiet) =>
    api.get<InviteDto[]>(`/api/units/${id(unitId)}/invites`, options),
  /** `file`: `{ file, fileName }` on h5, `{ filePath }` on weapp. */
  import: (unitId: string, file: { filePath?: string; file?: Blob; fileName?: string }, options?: Quiet) =>
    api.upload<UnitImportResponse>(`/api/units/${id(unitId)}/import`, { ...options, ...file, name: 'file' }),
};

export const invitesApi = {
  create: (body: CreateInviteRequest, options?: Quiet) => api.post<InviteDto>('/api/invites', body, options),
  preview: (code: string, options?: Quiet) =>
    api.get<InvitePreview>(`/api/invites/${id(code)}/preview`, { ...options, auth: false }),
  redeem: (code: string, options?: Quiet) =>
    api.post<RedeemInviteResponse>('/api/invites/redeem', { code }, options),
  register: (body: RegisterWithInviteRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/invites/register', body, { ...options, auth: false }),
};
