import type { MigrationInterface } from 'typeorm';
import { Initial1795465266556 } from './1795465266556-Initial';
import { Campaigns1795468152846 } from './1795468152846-Campaigns';
import { ReportsAndMedia1795471003799 } from './1795471003799-ReportsAndMedia';
import { SubmissionFromReportRow1795490554878 } from './1795490554878-SubmissionFromReportRow';
import { SelfReview1796207686382 } from './1796207686382-SelfReview';
import { DropAccountLockout1796207768906 } from './1796207768906-DropAccountLockout';
import { StatisticsTables1796220993329 } from './1796220993329-StatisticsTables';
import { HandIns1796221990539 } from './1796221990539-HandIns';
import { TableSubmissionsAndReportLinks1796222913651 } from './1796222913651-TableSubmissionsAndReportLinks';
import { ExportJobs1796222971485 } from './1796222971485-ExportJobs';
import { HandInTallies1796223005510 } from './1796223005510-HandInTallies';
import { ProposedAnswers1796232005607 } from './1796232005607-ProposedAnswers';
import { Notifications1796233645792 } from './1796233645792-Notifications';
import { NotificationChannels1796233876286 } from './1796233876286-NotificationChannels';
import { ReminderPolicies1796233918320 } from './1796233918320-ReminderPolicies';
import { ReminderTick1796233990000 } from './1796233990000-ReminderTick';
import { Hazards1796283195963 } from './1796283195963-Hazards';

// Written by generate-migration.ts: every migration of this folder, oldest first.
export const MYSQL_MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795465266556, Campaigns1795468152846, ReportsAndMedia1795471003799, SubmissionFromReportRow1795490554878, SelfReview1796207686382, DropAccountLockout1796207768906, StatisticsTables1796220993329, HandIns1796221990539, TableSubmissionsAndReportLinks1796222913651, ExportJobs1796222971485, HandInTallies1796223005510, ProposedAnswers1796232005607, Notifications1796233645792, NotificationChannels1796233876286, ReminderPolicies1796233918320, ReminderTick1796233990000, Hazards1796283195963];
