import { MigrationInterface, QueryRunner } from 'typeorm';

/** Confidential bookings (shown as "Bokad" in the public calendar); an index for closing unanswered requests. */
export class BookingsPrivacy1796056753506 implements MigrationInterface {
  name = 'BookingsPrivacy1796056753506';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD "confidential" boolean NOT NULL DEFAULT false`,
    );
    // A women's shelter's bookings are always confidential, those made before this column too.
    await queryRunner.query(
      `UPDATE "bookings" SET "confidential" = true WHERE "organisationId" IN (SELECT "id" FROM "organisations" WHERE "kind" = 'WOMENS_SHELTER')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_status_starts" ON "bookings"  ("status", "startsAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_bookings_status_starts"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "confidential"`);
  }
}
