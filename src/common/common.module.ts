import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { RequestActors } from './request-actors';

/** What every module may inject: the clock, and who each request (or subscription event) acts as. */
@Global()
@Module({ providers: [Clock, RequestActors], exports: [Clock, RequestActors] })
export class CommonModule {}
