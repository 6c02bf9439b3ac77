export { Membership, MembershipRole, MembershipStatus } from './entities/membership.entity';
export { OrganisationDistrict } from './entities/organisation-district.entity';
export { Organisation, OrganisationKind, OrganisationStatus } from './entities/organisation.entity';
export { MembershipsService } from './memberships.service';
export { MANAGERS, OrganisationAccess } from './organisation-access.service';
export { OrganisationsModule } from './organisations.module';
export { OrganisationsService } from './organisations.service';
