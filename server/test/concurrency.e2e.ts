import { CampaignDto, ReportDto, UnitDto } from '@safemonth/shared';
import request from 'supertest';
import { Campaign } from '../src/campaigns/campaign.entity';
import { Report } from '../src/reports/report.entity';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newReport, newReports, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Requests racing each other through the API, on a pool of 4 connections, so that a request that
 * needs a second connection while its transaction holds one starves the pool. Every request must
 * be answered (a hang fails the test instead of blocking it), none with a 5xx (409 and 404 are fair
 * outcomes of a race), and afterwards each unit's totals must be what its accepted reports add.
 */
const TEST_MS = 60_000;
/** A request not answered by then counts as hung; it is abandoned so that the app can close. */
const ANSWER_MS = 20_000;
const sqlite = process.env.TEST_DATABASE !== 'mariadb';

interface Outcome {
  label: string;
  /** 0: no answer in time (or the connection failed). */
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Sends the requests at once; answers each one's outcome, in order. */
function race(calls: [label: string, test: request.Test][]): Promise<Outcome[]> {
  return Promise.all(
    calls.map(async ([label, test]) => {
      try {
        const response = await test.timeout({ deadline: ANSWER_MS });
        return { label, status: response.status, body: response.body };
      } catch (error) {
        return { label, status: 0, body: { error: { message: (error as Error).message } } };
      }
    }),
  );
}

const describeOutcome = (o: Outcome) => `${o.label}: ${o.status || 'no answer'} ${o.body?.error?.message ?? ''}`.trim();
/** The requests answered with a 5xx or not at all. */
const serverErrors = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === 0 || o.status >= 500).map(describeOutcome);
/** How many answers of each status ('none': not answered). */
const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, o) => ({ ...counts, [o.status || 'none']: (counts[o.status || 'none'] ?? 0) + 1 }), {});

/** A request of a race, with the status it must answer and, for a write, a check that it was kept. */
interface Step {
  label: string;
  status: number;
  send: () => request.Test;
  kept?: (answer: Outcome) => Promise<boolean>;
}

/** Fails at once when a request hung: the next rounds would hang too. */
function expectAnswered(outcomes: Outcome[]): void {
  const hung = outcomes.filter((o) => o.status === 0);
  if (hung.length) {
    throw new Error(`${hung.length} of ${outcomes.length} requests got no answer within ${ANSWER_MS / 1000} s (answers: ${JSON.stringify(tally(outcomes))}); first: ${describeOutcome(hung[0])}`);
  }
}

const nonZero = (sums: Record<string, number>) => Object.fromEntries(Object.entries(sums).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));

describe('concurrent writes', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    const app = t;
    t = undefined;
    await app?.close();
  }, TEST_MS);

  /** An app of its own with a small pool, a committee (root unit and a member) and a published campaign. */
  async function world() {
    const app = await createTestApp({ DATABASE_POOL_SIZE: '4' });
    t = app;
    const root = await newUnit(app, { name: '市安委办' });
    const committee = await newPerson(app, { role: 'committee', unit: root });
    const campaign = await newCampaign(app, { organizer: root });
    const http = (person: TestPerson) => ({
      get: (path: string) => app.http().get(path).set('authorization', person.auth),
      post: (path: string, body?: object) => app.http().post(path).set('authorization', person.auth).send(body),
      put: (path: string, body: object) => app.http().put(path).set('authorization', person.auth).send(body),
      patch: (path: string, body: object) => app.http().patch(path).set('authorization', person.auth).send(body),
      delete: (path: string) => app.http().delete(path).set('authorization', person.auth),
    });
    const accept = (by: TestPerson, report: Report) => http(by).post(`/api/reports/${report.id}/review`, { action: 'accept' });
    /**
     * Each unit's totals as the API shows them, and as they should be: the sum of the contributions
     * of the unit's accepted reports, as the API shows those reports now.
     */
    const totals = async (units: Record<string, Unit>) => {
      const actual: Record<string, Record<string, number>> = {};
      const expected: Record<string, Record<string, number>> = {};
      for (const [name, unit] of Object.entries(units)) {
        const accepted: ReportDto[] = (await http(committee).get(`/api/campaigns/${campaign.id}/reports?unitId=${unit.id}&status=accepted&size=200`).expect(200)).body.items;
        const sums: Record<string, number> = {};
        for (const r of accepted) for (const a of r.contributions) sums[a.fieldId] = (sums[a.fieldId] ?? 0) + a.amount;
        expected[name] = nonZero(sums);
        const shown = (await http(committee).get(`/api/campaigns/${campaign.id}/units/${unit.id}/totals`).expect(200)).body.totals as { fieldId: string; total: number }[];
        actual[name] = nonZero(Object.fromEntries(shown.map((x) => [x.fieldId, x.total])));
      }
      return { actual, expected };
    };
    return { t: app, root, committee, campaign, http, accept, totals };
  }

  it('answers 40 liaisons accepting 40 reports of one unit at once, each adding to the same 2 fields', async () => {
    const { t, root, campaign, accept, totals } = await world();
    const unit = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    const staff = await newPerson(t, { role: 'staff', unit });
    const reports = await newReports(t, 40, { campaign, unit, reporter: staff });
    expect(new Set(reports.map((r) => r.additions.length))).toEqual(new Set([2]));
    const liaisons: TestPerson[] = [];
    for (let i = 0; i < 40; i++) liaisons.push(await newPerson(t, { role: 'liaison', unit }));

    const outcomes = await race(reports.map((r, i) => [`accept ${i}`, accept(liaisons[i], r)]));
    expectAnswered(outcomes);
    const { actual, expected } = await totals({ unit });
    expect({ answers: tally(outcomes), serverErrors: serverErrors(outcomes), totals: actual }).toEqual({ answers: { 200: 40 }, serverErrors: [], totals: expected });
    expect(Object.values(expected.unit)).toHaveLength(2);
  }, TEST_MS);

  it('answers overlapping bulk accepts across 2 units, accepting each report once', async () => {
    const { t, root, committee, campaign, http, totals } = await world();
    const east = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    const west = await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
    const eastLiaison = await newPerson(t, { role: 'liaison', unit: east });
    const westLiaison = await newPerson(t, { role: 'liaison', unit: west });
    // Filed by the units' staff: nobody reviews their own reports.
    const a = (await newReports(t, 12, { campaign, unit: east, reporter: await newPerson(t, { role: 'staff', unit: east }) })).map((r) => r.id);
    const b = (await newReports(t, 12, { campaign, unit: west, reporter: await newPerson(t, { role: 'staff', unit: west }) })).map((r) => r.id);
    const secondCommittee = await newPerson(t, { role: 'committee', unit: root });
    // Overlapping sets in different orders; a liaison's set also holds reports of the other unit.
    const requests: [string, TestPerson, string[]][] = [
      ['committee 1', committee, [...a.slice(0, 8), ...b.slice(0, 8)]],
      ['committee 2', secondCommittee, [...b.slice(4), ...a.slice(4)]],
      ['east liaison 1', eastLiaison, [...a, ...b.slice(0, 4)]],
      ['west liaison 1', westLiaison, [...b, ...a.slice(8)]],
      ['committee 3', committee, [...a.slice(6), ...b.slice(0, 6)].reverse()],
      ['east liaison 2', eastLiaison, [...a].reverse()],
    ];
    const outcomes = await race(requests.map(([label, by, ids]) => [label, http(by).post('/api/reports/bulk-accept', { reportIds: ids })]));
    expectAnswered(outcomes);

    // Each report was accepted by exactly one request; the others skipped it as accepted already,
    // and the liaisons skipped those of the other unit, which they may not see: as missing ones.
    const acceptedBy = new Map<string, string[]>();
    const wrongSkips: string[] = [];
    outcomes.forEach((o, i) => {
      if (o.status !== 200) return;
      for (const id of o.body.accepted as string[]) acceptedBy.set(id, [...(acceptedBy.get(id) ?? []), o.label]);
      const by = requests[i][1];
      for (const skip of o.body.skipped as { reportId: string; message: string }[]) {
        const foreign = (by === eastLiaison && b.includes(skip.reportId)) || (by === westLiaison && a.includes(skip.reportId));
        if (skip.message !== (foreign ? '报告不存在' : '报告已经通过')) wrongSkips.push(`${o.label}: ${skip.message}`);
      }
    });
    const notOnce = [...a, ...b].filter((id) => acceptedBy.get(id)?.length !== 1).map((id) => `${id}: ${acceptedBy.get(id)?.join(', ') ?? 'never'}`);
    const { actual, expected } = await totals({ east, west });
    expect({ answers: tally(outcomes), serverErrors: serverErrors(outcomes), wrongSkips, notOnce, totals: actual }).toEqual({
      answers: { 200: 6 },
      serverErrors: [],
      wrongSkips: [],
      notOnce: [],
      totals: expected,
    });
  }, TEST_MS);

  it('answers accepts, returns and deletes of the same reports racing, round after round', async () => {
    const { t, root, committee, campaign, http, accept, totals } = await world();
    const unit = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    const liaison = await newPerson(t, { role: 'liaison', unit });
    const staff = await newPerson(t, { role: 'staff', unit });
    const outcomes: Outcome[] = [];
    for (let round = 0; round < 6; round++) {
      const reports = await newReports(t, 4, { campaign, unit, reporter: staff });
      // Every other round they start accepted, so that returning or deleting them takes their additions back.
      if (round % 2) for (const r of reports) await accept(liaison, r).expect(200);
      const answered = await race(
        reports.flatMap((r, i): [string, request.Test][] => [
          [`${round}.${i} accept (liaison)`, accept(liaison, r)],
          [`${round}.${i} return`, http(committee).post(`/api/reports/${r.id}/review`, { action: 'return', comment: '请补充材料' })],
          [`${round}.${i} delete`, http(committee).delete(`/api/reports/${r.id}`)],
          [`${round}.${i} accept (committee)`, accept(committee, r)],
        ]),
      );
      expectAnswered(answered);
      outcomes.push(...answered);
    }
    const unexpected = outcomes.filter((o) => o.status < 500 && ![200, 204, 404, 409].includes(o.status)).map(describeOutcome);
    const { actual, expected } = await totals({ unit });
    expect({ serverErrors: serverErrors(outcomes), unexpected, totals: actual }).toEqual({ serverErrors: [], unexpected: [], totals: expected });
  }, TEST_MS);

  it('answers a unit rename racing its move (and an accept in it), round after round, keeping the tree and the totals', async () => {
    const { t, root, committee, campaign, http, accept, totals } = await world();
    const targets = [await newUnit(t, { parent: root, name: '甲区', kind: 'district' }), await newUnit(t, { parent: root, name: '乙区', kind: 'district' })];
    const units: Unit[] = [];
    const outcomes: Outcome[] = [];
    /** What each unit should be after the races: the last rename and the last move that succeeded. */
    const expected = new Map<string, { name: string; parentId: string }>();
    for (let round = 0; round < 6; round++) {
      const unit = await newUnit(t, { parent: root, name: `单位${round}` });
      units.push(unit);
      expected.set(unit.id, { name: unit.name, parentId: root.id });
      const liaison = await newPerson(t, { role: 'liaison', unit });
      const [done, waiting] = await newReports(t, 2, { campaign, unit, reporter: await newPerson(t, { role: 'staff', unit }) });
      await accept(liaison, done).expect(200);
      // This round's unit, and the one of the round before again (to the other target).
      const moving = [[unit, targets[round % 2]], ...(round > 0 ? [[units[round - 1], targets[(round + 1) % 2]]] : [])] as [Unit, Unit][];
      const calls = moving.flatMap(([u, target]): [string, request.Test, () => void][] => {
        const name = `单位${units.indexOf(u)}-${round}`;
        return [
          [`${round} rename ${u.name}`, http(committee).patch(`/api/units/${u.id}`, { name }), () => expected.set(u.id, { ...expected.get(u.id)!, name })],
          [`${round} move ${u.name}`, http(committee).post(`/api/units/${u.id}/move`, { parentId: target.id }), () => expected.set(u.id, { ...expected.get(u.id)!, parentId: target.id })],
        ];
      });
      // The committee member accepts: a liaison's accept can be refused (403) when the move lands
      // between the access guard's reads of the liaison's unit and the report's, a race of the guard
      // that this test is not about.
      const answered = await race([...calls.map(([label, test]) => [label, test] as [string, request.Test]), [`${round} accept`, accept(committee, waiting)]]);
      expectAnswered(answered);
      calls.forEach(([, , succeeded], i) => {
        if (answered[i].status < 300) succeeded();
      });
      outcomes.push(...answered);
    }
    const unexpected = outcomes.filter((o) => o.status < 500 && ![200, 201, 409].includes(o.status)).map(describeOutcome);
    const tree: UnitDto[] = (await http(committee).get(`/api/units?under=${root.id}&size=200`).expect(200)).body.items;
    const byId = new Map(tree.map((u) => [u.id, u]));
    const badDepths = tree.filter((u) => u.parentId && u.depth !== (byId.get(u.parentId)?.depth ?? NaN) + 1).map((u) => u.name);
    // Each target's subtree (a prefix query on paths) holds what has it as parent.
    const subtrees: Record<string, string[]> = {};
    const parents: Record<string, string[]> = {};
    for (const target of targets) {
      subtrees[target.name] = ((await http(committee).get(`/api/units?under=${target.id}&size=200`).expect(200)).body.items as UnitDto[]).map((u) => u.id).filter((id) => id !== target.id).sort();
      parents[target.name] = tree.filter((u) => u.parentId === target.id).map((u) => u.id).sort();
    }
    const shown = Object.fromEntries(units.map((u) => [u.id, { name: byId.get(u.id)?.name, parentId: byId.get(u.id)?.parentId }]));
    const { actual, expected: sums } = await totals(Object.fromEntries(units.map((u, i) => [`单位${i}`, u])));
    expect({ serverErrors: serverErrors(outcomes), unexpected, badDepths, subtrees, units: shown, totals: actual }).toEqual({
      serverErrors: [],
      unexpected: [],
      badDepths: [],
      subtrees: parents,
      units: Object.fromEntries(expected),
      totals: sums,
    });
  }, TEST_MS);

  // SQLite's one connection is shared by all requests: a write made while another request's
  // transaction is open must not become part of it, to vanish when that one rolls back.
  if (sqlite) it('keeps writes made while another request\'s transaction is open and then rolls back (SQLite)', async () => {
    const { t, root, committee, campaign, http, accept } = await world();
    const unit = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
    const staff = await newPerson(t, { role: 'staff', unit });
    const liaison = await newPerson(t, { role: 'liaison', unit });
    const acceptedReport = await newReport(t, { campaign, unit, reporter: staff });
    await accept(liaison, acceptedReport).expect(200);
    const item = ((await http(committee).get(`/api/campaigns/${campaign.id}`).expect(200)).body as CampaignDto).items[0];

    // Requests refused inside their transaction, so that it rolls back: a rename to a sibling's
    // name (under the tree's lock), the reporter deleting their accepted report, an items replace
    // dropping fields that hold data.
    const rollbacks: Step[] = [
      { label: 'rename to a sibling\'s name', status: 409, send: () => http(committee).patch(`/api/units/${unit.id}`, { name: '城西区' }) },
      { label: 'reporter deleting an accepted report', status: 409, send: () => http(staff).delete(`/api/reports/${acceptedReport.id}`) },
      {
        label: 'items replace dropping fields with data',
        status: 409,
        send: () => http(committee).put(`/api/campaigns/${campaign.id}/items`, { items: [{ id: item.id, title: item.title, requirement: item.requirement, fieldText: item.fieldText, fields: [] }] }),
      },
    ];
    // Plain writes, each checked after its round: a campaign's theme (a campaign per slot, each
    // written once a round), a new report, a sign-in (its refresh token).
    const themed: Campaign[] = [];
    for (let slot = 0; slot < 4; slot++) themed.push(await newCampaign(t, { organizer: root }));
    const themeWrite = (round: number, slot: number): Step => ({
      label: `campaign ${slot} theme`,
      status: 200,
      send: () => http(committee).put(`/api/campaigns/${themed[slot].id}`, { theme: `主题${round}-${slot}` }),
      kept: async () => (await http(committee).get(`/api/campaigns/${themed[slot].id}`)).body.theme === `主题${round}-${slot}`,
    });
    const reportWrite: Step = {
      label: 'new report',
      status: 201,
      send: () =>
        http(staff).post('/api/reports', {
          idempotencyKey: `k${Math.random().toString(36).slice(2, 12)}`,
          campaignId: campaign.id,
          unitId: unit.id,
          itemId: item.id,
          title: '安全宣传咨询日',
          startAt: '2026-06-16T01:00:00.000Z',
          endAt: '2026-06-16T04:00:00.000Z',
          place: '人民广场',
          description: '发放宣传资料',
          headcount: 30,
          mediaIds: [],
          contributions: [{ fieldId: item.fields[0].id, amount: 1 }],
        }),
      kept: async (o) => (await http(staff).get(`/api/reports/${o.body.id}`)).status === 200,
    };
    const signInWrite: Step = {
      label: 'sign-in',
      status: 200,
      send: () => t.http().post('/api/auth/password').send({ login: staff.username, password: staff.password }),
      kept: async (o) => (await t.http().post('/api/auth/refresh').send({ refreshToken: o.body.refreshToken })).status === 200,
    };

    const wrongAnswers: string[] = [];
    const lost: string[] = [];
    for (let round = 0; round < 25; round++) {
      // Each rolling-back request followed by plain writes, in an order that turns each round.
      const turn = <T>(list: T[]) => [...list.slice(round % list.length), ...list.slice(0, round % list.length)];
      const r = turn(rollbacks);
      const w = turn([0, 1, 2, 3].map((slot) => themeWrite(round, slot)).concat(reportWrite, signInWrite));
      const sequence = [r[0], w[0], w[1], r[1], w[2], w[3], r[2], w[4], w[5]];
      const answered = await race(sequence.map((step) => [`${round} ${step.label}`, step.send()]));
      expectAnswered(answered);
      for (const [i, o] of answered.entries()) {
        const step = sequence[i];
        if (o.status !== step.status) wrongAnswers.push(`${describeOutcome(o)} (expected ${step.status})`);
        else if (step.kept && !(await step.kept(o))) lost.push(o.label);
      }
    }
    expect({ wrongAnswers, lost }).toEqual({ wrongAnswers: [], lost: [] });
  }, TEST_MS);
});
