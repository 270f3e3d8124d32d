import { MigrationInterface, QueryRunner } from 'typeorm';

export class HandInTallies1796223005510 implements MigrationInterface {
  name = 'HandInTallies1796223005510';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "hand_in_tally" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36) NOT NULL, "periodKey" varchar(20) NOT NULL, "unitId" varchar(36) NOT NULL, "dueAt" datetime(6) NOT NULL, "onTime" integer NOT NULL DEFAULT (0), "late" integer NOT NULL DEFAULT (0), "returned" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_hand_in_tally" UNIQUE ("deliverableId", "periodKey", "unitId"))`);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_unit" ON "hand_in_tally" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_campaign_unit" ON "hand_in_tally" ("campaignId", "unitId") `);
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_unit"`);
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_campaign_unit"`);
    await queryRunner.query(`CREATE TABLE "temporary_hand_in_tally" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36) NOT NULL, "periodKey" varchar(20) NOT NULL, "unitId" varchar(36) NOT NULL, "dueAt" datetime(6) NOT NULL, "onTime" integer NOT NULL DEFAULT (0), "late" integer NOT NULL DEFAULT (0), "returned" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_hand_in_tally" UNIQUE ("deliverableId", "periodKey", "unitId"), CONSTRAINT "FK_e0b61344bb943296613e32329dd" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_hand_in_tally"("id", "campaignId", "deliverableId", "periodKey", "unitId", "dueAt", "onTime", "late", "returned") SELECT "id", "campaignId", "deliverableId", "periodKey", "unitId", "dueAt", "onTime", "late", "returned" FROM "hand_in_tally"`);
    await queryRunner.query(`DROP TABLE "hand_in_tally"`);
    await queryRunner.query(`ALTER TABLE "temporary_hand_in_tally" RENAME TO "hand_in_tally"`);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_unit" ON "hand_in_tally" ("unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_campaign_unit" ON "hand_in_tally" ("campaignId", "unitId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_campaign_unit"`);
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_unit"`);
    await queryRunner.query(`ALTER TABLE "hand_in_tally" RENAME TO "temporary_hand_in_tally"`);
    await queryRunner.query(`CREATE TABLE "hand_in_tally" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "deliverableId" varchar(36) NOT NULL, "periodKey" varchar(20) NOT NULL, "unitId" varchar(36) NOT NULL, "dueAt" datetime(6) NOT NULL, "onTime" integer NOT NULL DEFAULT (0), "late" integer NOT NULL DEFAULT (0), "returned" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_hand_in_tally" UNIQUE ("deliverableId", "periodKey", "unitId"))`);
    await queryRunner.query(`INSERT INTO "hand_in_tally"("id", "campaignId", "deliverableId", "periodKey", "unitId", "dueAt", "onTime", "late", "returned") SELECT "id", "campaignId", "deliverableId", "periodKey", "unitId", "dueAt", "onTime", "late", "returned" FROM "temporary_hand_in_tally"`);
    await queryRunner.query(`DROP TABLE "temporary_hand_in_tally"`);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_campaign_unit" ON "hand_in_tally" ("campaignId", "unitId") `);
    await queryRunner.query(`CREATE INDEX "ix_hand_in_tally_unit" ON "hand_in_tally" ("unitId") `);
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_campaign_unit"`);
    await queryRunner.query(`DROP INDEX "ix_hand_in_tally_unit"`);
    await queryRunner.query(`DROP TABLE "hand_in_tally"`);
  }
}
