import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { NotificationsService } from '../notifications/notifications.service';
import { PeopleModule } from '../people/people.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RemindersModule } from '../reminders/reminders.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { UnitsModule } from '../units/units.module';
import { HazardHandlingController } from './hazard-handling.controller';
import { HAZARD_NOT_FOUND, RECTIFICATION_NOT_FOUND } from './hazard-case';
import { HazardHandlingService } from './hazard-handling.service';
import { HazardRectificationController } from './hazard-rectification.controller';
import { HazardReminders } from './hazard-reminders';
import { HazardReportsController } from './hazard-reports.controller';
import { HazardReportsService } from './hazard-reports.service';
import { HazardSettingsController } from './hazard-settings.controller';
import { HazardSettingsService } from './hazard-settings.service';

/** Hidden-hazard reports (隐患随手拍): settings, reporting and follow-up, handling and rectification. */
@Module({
  imports: [CampaignsModule, UnitsModule, PeopleModule, MediaModule, RateLimitModule, StatisticsModule, NotificationsModule, RemindersModule],
  controllers: [
    HazardSettingsController,
    HazardReportsController,
    HazardHandlingController,
    HazardRectificationController,
  ],
  providers: [
    HazardSettingsService,
    HazardReportsService,
    HazardHandlingService,
    HazardReminders,
  ],
  exports: [HazardSettingsService],
})
export class HazardsModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly reports: HazardReportsService,
    private readonly handling: HazardHandlingService,
    private readonly notifications: NotificationsService,
    private readonly reminders: HazardReminders,
  ) {}

  onModuleInit(): void {
    this.targets.register('hazard', { notFound: HAZARD_NOT_FOUND, find: (id) => this.reports.accessTarget(id) });
    this.targets.register('rectification', { notFound: RECTIFICATION_NOT_FOUND, find: (id) => this.handling.rectificationTarget(id) });
    // An overdue reminder goes only while its case is still overdue and the unit's.
    this.notifications.beforeSend(['hazard_overdue'], (messages) => this.reminders.stillOverdue(messages));
  }
}
