import { Module, OnModuleInit } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CampaignsService } from '../campaigns/campaigns.service';
import { LiaisonsModule } from '../liaisons/liaisons.module';
import { LiaisonsService } from '../liaisons/liaisons.service';
import { MediaModule } from '../media/media.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { StatisticsTableModule } from '../statistics/statistics-table.module';
import { StatisticsTableService } from '../statistics/statistics-table.service';
import { UnitsModule } from '../units/units.module';
import { UnitsService } from '../units/units.service';
import { DeliverablesController } from './deliverables.controller';
import { DeliverablesService } from './deliverables.service';

@Module({
  imports: [CampaignsModule, UnitsModule, PeopleModule, ReportsModule, MediaModule, LiaisonsModule, StatisticsTableModule],
  controllers: [DeliverablesController],
  providers: [DeliverablesService],
  exports: [DeliverablesService],
})
export class DeliverablesModule implements OnModuleInit {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly liaisons: LiaisonsService,
    private readonly tables: StatisticsTableService,
    private readonly deliverables: DeliverablesService,
  ) {}

  /**
   * A unit's move carries its subtree's hand-in tallies from its old ancestors to its new ones; a
   * saved liaison form, and a table handed in or reviewed, are the hand-ins of the liaison form and
   * of the statistics table; all in the same transaction. Once a campaign's deliverables are
   * replaced, the forms saved already count for a liaison form deliverable added.
   */
  onModuleInit(): void {
    this.units.onMove(({ unitId, oldPath, newPath }) => this.deliverables.moved(unitId, oldPath, newPath));
    this.campaigns.onDeliverablesReplaced(({ campaignId }) => this.deliverables.countSavedLiaisonForms(campaignId));
    this.liaisons.onSaved((change) => this.deliverables.handedInByForm('liaison_form', { ...change, state: 'accepted' }));
    this.tables.onHandedIn((change) => this.deliverables.handedInByForm('statistics_table', change));
  }
}
