import type { MeResponse, UnitDto } from '@safemonth/shared';
import { inviteTargets } from './targets';

const person = { id: 'p1', displayName: '王五', username: null, phone: null, hasWechat: true };
const dto = (id: string, parentId: string | null, depth: number): UnitDto => ({
  id,
  name: `单位${id}`,
  code: null,
  kind: 'other',
  parentId,
  depth,
});

describe('inviteTargets', () => {
  it('gives a committee member the subtree with all roles and a liaison only staff', () => {
    const me: MeResponse = {
      person,
      memberships: [
        { id: 'm2', role: 'liaison', unit: { id: 'x', name: '单位x', kind: 'enterprise' } },
        { id: 'm1', role: 'committee', unit: { id: 'c', name: '单位c', kind: 'committee' } },
        { id: 'm3', role: 'staff', unit: { id: 'y', name: '单位y', kind: 'school' } },
      ],
    };
    const targets = inviteTargets(me, { c: [dto('c', null, 2), dto('d', 'c', 3), dto('e', 'd', 4)] });

    expect(targets.map((t) => [t.id, t.level, t.roles.join(',')])).toEqual([
      ['c', 0, 'committee,liaison,staff'],
      ['d', 1, 'committee,liaison,staff'],
      ['e', 2, 'committee,liaison,staff'],
      ['x', 0, 'staff'],
    ]);
  });

  it('keeps the widest roles for a unit reached both ways', () => {
    const me: MeResponse = {
      person,
      memberships: [
        { id: 'm1', role: 'liaison', unit: { id: 'd', name: '单位d', kind: 'enterprise' } },
        { id: 'm2', role: 'committee', unit: { id: 'c', name: '单位c', kind: 'committee' } },
      ],
    };
    const targets = inviteTargets(me, { c: [dto('d', 'c', 1)] });
    expect(targets.find((t) => t.id === 'd')?.roles).toEqual(['committee', 'liaison', 'staff']);
    expect(targets.find((t) => t.id === 'd')?.level).toBe(1);
  });
});
