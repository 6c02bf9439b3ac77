import { ArgsType, Field } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';
import { DomainError } from '../common/errors/domain-error';

/** A half-open range of instants for a list or relation field; each field documents its default. */
@ArgsType()
export class TimeRangeArgs {
  @Field({ nullable: true, description: 'From this instant (inclusive); default: see the field.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Until this instant (exclusive); default: see the field.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

const DAY_MS = 24 * 3600_000;

/**
 * BAD_USER_INPUT when a range (its defaults applied) is longer than `maxDays`: the list fields that
 * take one answer a bounded number of items, and a longer range would only reach that bound.
 */
export function requireSpanAtMost(range: { from: Date; to: Date }, maxDays: number): void {
  if (range.to.getTime() - range.from.getTime() > maxDays * DAY_MS) {
    throw DomainError.badInput('The range is too long', {
      to: [`at most ${maxDays} days after from`],
    });
  }
}
