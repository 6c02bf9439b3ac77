import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { AuditActorResolver } from './audit-actor.resolver';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { Person } from './entities/person.entity';
import { PasswordService } from './password.service';
import { PeopleResolver } from './people.resolver';
import { PeopleService } from './people.service';
import { PersonFieldsResolver } from './person-fields.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), AuditModule],
  providers: [
    PeopleService,
    PasswordService,
    PeopleResolver,
    PersonFieldsResolver,
    AuditActorResolver,
    BootstrapAdminService,
  ],
  exports: [PeopleService, PasswordService],
})
export class PeopleModule {}
