import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderPolicies1796233918320 implements MigrationInterface {
  name = 'ReminderPolicies1796233918320';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_policy" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36), "policy" text NOT NULL, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_reminder_policy" UNIQUE ("campaignId", "deliverableId"))`);
    await queryRunner.query(`CREATE TABLE "temporary_reminder_policy" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36), "policy" text NOT NULL, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_reminder_policy" UNIQUE ("campaignId", "deliverableId"), CONSTRAINT "FK_ef5b00e1a68c8a9a3327ee16835" FOREIGN KEY ("campaignId") REFERENCES "campaign" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d60113bd1fdebb514fbf224be67" FOREIGN KEY ("deliverableId") REFERENCES "deliverable" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_reminder_policy"("id", "campaignId", "deliverableId", "policy", "updatedAt") SELECT "id", "campaignId", "deliverableId", "policy", "updatedAt" FROM "reminder_policy"`);
    await queryRunner.query(`DROP TABLE "reminder_policy"`);
    await queryRunner.query(`ALTER TABLE "temporary_reminder_policy" RENAME TO "reminder_policy"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_policy" RENAME TO "temporary_reminder_policy"`);
    await queryRunner.query(`CREATE TABLE "reminder_policy" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36), "policy" text NOT NULL, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_reminder_policy" UNIQUE ("campaignId", "deliverableId"))`);
    await queryRunner.query(`INSERT INTO "reminder_policy"("id", "campaignId", "deliverableId", "policy", "updatedAt") SELECT "id", "campaignId", "deliverableId", "policy", "updatedAt" FROM "temporary_reminder_policy"`);
    await queryRunner.query(`DROP TABLE "temporary_reminder_policy"`);
    await queryRunner.query(`DROP TABLE "reminder_policy"`);
  }
}
