import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidential bookings (shown as "Bokad" in the public calendar) and an index for closing
 * unanswered requests. Written by hand as ADD COLUMN: the generated version rebuilt the bookings
 * table, which drops the overlap triggers of the Bookings migration (the bookings suite inserts
 * past the service to check they are there).
 */
export class BookingsPrivacy1796056753506 implements MigrationInterface {
  name = 'BookingsPrivacy1796056753506';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD COLUMN "confidential" boolean NOT NULL DEFAULT (0)`,
    );
    // A women's shelter's bookings are always confidential, those made before this column too.
    await queryRunner.query(
      `UPDATE "bookings" SET "confidential" = 1 WHERE "organisationId" IN (SELECT "id" FROM "organisations" WHERE "kind" = 'WOMENS_SHELTER')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_status_starts" ON "bookings" ("status", "startsAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_bookings_status_starts"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "confidential"`);
  }
}
