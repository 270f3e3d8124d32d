import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MeResponse, UnitMemberDto } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { PeopleService, toPersonDto } from './people.service';

@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('me')
  @SignedIn()
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const [person, memberships] = await Promise.all([this.people.get(actor.personId), this.people.membershipsOf(actor.personId)]);
    return { person: toPersonDto(person), memberships };
  }

  @Get('units/:id/members')
  @Access('member.read', { param: 'id' })
  members(@Param('id') unitId: string): Promise<UnitMemberDto[]> {
    return this.people.membersOf(unitId);
  }

  @Delete('memberships/:id')
  @HttpCode(204)
  @Access('member.manage', { param: 'id', via: 'membership' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.people.removeMembership(id);
  }
}
