/**
 * Request and response types of the HTTP API under `/api`. The server's DTOs implement the
 * request types and its controllers return the response types, so the mini program and the
 * server cannot drift apart silently.
 */
import type { Role, UnitKind } from './roles';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { driver: string; reachable: boolean };
}

// --- sign-in -------------------------------------------------------------------------------

export interface PasswordSignInRequest {
  /** A username or a mobile number. */
  login: string;
  password: string;
}

export interface WechatSignInRequest {
  /** The code of `wx.login`, valid five minutes and once. */
  code: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  /** ISO-8601 instant. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface SignInResponse extends TokenPair {
  person: PersonDto;
}

// --- people --------------------------------------------------------------------------------

export interface PersonDto {
  id: string;
  displayName: string;
  username: string | null;
  phone: string | null;
  hasWechat: boolean;
}

export interface UnitSummary {
  id: string;
  name: string;
  kind: UnitKind;
}

export interface MembershipDto {
  id: string;
  role: Role;
  unit: UnitSummary;
}

export interface MeResponse {
  person: PersonDto;
  memberships: MembershipDto[];
}

export interface UnitMemberDto {
  membershipId: string;
  role: Role;
  /** The name for everyone who may list the members; how the person signs in only for those who manage them. */
  person: Pick<PersonDto, 'id' | 'displayName'> & Partial<PersonDto>;
}

// --- units ---------------------------------------------------------------------------------

export interface UnitDto {
  id: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  parentId: string | null;
  /** 0 for a root. */
  depth: number;
}

export interface CreateUnitRequest {
  name: string;
  kind: UnitKind;
  parentId: string;
  code?: string;
}

export interface UpdateUnitRequest {
  name?: string;
  kind?: UnitKind;
  code?: string | null;
}

export interface MoveUnitRequest {
  parentId: string;
}

export interface UnitImportResponse {
  created: UnitDto[];
}

// --- invitations ---------------------------------------------------------------------------

export interface CreateInviteRequest {
  unitId: string;
  role: Role;
  /** Hours from now until the invite expires. */
  expiresInHours: number;
  maxUses: number;
}

export interface InviteDto {
  id: string;
  code: string;
  role: Role;
  unit: UnitSummary;
  expiresAt: string;
  maxUses: number;
  uses: number;
  /** Opens the redeem page of the h5 app with the code filled in. */
  link: string;
}

/**
 * GET /api/units/:unitId/invites/:inviteId/qr: the QR code of one open invite's `link`, rendered
 * on request, for the invite being shown.
 */
export interface InviteQrResponse {
  /** A PNG as a data URL: weapp's `<Image>` shows it (not SVG ones), and no token is needed to load it. */
  dataUrl: string;
}

/** What anyone holding the code may learn before redeeming it. */
export interface InvitePreview {
  code: string;
  role: Role;
  unit: UnitSummary;
  expiresAt: string;
}

export interface RedeemInviteRequest {
  code: string;
}

/** Redeeming without an account: creates a password account, then the membership. */
export interface RegisterWithInviteRequest {
  code: string;
  displayName: string;
  /** A username or a mobile number; used to sign in. */
  login: string;
  password: string;
}

export interface RedeemInviteResponse {
  membership: MembershipDto;
}
