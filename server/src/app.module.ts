import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessModule } from './auth/access.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CommonModule } from './common/common.module';
import { ApiErrorFilter } from './common/error-filter';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeliverablesModule } from './deliverables/deliverables.module';
import { DemoModule } from './demo/demo.module';
import { ExportsModule } from './exports/exports.module';
import { HazardsModule } from './hazards/hazards.module';
import { HealthModule } from './health/health.module';
import { InvitesModule } from './invites/invites.module';
import { LiaisonsModule } from './liaisons/liaisons.module';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PeopleModule } from './people/people.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewNoticesModule } from './review-notices/review-notices.module';
import { StatisticsModule } from './statistics/statistics.module';
import { StatisticsTableModule } from './statistics/statistics-table.module';
import { UnitsModule } from './units/units.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule,
        AccessModule,
        RateLimitModule,
        UnitsModule,
        PeopleModule,
        AuthModule,
        InvitesModule,
        StatisticsModule,
        CampaignsModule,
        StatisticsTableModule,
        LiaisonsModule,
        ReportsModule,
        MediaModule,
        DeliverablesModule,
        ExportsModule,
        NotificationsModule,
        RemindersModule,
        ReviewNoticesModule,
        HazardsModule,
        HealthModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
