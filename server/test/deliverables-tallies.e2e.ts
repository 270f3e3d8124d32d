import fc from 'fast-check';
import {
  completenessOf,
  DeadlineInstance,
  deadlineInstances,
  DeliverableStatusDto,
  InstanceCompleteness,
  instanceCompleteness,
  instanceStatus,
  InstanceStatus,
  MissingUnitDto,
  Page,
  UnitRankingDto,
} from '@safemonth/shared';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignDetail, CampaignsService } from '../src/campaigns/campaigns.service';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import { isLockConflict } from '../src/database/errors';
import { HandIn, HandInTally } from '../src/deliverables/hand-in.entity';
import { Unit } from '../src/units/unit.entity';
import { UnitMoveHook, UnitsService } from '../src/units/units.service';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const HOUR = 3600 * 1000;
/** When a unit of a run was made: before the campaign, or midway (after the first or the second week fell due). */
const CREATED = ['2026-05-01T00:00:00.000Z', '2026-06-05T02:00:00.000Z', '2026-06-12T02:00:00.000Z'];

/**
 * The completeness the API reads from its tallies (kept per subtree on each hand-in, return and
 * move) against the same answers worked out here from the raw rows by the shared rule, over random
 * trees and random sequences of hand-ins, returns, accepts, moves and clock advances.
 */
describe('deliverable completeness from tallies', () => {
  let t: TestApp;
  const people: TestPerson[] = [];

  /** Freezes the server's clock at `instant`, with fresh tokens for the run's people. */
  const at = async (instant: number) => {
    t.app.get(Clock).now = () => new Date(instant);
    for (const p of people) p.auth = `Bearer ${(await t.app.get(TokensService).issue(p.person.id)).accessToken}`;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /**
   * The expected answers from the raw rows: for the subtree of `scope`, the participating units
   * but the organizer in tree order, each unit's status per instance, and the completeness.
   */
  async function reference(campaign: CampaignDetail, weeks: DeadlineInstance[], treeIds: string[], now: number) {
    const units = (await t.app.get(UnitsService).findMany(treeIds)).sort((x, y) => (x.path < y.path ? -1 : 1));
    const handIns = await t.app.get(Database).repository(HandIn).findBy({ campaignId: campaign.id });
    const roots = campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnit.id];
    const published = Date.parse(campaign.publishedAt as string);
    const participants = units.filter((u) => u.id !== campaign.organizingUnit.id && roots.some((r) => u.path.includes(`/${r}/`)));
    const statuses = new Map<string, InstanceStatus[]>(
      participants.map((u) => [
        u.id,
        weeks.map((week) => {
          const h = handIns.find((x) => x.unitId === u.id && x.periodKey === week.periodKey);
          const since = new Date(Math.max(u.createdAt.getTime(), published)).toISOString();
          return instanceStatus(week.dueAt, h && { arrivedAt: h.arrivedAt.toISOString(), state: h.state }, now, since);
        }),
      ]),
    );
    const within = (path: string) => participants.filter((u) => u.path.startsWith(path));
    const completeness = (members: Unit[], i: number) => instanceCompleteness(members.map((u) => (statuses.get(u.id) as InstanceStatus[])[i]));
    return { units, statuses, within, completeness };
  }

  it('equals the shared rule over the raw rows, whatever the sequence of hand-ins, reviews, moves and clock advances', async () => {
    type Step =
      | { kind: 'handIn' | 'accept' | 'return'; unit: number; week: number }
      | { kind: 'move'; unit: number; parent: number }
      | { kind: 'advance'; hours: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('handIn' as const), unit: fc.nat(6), week: fc.nat(3) }), weight: 4 },
      fc.record({ kind: fc.constantFrom('accept' as const, 'return' as const), unit: fc.nat(6), week: fc.nat(3) }),
      fc.record({ kind: fc.constant('move' as const), unit: fc.nat(6), parent: fc.nat(6) }),
      { arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 240 }) }), weight: 2 },
    );
    const property = fc.asyncProperty(
      // Parent of unit i + 1: one of the units before it (0 is the run's committee, which organizes).
      fc.array(fc.nat(), { minLength: 2, maxLength: 6 }).map((picks) => picks.map((pick, i) => pick % (i + 1))),
      fc.array(fc.nat(CREATED.length - 1), { minLength: 6, maxLength: 6 }),
      // Which units take part: the organizer's whole tree, or the subtrees of one or two of its units.
      fc.array(fc.nat(5), { maxLength: 2 }),
      fc.array(step, { minLength: 1, maxLength: 16 }),
      async (parents, created, participating, steps) => {
        people.length = 0;
        let now = Date.parse('2026-05-27T00:00:00Z');
        await at(now);
        const root = await newUnit(t, { name: `完整性测试${Math.random().toString(36).slice(2, 10)}` });
        const committee = await newPerson(t, { role: 'committee', unit: root });
        people.push(committee);
        const tree: Unit[] = [root];
        for (const [i, parent] of parents.entries()) tree.push(await newUnit(t, { parent: tree[parent], name: `单位${i + 1}`, kind: 'district' }));
        const units = t.app.get(Database).repository(Unit);
        for (const [i, unit] of tree.entries()) await units.update({ id: unit.id }, { createdAt: new Date(i === 0 ? CREATED[0] : CREATED[created[i - 1]]) });
        const liaisons = new Map<string, TestPerson>();
        for (const unit of tree.slice(1)) {
          const liaison = await newPerson(t, { role: 'liaison', unit });
          liaisons.set(unit.id, liaison);
          people.push(liaison);
        }
        const participatingUnitIds = [...new Set(participating.map((i) => tree[1 + (i % (tree.length - 1))].id))];
        const made: Campaign = await newCampaign(t, { organizer: root, year: 2026, participatingUnitIds });
        const campaign = await t.app.get(CampaignsService).get(made.id, { personId: committee.person.id, displayName: '', memberships: [] });
        const deliverableId = campaign.deliverables[0].id;
        const weeks = deadlineInstances(campaign.deliverables[0].rule);
        const pick = <T>(list: T[], index: number) => list[index % list.length];
        const http = () => t.http();

        for (const s of steps) {
          if (s.kind === 'advance') {
            now += s.hours * HOUR;
            await at(now);
          } else if (s.kind === 'move') {
            const moved = await http().post(`/api/units/${pick(tree.slice(1), s.unit).id}/move`).set('authorization', committee.auth).send({ parentId: pick(tree, s.parent).id });
            // Into its own subtree is refused (400); under its parent already, nothing changes.
            expect([201, 400]).toContain(moved.status);
          } else if (s.kind === 'handIn') {
            const unit = pick(tree.slice(1), s.unit);
            const week = weeks[s.week];
            const sent = await http()
              .post('/api/hand-ins')
              .set('authorization', (liaisons.get(unit.id) as TestPerson).auth)
              .send({ campaignId: campaign.id, deliverableId, periodKey: week.periodKey, unitId: unit.id, text: '本周活动材料', documentIds: [], reportIds: [] });
            // 409: accepted already; 422: not open yet, or the unit does not take part.
            expect([200, 409, 422]).toContain(sent.status);
          } else {
            const unit = pick(tree.slice(1), s.unit);
            const reviewed = await http()
              .post(`/api/campaigns/${campaign.id}/units/${unit.id}/hand-ins/${deliverableId}/${weeks[s.week].periodKey}/review`)
              .set('authorization', committee.auth)
              .send(s.kind === 'return' ? { action: 'return', comment: '请补充' } : { action: 'accept' });
            // 404: nothing handed in; 409: already accepted or returned.
            expect([200, 404, 409]).toContain(reviewed.status);
          }
        }

        // As things stand after the steps, and once every week has fallen due.
        for (const instant of [now, Date.parse('2026-07-01T00:00:00Z')]) {
          await at(instant);
          const ref = await reference(campaign, weeks, tree.map((u) => u.id), instant);
          for (const scope of ref.units) {
            const members = ref.within(scope.path);
            const dto = (await http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${scope.id}&size=200`).set('authorization', committee.auth).expect(200))
              .body as DeliverableStatusDto;
            expect(dto.instances.map((i) => i.completeness)).toEqual(weeks.map((_, i) => ref.completeness(members, i)));
            expect(dto.units.total).toBe(members.length);
            expect(dto.units.items.map((row) => [row.unit.id, row.statuses])).toEqual(members.map((u) => [u.id, ref.statuses.get(u.id)]));

            for (const [i, week] of weeks.entries()) {
              const behind = (await http()
                .get(`/api/campaigns/${campaign.id}/hand-in-status/${deliverableId}/${week.periodKey}/missing?unitId=${scope.id}&size=200`)
                .set('authorization', committee.auth)
                .expect(200)).body as Page<MissingUnitDto>;
              const expected = members.flatMap((u) => {
                const status = (ref.statuses.get(u.id) as InstanceStatus[])[i];
                return status === 'missing' || status === 'returned' ? [[u.id, status]] : [];
              });
              expect(behind.items.map((m) => [m.unit.id, m.status])).toEqual(expected);
              expect(behind.total).toBe(expected.length);
            }

            const ranking = (await http().get(`/api/campaigns/${campaign.id}/hand-in-status/ranking?unitId=${scope.id}&size=200`).set('authorization', committee.auth).expect(200))
              .body as Page<UnitRankingDto>;
            const due = weeks.flatMap((week, i) => (Date.parse(week.dueAt) <= instant ? [i] : []));
            const children = ref.units.filter((u) => u.parentId === scope.id && ref.within(u.path).length > 0);
            const summed = (child: Unit): InstanceCompleteness => {
              const parts = due.map((i) => ref.completeness(ref.within(child.path), i));
              const total = (key: 'expected' | 'onTime' | 'late' | 'returned' | 'missing') => parts.reduce((sum, p) => sum + p[key], 0);
              return completenessOf({ expected: total('expected'), onTime: total('onTime'), late: total('late'), returned: total('returned'), missing: total('missing'), notYetDue: 0 });
            };
            expect(Object.fromEntries(ranking.items.map((r) => [r.unit.id, r.completeness]))).toEqual(Object.fromEntries(children.map((c) => [c.id, summed(c)])));
            // Best first: on-time rate, then reporting rate; equal rates share a rank.
            ranking.items.forEach((r, i) => {
              const before = ranking.items[i - 1];
              if (!before) return expect(r.rank).toBe(1);
              const [a, b] = [before.completeness, r.completeness];
              expect(a.onTimeRate > b.onTimeRate || (a.onTimeRate === b.onTimeRate && a.reportingRate >= b.reportingRate)).toBe(true);
              expect(r.rank).toBe(a.onTimeRate === b.onTimeRate && a.reportingRate === b.reportingRate ? before.rank : i + 1);
            });
          }
        }
      },
    );
    await fc.assert(property, { numRuns: 15 });
  }, 600_000);

  it('ends concurrent hand-ins and returns in sibling units, racing moves of their region, with exact counts and no deadlock', async () => {
    people.length = 0;
    await at(Date.parse('2026-06-03T15:00:00Z'));
    const root = await newUnit(t, { name: `并发报送${Math.random().toString(36).slice(2, 10)}` });
    const [east, west] = [await newUnit(t, { parent: root, name: '东片区', kind: 'district' }), await newUnit(t, { parent: root, name: '西片区', kind: 'district' })];
    const siblings: Unit[] = [];
    for (let i = 0; i < 6; i++) siblings.push(await newUnit(t, { parent: east, name: `并发单位${i}` }));
    for (const unit of [root, east, west, ...siblings]) await t.app.get(Database).repository(Unit).update({ id: unit.id }, { createdAt: new Date(CREATED[0]) });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const liaisons = await Promise.all(siblings.map((unit) => newPerson(t, { role: 'liaison', unit })));
    people.push(committee, ...liaisons);
    await at(Date.parse('2026-06-03T15:00:00Z'));
    const made = await newCampaign(t, { organizer: root, year: 2026 });
    const campaign = await t.app.get(CampaignsService).get(made.id, { personId: committee.person.id, displayName: '', memberships: [] });
    const deliverableId = campaign.deliverables[0].id;
    const weeks = deadlineInstances(campaign.deliverables[0].rule);
    const handIn = (i: number) =>
      t
        .http()
        .post('/api/hand-ins')
        .set('authorization', liaisons[i].auth)
        .send({ campaignId: made.id, deliverableId, periodKey: weeks[0].periodKey, unitId: siblings[i].id, text: '材料', documentIds: [], reportIds: [] });
    const moveEast = (parent: Unit) => t.http().post(`/api/units/${east.id}/move`).set('authorization', committee.auth).send({ parentId: parent.id });
    const first = await Promise.all([...siblings.map((_, i) => handIn(i)), moveEast(west)]);
    expect(first.map((r) => r.status)).toEqual([...siblings.map(() => 200), 201]);
    const second = await Promise.all([
      ...[0, 1, 2].map((i) =>
        t.http().post(`/api/campaigns/${made.id}/units/${siblings[i].id}/hand-ins/${deliverableId}/${weeks[0].periodKey}/review`).set('authorization', committee.auth).send({ action: 'return', comment: '请补充' }),
      ),
      ...[3, 4].map((i) => handIn(i)),
      moveEast(root),
    ]);
    expect(second.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 201]);
    await at(Date.parse('2026-07-01T00:00:00Z'));
    const ref = await reference(campaign, weeks, [root, east, west, ...siblings].map((u) => u.id), Date.parse('2026-07-01T00:00:00Z'));
    for (const scope of ref.units) {
      const dto = (await t.http().get(`/api/campaigns/${made.id}/hand-in-status?unitId=${scope.id}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto;
      expect(dto.instances.map((i) => i.completeness)).toEqual(weeks.map((_, i) => ref.completeness(ref.within(scope.path), i)));
    }
    expect(ref.completeness(ref.within(root.path), 0)).toMatchObject({ expected: 8, onTime: 3, returned: 3, missing: 2 });
  });

  it('recounts an instance whose deadline moved as a fresh count would, whatever move of a unit with hand-ins runs alongside', async () => {
    people.length = 0;
    await at(Date.parse('2026-05-27T00:00:00Z'));
    const root = await newUnit(t, { name: `改期移动${Math.random().toString(36).slice(2, 10)}` });
    const [east, west] = [await newUnit(t, { parent: root, name: '东片区', kind: 'district' }), await newUnit(t, { parent: root, name: '西片区', kind: 'district' })];
    const town = await newUnit(t, { parent: east, name: '甲镇', kind: 'district' });
    const villages = [await newUnit(t, { parent: town, name: '一村' }), await newUnit(t, { parent: town, name: '二村' })];
    const westTown = await newUnit(t, { parent: west, name: '乙镇' });
    const handingIn = [town, ...villages, westTown];
    for (const unit of [root, east, west, ...handingIn]) await t.app.get(Database).repository(Unit).update({ id: unit.id }, { createdAt: new Date(CREATED[0]) });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const liaisons = await Promise.all(handingIn.map((unit) => newPerson(t, { role: 'liaison', unit })));
    people.push(committee, ...liaisons);
    const made = await newCampaign(t, { organizer: root, year: 2026 });
    const campaigns = t.app.get(CampaignsService);
    const actor = { personId: committee.person.id, displayName: '', memberships: [] };
    const [deliverable] = (await campaigns.get(made.id, actor)).deliverables;
    const [week] = deadlineInstances(deliverable.rule);
    // Thursday morning: late while the week is due on Wednesdays, on time once due on Thursdays.
    await at(Date.parse('2026-06-04T02:00:00Z'));
    for (const [i, unit] of handingIn.entries()) {
      await t.http().post('/api/hand-ins').set('authorization', liaisons[i].auth)
        .send({ campaignId: made.id, deliverableId: deliverable.id, periodKey: week.periodKey, unitId: unit.id, text: '材料', documentIds: [], reportIds: [] }).expect(200);
    }
    await t.http().post(`/api/campaigns/${made.id}/units/${villages[1].id}/hand-ins/${deliverable.id}/${week.periodKey}/review`)
      .set('authorization', committee.auth).send({ action: 'return', comment: '请补充' }).expect(200);
    const campaign = await campaigns.get(made.id, actor);

    const tallies = t.app.get(Database).repository(HandInTally);
    const row = (r: Pick<HandInTally, 'unitId' | 'onTime' | 'late' | 'returned'> & { dueAt: Date | string }) =>
      `${r.unitId} ${new Date(r.dueAt).toISOString()} ${r.onTime}/${r.late}/${r.returned}`;
    /** The instance's rows as counted afresh from its hand-ins, along the units' paths as they are now. */
    const recounted = async (dueAt: string) => {
      const handIns = await t.app.get(Database).repository(HandIn).findBy({ campaignId: made.id });
      const units = await t.app.get(UnitsService).findMany(handIns.map((h) => h.unitId));
      const counts = new Map<string, { unitId: string; dueAt: string; onTime: number; late: number; returned: number }>();
      for (const h of handIns) {
        const unit = units.find((u) => u.id === h.unitId) as Unit;
        const since = new Date(Math.max(unit.createdAt.getTime(), Date.parse(campaign.publishedAt as string))).toISOString();
        const status = instanceStatus(dueAt, { arrivedAt: h.arrivedAt.toISOString(), state: h.state }, 0, since);
        const kind = status === 'on_time' ? 'onTime' : status === 'late' ? 'late' : 'returned';
        for (const unitId of unit.path.split('/').filter(Boolean)) {
          const counted = counts.get(unitId) ?? { unitId, dueAt, onTime: 0, late: 0, returned: 0 };
          counted[kind] += 1;
          counts.set(unitId, counted);
        }
      }
      return [...counts.values()].map(row).sort();
    };

    // Held inside each move, after the paths are rewritten and before its tallies are carried, while
    // the status read below recounts (with the trees' locks it waits for the move instead).
    let gate: { inMove: () => void; release: Promise<void> } | null = null;
    const hook: UnitMoveHook = async () => {
      if (!gate) return;
      gate.inMove();
      await gate.release;
    };
    const hooks = (t.app.get(UnitsService) as unknown as { moveHooks: UnitMoveHook[] }).moveHooks;
    hooks.unshift(hook);
    // Every transaction that lost to a deadlock (or a lock wait), though it was then run again.
    let conflicts = 0;
    const host = (t.app.get(Database) as unknown as { host: { withTransaction: (...args: unknown[]) => Promise<unknown> } }).host;
    const withTransaction = host.withTransaction;
    host.withTransaction = (...args) =>
      withTransaction.apply(host, args).catch((error: unknown) => {
        if (isLockConflict(error)) conflicts += 1;
        throw error;
      });
    try {
      for (let round = 0; round < 4; round++) {
        const weekday = round % 2 === 0 ? 4 : 3;
        await campaigns.replaceDeliverables(made.id, { deliverables: [{ ...deliverable, rule: { ...deliverable.rule, weekday } as typeof deliverable.rule }] });
        const dueAt = deadlineInstances({ ...deliverable.rule, weekday } as typeof deliverable.rule)[0].dueAt;
        let inMove!: () => void;
        let release!: () => void;
        const entered = new Promise<void>((resolve) => (inMove = resolve));
        gate = { inMove, release: new Promise<void>((resolve) => (release = resolve)) };
        const moving = Promise.resolve(t.http().post(`/api/units/${town.id}/move`).set('authorization', committee.auth).send({ parentId: (round % 2 === 0 ? west : east).id }));
        await entered;
        gate = null;
        const reading = Promise.resolve(t.http().get(`/api/campaigns/${made.id}/hand-in-status?unitId=${root.id}`).set('authorization', committee.auth));
        // Only a bound on how long the move is held: the recount may be waiting for it.
        await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 500))]);
        release();
        const [moved, read] = await Promise.all([moving, reading]);
        expect([moved.status, read.status]).toEqual([201, 200]);
        const rows = (await tallies.findBy({ campaignId: made.id })).filter((r) => r.onTime || r.late || r.returned);
        expect(rows.map(row).sort()).toEqual(await recounted(dueAt));
      }
      expect(conflicts).toBe(0);
    } finally {
      hooks.splice(hooks.indexOf(hook), 1);
      host.withTransaction = withTransaction;
    }
  });

  it('counts an instance again when the committee moves its deadline', async () => {
    people.length = 0;
    await at(Date.parse('2026-05-27T00:00:00Z'));
    const root = await newUnit(t, { name: `改期测试${Math.random().toString(36).slice(2, 10)}` });
    const town = await newUnit(t, { parent: root, name: '甲镇', kind: 'district' });
    for (const unit of [root, town]) await t.app.get(Database).repository(Unit).update({ id: unit.id }, { createdAt: new Date(CREATED[0]) });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const liaison = await newPerson(t, { role: 'liaison', unit: town });
    people.push(committee, liaison);
    const made = await newCampaign(t, { organizer: root, year: 2026 });
    const campaigns = t.app.get(CampaignsService);
    const actor = { personId: committee.person.id, displayName: '', memberships: [] };
    const [deliverable] = (await campaigns.get(made.id, actor)).deliverables;
    const [week] = deadlineInstances(deliverable.rule);
    // Due Wednesday 3 June 24:00; handed in on Thursday morning: late.
    await at(Date.parse('2026-06-04T02:00:00Z'));
    await t
      .http()
      .post('/api/hand-ins')
      .set('authorization', liaison.auth)
      .send({ campaignId: made.id, deliverableId: deliverable.id, periodKey: week.periodKey, unitId: town.id, text: '材料', documentIds: [], reportIds: [] })
      .expect(200);
    const first = async () =>
      ((await t.http().get(`/api/campaigns/${made.id}/hand-in-status?unitId=${root.id}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto).instances[0];
    expect((await first()).completeness).toMatchObject({ expected: 1, onTime: 0, late: 1 });
    // The weekly deadline moves to Thursdays: the same hand-in is now on time.
    await campaigns.replaceDeliverables(made.id, { deliverables: [{ ...deliverable, rule: { ...deliverable.rule, weekday: 4 } as typeof deliverable.rule }] });
    expect(await first()).toMatchObject({ periodKey: week.periodKey, dueAt: '2026-06-04T16:00:00.000Z', completeness: { expected: 1, onTime: 1, late: 0 } });
    // And the changes after it count against the new deadline.
    await t
      .http()
      .post(`/api/campaigns/${made.id}/units/${town.id}/hand-ins/${deliverable.id}/${week.periodKey}/review`)
      .set('authorization', committee.auth)
      .send({ action: 'return', comment: '请补充' })
      .expect(200);
    expect((await first()).completeness).toMatchObject({ expected: 1, onTime: 0, late: 0, returned: 1 });
  });
});
