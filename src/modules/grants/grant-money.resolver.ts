import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  FollowUpReportIdInput,
  GrantLedgerArgs,
  GrantLedgerEntryConnection,
  RecordAdjustmentInput,
  RecordDisbursementInput,
  RecordRecoveryInput,
  ReturnFollowUpReportInput,
  SubmitFollowUpReportInput,
} from './dto/grant-money.inputs';
import { FollowUpReport } from './entities/follow-up-report.entity';
import { GrantLedgerEntry } from './entities/grant-ledger-entry.entity';
import { FollowUpReportsService } from './follow-up-reports.service';
import { GrantLedgerService } from './grant-ledger.service';
import { GrantMoneyService } from './grant-money.service';

/** Money after the decision: payments, corrections, repayments, and the follow-up report. */
@Resolver(() => GrantLedgerEntry)
export class GrantMoneyResolver {
  constructor(
    private readonly ledger: GrantLedgerService,
    private readonly money: GrantMoneyService,
    private readonly reports: FollowUpReportsService,
  ) {}

  @Query(() => GrantLedgerEntryConnection, {
    description:
      "A programme's ledger in the order it was recorded: every entry for municipal officers; members of an " +
      "applying organisation see their organisation's entries.",
  })
  grantLedger(
    @CurrentActor() actor: Actor,
    @Args() args: GrantLedgerArgs,
  ): Promise<ConnectionShape<GrantLedgerEntry>> {
    return this.ledger.list(actor, args);
  }

  @Mutation(() => GrantLedgerEntry, {
    description:
      'Records a payment (tranche) of an award: never more than what remains of it (GRANT_BUDGET_EXCEEDED), ' +
      'not once the follow-up report is approved or the programme ARCHIVED (INVALID_STATE_TRANSITION). ' +
      "The organisation's admins are notified. MUNICIPAL_OFFICER who is not a member of the organisation.",
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  recordDisbursement(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The payment.' }) input: RecordDisbursementInput,
  ): Promise<GrantLedgerEntry> {
    return this.money.disburse(actor, input);
  }

  @Mutation(() => GrantLedgerEntry, {
    description:
      'Records unspent money paid back after an approved follow-up report (at most what is owed, dated from the ' +
      'first payment until now). MUNICIPAL_OFFICER who is not a member of the organisation.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  recordRecovery(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The repayment.' }) input: RecordRecoveryInput,
  ): Promise<GrantLedgerEntry> {
    return this.money.recover(actor, input);
  }

  @Mutation(() => GrantLedgerEntry, {
    description:
      'Corrects a decided award with an ADJUSTMENT entry (the decision itself never changes): up until the ' +
      'follow-up report is approved, down not below what is paid; down also releases an unpaid rest to the ' +
      'budget before archiving. MUNICIPAL_OFFICER who is not a member of the organisation.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  recordAdjustment(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The correction.' }) input: RecordAdjustmentInput,
  ): Promise<GrantLedgerEntry> {
    return this.money.adjust(actor, input);
  }

  @Mutation(() => FollowUpReport, {
    description:
      "Submits the follow-up report on an award, or a corrected one after it was returned. The organisation's ORG_ADMIN.",
  })
  submitFollowUpReport(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The report.' }) input: SubmitFollowUpReportInput,
  ): Promise<FollowUpReport> {
    return this.reports.submit(actor, input);
  }

  @Mutation(() => FollowUpReport, {
    description:
      'SUBMITTED → APPROVED; unspent paid money becomes a recovery claim (outstandingRecovery). ' +
      'MUNICIPAL_OFFICER who is not a member of the organisation.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  approveFollowUpReport(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The report.' }) input: FollowUpReportIdInput,
  ): Promise<FollowUpReport> {
    return this.reports.approve(actor, input);
  }

  @Mutation(() => FollowUpReport, {
    description:
      "SUBMITTED → RETURNED with a reason; the organisation's admins are notified and submit a corrected report. " +
      'MUNICIPAL_OFFICER who is not a member of the organisation.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  returnFollowUpReport(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The report and the reason.' }) input: ReturnFollowUpReportInput,
  ): Promise<FollowUpReport> {
    return this.reports.return(actor, input);
  }
}
