import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import {
  CredentialFieldsResolver,
  OrganisationCredentialsResolver,
  PersonCredentialsResolver,
} from './credential-fields.resolver';
import { CredentialJobsService } from './credential-jobs.service';
import { CredentialsResolver } from './credentials.resolver';
import { CredentialsService } from './credentials.service';
import { Credential } from './entities/credential.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Credential]),
    AuditModule,
    NotificationsModule,
    OrganisationsModule,
    PeopleModule,
  ],
  providers: [
    CredentialsService,
    CredentialJobsService,
    CredentialsResolver,
    CredentialFieldsResolver,
    PersonCredentialsResolver,
    OrganisationCredentialsResolver,
  ],
  exports: [CredentialsService, CredentialJobsService],
})
export class CredentialsModule {}
