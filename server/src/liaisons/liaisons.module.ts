import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { UnitsModule } from '../units/units.module';
import { LiaisonRegistration } from './liaison-registration.entity';
import { LiaisonsController } from './liaisons.controller';
import { LiaisonsService } from './liaisons.service';

@Module({
  imports: [TypeOrmModule.forFeature([LiaisonRegistration]), CampaignsModule, UnitsModule],
  controllers: [LiaisonsController],
  providers: [LiaisonsService],
})
export class LiaisonsModule {}
