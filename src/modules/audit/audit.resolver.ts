import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { AuditService } from './audit.service';
import { AuditLogArgs } from './dto/audit-log.args';
import { AuditLogConnection } from './dto/audit-log-connection.type';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

@Resolver(() => AuditLogEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditLogConnection, {
    description:
      'The audit log, newest first. ADMIN and MUNICIPAL_OFFICER only; entries about shelters and ' +
      'placement requests are for ADMIN only.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  auditLog(
    @CurrentActor() actor: Actor,
    @Args() args: AuditLogArgs,
  ): Promise<ConnectionShape<AuditLogEntry>> {
    return this.audit.list(actor, args);
  }
}
