import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { StatisticsModule } from '../statistics/statistics.module';
import { UnitsModule } from '../units/units.module';
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
  ) {}

  /** A campaign is decided on at its organizing unit; whether it is published matters to who may read it. */
  onModuleInit(): void {
    this.targets.register('campaign', {
      notFound: '活动不存在',
      find: async (id) => {
        const campaign = await this.campaigns.accessTarget(id);
        return campaign ? { path: campaign.organizerPath, context: { published: campaign.published } } : null;
      },
    });
  }
}
