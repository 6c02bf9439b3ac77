import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import {
  CredentialFieldsResolver,
  OrganisationCredentialsResolver,
  PersonCredentialsResolver,
} from './credential-fields.resolver';
import { CredentialsResolver } from './credentials.resolver';
import { CredentialsService } from './credentials.service';
import { Credential } from './entities/credential.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Credential]), AuditModule, OrganisationsModule, PeopleModule],
  providers: [
    CredentialsService,
    CredentialsResolver,
    CredentialFieldsResolver,
    PersonCredentialsResolver,
    OrganisationCredentialsResolver,
  ],
  exports: [CredentialsService],
})
export class CredentialsModule {}
