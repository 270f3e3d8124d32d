import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MEMBER_SORTS, MemberSort, MeResponse, Page, UnitMemberDto } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { SortedPageQueryDto } from '../common/paging';
import { Optional } from '../common/validation';
import { PeopleService, toPersonDto } from './people.service';

export class ListMembersQuery extends SortedPageQueryDto {
  @ApiPropertyOptional({ enum: MEMBER_SORTS, description: 'Default: role, then as they joined' })
  @Optional()
  @IsIn(MEMBER_SORTS, { message: '排序字段无效' })
  sort?: MemberSort;
}

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
  members(@Param('id') unitId: string, @Query() query: ListMembersQuery, @CurrentActor() actor: Actor): Promise<Page<UnitMemberDto>> {
    return this.people.listMembers(unitId, actor, query);
  }

  @Delete('memberships/:id')
  @HttpCode(204)
  @Access('member.manage', { param: 'id', via: 'membership' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.people.removeMembership(id);
  }
}
