import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { MediaModule } from '../media/media.module';
import { PeopleModule } from '../people/people.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { UnitsModule } from '../units/units.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CampaignsModule, UnitsModule, PeopleModule, StatisticsModule, MediaModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly reports: ReportsService,
  ) {}

  onModuleInit(): void {
    this.targets.register('report', { notFound: '报告不存在', find: (id) => this.reports.accessTarget(id) });
  }
}
