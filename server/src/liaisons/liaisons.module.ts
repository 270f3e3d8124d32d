import { Module, OnModuleInit } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { UnitsModule } from '../units/units.module';
import { UnitsService } from '../units/units.service';
import { LiaisonsController } from './liaisons.controller';
import { LiaisonsService } from './liaisons.service';

@Module({
  imports: [CampaignsModule, UnitsModule],
  controllers: [LiaisonsController],
  providers: [LiaisonsService],
  exports: [LiaisonsService],
})
export class LiaisonsModule implements OnModuleInit {
  constructor(
    private readonly units: UnitsService,
    private readonly liaisons: LiaisonsService,
  ) {}

  /** Registrations go with their unit (a cascading key), so its removal asks first. */
  onModuleInit(): void {
    this.units.onRemoval(async (unit) =>
      (await this.liaisons.hasRegistrations(unit.id)) ? `“${unit.name}”已填写联络员信息表，不能删除` : null,
    );
  }
}
