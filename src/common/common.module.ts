import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { ProtectedIdentityHooks } from './protected-identity-hooks';
import { RequestActors } from './request-actors';

/** What every module may inject: the clock, and who each request (or subscription event) acts as. */
@Global()
@Module({
  providers: [Clock, RequestActors, ProtectedIdentityHooks],
  exports: [Clock, RequestActors, ProtectedIdentityHooks],
})
export class CommonModule {}
