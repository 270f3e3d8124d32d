import { MigrationInterface, QueryRunner } from 'typeorm';

export class TableSubmissionsAndReportLinks1796222913651 implements MigrationInterface {
  name = 'TableSubmissionsAndReportLinks1796222913651';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "table_submission" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "round" integer NOT NULL, "state" varchar(20) NOT NULL, "unitName" varchar(100) NOT NULL, "contactName" varchar(50) NOT NULL, "phone" varchar(30) NOT NULL, "fillDate" varchar(10) NOT NULL, "snapshot" text NOT NULL, "submittedAt" datetime(6) NOT NULL, "submittedById" varchar(36) NOT NULL, "reviewedAt" datetime(6), "reviewedById" varchar(36), "comment" text, CONSTRAINT "uq_table_submission_round" UNIQUE ("campaignId", "unitId", "round"))`);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_unit" ON "table_submission" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_submitted_by" ON "table_submission" ("submittedById") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_reviewed_by" ON "table_submission" ("reviewedById") `);
    await queryRunner.query(`CREATE TABLE "report_link" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "position" integer NOT NULL, "url" varchar(500) NOT NULL, "campaignId" varchar(36) NOT NULL, "itemId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_report_link_position" UNIQUE ("reportId", "position"))`);
    await queryRunner.query(`CREATE INDEX "ix_report_link_unit_item_accepted" ON "report_link" ("campaignId", "unitId", "itemId", "acceptedAt") `);
    await queryRunner.query(`CREATE INDEX "ix_report_link_item_accepted" ON "report_link" ("campaignId", "itemId", "acceptedAt") `);
    await queryRunner.query(`DROP INDEX "ix_table_submission_unit"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_submitted_by"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_reviewed_by"`);
    await queryRunner.query(`CREATE TABLE "temporary_table_submission" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "round" integer NOT NULL, "state" varchar(20) NOT NULL, "unitName" varchar(100) NOT NULL, "contactName" varchar(50) NOT NULL, "phone" varchar(30) NOT NULL, "fillDate" varchar(10) NOT NULL, "snapshot" text NOT NULL, "submittedAt" datetime(6) NOT NULL, "submittedById" varchar(36) NOT NULL, "reviewedAt" datetime(6), "reviewedById" varchar(36), "comment" text, CONSTRAINT "uq_table_submission_round" UNIQUE ("campaignId", "unitId", "round"), CONSTRAINT "FK_ef0ec521b62cd2ddd9ec6967111" FOREIGN KEY ("campaignId") REFERENCES "campaign" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f30826ada66ecbeac905120fbc9" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_648a68fab2005d66aa6ffa399a9" FOREIGN KEY ("submittedById") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_fcfcbbeb5aee320b82af9bfef64" FOREIGN KEY ("reviewedById") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_table_submission"("id", "campaignId", "unitId", "round", "state", "unitName", "contactName", "phone", "fillDate", "snapshot", "submittedAt", "submittedById", "reviewedAt", "reviewedById", "comment") SELECT "id", "campaignId", "unitId", "round", "state", "unitName", "contactName", "phone", "fillDate", "snapshot", "submittedAt", "submittedById", "reviewedAt", "reviewedById", "comment" FROM "table_submission"`);
    await queryRunner.query(`DROP TABLE "table_submission"`);
    await queryRunner.query(`ALTER TABLE "temporary_table_submission" RENAME TO "table_submission"`);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_unit" ON "table_submission" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_submitted_by" ON "table_submission" ("submittedById") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_reviewed_by" ON "table_submission" ("reviewedById") `);
    await queryRunner.query(`DROP INDEX "ix_report_link_unit_item_accepted"`);
    await queryRunner.query(`DROP INDEX "ix_report_link_item_accepted"`);
    await queryRunner.query(`CREATE TABLE "temporary_report_link" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "position" integer NOT NULL, "url" varchar(500) NOT NULL, "campaignId" varchar(36) NOT NULL, "itemId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_report_link_position" UNIQUE ("reportId", "position"), CONSTRAINT "FK_ec02bc1f68e3c24d66a26e23dbd" FOREIGN KEY ("reportId") REFERENCES "report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_report_link"("id", "reportId", "position", "url", "campaignId", "itemId", "unitId", "acceptedAt") SELECT "id", "reportId", "position", "url", "campaignId", "itemId", "unitId", "acceptedAt" FROM "report_link"`);
    await queryRunner.query(`DROP TABLE "report_link"`);
    await queryRunner.query(`ALTER TABLE "temporary_report_link" RENAME TO "report_link"`);
    await queryRunner.query(`CREATE INDEX "ix_report_link_unit_item_accepted" ON "report_link" ("campaignId", "unitId", "itemId", "acceptedAt") `);
    await queryRunner.query(`CREATE INDEX "ix_report_link_item_accepted" ON "report_link" ("campaignId", "itemId", "acceptedAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_report_link_item_accepted"`);
    await queryRunner.query(`DROP INDEX "ix_report_link_unit_item_accepted"`);
    await queryRunner.query(`ALTER TABLE "report_link" RENAME TO "temporary_report_link"`);
    await queryRunner.query(`CREATE TABLE "report_link" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "position" integer NOT NULL, "url" varchar(500) NOT NULL, "campaignId" varchar(36) NOT NULL, "itemId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_report_link_position" UNIQUE ("reportId", "position"))`);
    await queryRunner.query(`INSERT INTO "report_link"("id", "reportId", "position", "url", "campaignId", "itemId", "unitId", "acceptedAt") SELECT "id", "reportId", "position", "url", "campaignId", "itemId", "unitId", "acceptedAt" FROM "temporary_report_link"`);
    await queryRunner.query(`DROP TABLE "temporary_report_link"`);
    await queryRunner.query(`CREATE INDEX "ix_report_link_item_accepted" ON "report_link" ("campaignId", "itemId", "acceptedAt") `);
    await queryRunner.query(`CREATE INDEX "ix_report_link_unit_item_accepted" ON "report_link" ("campaignId", "unitId", "itemId", "acceptedAt") `);
    await queryRunner.query(`DROP INDEX "ix_table_submission_reviewed_by"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_submitted_by"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_unit"`);
    await queryRunner.query(`ALTER TABLE "table_submission" RENAME TO "temporary_table_submission"`);
    await queryRunner.query(`CREATE TABLE "table_submission" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "round" integer NOT NULL, "state" varchar(20) NOT NULL, "unitName" varchar(100) NOT NULL, "contactName" varchar(50) NOT NULL, "phone" varchar(30) NOT NULL, "fillDate" varchar(10) NOT NULL, "snapshot" text NOT NULL, "submittedAt" datetime(6) NOT NULL, "submittedById" varchar(36) NOT NULL, "reviewedAt" datetime(6), "reviewedById" varchar(36), "comment" text, CONSTRAINT "uq_table_submission_round" UNIQUE ("campaignId", "unitId", "round"))`);
    await queryRunner.query(`INSERT INTO "table_submission"("id", "campaignId", "unitId", "round", "state", "unitName", "contactName", "phone", "fillDate", "snapshot", "submittedAt", "submittedById", "reviewedAt", "reviewedById", "comment") SELECT "id", "campaignId", "unitId", "round", "state", "unitName", "contactName", "phone", "fillDate", "snapshot", "submittedAt", "submittedById", "reviewedAt", "reviewedById", "comment" FROM "temporary_table_submission"`);
    await queryRunner.query(`DROP TABLE "temporary_table_submission"`);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_reviewed_by" ON "table_submission" ("reviewedById") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_submitted_by" ON "table_submission" ("submittedById") `);
    await queryRunner.query(`CREATE INDEX "ix_table_submission_unit" ON "table_submission" ("unitId") `);
    await queryRunner.query(`DROP INDEX "ix_report_link_item_accepted"`);
    await queryRunner.query(`DROP INDEX "ix_report_link_unit_item_accepted"`);
    await queryRunner.query(`DROP TABLE "report_link"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_reviewed_by"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_submitted_by"`);
    await queryRunner.query(`DROP INDEX "ix_table_submission_unit"`);
    await queryRunner.query(`DROP TABLE "table_submission"`);
  }
}
