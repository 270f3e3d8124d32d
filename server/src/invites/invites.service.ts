import { randomInt } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  classifyLogin,
  CreateInviteRequest,
  ErrorCode,
  InviteDto,
  InvitePreview,
  InviteQrResponse,
  MembershipDto,
  Page,
  PageQuery,
  pageWindow,
  RegisterWithInviteRequest,
  SignInResponse,
} from '@safemonth/shared';
import QRCode from 'qrcode';
import { AuthService } from '../auth/auth.service';
import { Actor, invitableRoles } from '../auth/policy';
import { hashPassword } from '../auth/passwords';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/errors';
import { Database } from '../database/database.service';
import { PeopleService, toMembershipDto } from '../people/people.service';
import { clientKey, Hit, RateLimitService } from '../rate-limit/rate-limit.service';
import type { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { Invite } from './invite.entity';

/** No 0/O, 1/I/L: codes are read aloud and typed from screenshots. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 13 × log2(31) ≈ 64 bits from crypto: not to be guessed, even before the rate limits. */
export const CODE_LENGTH = 13;

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Codes are shown in capitals; people type them in any case, with spaces or dashes. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/** Who tries a code: their address, and their account when signed in. */
export interface CodeTrier {
  clientAddress: string;
  personId?: string;
}

@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly auth: AuthService,
    private readonly rateLimit: RateLimitService,
    private readonly clock: Clock,
  ) {}

  private get invites() {
    return this.database.repository(Invite);
  }

  async create(request: CreateInviteRequest, createdById: string): Promise<InviteDto> {
    const unit = await this.units.get(request.unitId);
    const expiresAt = new Date(this.clock.now().getTime() + request.expiresInHours * 3600_000);
    for (let attempt = 0; ; attempt++) {
      try {
        const invite = await this.invites.save(
          this.invites.create({ code: newCode(), unitId: unit.id, role: request.role, createdById, expiresAt, maxUses: request.maxUses, uses: 0 }),
        );
        return this.toDto(invite, unit);
      } catch (error) {
        // 31^13 codes: a clash is rare, and another draw settles it.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /** A page of the unit's invitations that can still be used, newest first, with the total. */
  async listOpen(unitId: string, actor: Actor, query: PageQuery): Promise<Page<InviteDto>> {
    const { page, size, skip } = pageWindow(query);
    const unit = await this.units.get(unitId);
    // Only invites for roles the caller could give: a liaison never sees (or passes on) a committee invite.
    const roles = invitableRoles(actor, unit.path);
    if (roles.length === 0) return { items: [], total: 0, page, size };
    const [invites, total] = await this.invites
      .createQueryBuilder('i')
      .where('i.unitId = :unitId AND i.expiresAt > :now AND i.uses < i.maxUses', { unitId, now: this.clock.now() })
      .andWhere('i.role IN (:...roles)', { roles })
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .offset(skip)
      .limit(size)
      .getManyAndCount();
    return { items: invites.map((i) => this.toDto(i, unit)), total, page, size };
  }

  /** The QR code of one open invite of the unit, rendered when the invite is shown, not with every listing. */
  async qrCode(unitId: string, inviteId: string, actor: Actor): Promise<InviteQrResponse> {
    // Looked up within the unit, so that the unit's access rule (checked by the guard) covers it,
    // and among the roles the caller could give, as the list shows them.
    const invite = await this.invites.findOneBy({ id: inviteId, unitId });
    const unit = await this.units.get(unitId);
    if (!invite || !invitableRoles(actor, unit.path).includes(invite.role)) {
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.InviteNotFound, '邀请不存在');
    }
    if (invite.expiresAt <= this.clock.now()) {
      throw new ApiException(HttpStatus.GONE, ErrorCode.InviteExpired, '该邀请已过期，请重新生成');
    }
    if (invite.uses >= invite.maxUses) {
      throw new ApiException(HttpStatus.GONE, ErrorCode.InviteUsedUp, '该邀请的使用次数已用完，请重新生成');
    }
    // PNG, because the mini program's <image> shows PNG data URLs but not SVG ones.
    return { dataUrl: await QRCode.toDataURL(this.link(invite), { margin: 1, width: 320 }) };
  }

  /**
   * Takes an invite of the unit back: it expires now, so that its code and QR code no longer work
   * (the row stays, with its uses). Revoking one that no longer works changes nothing.
   */
  async revoke(unitId: string, inviteId: string, actor: Actor): Promise<void> {
    // Within the unit, like the QR code: the unit's access rule covers it.
    const invite = await this.invites.findOneBy({ id: inviteId, unitId });
    if (!invite) throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.InviteNotFound, '邀请不存在');
    // Only invites the caller could have made (a liaison: staff invites).
    const unit = await this.units.get(unitId);
    if (!invitableRoles(actor, unit.path).includes(invite.role)) throw ApiException.forbidden('您只能撤销您有权发出的邀请');
    const now = this.clock.now();
    await this.invites
      .createQueryBuilder()
      .update()
      .set({ expiresAt: now })
      .where('id = :inviteId AND unitId = :unitId AND expiresAt > :now', { inviteId, unitId, now })
      .execute();
  }

  async preview(code: string, trier: CodeTrier): Promise<InvitePreview> {
    return this.tryCode(trier, async () => {
      const invite = await this.usable(code);
      const unit = await this.units.get(invite.unitId);
      return { code: invite.code, role: invite.role, unit: summary(unit), expiresAt: invite.expiresAt.toISOString() };
    });
  }

  /** Adds the signed-in person to the invite's unit in the invite's role. */
  async redeem(code: string, trier: Required<CodeTrier>): Promise<MembershipDto> {
    const membership = await this.tryCode(trier, () => this.database.transaction(() => this.redeemWithin(code, trier.personId)));
    return toMembershipDto(membership);
  }

  /** Creates a password account for someone who has none yet, redeems the invite, and signs them in. */
  async register(request: RegisterWithInviteRequest, clientAddress: string): Promise<SignInResponse> {
    await this.auth.limitSignIns(clientAddress);
    const login = classifyLogin(request.login);
    if ('error' in login) throw ApiException.badRequest(login.error, [{ field: 'login', message: login.error }]);
    const person = await this.tryCode({ clientAddress }, async () => {
      // The code is checked before the (deliberately slow) hash, so wrong codes cost the server little.
      await this.usable(request.code);
      const passwordHash = await hashPassword(request.password, this.config.passwordHashMemoryKib);
      return this.database.transaction(async () => {
        await this.usable(request.code);
        const created = await this.people.createWithPassword({
          displayName: request.displayName.trim(),
          passwordHash,
          ...(login.kind === 'phone' ? { phone: request.login.trim() } : { username: request.login.trim() }),
        });
        await this.redeemWithin(request.code, created.id);
        return created;
      });
    });
    return this.auth.signInAs(person);
  }

  /**
   * Runs `work` on a code someone typed, throttling guesses across processes: each try counts
   * against the account (when signed in) and the address, and is taken back unless the code does
   * not exist, so only wrong codes add up; beyond a limit every code is refused, the right ones too.
   */
  private async tryCode<T>(trier: CodeTrier, work: () => Promise<T>): Promise<T> {
    const { perAddress, perAccount } = this.config.inviteRateLimitPerMinute;
    const minute = (key: string, limit: number) => this.rateLimit.consume(key, { limit, windowSeconds: 60 }, tooManyWrongCodes);
    const hits: Hit[] = [];
    let wrongCode = false;
    try {
      if (trier.personId) hits.push(await minute(`invite-code-account:${trier.personId}`, perAccount));
      hits.push(await minute(`invite-code:${clientKey(trier.clientAddress)}`, perAddress));
      return await work();
    } catch (error) {
      wrongCode = error instanceof ApiException && error.body.error.code === ErrorCode.InviteNotFound;
      throw error;
    } finally {
      if (!wrongCode) await Promise.all(hits.map((hit) => this.rateLimit.refund(hit)));
    }
  }

  private async redeemWithin(code: string, personId: string) {
    const invite = await this.usable(code);
    if (await this.people.hasMembership(personId, invite.unitId, invite.role)) {
      return this.people.addMembership(personId, invite.unitId, invite.role);
    }
    // Counted with a guarded update, so that concurrent redemptions never exceed maxUses.
    const counted = await this.invites
      .createQueryBuilder()
      .update()
      .set({ uses: () => 'uses + 1' })
      .where('id = :id AND uses < maxUses AND expiresAt > :now', { id: invite.id, now: this.clock.now() })
      .execute();
    if (!counted.affected) throw usedUp();
    return this.people.addMembership(personId, invite.unitId, invite.role);
  }

  private async usable(code: string): Promise<Invite> {
    const invite = await this.invites.findOneBy({ code: normalizeCode(code) });
    if (!invite) throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.InviteNotFound, '邀请码不存在，请核对后重新输入');
    if (invite.expiresAt <= this.clock.now()) {
      throw new ApiException(HttpStatus.GONE, ErrorCode.InviteExpired, '邀请码已过期或已被撤销，请联系邀请人重新生成');
    }
    if (invite.uses >= invite.maxUses) throw usedUp();
    return invite;
  }

  private link(invite: Invite): string {
    return `${this.config.publicBaseUrl}/#/pages/invite/index?code=${invite.code}`;
  }

  private toDto(invite: Invite, unit: Unit): InviteDto {
    return {
      id: invite.id,
      code: invite.code,
      role: invite.role,
      unit: summary(unit),
      expiresAt: invite.expiresAt.toISOString(),
      maxUses: invite.maxUses,
      uses: invite.uses,
      link: this.link(invite),
    };
  }
}

function tooManyWrongCodes(seconds: number) {
  return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `邀请码输错次数过多，请 ${seconds} 秒后再试`);
}

function usedUp() {
  return new ApiException(HttpStatus.GONE, ErrorCode.InviteUsedUp, '邀请码的使用次数已用完，请联系邀请人重新生成');
}

function summary(unit: Unit) {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}
