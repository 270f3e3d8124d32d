import { Role, type MeResponse, type UnitDto } from '@safemonth/shared';
import { treeRows } from '../../../utils/tree';

/** A unit the signed-in person may invite to, and the roles they may invite as. */
export interface InviteTarget {
  id: string;
  name: string;
  level: number;
  roles: Role[];
}

/** What each membership role may hand out. */
export const INVITABLE_ROLES: Partial<Record<Role, Role[]>> = {
  [Role.Committee]: [Role.Committee, Role.Liaison, Role.Staff],
  [Role.Liaison]: [Role.Staff],
};

/**
 * The units one may invite to: the units of one's committee and liaison memberships, and for a
 * committee membership the whole subtree (`subtrees[unitId]`, from GET /api/units?under=).
 * A unit reachable several ways gets the widest set of roles.
 */
export function inviteTargets(me: MeResponse, subtrees: Record<string, UnitDto[]>): InviteTarget[] {
  const targets = new Map<string, InviteTarget>();
  const order: string[] = [];
  const add = (id: string, name: string, level: number, roles: Role[]) => {
    const known = targets.get(id);
    if (!known) {
      targets.set(id, { id, name, level, roles: [...roles] });
      order.push(id);
      return;
    }
    for (const role of roles) if (!known.roles.includes(role)) known.roles.push(role);
    known.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  };
  // Committee memberships first, so their subtrees keep their tree order.
  const memberships = [...me.memberships].sort(
    (a, b) => (a.role === Role.Committee ? 0 : 1) - (b.role === Role.Committee ? 0 : 1),
  );
  for (const membership of memberships) {
    const roles = INVITABLE_ROLES[membership.role];
    if (!roles) continue;
    add(membership.unit.id, membership.unit.name, 0, roles);
    if (membership.role !== Role.Committee) continue;
    const rows = treeRows(subtrees[membership.unit.id] ?? []);
    const rootRow = rows.find((row) => row.unit.id === membership.unit.id);
    for (const row of rows) {
      const level = rootRow ? row.level - rootRow.level : row.level + 1;
      add(row.unit.id, row.unit.name, Math.max(level, 0), roles);
    }
  }
  return order.map((id) => targets.get(id) as InviteTarget);
}

const ROLE_ORDER: Role[] = [Role.Committee, Role.Liaison, Role.Staff];
