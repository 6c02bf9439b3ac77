import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { ENTITIES } from './app.entities';
import { CommonModule } from './common/common.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { ScheduledJobsModule } from './common/scheduled-jobs';
import { createValidationPipe } from './common/validation';
import { AppConfigModule, AppConfigOptions } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ApiGraphQLModule } from './graphql/graphql.module';
import { PubSubModule } from './graphql/pubsub';
import { LoggingModule } from './logging/logging.module';
import { ApiClientsModule } from './modules/api-clients';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { BookingsModule } from './modules/bookings';
import { CredentialsModule } from './modules/credentials';
import { DistrictsModule } from './modules/districts';
import { GrantsModule } from './modules/grants';
import { HealthModule } from './modules/health/health.module';
import { NightWalksModule } from './modules/night-walks';
import { NodesModule } from './modules/nodes';
import { NotificationsModule } from './modules/notifications';
import { OrganisationsModule } from './modules/organisations';
import { PeopleModule } from './modules/people';
import { ServicesModule } from './modules/services';
import { SheltersModule } from './modules/shelters';

export interface AppModuleOptions {
  readonly config?: AppConfigOptions;
  /** Where log lines go (tests capture them); standard output when left out. */
  readonly logDestination?: DestinationStream;
  /**
   * Whether the scheduled jobs (@Cron) run by themselves; default true. Tests turn them off and
   * call the jobs when they have moved the clock, so nothing runs behind a test's back.
   */
  readonly scheduledJobs?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.logDestination),
        DatabaseModule.forRoot(ENTITIES),
        CommonModule,
        ScheduledJobsModule.forRoot(options.scheduledJobs !== false),
        ApiGraphQLModule,
        PubSubModule,
        HealthModule,
        AuditModule,
        DistrictsModule,
        PeopleModule,
        OrganisationsModule,
        CredentialsModule,
        ApiClientsModule,
        AuthModule,
        NotificationsModule,
        NightWalksModule,
        SheltersModule,
        NodesModule,
        ServicesModule,
        BookingsModule,
        GrantsModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
