import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { StatisticsModule } from '../statistics/statistics.module';
import { UnitsModule } from '../units/units.module';
import { UnitsService } from '../units/units.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [UnitsModule, StatisticsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService],
  exports: [CampaignsService],
})
export class CampaignsModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
  ) {}

  /**
   * A campaign is decided on at its organizing unit; whether it is published matters to who may read
   * it. A unit a campaign names as participating stays (the list is JSON, which no key protects).
   */
  onModuleInit(): void {
    this.units.onRemoval(async (unit) =>
      (await this.campaigns.hasParticipant(unit.id)) ? `“${unit.name}”是活动的参与单位，请先在活动设置中去掉它` : null,
    );
    this.targets.register('campaign', {
      notFound: '活动不存在',
      find: async (id) => {
        const campaign = await this.campaigns.accessTarget(id);
        return campaign ? { path: campaign.organizerPath, context: { published: campaign.published } } : null;
      },
    });
  }
}
