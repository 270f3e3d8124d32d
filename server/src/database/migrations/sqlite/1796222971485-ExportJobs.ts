import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportJobs1796222971485 implements MigrationInterface {
  name = 'ExportJobs1796222971485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "export_job" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "requestedById" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "progressPermille" integer NOT NULL DEFAULT (0), "fileName" varchar(255) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "attempts" integer NOT NULL DEFAULT (0), "error" varchar(500), "createdAt" datetime(6) NOT NULL, "finishedAt" datetime(6))`);
    await queryRunner.query(`CREATE INDEX "ix_export_job_campaign" ON "export_job" ("campaignId") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_unit" ON "export_job" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_requested_by" ON "export_job" ("requestedById") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_created_at" ON "export_job" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_claim" ON "export_job" ("status", "leaseUntil") `);
    await queryRunner.query(`DROP INDEX "ix_export_job_campaign"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_unit"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_requested_by"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_claim"`);
    await queryRunner.query(`CREATE TABLE "temporary_export_job" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "requestedById" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "progressPermille" integer NOT NULL DEFAULT (0), "fileName" varchar(255) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "attempts" integer NOT NULL DEFAULT (0), "error" varchar(500), "createdAt" datetime(6) NOT NULL, "finishedAt" datetime(6), CONSTRAINT "FK_303adb413edb803e0f5cc67fa13" FOREIGN KEY ("campaignId") REFERENCES "campaign" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_bb54417bdd97b201055bdf6ef95" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f037028eea745adcb8a0e2c0b4a" FOREIGN KEY ("requestedById") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_export_job"("id", "campaignId", "unitId", "kind", "requestedById", "status", "progressPermille", "fileName", "runnerId", "leaseUntil", "attempts", "error", "createdAt", "finishedAt") SELECT "id", "campaignId", "unitId", "kind", "requestedById", "status", "progressPermille", "fileName", "runnerId", "leaseUntil", "attempts", "error", "createdAt", "finishedAt" FROM "export_job"`);
    await queryRunner.query(`DROP TABLE "export_job"`);
    await queryRunner.query(`ALTER TABLE "temporary_export_job" RENAME TO "export_job"`);
    await queryRunner.query(`CREATE INDEX "ix_export_job_campaign" ON "export_job" ("campaignId") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_unit" ON "export_job" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_requested_by" ON "export_job" ("requestedById") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_created_at" ON "export_job" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_claim" ON "export_job" ("status", "leaseUntil") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_export_job_claim"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_requested_by"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_unit"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_campaign"`);
    await queryRunner.query(`ALTER TABLE "export_job" RENAME TO "temporary_export_job"`);
    await queryRunner.query(`CREATE TABLE "export_job" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "requestedById" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "progressPermille" integer NOT NULL DEFAULT (0), "fileName" varchar(255) NOT NULL, "runnerId" varchar(36), "leaseUntil" datetime(6), "attempts" integer NOT NULL DEFAULT (0), "error" varchar(500), "createdAt" datetime(6) NOT NULL, "finishedAt" datetime(6))`);
    await queryRunner.query(`INSERT INTO "export_job"("id", "campaignId", "unitId", "kind", "requestedById", "status", "progressPermille", "fileName", "runnerId", "leaseUntil", "attempts", "error", "createdAt", "finishedAt") SELECT "id", "campaignId", "unitId", "kind", "requestedById", "status", "progressPermille", "fileName", "runnerId", "leaseUntil", "attempts", "error", "createdAt", "finishedAt" FROM "temporary_export_job"`);
    await queryRunner.query(`DROP TABLE "temporary_export_job"`);
    await queryRunner.query(`CREATE INDEX "ix_export_job_claim" ON "export_job" ("status", "leaseUntil") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_created_at" ON "export_job" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_requested_by" ON "export_job" ("requestedById") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_unit" ON "export_job" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_export_job_campaign" ON "export_job" ("campaignId") `);
    await queryRunner.query(`DROP INDEX "ix_export_job_claim"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_requested_by"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_unit"`);
    await queryRunner.query(`DROP INDEX "ix_export_job_campaign"`);
    await queryRunner.query(`DROP TABLE "export_job"`);
  }
}
