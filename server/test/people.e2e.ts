import { newPerson, newUnit } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('members of a unit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function setUp() {
    const root = await newUnit(t);
    const district = await newUnit(t, { parent: root, kind: 'district' });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const liaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '李联络' });
    const staff = await newPerson(t, { role: 'staff', unit: district, displayName: '张填报' });
    return { district, committee, liaison, staff };
  }
  const members = (unitId: string, auth: string, query = '') => t.http().get(`/api/units/${unitId}/members${query}`).set('authorization', auth).expect(200);

  it('shows the committee how members sign in, and a liaison only their names', async () => {
    const { district, committee, liaison, staff } = await setUp();
    const forCommittee = (await members(district.id, committee.auth)).body;
    expect(forCommittee.items.map((m: { person: object }) => m.person)).toEqual([
      { id: liaison.person.id, displayName: '李联络', username: liaison.username, phone: null, hasWechat: false },
      { id: staff.person.id, displayName: '张填报', username: staff.username, phone: null, hasWechat: false },
    ]);
    const forLiaison = (await members(district.id, liaison.auth)).body;
    expect(forLiaison).toEqual({
      items: [
        { membershipId: forCommittee.items[0].membershipId, role: 'liaison', person: { id: liaison.person.id, displayName: '李联络' } },
        { membershipId: forCommittee.items[1].membershipId, role: 'staff', person: { id: staff.person.id, displayName: '张填报' } },
      ],
      total: 2,
      page: 1,
      size: 50,
    });
  });

  it('pages the members with their total, every member once', async () => {
    const { district, committee } = await setUp();
    for (let i = 0; i < 3; i++) await newPerson(t, { role: 'staff', unit: district });
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push((await members(district.id, committee.auth, `?page=${page}&size=2`)).body);
    expect(pages.map(({ total, page, size, items }) => [total, page, size, items.length])).toEqual([
      [5, 1, 2, 2],
      [5, 2, 2, 2],
      [5, 3, 2, 1],
    ]);
    const ids = pages.flatMap((page) => page.items.map((m: { membershipId: string }) => m.membershipId));
    expect(new Set(ids).size).toBe(5);
    // Liaisons before staff.
    expect(pages[0].items[0].role).toBe('liaison');
    const bad = await t.http().get(`/api/units/${district.id}/members?page=0`).set('authorization', committee.auth).expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'page', message: '页码从 1 开始' }]);
  });

  describe('removing a member', () => {
    const membershipOf = async (member: { auth: string }, unitId: string) => {
      const me = await t.http().get('/api/me').set('authorization', member.auth).expect(200);
      return (me.body.memberships as { id: string; unit: { id: string } }[]).find((m) => m.unit.id === unitId)?.id as string;
    };
    const remove = (membershipId: string, auth: string) => t.http().delete(`/api/memberships/${membershipId}`).set('authorization', auth);

    it('removes a member from the unit\'s list', async () => {
      const { district, committee, staff } = await setUp();
      await remove(await membershipOf(staff, district.id), committee.auth).expect(204);
      expect((await members(district.id, committee.auth)).body.items.map((m: { person: { id: string } }) => m.person.id)).not.toContain(staff.person.id);
      expect((await t.http().get('/api/me').set('authorization', staff.auth).expect(200)).body.memberships).toEqual([]);
    });

    it('never removes the last committee member of a tree\'s top unit', async () => {
      const root = await newUnit(t, { name: `市安委办${Math.random()}` });
      const first = await newPerson(t, { role: 'committee', unit: root });
      const second = await newPerson(t, { role: 'committee', unit: root });
      await remove(await membershipOf(second, root.id), first.auth).expect(204);
      const last = await remove(await membershipOf(first, root.id), first.auth).expect(409);
      expect(last.body).toEqual({ error: { code: 'CONFLICT', message: `不能移除“${root.name}”的最后一名安委办成员，请先邀请另一名安委办成员` } });
      expect(await membershipOf(first, root.id)).toBeDefined();
      // Below the top, a unit's last committee member may go: the committee above still manages it.
      const district = await newUnit(t, { parent: root, kind: 'district' });
      const districtCommittee = await newPerson(t, { role: 'committee', unit: district });
      await remove(await membershipOf(districtCommittee, district.id), first.auth).expect(204);
    });

    it('keeps one of two committee members removed at once', async () => {
      const root = await newUnit(t);
      const both = [await newPerson(t, { role: 'committee', unit: root }), await newPerson(t, { role: 'committee', unit: root })];
      const ids = await Promise.all(both.map((p) => membershipOf(p, root.id)));
      // Each leaves at the same moment.
      const results = await Promise.all([remove(ids[0], both[0].auth), remove(ids[1], both[1].auth)]);
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      const left = await Promise.all(both.map((p) => membershipOf(p, root.id)));
      expect(left.filter(Boolean)).toHaveLength(1);
    });

    it('answers another tree\'s membership as missing, and refuses a liaison', async () => {
      const { district, liaison, staff } = await setUp();
      const stranger = await newPerson(t, { role: 'committee', unit: await newUnit(t) });
      const id = await membershipOf(staff, district.id);
      expect((await remove(id, stranger.auth).expect(404)).body).toEqual({ error: { code: 'NOT_FOUND', message: '该成员关系不存在' } });
      expect((await remove(id, liaison.auth).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect(await membershipOf(staff, district.id)).toBe(id);
    });
  });
});
