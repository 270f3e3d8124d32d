import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsModule } from './statistics.module';
import { StatisticsTableService } from './statistics-table.service';

/**
 * The statistics tables' API. A module of its own: it reads the campaigns' items and fields, and
 * the campaigns feature itself sits on `StatisticsModule` (whether a field holds data).
 */
@Module({
  imports: [StatisticsModule, CampaignsModule, UnitsModule, PeopleModule],
  controllers: [StatisticsController],
  providers: [StatisticsTableService],
})
export class StatisticsTableModule {}
