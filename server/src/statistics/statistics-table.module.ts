import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsModule } from './statistics.module';
import { StatisticsTableService } from './statistics-table.service';

/**
 * The statistics tables' API. A module of its own: it reads the campaigns' items and fields and
 * the reports' evidence links, and both those features sit on `StatisticsModule`.
 */
@Module({
  imports: [StatisticsModule, CampaignsModule, UnitsModule, PeopleModule, ReportsModule],
  controllers: [StatisticsController],
  providers: [StatisticsTableService],
  exports: [StatisticsTableService],
})
export class StatisticsTableModule {}
