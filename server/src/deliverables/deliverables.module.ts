import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { LiaisonsModule } from '../liaisons/liaisons.module';
import { MediaModule } from '../media/media.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { DeliverablesController } from './deliverables.controller';
import { DeliverablesService } from './deliverables.service';

@Module({
  imports: [CampaignsModule, UnitsModule, PeopleModule, ReportsModule, MediaModule, LiaisonsModule],
  controllers: [DeliverablesController],
  providers: [DeliverablesService],
  exports: [DeliverablesService],
})
export class DeliverablesModule {}
