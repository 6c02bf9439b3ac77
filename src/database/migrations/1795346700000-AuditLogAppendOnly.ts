import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the audit log refuses UPDATE and DELETE at the database level.
 * SQLite drops a table's triggers when a later migration rebuilds the table; the audit test
 * (`audit.e2e-spec.ts`) fails if they go missing.
 */
export class AuditLogAppendOnly1795346700000 implements MigrationInterface {
  name = 'AuditLogAppendOnly1795346700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_log_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_update"`);
  }
}
