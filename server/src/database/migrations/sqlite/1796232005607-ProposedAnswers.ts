import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposedAnswers1796232005607 implements MigrationInterface {
  name = 'ProposedAnswers1796232005607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proposed_answer" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "fieldId" varchar(36) NOT NULL, "flag" boolean, "text" varchar(500), "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_proposed_answer_field" UNIQUE ("reportId", "fieldId"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_field" ON "proposed_answer" ("fieldId") `);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_unit_accepted" ON "proposed_answer" ("campaignId", "unitId", "fieldId", "acceptedAt") `);
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_field"`);
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_unit_accepted"`);
    await queryRunner.query(`CREATE TABLE "temporary_proposed_answer" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "fieldId" varchar(36) NOT NULL, "flag" boolean, "text" varchar(500), "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_proposed_answer_field" UNIQUE ("reportId", "fieldId"), CONSTRAINT "FK_20544d5eba00c310d3d7221cb31" FOREIGN KEY ("reportId") REFERENCES "report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_a0432e42f53cad7b38238d019bb" FOREIGN KEY ("fieldId") REFERENCES "statistics_field" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_proposed_answer"("id", "reportId", "fieldId", "flag", "text", "campaignId", "unitId", "acceptedAt") SELECT "id", "reportId", "fieldId", "flag", "text", "campaignId", "unitId", "acceptedAt" FROM "proposed_answer"`);
    await queryRunner.query(`DROP TABLE "proposed_answer"`);
    await queryRunner.query(`ALTER TABLE "temporary_proposed_answer" RENAME TO "proposed_answer"`);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_field" ON "proposed_answer" ("fieldId") `);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_unit_accepted" ON "proposed_answer" ("campaignId", "unitId", "fieldId", "acceptedAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_unit_accepted"`);
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_field"`);
    await queryRunner.query(`ALTER TABLE "proposed_answer" RENAME TO "temporary_proposed_answer"`);
    await queryRunner.query(`CREATE TABLE "proposed_answer" ("id" varchar(36) PRIMARY KEY NOT NULL, "reportId" varchar(36) NOT NULL, "fieldId" varchar(36) NOT NULL, "flag" boolean, "text" varchar(500), "campaignId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "acceptedAt" datetime(6), CONSTRAINT "uq_proposed_answer_field" UNIQUE ("reportId", "fieldId"))`);
    await queryRunner.query(`INSERT INTO "proposed_answer"("id", "reportId", "fieldId", "flag", "text", "campaignId", "unitId", "acceptedAt") SELECT "id", "reportId", "fieldId", "flag", "text", "campaignId", "unitId", "acceptedAt" FROM "temporary_proposed_answer"`);
    await queryRunner.query(`DROP TABLE "temporary_proposed_answer"`);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_unit_accepted" ON "proposed_answer" ("campaignId", "unitId", "fieldId", "acceptedAt") `);
    await queryRunner.query(`CREATE INDEX "ix_proposed_answer_field" ON "proposed_answer" ("fieldId") `);
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_unit_accepted"`);
    await queryRunner.query(`DROP INDEX "ix_proposed_answer_field"`);
    await queryRunner.query(`DROP TABLE "proposed_answer"`);
  }
}
