import { DataSource } from 'typeorm';
import { Campaign } from '../src/campaigns/campaign.entity';
import { DemoDataService } from '../src/demo/demo-data.service';
import { Unit } from '../src/units/unit.entity';
import { createTestApp, TestApp } from './support/test-app';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  if (process.env.TEST_DATABASE === 'mariadb') {
    it('is never created on MySQL/MariaDB', async () => {
      expect(await t.app.get(DemoDataService).seedIfEmpty()).toBeNull();
      expect(await t.app.get(DataSource).getRepository(Unit).count()).toBe(0);
    });
  } else {
    it('creates a committee, units, one sign-in per role and a published campaign, once', async () => {
      const signIns = await t.app.get(DemoDataService).seedIfEmpty();
      expect(signIns?.map((s) => [s.username, s.role])).toEqual([
        ['demo.committee', 'committee'],
        ['demo.liaison', 'liaison'],
        ['demo.staff', 'staff'],
      ]);
      for (const s of signIns ?? []) {
        await t.http().post('/api/auth/password').send({ login: s.username, password: s.password }).expect(200);
      }
      const campaigns = await t.app.get(DataSource).getRepository(Campaign).find();
      expect(campaigns.map((c) => c.status)).toEqual(['published']);
      // Anyone may report a hazard on the demo campaign, without an account.
      const open = (await t.http().get('/api/hazard-campaigns').expect(200)).body;
      expect(open).toMatchObject([{ id: campaigns[0].id, allowAnonymous: true, allowPublic: true }]);
      expect(await t.app.get(DemoDataService).seedIfEmpty()).toBeNull();
    });
  }
});
