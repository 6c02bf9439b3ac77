import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { EnumColumn, MoneyColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { SafeIntScalar } from '../../../graphql/scalars';
import { Organisation } from '../../organisations';
import { GrantApplication } from './grant-application.entity';
import { GrantProgramme } from './grant-programme.entity';

export enum GrantLedgerKind {
  ALLOCATION = 'ALLOCATION',
  DISBURSEMENT = 'DISBURSEMENT',
  RECOVERY = 'RECOVERY',
  ADJUSTMENT = 'ADJUSTMENT',
}

registerEnumType(GrantLedgerKind, {
  name: 'GrantLedgerKind',
  description: 'What a ledger entry records.',
  valuesMap: {
    ALLOCATION: { description: 'A decision awarded this amount: it is reserved from the budget.' },
    DISBURSEMENT: { description: 'The municipality paid this amount to the organisation.' },
    RECOVERY: { description: 'The organisation paid back unspent money.' },
    ADJUSTMENT: {
      description:
        'A correction of an award (positive or negative), with its reason; decisions themselves never change.',
    },
  },
});

/**
 * One movement of grant money. Append-only: the API only inserts, and database triggers refuse
 * UPDATE and DELETE (and TRUNCATE on PostgreSQL). Amounts are positive, except an ADJUSTMENT,
 * which is signed and never zero. Balances are sums of these entries:
 * programme remaining = budget − (ALLOCATION + ADJUSTMENT); award remaining = awarded − DISBURSEMENT.
 */
@ObjectType({ description: 'An entry of the append-only grant ledger: one movement of money.' })
@Entity('grant_ledger_entries')
@Index('IDX_grant_ledger_programme_recorded', ['programmeId', 'recordedAt'])
@Index('IDX_grant_ledger_application', ['applicationId', 'kind'])
@Check(
  'CHK_grant_ledger_amount',
  `("kind" = 'ADJUSTMENT' AND "amount" <> 0) OR ("kind" <> 'ADJUSTMENT' AND "amount" > 0)`,
)
export class GrantLedgerEntry extends UuidEntity {
  @UuidColumn()
  programmeId: string;

  @UuidColumn()
  applicationId: string;

  /** The applying organisation (also on the application): members see their own entries. */
  @UuidColumn()
  organisationId: string;

  @Field(() => GrantLedgerKind, {
    description: 'ALLOCATION, DISBURSEMENT, RECOVERY or ADJUSTMENT.',
  })
  @EnumColumn(GrantLedgerKind)
  kind: GrantLedgerKind;

  @Field(() => SafeIntScalar, {
    description: 'Amount in öre: positive; an ADJUSTMENT is negative when it reduces the award.',
  })
  @MoneyColumn()
  amount: number;

  @Field({
    description:
      'When the money moved: the decision, the payment date (paidAt) or the repayment date (receivedAt).',
  })
  @TimestampColumn()
  occurredAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Payment or voucher reference (verifikation) of a disbursement or recovery.',
  })
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @Field(() => String, { nullable: true, description: 'Why: the reason of an adjustment.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @UuidColumn()
  recordedById: string;

  @Field({ description: 'When the entry was recorded.' })
  @TimestampColumn()
  recordedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => GrantProgramme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId' })
  readonly programme?: GrantProgramme;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => GrantApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly application?: GrantApplication;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}
