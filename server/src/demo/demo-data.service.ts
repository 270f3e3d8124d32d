import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_HAZARD_CATEGORIES, Role, UnitKind } from '@safemonth/shared';
import { hashPassword } from '../auth/passwords';
import { CampaignsService } from '../campaigns/campaigns.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database.service';
import { HazardSettingsService } from '../hazards/hazard-settings.service';
import { PeopleService } from '../people/people.service';
import { UnitsService } from '../units/units.service';

export const DEMO_PASSWORD = 'safemonth-demo';

export interface DemoSignIn {
  username: string;
  password: string;
  role: Role;
  unit: string;
}

/**
 * The demo committee, units, one account per role and a published campaign that `npm start` creates
 * on an empty embedded database.
 */
@Injectable()
export class DemoDataService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly campaigns: CampaignsService,
    private readonly database: Database,
    private readonly hazards: HazardSettingsService,
    private readonly clock: Clock,
  ) {}

  /** Creates the demo data unless the database already holds units. Returns the demo sign-ins. */
  async seedIfEmpty(): Promise<DemoSignIn[] | null> {
    if (this.config.database.driver !== 'sqlite') return null; // never in MySQL mode
    if ((await this.units.list([{ path: '/', subtree: true }], { size: 1 })).total > 0) return null;

    const committee = await this.units.createRoot('示范市安全生产委员会办公室', 'DEMO');
    const district = await this.units.create({ name: '东城区', kind: UnitKind.District, parentId: committee.id });
    const education = await this.units.create({ name: '市教育局', kind: UnitKind.Department, parentId: committee.id });
    await this.units.create({ name: '东城化工有限公司', kind: UnitKind.Enterprise, parentId: district.id });
    await this.units.create({ name: '示范市第一中学', kind: UnitKind.School, parentId: education.id });

    const passwordHash = await hashPassword(DEMO_PASSWORD, this.config.passwordHashMemoryKib);
    const accounts: { username: string; displayName: string; role: Role; unit: typeof committee }[] = [
      { username: 'demo.committee', displayName: '王安委（演示）', role: 'committee', unit: committee },
      { username: 'demo.liaison', displayName: '李联络（演示）', role: 'liaison', unit: district },
      // Staff of the liaison's own unit, so that the demo liaison reviews the demo staff's reports.
      { username: 'demo.staff', displayName: '张填报（演示）', role: 'staff', unit: district },
    ];
    const personIds = new Map<string, string>();
    await this.database.transaction(async () => {
      for (const account of accounts) {
        const person = await this.people.createWithPassword({
          displayName: account.displayName,
          username: account.username,
          passwordHash,
        });
        await this.people.addMembership(person.id, account.unit.id, account.role);
        personIds.set(account.username, person.id);
      }
    });
    // One published campaign from a shipped template, in a year whose deadlines are still ahead.
    const now = new Date(this.clock.now().getTime() + 8 * 3600_000);
    const year = now.getUTCMonth() < 6 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
    const campaign = await this.campaigns.createFromTemplate('zhongwei-2021-city', committee.id, year);
    await this.campaigns.publish(campaign.id);
    // Hazard reports open to all, anonymous ones too, handled by the demo committee, all closed by 1 July (隐患清零).
    await this.hazards.update(campaign.id, {
      allowAnonymous: true,
      allowPublic: true,
      categories: [...DEFAULT_HAZARD_CATEGORIES],
      zeroingDate: `${year}-07-01`,
      fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null },
      handlerIds: [personIds.get('demo.committee') as string],
    });
    return accounts.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role, unit: a.unit.name }));
  }
}
