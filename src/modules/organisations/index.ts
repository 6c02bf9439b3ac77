export { Membership, MembershipRole, MembershipStatus } from './entities/membership.entity';
export { OrganisationDistrict } from './entities/organisation-district.entity';
export { Organisation, OrganisationKind, OrganisationStatus } from './entities/organisation.entity';
export { MembershipsService } from './memberships.service';
export { ANY_ROLE, MANAGERS, OrganisationAccess } from './organisation-access.service';
export { OrganisationsModule } from './organisations.module';
export { luhnCheckDigit, normaliseOrganisationNumber } from './organisations.rules';
export { OrganisationsService } from './organisations.service';
