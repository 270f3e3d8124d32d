import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { HazardsModule } from '../hazards/hazards.module';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { DemoDataService } from './demo-data.service';

@Module({ imports: [UnitsModule, PeopleModule, CampaignsModule, HazardsModule], providers: [DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
