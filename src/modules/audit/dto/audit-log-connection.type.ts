import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/pagination';
import { AuditLogEntry } from '../entities/audit-log-entry.entity';

@ObjectType()
export class AuditLogConnection extends Connection(AuditLogEntry, 'AuditLogEntry') {}
