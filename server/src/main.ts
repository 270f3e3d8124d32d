import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { createApp } from './app.factory';
import { EmbeddedDatabaseError } from './database/data-source';
import { DeliverablesService } from './deliverables/deliverables.service';
import { DemoDataService } from './demo/demo-data.service';
import { ExportRunner } from './exports/export-runner';
import { HazardReportsService } from './hazards/hazard-reports.service';
import { HazardReminders } from './hazards/hazard-reminders';
import { MediaService } from './media/media.service';
import { OutboxWorker } from './notifications/outbox-worker';
import { ReminderScheduler } from './reminders/reminder-scheduler';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.database.driver === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  const app = await createApp(config);
  // Before any request: a saved liaison form lacking its hand-in of the campaign's liaison form deliverable gets it.
  await app.get(DeliverablesService).countSavedLiaisonForms();
  const demo = config.demoData ? await app.get(DemoDataService).seedIfEmpty() : null;
  // Every interface, as phones and the h5 app reach it over the network (Fastify's default is localhost).
  await app.listen(config.port, '0.0.0.0');
  app.get(MediaService).startSweeping();
  app.get(HazardReportsService).startSweeping();
  app.get(ExportRunner).start();
  app.get(OutboxWorker).start();
  app.get(ReminderScheduler).start();
  app.get(HazardReminders).start();

  const lines = [
    `SafeMonth is running at ${config.publicBaseUrl}/`,
    `  API:       ${config.publicBaseUrl}/api  (OpenAPI: ${config.publicBaseUrl}/api/docs)`,
    `  Database:  ${config.database.driver === 'sqlite' ? `embedded SQLite at ${config.database.sqlitePath}` : config.database.driver}`,
  ];
  if (!existsSync(config.h5Dir)) lines.push(`  h5 app:    not built (${config.h5Dir} is missing): run npm run build`);
  if (demo) {
    lines.push('  Demo sign-ins (created now, on the empty embedded database):');
    for (const d of demo) lines.push(`    ${d.role.padEnd(9)} ${d.username.padEnd(16)} password ${d.password}   (${d.unit})`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error instanceof EmbeddedDatabaseError ? error.message : error);
  process.exit(1);
});
