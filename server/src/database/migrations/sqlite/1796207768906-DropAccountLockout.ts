import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropAccountLockout1796207768906 implements MigrationInterface {
  name = 'DropAccountLockout1796207768906';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_person_wechat_unionid"`);
    await queryRunner.query(`DROP INDEX "uq_person_wechat_openid"`);
    await queryRunner.query(`DROP INDEX "uq_person_phone"`);
    await queryRunner.query(`DROP INDEX "uq_person_username"`);
    await queryRunner.query(`CREATE TABLE "temporary_person" ("id" varchar(36) PRIMARY KEY NOT NULL, "displayName" varchar(50) NOT NULL, "username" varchar(32), "phone" varchar(20), "passwordHash" varchar(100), "wechatOpenId" varchar(64), "wechatUnionId" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "temporary_person"("id", "displayName", "username", "phone", "passwordHash", "wechatOpenId", "wechatUnionId", "createdAt", "updatedAt") SELECT "id", "displayName", "username", "phone", "passwordHash", "wechatOpenId", "wechatUnionId", "createdAt", "updatedAt" FROM "person"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`ALTER TABLE "temporary_person" RENAME TO "person"`);
    await queryRunner.query(`CREATE INDEX "ix_person_wechat_unionid" ON "person" ("wechatUnionId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_wechat_openid" ON "person" ("wechatOpenId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_phone" ON "person" ("phone") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_username" ON "person" ("username") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_person_username"`);
    await queryRunner.query(`DROP INDEX "uq_person_phone"`);
    await queryRunner.query(`DROP INDEX "uq_person_wechat_openid"`);
    await queryRunner.query(`DROP INDEX "ix_person_wechat_unionid"`);
    await queryRunner.query(`ALTER TABLE "person" RENAME TO "temporary_person"`);
    await queryRunner.query(`CREATE TABLE "person" ("id" varchar(36) PRIMARY KEY NOT NULL, "displayName" varchar(50) NOT NULL, "username" varchar(32), "phone" varchar(20), "passwordHash" varchar(100), "wechatOpenId" varchar(64), "wechatUnionId" varchar(64), "failedSignIns" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "person"("id", "displayName", "username", "phone", "passwordHash", "wechatOpenId", "wechatUnionId", "createdAt", "updatedAt") SELECT "id", "displayName", "username", "phone", "passwordHash", "wechatOpenId", "wechatUnionId", "createdAt", "updatedAt" FROM "temporary_person"`);
    await queryRunner.query(`DROP TABLE "temporary_person"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_username" ON "person" ("username") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_phone" ON "person" ("phone") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_wechat_openid" ON "person" ("wechatOpenId") `);
    await queryRunner.query(`CREATE INDEX "ix_person_wechat_unionid" ON "person" ("wechatUnionId") `);
  }
}
