import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { LiaisonsModule } from '../liaisons/liaisons.module';
import { ReportsModule } from '../reports/reports.module';
import { StatisticsTableModule } from '../statistics/statistics-table.module';
import { UnitsModule } from '../units/units.module';
import { ExportRunner } from './export-runner';
import { ExportWriter } from './export-writer';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [CampaignsModule, UnitsModule, StatisticsTableModule, DeliverablesModule, ReportsModule, LiaisonsModule],
  controllers: [ExportsController],
  providers: [ExportsService, ExportWriter, ExportRunner],
})
export class ExportsModule {}
