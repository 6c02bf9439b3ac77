export { CredentialsModule } from './credentials.module';
export { CredentialsService } from './credentials.service';
export { Credential, CredentialKind } from './entities/credential.entity';
export { CredentialJobsService } from './credential-jobs.service';
