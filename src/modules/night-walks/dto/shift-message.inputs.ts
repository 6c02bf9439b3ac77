import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../../common/validation';
import { Shift } from '../entities/shift.entity';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({ description: 'A message from a coordinator to everyone signed up for a walk.' })
export class MessageShiftWalkersInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;

  @Field({ description: 'Subject line (2–150 characters).' })
  @IsString()
  @Trim()
  @Length(2, 150)
  @NoIdentityNumber()
  subject: string;

  @Field({
    description: 'The message (2–4000 characters); never a personal identity number.',
  })
  @IsString()
  @Trim()
  @Length(2, 4000)
  @NoIdentityNumber()
  body: string;
}

@ObjectType({ description: 'Who a message about a walk reached.' })
export class ShiftMessageResult {
  @Field(() => Shift, { description: 'The walk.' })
  shift: Shift;

  @Field(() => Int, { description: 'Walkers with a place or on the waitlist who got it.' })
  walkers: number;

  @Field(() => Int, { description: "The walk's coordinators and admins who got a copy." })
  copies: number;
}
