import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../../common/actor';
import { RequireSystemRole } from '../../../common/decorators/access.decorators';
import { CurrentActor } from '../../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../../graphql/pagination';
import { MailIdInput, MailMessageConnection, MailOutboxArgs } from '../dto/notification.inputs';
import { MailMessage } from '../entities/mail-message.entity';
import { MailOutboxService } from './mail-outbox.service';

@Resolver(() => MailMessage)
export class MailOutboxResolver {
  constructor(private readonly outbox: MailOutboxService) {}

  @Query(() => MailMessageConnection, {
    description: 'The mail outbox, newest first: what was sent, waits or failed, and why. ADMIN.',
  })
  @RequireSystemRole(SystemRole.ADMIN)
  mailOutbox(@Args() args: MailOutboxArgs): Promise<ConnectionShape<MailMessage>> {
    return this.outbox.list(args);
  }

  @Mutation(() => MailMessage, {
    description:
      'Sends a FAILED (or waiting) mail again now, with the full retry schedule ahead. ADMIN; audited.',
  })
  @RequireSystemRole(SystemRole.ADMIN)
  retryMail(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The mail.' }) input: MailIdInput,
  ): Promise<MailMessage> {
    return this.outbox.retry(actor, input.mailId);
  }
}
