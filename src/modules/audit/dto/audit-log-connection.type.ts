import { Connection } from '../../../graphql/pagination';
import { AuditLogEntry } from '../entities/audit-log-entry.entity';

/** A page of AuditLogEntry items (Relay connection). */
export const AuditLogConnection = Connection(AuditLogEntry, 'AuditLogEntry');
