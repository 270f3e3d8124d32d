import { Role, UnitKind } from '@safemonth/shared';
import { hashPassword } from '../../src/auth/passwords';
import { TokensService } from '../../src/auth/tokens.service';
import { Transactions } from '../../src/database/transactions';
import { Person } from '../../src/people/person.entity';
import { PeopleService } from '../../src/people/people.service';
import { Unit } from '../../src/units/unit.entity';
import { UnitsService } from '../../src/units/units.service';
import { TestApp } from './test-app';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A unit under `parent`, or a new committee root. */
export async function newUnit(t: TestApp, options: { parent?: Unit; name?: string; kind?: UnitKind; code?: string } = {}): Promise<Unit> {
  const units = t.app.get(UnitsService);
  const name = options.name ?? `单位${next()}`;
  if (!options.parent) return units.createRoot(name, options.code);
  return units.create({ name, kind: options.kind ?? 'enterprise', parentId: options.parent.id, code: options.code });
}

export interface TestPerson {
  person: Person;
  token: string;
  username: string;
  password: string;
  /** `Authorization` header value. */
  auth: string;
}

/** A person with a password (and optionally a role in a unit), already signed in. */
export async function newPerson(
  t: TestApp,
  options: { role?: Role; unit?: Unit; username?: string; password?: string; displayName?: string } = {},
): Promise<TestPerson> {
  const people = t.app.get(PeopleService);
  const username = options.username ?? `user${next()}`;
  const password = options.password ?? 'correct-horse';
  const passwordHash = await hashPassword(password, 1024);
  const person = await t.app.get(Transactions).run(async (manager) => {
    const created = await people.createWithPassword(manager, { displayName: options.displayName ?? username, username, passwordHash });
    if (options.role && options.unit) await people.addMembership(manager, created.id, options.unit.id, options.role);
    return created;
  });
  const { accessToken } = await t.app.get(TokensService).issue(person.id);
  return { person, token: accessToken, username, password, auth: `Bearer ${accessToken}` };
}
