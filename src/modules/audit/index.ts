export { AuditModule } from './audit.module';
export { AuditService, type AuditRecord } from './audit.service';
export { AuditLogEntry } from './entities/audit-log-entry.entity';
