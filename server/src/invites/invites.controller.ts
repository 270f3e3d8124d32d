import { Body, Controller, Delete, Get, Header, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InviteDto, InvitePreview, InviteQrResponse, Page, RedeemInviteResponse, SignInResponse } from '@safemonth/shared';
import { Access, CurrentActor, Public, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { PageQueryDto } from '../common/paging';
import { CreateInviteDto, RedeemInviteDto, RegisterWithInviteDto } from './invites.dto';
import { InvitesService } from './invites.service';

@ApiTags('invites')
@Controller()
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post('invites')
  @Access('invite.manage', { body: 'unitId', roleFromBody: 'role' })
  create(@Body() body: CreateInviteDto, @CurrentActor() actor: Actor): Promise<InviteDto> {
    return this.invites.create(body, actor.personId);
  }

  @Get('units/:id/invites')
  @Access('invite.manage', { param: 'id' })
  list(@Param('id') unitId: string, @Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<InviteDto>> {
    return this.invites.listOpen(unitId, actor, query);
  }

  /** By the invite's id, not its code, so that no code lands in request logs; same rule as the list. */
  @Get('units/:id/invites/:inviteId/qr')
  @Access('invite.manage', { param: 'id' })
  // The image holds the code: kept out of shared caches and off disk.
  @Header('Cache-Control', 'private, no-store')
  qrCode(@Param('id') unitId: string, @Param('inviteId') inviteId: string, @CurrentActor() actor: Actor): Promise<InviteQrResponse> {
    return this.invites.qrCode(unitId, inviteId, actor);
  }

  /** Takes an invite back, so that it can no longer be previewed or redeemed; same rule as the list. */
  @Delete('units/:id/invites/:inviteId')
  @HttpCode(204)
  @Access('invite.manage', { param: 'id' })
  async revoke(@Param('id') unitId: string, @Param('inviteId') inviteId: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.invites.revoke(unitId, inviteId, actor);
  }

  @Get('invites/:code/preview')
  @Public()
  preview(@Param('code') code: string, @Ip() ip: string): Promise<InvitePreview> {
    return this.invites.preview(code, { clientAddress: ip });
  }

  @Post('invites/redeem')
  @HttpCode(200)
  @SignedIn()
  async redeem(@Body() body: RedeemInviteDto, @CurrentActor() actor: Actor, @Ip() ip: string): Promise<RedeemInviteResponse> {
    return { membership: await this.invites.redeem(body.code, { clientAddress: ip, personId: actor.personId }) };
  }

  @Post('invites/register')
  @HttpCode(200)
  @Public()
  register(@Body() body: RegisterWithInviteDto, @Ip() ip: string): Promise<SignInResponse> {
    return this.invites.register(body, ip);
  }
}
