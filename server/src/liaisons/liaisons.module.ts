import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { UnitsModule } from '../units/units.module';
import { LiaisonsController } from './liaisons.controller';
import { LiaisonsService } from './liaisons.service';

@Module({
  imports: [CampaignsModule, UnitsModule],
  controllers: [LiaisonsController],
  providers: [LiaisonsService],
})
export class LiaisonsModule {}
