import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../graphql/context';
import { SafeIntScalar } from '../../graphql/scalars';
import { GrantProgramme } from './entities/grant-programme.entity';
import { GrantLedgerService, LedgerTotals } from './grant-ledger.service';

/** The money of a programme, summed from its ledger (one query per page through a DataLoader). */
@Resolver(() => GrantProgramme)
export class GrantProgrammeFieldsResolver {
  constructor(private readonly ledger: GrantLedgerService) {}

  private totals(programme: GrantProgramme, context: GraphQLContext): Promise<LedgerTotals> {
    return context.loaders.get(this.ledger.totalsByProgramme).load(programme.id);
  }

  @ResolveField(() => SafeIntScalar, {
    description: 'Awarded so far, in öre: the sum of ALLOCATION and ADJUSTMENT entries.',
  })
  async allocated(
    @Parent() programme: GrantProgramme,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(programme, context)).allocated;
  }

  @ResolveField(() => SafeIntScalar, {
    description: 'Paid out so far, in öre: the sum of DISBURSEMENT entries.',
  })
  async disbursed(
    @Parent() programme: GrantProgramme,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(programme, context)).disbursed;
  }

  @ResolveField(() => SafeIntScalar, {
    description: 'Paid back by organisations, in öre: the sum of RECOVERY entries.',
  })
  async recovered(
    @Parent() programme: GrantProgramme,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(programme, context)).recovered;
  }

  @ResolveField(() => SafeIntScalar, {
    description: 'Budget not yet awarded, in öre: budget − allocated.',
  })
  async remaining(
    @Parent() programme: GrantProgramme,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return programme.budget - (await this.totals(programme, context)).allocated;
  }
}
