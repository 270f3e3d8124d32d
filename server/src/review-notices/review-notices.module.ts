import { Module, OnModuleInit } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { ReportsService } from '../reports/reports.service';
import { StatisticsTableModule } from '../statistics/statistics-table.module';
import { StatisticsTableService } from '../statistics/statistics-table.service';
import { UnitsModule } from '../units/units.module';
import { ReviewNoticesService } from './review-notices.service';

/**
 * Tells people of reviews and hand-ins: listens to the features that review (reports, statistics
 * tables, deliverables), which know nothing of notifications, and writes to the outbox through
 * `NotificationsService`, which knows nothing of them.
 */
@Module({
  imports: [NotificationsModule, CampaignsModule, UnitsModule, PeopleModule, ReportsModule, StatisticsTableModule, DeliverablesModule],
  providers: [ReviewNoticesService],
})
export class ReviewNoticesModule implements OnModuleInit {
  constructor(
    private readonly reports: ReportsService,
    private readonly tables: StatisticsTableService,
    private readonly deliverables: DeliverablesService,
    private readonly notices: ReviewNoticesService,
  ) {}

  onModuleInit(): void {
    this.reports.onReviewed(this.notices.reportReviewed);
    this.tables.onHandedIn(this.notices.tableHandedIn);
    this.deliverables.onReturned(this.notices.handInReturned);
  }
}
