import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { InvitationMails } from './invitation-mails.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { DistrictsModule } from '../districts';
import { PeopleModule } from '../people';
import { Membership } from './entities/membership.entity';
import { OrganisationDistrict } from './entities/organisation-district.entity';
import { Organisation } from './entities/organisation.entity';
import { MembershipFieldsResolver } from './membership-fields.resolver';
import { MembershipsResolver } from './memberships.resolver';
import { MembershipsService } from './memberships.service';
import { OrganisationAccess } from './organisation-access.service';
import { OrganisationFieldsResolver } from './organisation-fields.resolver';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';
import { PersonMembershipsResolver } from './person-memberships.resolver';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, OrganisationDistrict, Membership]),
    AuditModule,
    DistrictsModule,
    NotificationsModule,
    PeopleModule,
  ],
  providers: [
    OrganisationAccess,
    InvitationMails,
    OrganisationsService,
    MembershipsService,
    OrganisationsResolver,
    OrganisationFieldsResolver,
    MembershipsResolver,
    MembershipFieldsResolver,
    PersonMembershipsResolver,
  ],
  exports: [OrganisationAccess, OrganisationsService, MembershipsService],
})
export class OrganisationsModule {}
