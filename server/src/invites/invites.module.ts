import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PeopleModule } from '../people/people.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UnitsModule } from '../units/units.module';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';

@Module({
  imports: [UnitsModule, PeopleModule, AuthModule, RateLimitModule],
  controllers: [InvitesController],
  providers: [InvitesService],
})
export class InvitesModule {}
