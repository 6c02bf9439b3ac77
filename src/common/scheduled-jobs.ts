import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

/**
 * Whether this process does background work by itself: the @Cron jobs, and loops such as the mail
 * dispatcher. Tests turn it off and run the work when they have moved the clock.
 */
export const SCHEDULED_JOBS = Symbol('SCHEDULED_JOBS');

@Global()
@Module({})
export class ScheduledJobsModule {
  static forRoot(enabled: boolean): DynamicModule {
    return {
      module: ScheduledJobsModule,
      imports: enabled ? [ScheduleModule.forRoot()] : [],
      providers: [{ provide: SCHEDULED_JOBS, useValue: enabled }],
      exports: [SCHEDULED_JOBS],
    };
  }
}
