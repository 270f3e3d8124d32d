import { Action, Actor, allows, invitableRoles, readableScopes } from './policy';

// root ─ a ─ a1
//      └ b
const paths = { root: '/r/', a: '/r/a/', a1: '/r/a/a1/', b: '/r/b/' };
const actor = (role: 'committee' | 'liaison' | 'staff', at: keyof typeof paths): Actor => ({
  personId: 'p',
  displayName: '某人',
  memberships: [{ unitId: at, unitPath: paths[at], role }],
});

describe('policy', () => {
  const table: [Action, 'committee' | 'liaison' | 'staff', keyof typeof paths, boolean][] = [
    ['unit.read', 'committee', 'a', true],
    ['unit.read', 'committee', 'a1', true],
    ['unit.read', 'committee', 'b', false],
    ['unit.read', 'committee', 'root', false],
    ['unit.read', 'liaison', 'a1', true],
    ['unit.read', 'staff', 'a', true],
    ['unit.read', 'staff', 'a1', false],
    ['unit.manage', 'committee', 'a', true],
    ['unit.manage', 'liaison', 'a', false],
    ['unit.move', 'committee', 'a', false],
    ['unit.move', 'committee', 'a1', true],
    ['member.read', 'liaison', 'a1', true],
    ['member.read', 'staff', 'a', false],
    ['member.manage', 'liaison', 'a', false],
  ];
  it.each(table)('%s by %s of a on %s → %s', (action, role, target, expected) => {
    expect(allows(actor(role, 'a'), action, paths[target])).toBe(expected);
  });

  it('a path that merely starts with the same characters is not a child', () => {
    expect(allows(actor('committee', 'a'), 'unit.read', '/r/ab/')).toBe(false);
  });

  it('lets liaisons invite staff to their own unit only', () => {
    expect(invitableRoles(actor('liaison', 'a'), paths.a)).toEqual(['staff']);
    expect(invitableRoles(actor('liaison', 'a'), paths.a1)).toEqual([]);
    expect(allows(actor('liaison', 'a'), 'invite.manage', paths.a, { role: 'liaison' })).toBe(false);
    expect(allows(actor('committee', 'a'), 'invite.manage', paths.a1, { role: 'committee' })).toBe(true);
    expect(invitableRoles(actor('staff', 'a'), paths.a)).toEqual([]);
  });

  it('reads subtrees for committee and liaison, the unit itself for staff', () => {
    expect(readableScopes(actor('staff', 'a'))).toEqual([{ path: paths.a, subtree: false }]);
    expect(readableScopes(actor('liaison', 'a'))).toEqual([{ path: paths.a, subtree: true }]);
  });
});
