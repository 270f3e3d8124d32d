import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { UnitsModule } from '../units/units.module';
import { UnitsService } from '../units/units.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  imports: [UnitsModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
  ) {}

  onModuleInit(): void {
    this.targets.register('membership', {
      notFound: '该成员关系不存在',
      find: async (id) => {
        const path = await this.people.membershipUnitPath(id);
        return path ? { path } : null;
      },
    });
    this.units.onRemoval(async (unit) => ((await this.people.hasMembers(unit.id)) ? `“${unit.name}”还有成员，请先移除成员` : null));
  }
}
