import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { DemoDataService } from './demo-data.service';

@Module({ imports: [UnitsModule, PeopleModule], providers: [DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
