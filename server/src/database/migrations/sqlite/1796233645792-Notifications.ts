import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796233645792 implements MigrationInterface {
  name = 'Notifications1796233645792';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "outboxMessageId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "createdAt" datetime(6) NOT NULL, "readAt" datetime(6))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_inbox_message_outbox" ON "inbox_message" ("outboxMessageId") `);
    await queryRunner.query(`CREATE INDEX "ix_inbox_message_person" ON "inbox_message" ("personId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "outbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "key" varchar(255) NOT NULL, "channel" varchar(10) NOT NULL, "kind" varchar(30) NOT NULL, "personId" varchar(36), "address" varchar(255), "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "facts" text NOT NULL, "campaignId" varchar(36), "unitId" varchar(36), "deliverableId" varchar(36), "periodKey" varchar(20), "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL, "sentAt" datetime(6))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbox_message_key" ON "outbox_message" ("key") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_person" ON "outbox_message" ("personId") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_unit" ON "outbox_message" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_log" ON "outbox_message" ("campaignId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_claim" ON "outbox_message" ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE TABLE "delivery_attempt" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "at" datetime(6) NOT NULL, "outcome" varchar(10) NOT NULL, "error" varchar(500))`);
    await queryRunner.query(`CREATE INDEX "ix_delivery_attempt_message" ON "delivery_attempt" ("messageId") `);
    await queryRunner.query(`DROP INDEX "uq_inbox_message_outbox"`);
    await queryRunner.query(`DROP INDEX "ix_inbox_message_person"`);
    await queryRunner.query(`CREATE TABLE "temporary_inbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "outboxMessageId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "createdAt" datetime(6) NOT NULL, "readAt" datetime(6), CONSTRAINT "FK_eedf24f837f1ff50b5baf814745" FOREIGN KEY ("personId") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_inbox_message"("id", "personId", "outboxMessageId", "kind", "title", "body", "link", "createdAt", "readAt") SELECT "id", "personId", "outboxMessageId", "kind", "title", "body", "link", "createdAt", "readAt" FROM "inbox_message"`);
    await queryRunner.query(`DROP TABLE "inbox_message"`);
    await queryRunner.query(`ALTER TABLE "temporary_inbox_message" RENAME TO "inbox_message"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_inbox_message_outbox" ON "inbox_message" ("outboxMessageId") `);
    await queryRunner.query(`CREATE INDEX "ix_inbox_message_person" ON "inbox_message" ("personId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "uq_outbox_message_key"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_person"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_unit"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_log"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_claim"`);
    await queryRunner.query(`CREATE TABLE "temporary_outbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "key" varchar(255) NOT NULL, "channel" varchar(10) NOT NULL, "kind" varchar(30) NOT NULL, "personId" varchar(36), "address" varchar(255), "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "facts" text NOT NULL, "campaignId" varchar(36), "unitId" varchar(36), "deliverableId" varchar(36), "periodKey" varchar(20), "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL, "sentAt" datetime(6), CONSTRAINT "FK_eaee4d23c28c8b228e1fe3e57a5" FOREIGN KEY ("personId") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_04666289cb82df9d80e3d8357bc" FOREIGN KEY ("campaignId") REFERENCES "campaign" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2b1951cc39792ac648fc1efa22c" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_outbox_message"("id", "key", "channel", "kind", "personId", "address", "title", "body", "link", "facts", "campaignId", "unitId", "deliverableId", "periodKey", "status", "attempts", "nextAttemptAt", "runnerId", "leaseUntil", "lastError", "createdAt", "sentAt") SELECT "id", "key", "channel", "kind", "personId", "address", "title", "body", "link", "facts", "campaignId", "unitId", "deliverableId", "periodKey", "status", "attempts", "nextAttemptAt", "runnerId", "leaseUntil", "lastError", "createdAt", "sentAt" FROM "outbox_message"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`ALTER TABLE "temporary_outbox_message" RENAME TO "outbox_message"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbox_message_key" ON "outbox_message" ("key") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_person" ON "outbox_message" ("personId") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_unit" ON "outbox_message" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_log" ON "outbox_message" ("campaignId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_claim" ON "outbox_message" ("status", "nextAttemptAt") `);
    await queryRunner.query(`DROP INDEX "ix_delivery_attempt_message"`);
    await queryRunner.query(`CREATE TABLE "temporary_delivery_attempt" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "at" datetime(6) NOT NULL, "outcome" varchar(10) NOT NULL, "error" varchar(500), CONSTRAINT "FK_3d15d74e84fc220cec4ab90841a" FOREIGN KEY ("messageId") REFERENCES "outbox_message" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_delivery_attempt"("id", "messageId", "at", "outcome", "error") SELECT "id", "messageId", "at", "outcome", "error" FROM "delivery_attempt"`);
    await queryRunner.query(`DROP TABLE "delivery_attempt"`);
    await queryRunner.query(`ALTER TABLE "temporary_delivery_attempt" RENAME TO "delivery_attempt"`);
    await queryRunner.query(`CREATE INDEX "ix_delivery_attempt_message" ON "delivery_attempt" ("messageId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_delivery_attempt_message"`);
    await queryRunner.query(`ALTER TABLE "delivery_attempt" RENAME TO "temporary_delivery_attempt"`);
    await queryRunner.query(`CREATE TABLE "delivery_attempt" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "at" datetime(6) NOT NULL, "outcome" varchar(10) NOT NULL, "error" varchar(500))`);
    await queryRunner.query(`INSERT INTO "delivery_attempt"("id", "messageId", "at", "outcome", "error") SELECT "id", "messageId", "at", "outcome", "error" FROM "temporary_delivery_attempt"`);
    await queryRunner.query(`DROP TABLE "temporary_delivery_attempt"`);
    await queryRunner.query(`CREATE INDEX "ix_delivery_attempt_message" ON "delivery_attempt" ("messageId") `);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_claim"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_log"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_unit"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_person"`);
    await queryRunner.query(`DROP INDEX "uq_outbox_message_key"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" RENAME TO "temporary_outbox_message"`);
    await queryRunner.query(`CREATE TABLE "outbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "key" varchar(255) NOT NULL, "channel" varchar(10) NOT NULL, "kind" varchar(30) NOT NULL, "personId" varchar(36), "address" varchar(255), "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "facts" text NOT NULL, "campaignId" varchar(36), "unitId" varchar(36), "deliverableId" varchar(36), "periodKey" varchar(20), "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL, "sentAt" datetime(6))`);
    await queryRunner.query(`INSERT INTO "outbox_message"("id", "key", "channel", "kind", "personId", "address", "title", "body", "link", "facts", "campaignId", "unitId", "deliverableId", "periodKey", "status", "attempts", "nextAttemptAt", "runnerId", "leaseUntil", "lastError", "createdAt", "sentAt") SELECT "id", "key", "channel", "kind", "personId", "address", "title", "body", "link", "facts", "campaignId", "unitId", "deliverableId", "periodKey", "status", "attempts", "nextAttemptAt", "runnerId", "leaseUntil", "lastError", "createdAt", "sentAt" FROM "temporary_outbox_message"`);
    await queryRunner.query(`DROP TABLE "temporary_outbox_message"`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_claim" ON "outbox_message" ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_log" ON "outbox_message" ("campaignId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_unit" ON "outbox_message" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_person" ON "outbox_message" ("personId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbox_message_key" ON "outbox_message" ("key") `);
    await queryRunner.query(`DROP INDEX "ix_inbox_message_person"`);
    await queryRunner.query(`DROP INDEX "uq_inbox_message_outbox"`);
    await queryRunner.query(`ALTER TABLE "inbox_message" RENAME TO "temporary_inbox_message"`);
    await queryRunner.query(`CREATE TABLE "inbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "outboxMessageId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "title" varchar(100) NOT NULL, "body" text NOT NULL, "link" varchar(500), "createdAt" datetime(6) NOT NULL, "readAt" datetime(6))`);
    await queryRunner.query(`INSERT INTO "inbox_message"("id", "personId", "outboxMessageId", "kind", "title", "body", "link", "createdAt", "readAt") SELECT "id", "personId", "outboxMessageId", "kind", "title", "body", "link", "createdAt", "readAt" FROM "temporary_inbox_message"`);
    await queryRunner.query(`DROP TABLE "temporary_inbox_message"`);
    await queryRunner.query(`CREATE INDEX "ix_inbox_message_person" ON "inbox_message" ("personId", "createdAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_inbox_message_outbox" ON "inbox_message" ("outboxMessageId") `);
    await queryRunner.query(`DROP INDEX "ix_delivery_attempt_message"`);
    await queryRunner.query(`DROP TABLE "delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_claim"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_log"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_unit"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_message_person"`);
    await queryRunner.query(`DROP INDEX "uq_outbox_message_key"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`DROP INDEX "ix_inbox_message_person"`);
    await queryRunner.query(`DROP INDEX "uq_inbox_message_outbox"`);
    await queryRunner.query(`DROP TABLE "inbox_message"`);
  }
}
