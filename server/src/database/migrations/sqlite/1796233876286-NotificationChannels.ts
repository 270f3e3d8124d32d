import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationChannels1796233876286 implements MigrationInterface {
  name = 'NotificationChannels1796233876286';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "wechat_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "templateId" varchar(64) NOT NULL, "remaining" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_wechat_subscription_person_template" UNIQUE ("personId", "templateId"))`);
    await queryRunner.query(`CREATE TABLE "wechat_token" ("appId" varchar(64) PRIMARY KEY NOT NULL, "token" varchar(512) NOT NULL, "expiresAt" datetime(6) NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "wecom_robot" ("id" varchar(36) PRIMARY KEY NOT NULL, "unitId" varchar(36) NOT NULL, "name" varchar(50) NOT NULL, "webhookKey" varchar(100) NOT NULL, "textOnly" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_wecom_robot_unit_name" UNIQUE ("unitId", "name"))`);
    await queryRunner.query(`CREATE TABLE "temporary_wechat_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "templateId" varchar(64) NOT NULL, "remaining" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_wechat_subscription_person_template" UNIQUE ("personId", "templateId"), CONSTRAINT "FK_4bfbbe7a2d5d23ff6c8d73d11a3" FOREIGN KEY ("personId") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_wechat_subscription"("id", "personId", "templateId", "remaining") SELECT "id", "personId", "templateId", "remaining" FROM "wechat_subscription"`);
    await queryRunner.query(`DROP TABLE "wechat_subscription"`);
    await queryRunner.query(`ALTER TABLE "temporary_wechat_subscription" RENAME TO "wechat_subscription"`);
    await queryRunner.query(`CREATE TABLE "temporary_wecom_robot" ("id" varchar(36) PRIMARY KEY NOT NULL, "unitId" varchar(36) NOT NULL, "name" varchar(50) NOT NULL, "webhookKey" varchar(100) NOT NULL, "textOnly" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_wecom_robot_unit_name" UNIQUE ("unitId", "name"), CONSTRAINT "FK_28356c265d2aabd9e532ef0d2cb" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_wecom_robot"("id", "unitId", "name", "webhookKey", "textOnly", "createdAt") SELECT "id", "unitId", "name", "webhookKey", "textOnly", "createdAt" FROM "wecom_robot"`);
    await queryRunner.query(`DROP TABLE "wecom_robot"`);
    await queryRunner.query(`ALTER TABLE "temporary_wecom_robot" RENAME TO "wecom_robot"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "wecom_robot" RENAME TO "temporary_wecom_robot"`);
    await queryRunner.query(`CREATE TABLE "wecom_robot" ("id" varchar(36) PRIMARY KEY NOT NULL, "unitId" varchar(36) NOT NULL, "name" varchar(50) NOT NULL, "webhookKey" varchar(100) NOT NULL, "textOnly" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "uq_wecom_robot_unit_name" UNIQUE ("unitId", "name"))`);
    await queryRunner.query(`INSERT INTO "wecom_robot"("id", "unitId", "name", "webhookKey", "textOnly", "createdAt") SELECT "id", "unitId", "name", "webhookKey", "textOnly", "createdAt" FROM "temporary_wecom_robot"`);
    await queryRunner.query(`DROP TABLE "temporary_wecom_robot"`);
    await queryRunner.query(`ALTER TABLE "wechat_subscription" RENAME TO "temporary_wechat_subscription"`);
    await queryRunner.query(`CREATE TABLE "wechat_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "templateId" varchar(64) NOT NULL, "remaining" integer NOT NULL DEFAULT (0), CONSTRAINT "uq_wechat_subscription_person_template" UNIQUE ("personId", "templateId"))`);
    await queryRunner.query(`INSERT INTO "wechat_subscription"("id", "personId", "templateId", "remaining") SELECT "id", "personId", "templateId", "remaining" FROM "temporary_wechat_subscription"`);
    await queryRunner.query(`DROP TABLE "temporary_wechat_subscription"`);
    await queryRunner.query(`DROP TABLE "wecom_robot"`);
    await queryRunner.query(`DROP TABLE "wechat_token"`);
    await queryRunner.query(`DROP TABLE "wechat_subscription"`);
  }
}
