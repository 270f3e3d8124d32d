import { Module, OnModuleInit } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { LiaisonsModule } from '../liaisons/liaisons.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { NotificationsService } from '../notifications/notifications.service';
import { PeopleModule } from '../people/people.module';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

@Module({
  imports: [CampaignsModule, DeliverablesModule, PeopleModule, LiaisonsModule, NotificationsModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderScheduler],
  exports: [RemindersService],
})
export class RemindersModule implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
  ) {}

  /** A reminder is sent only while its unit still owes the instance; one that handed it in meanwhile gets nothing. */
  onModuleInit(): void {
    this.notifications.beforeSend(['deadline_reminder', 'overdue_notice', 'manual_reminder'], (message) => this.reminders.stillOwed(message));
  }
}
