import { Role } from '@safemonth/shared';

/**
 * The one place that says who may do what. Every endpoint names an action and the unit it acts
 * on; the access guard asks `allows`. Units are compared by their tree paths (`/root/…/unit/`).
 */
export type Action =
  /** See a unit and its details. */
  | 'unit.read'
  /** Change a unit, create units under it, import under it, move units into it. */
  | 'unit.manage'
  /** Move a unit elsewhere (never one's own top unit). */
  | 'unit.move'
  /** List the people of a unit. */
  | 'member.read'
  /** Remove someone from a unit. */
  | 'member.manage'
  /** Create and list a unit's invitations (which roles: see `invitableRoles`). */
  | 'invite.manage'
  /** Set up, edit, publish and clone the campaigns a unit organizes; see all its liaisons. */
  | 'campaign.manage'
  /** See a campaign: its managers, and once published everyone in the organizing subtree. */
  | 'campaign.read'
  /** Fill in a campaign's liaison form for a unit. */
  | 'liaison.register'
  /** Report an activity for a unit (and upload its media). */
  | 'report.create'
  /** See a unit's reports and their media. */
  | 'report.read'
  /** Accept or return a unit's reports. */
  | 'report.review'
  /**
   * Handle the hidden-hazard reports of the campaigns a unit organizes (the service further
   * requires the campaign's designation as a handler, which alone shows reporters).
   */
  | 'hazard.handle'
  /** See and report done the rectifications of hazards assigned to a unit (who acts for it: never its staff). */
  | 'hazard.rectify';

export interface ActorMembership {
  unitId: string;
  unitPath: string;
  role: Role;
}

export interface Actor {
  personId: string;
  /** Not a matter for the policy; carried so that answers can name the actor without a lookup. */
  displayName: string;
  memberships: ActorMembership[];
}

const covers = (m: ActorMembership, path: string) => path.startsWith(m.unitPath);
const isSelf = (m: ActorMembership, path: string) => path === m.unitPath;

export interface PolicyContext {
  /** The role an invitation would grant. */
  role?: Role;
  /** Whether the campaign acted on is published. */
  published?: boolean;
}

export function allows(actor: Actor, action: Action, targetPath: string, context: PolicyContext = {}): boolean {
  const any = (test: (m: ActorMembership) => boolean) => actor.memberships.some(test);
  switch (action) {
    case 'unit.read':
      return any(
        (m) =>
          ((m.role === 'committee' || m.role === 'liaison') && covers(m, targetPath)) ||
          (m.role === 'staff' && isSelf(m, targetPath)),
      );
    case 'unit.manage':
    case 'member.manage':
      return any((m) => m.role === 'committee' && covers(m, targetPath));
    case 'unit.move':
      return any((m) => m.role === 'committee' && covers(m, targetPath) && !isSelf(m, targetPath));
    case 'member.read':
      return any((m) => (m.role === 'committee' || m.role === 'liaison') && covers(m, targetPath));
    case 'campaign.manage':
      return any((m) => m.role === 'committee' && covers(m, targetPath));
    case 'campaign.read':
      return any(
        (m) => (m.role === 'committee' && covers(m, targetPath)) || (context.published === true && m.unitPath.startsWith(targetPath)),
      );
    case 'liaison.register':
      return any((m) => m.role === 'liaison' && isSelf(m, targetPath));
    case 'report.create':
      return any((m) => isSelf(m, targetPath) || (m.role === 'committee' && covers(m, targetPath)));
    case 'report.read':
      return any((m) => isSelf(m, targetPath) || ((m.role === 'committee' || m.role === 'liaison') && covers(m, targetPath)));
    case 'report.review':
    case 'hazard.rectify':
      return any((m) => (m.role === 'liaison' && isSelf(m, targetPath)) || (m.role === 'committee' && covers(m, targetPath)));
    case 'hazard.handle':
      return any((m) => m.role === 'committee' && covers(m, targetPath));
    case 'invite.manage': {
      const roles = invitableRoles(actor, targetPath);
      return context.role ? roles.includes(context.role) : roles.length > 0;
    }
  }
}

/** A committee member invites any role within their subtree; a liaison invites staff to their own unit. */
export function invitableRoles(actor: Actor, targetPath: string): Role[] {
  if (actor.memberships.some((m) => m.role === 'committee' && covers(m, targetPath))) {
    return ['committee', 'liaison', 'staff'];
  }
  if (actor.memberships.some((m) => m.role === 'liaison' && isSelf(m, targetPath))) return ['staff'];
  return [];
}

/** The parts of the tree an actor may read: whole subtrees for committee and liaison, the unit itself for staff. */
export function readableScopes(actor: Actor): { path: string; subtree: boolean }[] {
  return actor.memberships.map((m) => ({ path: m.unitPath, subtree: m.role !== 'staff' }));
}
