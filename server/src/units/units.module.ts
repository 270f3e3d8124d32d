import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  controllers: [UnitsController],
  providers: [UnitsService],
  exports: [UnitsService],
})
export class UnitsModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly units: UnitsService,
  ) {}

  onModuleInit(): void {
    this.targets.register('unit', { notFound: '单位不存在', find: (id) => this.units.find(id) });
  }
}
