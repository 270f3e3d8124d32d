import { randomInt } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  classifyLogin,
  CreateInviteRequest,
  ErrorCode,
  InviteDto,
  InvitePreview,
  MembershipDto,
  RegisterWithInviteRequest,
  SignInResponse,
} from '@safemonth/shared';
import QRCode from 'qrcode';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/errors';
import { Transactions } from '../database/transactions';
import { PeopleService, toMembershipDto } from '../people/people.service';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { Invite } from './invite.entity';

/** No 0/O, 1/I/L: codes are read aloud and typed from screenshots. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Codes are shown in capitals; people type them in any case and with spaces. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Invite) private readonly invites: Repository<Invite>,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly auth: AuthService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

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
        // 31^8 codes: a clash is rare, and another draw settles it.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /** The unit's invitations that can still be used, newest first. */
  async listOpen(unitId: string): Promise<InviteDto[]> {
    const unit = await this.units.get(unitId);
    const invites = await this.invites.find({
      where: { unitId, expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'DESC' },
    });
    return Promise.all(invites.filter((i) => i.uses < i.maxUses).map((i) => this.toDto(i, unit)));
  }

  async preview(code: string): Promise<InvitePreview> {
    const invite = await this.usable(this.invites.manager, code);
    const unit = await this.units.get(invite.unitId);
    return { code: invite.code, role: invite.role, unit: summary(unit), expiresAt: invite.expiresAt.toISOString() };
  }

  /** Adds the signed-in person to the invite's unit in the invite's role. */
  async redeem(code: string, personId: string): Promise<MembershipDto> {
    return this.transactions.run((manager) => this.redeemWithin(manager, code, personId)).then(toMembershipDto);
  }

  /** Creates a password account for someone who has none yet, redeems the invite, and signs them in. */
  async register(request: RegisterWithInviteRequest, clientAddress: string): Promise<SignInResponse> {
    await this.auth.limitSignIns(clientAddress);
    const login = classifyLogin(request.login);
    if ('error' in login) throw ApiException.badRequest(login.error, [{ field: 'login', message: login.error }]);
    const passwordHash = await hashPassword(request.password, this.config.passwordHashMemoryKib);
    const person = await this.transactions.run(async (manager) => {
      await this.usable(manager, request.code);
      const created = await this.people.createWithPassword(manager, {
        displayName: request.displayName.trim(),
        passwordHash,
        ...(login.kind === 'phone' ? { phone: request.login.trim() } : { username: request.login.trim() }),
      });
      await this.redeemWithin(manager, request.code, created.id);
      return created;
    });
    return this.auth.signInAs(person);
  }

  private async redeemWithin(manager: EntityManager, code: string, personId: string) {
    const invite = await this.usable(manager, code);
    if (await this.people.hasMembership(manager, personId, invite.unitId, invite.role)) {
      return this.people.addMembership(manager, personId, invite.unitId, invite.role);
    }
    // Counted with a guarded update, so that concurrent redemptions never exceed maxUses.
    const counted = await manager
      .createQueryBuilder()
      .update(Invite)
      .set({ uses: () => 'uses + 1' })
      .where('id = :id AND uses < maxUses AND expiresAt > :now', { id: invite.id, now: this.clock.now() })
      .execute();
    if (!counted.affected) throw usedUp();
    return this.people.addMembership(manager, personId, invite.unitId, invite.role);
  }

  private async usable(manager: EntityManager, code: string): Promise<Invite> {
    const invite = await manager.getRepository(Invite).findOneBy({ code: normalizeCode(code) });
    if (!invite) throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.InviteNotFound, '邀请码不存在，请核对后重新输入');
    if (invite.expiresAt <= this.clock.now()) {
      throw new ApiException(HttpStatus.GONE, ErrorCode.InviteExpired, '邀请码已过期，请联系邀请人重新生成');
    }
    if (invite.uses >= invite.maxUses) throw usedUp();
    return invite;
  }

  private async toDto(invite: Invite, unit: Unit): Promise<InviteDto> {
    const link = `${this.config.publicBaseUrl}/#/pages/invite/index?code=${invite.code}`;
    return {
      id: invite.id,
      code: invite.code,
      role: invite.role,
      unit: summary(unit),
      expiresAt: invite.expiresAt.toISOString(),
      maxUses: invite.maxUses,
      uses: invite.uses,
      link,
      // PNG, because the mini program's <image> shows PNG data URLs but not SVG ones.
      qrCode: await QRCode.toDataURL(link, { margin: 1, width: 320 }),
    };
  }
}

function usedUp() {
  return new ApiException(HttpStatus.GONE, ErrorCode.InviteUsedUp, '邀请码的使用次数已用完，请联系邀请人重新生成');
}

function summary(unit: Unit) {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}
