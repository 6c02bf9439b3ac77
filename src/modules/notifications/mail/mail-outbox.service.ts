import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor } from '../../../common/actor';
import { Clock } from '../../../common/clock';
import { DomainError } from '../../../common/errors/domain-error';
import { Database } from '../../../database/database.service';
import { ConnectionShape, paginate } from '../../../graphql/pagination';
import { AuditService } from '../../audit';
import { MailOutboxArgs } from '../dto/notification.inputs';
import { MailMessage, MailStatus } from '../entities/mail-message.entity';
import { MailDispatcher } from './mail-dispatcher.service';

/** The outbox as ADMIN sees it (access declared on the resolver), and sending one again. */
@Injectable()
export class MailOutboxService {
  constructor(
    @InjectRepository(MailMessage) private readonly mails: Repository<MailMessage>,
    private readonly database: Database,
    private readonly dispatcher: MailDispatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Newest first, optionally one status. */
  list(args: MailOutboxArgs): Promise<ConnectionShape<MailMessage>> {
    const query = this.mails.createQueryBuilder('mail');
    if (args.status) query.where('mail.status = :status', { status: args.status });
    return paginate(query, args, {
      column: 'mail.createdAt',
      direction: 'DESC',
      valueOf: (mail) => mail.createdAt,
    });
  }

  /**
   * A FAILED mail (or a PENDING one waiting for its next attempt) is queued to go now, with the
   * whole retry schedule ahead of it again; audited. SENT or SENDING: INVALID_STATE_TRANSITION.
   */
  async retry(actor: Actor, mailId: string): Promise<MailMessage> {
    const retried = await this.database.transaction(async (manager) => {
      const mail = await this.database.findOneForUpdate(manager, MailMessage, { id: mailId });
      if (!mail) throw DomainError.notFound('MailMessage', mailId);
      if (mail.status !== MailStatus.FAILED && mail.status !== MailStatus.PENDING) {
        throw DomainError.invalidTransition('MailMessage', mail.status, MailStatus.PENDING);
      }
      const before = { status: mail.status, attempts: mail.attempts };
      Object.assign(mail, {
        status: MailStatus.PENDING,
        attempts: 0,
        nextAttemptAt: this.clock.now(),
      });
      await manager.save(mail);
      await this.audit.record(manager, actor, {
        action: 'mail_message.retried',
        entityType: 'MailMessage',
        entityId: mail.id,
        before,
        after: { status: mail.status, attempts: mail.attempts },
      });
      return mail;
    });
    this.dispatcher.kick();
    return retried;
  }
}
