import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

// Each person's "next deadline" is the next of theirs to meet: staff never the liaison form.
describe('role-aware next deadline', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let campaignId: string;
  let committee: TestPerson;
  let liaison: TestPerson;
  let staff: TestPerson;
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '中卫市安委办' });
    district = await newUnit(t, { parent: root, name: '沙坡头区', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root });
    liaison = await newPerson(t, { role: 'liaison', unit: district });
    staff = await newPerson(t, { role: 'staff', unit: district });
    const campaign = await newCampaign(t, { organizer: root, year: 2026 });
    campaignId = campaign.id;
    // The liaison form is due first (4 June), the unit's plan later (10 June).
    await t.app.get(CampaignsService).replaceDeliverables(campaign.id, {
      deliverables: [
        { kind: 'liaison_form', title: '联络员信息表', rule: { kind: 'once', due: '2026-06-04 18:00' } },
        { kind: 'unit_plan', title: '单位活动方案', rule: { kind: 'once', due: '2026-06-10 18:00' } },
      ],
    });
    t.advanceClock(Date.parse('2026-06-01T01:00:00Z') - Date.now());
  });
  afterAll(() => t.close());

  const next = async (person: TestPerson) => {
    const one = await t.http().get(`/api/campaigns/${campaignId}`).set('authorization', person.auth).expect(200);
    const all = await t.http().get('/api/campaigns').set('authorization', person.auth).expect(200);
    const listed = all.body.find((c: { id: string }) => c.id === campaignId);
    expect(listed.nextDeadline).toEqual(one.body.nextDeadline);
    return one.body.nextDeadline?.title;
  };

  it('shows staff their unit\'s deliverables without the liaison form', async () => {
    expect(await next(staff)).toBe('单位活动方案');
  });

  it('shows the liaison and the committee the liaison form too', async () => {
    expect(await next(liaison)).toBe('联络员信息表');
    expect(await next(committee)).toBe('联络员信息表');
  });
});
