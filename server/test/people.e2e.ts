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
});
