/**
 * Set-up commands for an operator, e.g. the first committee and its first account on a new MySQL:
 *   node server/dist/cli.js create-committee --name "某市安委办" --username admin --password '…' [--display-name "管理员"]
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { classifyLogin, passwordProblem } from '@safemonth/shared';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { hashPassword } from './auth/passwords';
import { loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { Database } from './database/database.service';
import { PeopleService } from './people/people.service';
import { UnitsService } from './units/units.service';

async function createCommittee(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      code: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
    },
  });
  if (!values.name || !values.username || !values.password) {
    throw new Error('create-committee needs --name, --username and --password');
  }
  const login = classifyLogin(values.username);
  if ('error' in login) throw new Error(login.error);
  const weak = passwordProblem(values.password);
  if (weak) throw new Error(weak);

  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, logLevel: 'warn' }), { logger: ['error'] });
  try {
    await runMigrations(context.get(DataSource));
    const unit = await context.get(UnitsService).createRoot(values.name, values.code);
    const people = context.get(PeopleService);
    const passwordHash = await hashPassword(values.password, config.passwordHashMemoryKib);
    await context.get(Database).transaction(async () => {
      const person = await people.createWithPassword({
        displayName: values['display-name'] ?? values.username!,
        passwordHash,
        ...(login.kind === 'phone' ? { phone: values.username } : { username: values.username }),
      });
      await people.addMembership(person.id, unit.id, 'committee');
    });
    console.log(`Created committee “${unit.name}” (${unit.id}) with committee account ${values.username}`);
  } finally {
    await context.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { 'create-committee': createCommittee };
const run = commands[command ?? ''];
if (!run) {
  console.error(`Usage: cli.js <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}
run(rest).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
