export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export { AuditLogEntry } from './entities/audit-log-entry.entity';
