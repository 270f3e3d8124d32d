import { Module, OnModuleInit } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { UnitsService } from '../units/units.service';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [UnitsModule],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule implements OnModuleInit {
  constructor(
    private readonly units: UnitsService,
    private readonly statistics: StatisticsService,
  ) {}

  /** A unit's move carries its subtree's sums from its old ancestors to its new ones, in the same transaction. */
  onModuleInit(): void {
    this.units.onMove(({ unitId, oldPath, newPath }) => this.statistics.moved(unitId, oldPath, newPath));
  }
}
