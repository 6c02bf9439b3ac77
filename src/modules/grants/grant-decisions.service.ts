import { Injectable } from '@nestjs/common';
import { requirePerson, type Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { NotificationKind } from '../notifications';
import { DecideGrantApplicationInput } from './dto/grant-application.inputs';
import { GrantApplication, GrantApplicationStatus } from './entities/grant-application.entity';
import { GrantReview } from './entities/grant-review.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantMoneyService } from './grant-money.service';
import { GrantNotices } from './grant-notices.service';
import { GrantProgrammesService } from './grant-programmes.service';
import { decisionProblems, statusForAward } from './grants.rules';

/**
 * The decision on an application, by a municipal officer who is not a member of the applying
 * organisation (CONFLICT_OF_INTEREST): final, and reserving the award from the programme's budget
 * in the same transaction (GrantMoneyService.allocate).
 */
@Injectable()
export class GrantDecisionsService {
  constructor(
    private readonly database: Database,
    private readonly programmes: GrantProgrammesService,
    private readonly applications: GrantApplicationsService,
    private readonly money: GrantMoneyService,
    private readonly notices: GrantNotices,
    private readonly clock: Clock,
  ) {}

  /**
   * The decision on an application UNDER_REVIEW that has at least one review: APPROVED (the full
   * amount), PARTIALLY_APPROVED or REJECTED (nothing). Final: the status moves by a conditional
   * UPDATE from UNDER_REVIEW, so of two decisions racing only one lands. The award is reserved from
   * the budget in the same transaction (GRANT_BUDGET_EXCEEDED rolls the decision back); a rejection
   * reserves nothing. The organisation's admins are notified; a CLOSED programme with nothing left
   * to decide becomes DECIDED.
   */
  async decide(actor: Actor, input: DecideGrantApplicationInput): Promise<GrantApplication> {
    const person = requirePerson(actor, 'Only a signed-in officer decides on applications');
    const found = await this.applications.getVisible(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      // The programme's row first: decisions on one programme are made one at a time.
      const programme = await this.programmes.lock(manager, found.programmeId);
      const application = await this.applications.lock(manager, found.id);
      await this.applications.requireImpartial(manager, actor, application.organisationId);
      const to = statusForAward(input.awardedAmount, application.requestedAmount);
      if (application.status !== GrantApplicationStatus.UNDER_REVIEW) {
        throw DomainError.invalidTransition('GrantApplication', application.status, to);
      }
      this.programmes.requireAssessing(programme, to);
      const problems = decisionProblems(
        input.awardedAmount,
        application.requestedAmount,
        input.motivation,
      );
      if (Object.keys(problems).length > 0) {
        throw DomainError.badInput('The decision is not complete', problems);
      }
      if ((await manager.countBy(GrantReview, { applicationId: application.id })) === 0) {
        throw new DomainError(
          ErrorCode.INVALID_STATE_TRANSITION,
          'Review the application before deciding on it',
          { from: 'UNREVIEWED', to },
        );
      }
      const now = this.clock.now();
      const decided = await this.applications.changeStatus(
        manager,
        actor,
        application,
        to,
        {
          awardedAmount: input.awardedAmount,
          motivation: input.motivation || null,
          decidedById: person.personId,
          decidedAt: now,
        },
        {
          requestedAmount: application.requestedAmount,
          awardedAmount: input.awardedAmount,
          ...(input.motivation ? { motivation: input.motivation } : {}),
        },
      );
      if (input.awardedAmount > 0) {
        await this.money.allocate(manager, actor, programme, decided, input.awardedAmount, now);
      }
      await this.notices.toOrganisationAdmins(manager, application.organisationId, {
        kind: NotificationKind.APPLICATION_DECIDED,
        params: {
          programmeName: programme.name,
          decision: to,
          awarded: input.awardedAmount,
          requested: application.requestedAmount,
          motivation: input.motivation ?? null,
        },
        data: {
          applicationId: application.id,
          programmeId: programme.id,
          status: to,
          awardedAmount: input.awardedAmount,
        },
      });
      await this.programmes.completeIfDecided(manager, actor, programme);
      return decided;
    });
  }
}
