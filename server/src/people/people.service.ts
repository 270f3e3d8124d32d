import { Injectable } from '@nestjs/common';
import { MEMBER_DEFAULT_ORDER, MembershipDto, MemberSort, Page, PageQuery, pageWindow, PersonDto, Role, sortOf, SortQuery, UnitMemberDto } from '@safemonth/shared';
import { In, Not } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { ApiException } from '../common/api-exception';
import { orderRows } from '../common/paging';
import { isUniqueViolation } from '../database/errors';
import { Database } from '../database/database.service';
import { UnitsService } from '../units/units.service';
import { Membership } from './membership.entity';
import { Person } from './person.entity';

export function toPersonDto(person: Person): PersonDto {
  return {
    id: person.id,
    displayName: person.displayName,
    username: person.username,
    phone: person.phone,
    hasWechat: person.wechatOpenId !== null,
  };
}

export function toMembershipDto(membership: Membership): MembershipDto {
  const unit = membership.unit;
  if (!unit) throw new Error('membership loaded without its unit');
  return { id: membership.id, role: membership.role, unit: { id: unit.id, name: unit.name, kind: unit.kind } };
}

export interface NewPasswordPerson {
  displayName: string;
  username?: string;
  phone?: string;
  passwordHash: string;
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitsService,
  ) {}

  private get people() {
    return this.database.repository(Person);
  }

  private get memberships() {
    return this.database.repository(Membership);
  }

  async get(id: string): Promise<Person> {
    const person = await this.people.findOneBy({ id });
    if (!person) throw ApiException.notFound('用户不存在');
    return person;
  }

  find(id: string): Promise<Person | null> {
    return this.people.findOneBy({ id });
  }

  findMany(ids: string[]): Promise<Person[]> {
    return ids.length ? this.people.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByLogin(kind: 'phone' | 'username', login: string): Promise<Person | null> {
    return this.people.findOneBy(kind === 'phone' ? { phone: login } : { username: login });
  }

  /** The person of a WeChat user: by openid, else by unionid (same user, another app), else new. */
  async findOrCreateWechat(openId: string, unionId: string | null): Promise<Person> {
    const known =
      (await this.people.findOneBy({ wechatOpenId: openId })) ??
      (unionId ? await this.people.findOneBy({ wechatUnionId: unionId }) : null);
    if (known) {
      if (known.wechatOpenId !== openId || (unionId && known.wechatUnionId !== unionId)) {
        await this.people.update({ id: known.id }, { wechatOpenId: openId, wechatUnionId: unionId ?? known.wechatUnionId });
        return this.get(known.id);
      }
      return known;
    }
    try {
      return await this.people.save(
        this.people.create({ displayName: '微信用户', wechatOpenId: openId, wechatUnionId: unionId }),
      );
    } catch (error) {
      // Two first sign-ins of the same user at once: the other one created the person.
      if (isUniqueViolation(error)) return this.people.findOneByOrFail({ wechatOpenId: openId });
      throw error;
    }
  }

  async createWithPassword(input: NewPasswordPerson): Promise<Person> {
    const taken = input.phone ? await this.people.existsBy({ phone: input.phone }) : await this.people.existsBy({ username: input.username });
    if (taken) throw ApiException.conflict(input.phone ? '该手机号已注册，请直接登录' : '该用户名已被使用，请换一个');
    try {
      return await this.people.save(
        this.people.create({
          displayName: input.displayName,
          username: input.username ?? null,
          phone: input.phone ?? null,
          passwordHash: input.passwordHash,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiException.conflict('该用户名或手机号已被使用');
      throw error;
    }
  }

  /** Who the person is to the policy (their memberships with each unit's path); null when there is no such person. */
  async actor(personId: string): Promise<Actor | null> {
    const rows = await this.people
      .createQueryBuilder('p')
      .leftJoin(Membership, 'm', 'm.personId = p.id')
      .leftJoin('m.unit', 'u')
      .select(['p.id AS personId', 'p.displayName AS displayName', 'm.unitId AS unitId', 'm.role AS role', 'u.path AS unitPath'])
      .where('p.id = :personId', { personId })
      .getRawMany<{ personId: string; displayName: string; unitId: string | null; role: Role | null; unitPath: string | null }>();
    if (rows.length === 0) return null;
    const memberships = rows.flatMap(({ unitId, role, unitPath }) => (unitId && role && unitPath ? [{ unitId, role, unitPath }] : []));
    return { personId, displayName: rows[0].displayName, memberships };
  }

  async membershipsOf(personId: string): Promise<MembershipDto[]> {
    const memberships = await this.memberships.find({
      where: { personId },
      relations: { unit: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map(toMembershipDto);
  }

  /**
   * A page of the unit's members, with the total, by role (then as they joined) unless another
   * order is asked for. How they sign in (username, phone) only to those who manage the unit's
   * members; the others see names, so that no list hands out logins to try.
   */
  async listMembers(unitId: string, actor: Actor, query: PageQuery & SortQuery<MemberSort>): Promise<Page<UnitMemberDto>> {
    const { page, size, skip } = pageWindow(query);
    const { sort, order } = sortOf(query, MEMBER_DEFAULT_ORDER);
    const unit = await this.units.get(unitId);
    const logins = allows(actor, 'member.manage', unit.path);
    const columns: Record<MemberSort, string[]> = { role: ['m.role', 'm.createdAt'], name: ['p.displayName'], joinedAt: ['m.createdAt'] };
    // One person per membership: the join repeats no row, so the page is cut with a plain LIMIT.
    const builder = this.memberships.createQueryBuilder('m').innerJoinAndSelect('m.person', 'p').where('m.unitId = :unitId', { unitId });
    const [memberships, total] = await orderRows(builder, columns[sort], 'm.id', order).offset(skip).limit(size).getManyAndCount();
    const items = memberships.map((m) => {
      const person = toPersonDto(m.person as Person);
      return { membershipId: m.id, role: m.role, person: logins ? person : { id: person.id, displayName: person.displayName } };
    });
    return { items, total, page, size };
  }

  /** Who holds `role` in each of the units (e.g. the liaisons to remind), oldest membership first. */
  async holders(unitIds: string[], role: Role): Promise<{ unitId: string; personId: string }[]> {
    if (unitIds.length === 0) return [];
    return this.memberships.find({ where: { unitId: In(unitIds), role }, select: ['unitId', 'personId'], order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Whether the person is the unit's one member (in whatever roles). */
  async isOnlyMember(personId: string, unitId: string): Promise<boolean> {
    const members = await this.memberships
      .createQueryBuilder('m')
      .select('DISTINCT m.personId', 'personId')
      .where('m.unitId = :unitId', { unitId })
      .limit(2)
      .getRawMany<{ personId: string }>();
    return members.length === 1 && members[0].personId === personId;
  }

  /** Adds a membership, or returns the one the person already has in that unit and role. */
  async addMembership(personId: string, unitId: string, role: Role): Promise<Membership> {
    const existing = await this.memberships.findOne({ where: { personId, unitId, role }, relations: { unit: true } });
    if (existing) return existing;
    const created = await this.memberships.save(this.memberships.create({ personId, unitId, role }));
    return this.memberships.findOneOrFail({ where: { id: created.id }, relations: { unit: true } });
  }

  hasMembers(unitId: string): Promise<boolean> {
    return this.memberships.existsBy({ unitId });
  }

  hasMembership(personId: string, unitId: string, role: Role): Promise<boolean> {
    return this.memberships.existsBy({ personId, unitId, role });
  }

  /** The unit a membership belongs to, for authorization; null when there is no such membership. */
  async membershipUnitPath(id: string): Promise<string | null> {
    const row = await this.memberships.createQueryBuilder('m').innerJoin('m.unit', 'u').select('u.path', 'path').where('m.id = :id', { id }).getRawOne<{ path: string }>();
    return row?.path ?? null;
  }

  /**
   * Removes a membership, but never the last committee membership of a tree's top unit: nobody
   * could manage the tree then. Under the tree's lock, so two such removals at once leave one.
   */
  async removeMembership(id: string): Promise<void> {
    const found = await this.memberships.findOneBy({ id });
    if (!found) throw ApiException.notFound('该成员关系不存在');
    await this.units.withTreeLocked(found.unitId, async (unit) => {
      const membership = await this.memberships.findOneBy({ id });
      if (!membership) throw ApiException.notFound('该成员关系不存在');
      if (membership.role === Role.Committee && !unit.parentId) {
        const others = await this.memberships.countBy({ unitId: unit.id, role: Role.Committee, id: Not(id) });
        if (others === 0) throw ApiException.conflict(`不能移除“${unit.name}”的最后一名安委办成员，请先邀请另一名安委办成员`);
      }
      await this.memberships.delete({ id });
    });
  }
}
