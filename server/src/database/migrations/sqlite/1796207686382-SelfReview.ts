import { MigrationInterface, QueryRunner } from 'typeorm';

export class SelfReview1796207686382 implements MigrationInterface {
  name = 'SelfReview1796207686382';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_campaign_organizing_unit"`);
    await queryRunner.query(`CREATE TABLE "temporary_campaign" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizingUnitId" varchar(36) NOT NULL, "title" varchar(200) NOT NULL, "year" integer NOT NULL, "theme" varchar(200) NOT NULL DEFAULT (''), "status" varchar(20) NOT NULL, "phases" text NOT NULL, "slogans" text NOT NULL, "media" text NOT NULL, "liaisonForm" text NOT NULL, "participatingUnitIds" text NOT NULL, "publishedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "autoAcceptReports" boolean NOT NULL DEFAULT (0), "allowSelfReviewInSingleMemberUnits" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_acc72c7ae79b818515aadfe77e2" FOREIGN KEY ("organizingUnitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_campaign"("id", "organizingUnitId", "title", "year", "theme", "status", "phases", "slogans", "media", "liaisonForm", "participatingUnitIds", "publishedAt", "createdAt", "updatedAt", "autoAcceptReports") SELECT "id", "organizingUnitId", "title", "year", "theme", "status", "phases", "slogans", "media", "liaisonForm", "participatingUnitIds", "publishedAt", "createdAt", "updatedAt", "autoAcceptReports" FROM "campaign"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
    await queryRunner.query(`ALTER TABLE "temporary_campaign" RENAME TO "campaign"`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_organizing_unit" ON "campaign" ("organizingUnitId") `);
    await queryRunner.query(`DROP INDEX "ix_report_event_report"`);
    await queryRunner.query(`CREATE TABLE "temporary_report_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "byId" varchar(36), "comment" text, "at" datetime(6) NOT NULL, "selfReview" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_0db366165d896e1d8f825ed49ad" FOREIGN KEY ("byId") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_2ecdbc5a2e2a02de01bdab9fded" FOREIGN KEY ("reportId") REFERENCES "report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_report_event"("id", "reportId", "action", "byId", "comment", "at") SELECT "id", "reportId", "action", "byId", "comment", "at" FROM "report_event"`);
    await queryRunner.query(`DROP TABLE "report_event"`);
    await queryRunner.query(`ALTER TABLE "temporary_report_event" RENAME TO "report_event"`);
    await queryRunner.query(`CREATE INDEX "ix_report_event_report" ON "report_event" ("reportId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_report_event_report"`);
    await queryRunner.query(`ALTER TABLE "report_event" RENAME TO "temporary_report_event"`);
    await queryRunner.query(`CREATE TABLE "report_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "byId" varchar(36), "comment" text, "at" datetime(6) NOT NULL, CONSTRAINT "FK_0db366165d896e1d8f825ed49ad" FOREIGN KEY ("byId") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_2ecdbc5a2e2a02de01bdab9fded" FOREIGN KEY ("reportId") REFERENCES "report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "report_event"("id", "reportId", "action", "byId", "comment", "at") SELECT "id", "reportId", "action", "byId", "comment", "at" FROM "temporary_report_event"`);
    await queryRunner.query(`DROP TABLE "temporary_report_event"`);
    await queryRunner.query(`CREATE INDEX "ix_report_event_report" ON "report_event" ("reportId") `);
    await queryRunner.query(`DROP INDEX "ix_campaign_organizing_unit"`);
    await queryRunner.query(`ALTER TABLE "campaign" RENAME TO "temporary_campaign"`);
    await queryRunner.query(`CREATE TABLE "campaign" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizingUnitId" varchar(36) NOT NULL, "title" varchar(200) NOT NULL, "year" integer NOT NULL, "theme" varchar(200) NOT NULL DEFAULT (''), "status" varchar(20) NOT NULL, "phases" text NOT NULL, "slogans" text NOT NULL, "media" text NOT NULL, "liaisonForm" text NOT NULL, "participatingUnitIds" text NOT NULL, "publishedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "autoAcceptReports" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_acc72c7ae79b818515aadfe77e2" FOREIGN KEY ("organizingUnitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "campaign"("id", "organizingUnitId", "title", "year", "theme", "status", "phases", "slogans", "media", "liaisonForm", "participatingUnitIds", "publishedAt", "createdAt", "updatedAt", "autoAcceptReports") SELECT "id", "organizingUnitId", "title", "year", "theme", "status", "phases", "slogans", "media", "liaisonForm", "participatingUnitIds", "publishedAt", "createdAt", "updatedAt", "autoAcceptReports" FROM "temporary_campaign"`);
    await queryRunner.query(`DROP TABLE "temporary_campaign"`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_organizing_unit" ON "campaign" ("organizingUnitId") `);
  }
}
