import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MeResponse, Page, UnitMemberDto } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { PageQueryDto } from '../common/paging';
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
  members(@Param('id') unitId: string, @Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<UnitMemberDto>> {
    return this.people.listMembers(unitId, actor, query);
  }

  @Delete('memberships/:id')
  @HttpCode(204)
  @Access('member.manage', { param: 'id', via: 'membership' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.people.removeMembership(id);
  }
}
