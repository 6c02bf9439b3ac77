import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, hasSystemRole, SystemRole } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { DomainError } from '../../common/errors/domain-error';
import type { GraphQLContext } from '../../graphql/context';
import { District, DistrictsService } from '../districts';
import { Membership, MembershipRole, MembershipStatus } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { MembershipsService } from './memberships.service';
import { MANAGERS, OrganisationAccess } from './organisation-access.service';
import { OrganisationsService } from './organisations.service';

const STATUS_ORDER = [MembershipStatus.ACTIVE, MembershipStatus.INVITED, MembershipStatus.LEFT];
const ROLE_ORDER = [MembershipRole.ORG_ADMIN, MembershipRole.COORDINATOR, MembershipRole.VOLUNTEER];

/** Active before invited before left; then ORG_ADMIN, COORDINATOR, VOLUNTEER; then oldest first. */
function byStatusRoleAndAge(a: Membership, b: Membership): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

@Resolver(() => Organisation)
export class OrganisationFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
    private readonly memberships: MembershipsService,
    private readonly access: OrganisationAccess,
  ) {}

  @ResolveField('districts', () => [District], {
    description: 'Districts the organisation serves, by name.',
  })
  @Public()
  async districtsServed(
    @Parent() organisation: Organisation,
    @Context() context: GraphQLContext,
  ): Promise<District[]> {
    const ids = await context.loaders
      .get(this.organisations.districtIdsByOrganisation)
      .load(organisation.id);
    const found = await context.loaders.get(this.districts.byId).loadMany(ids);
    return found
      .filter((district): district is District => district instanceof District)
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Reason given with the last rejection or suspension; for members and officers.',
  })
  async statusReason(
    @Parent() organisation: Organisation,
    @CurrentActor() actor: Actor,
  ): Promise<string | null> {
    if (hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER)) return organisation.statusReason;
    return (await this.access.isActiveMember(actor, organisation.id))
      ? organisation.statusReason
      : null;
  }

  @ResolveField(() => [Membership], {
    nullable: true,
    description:
      "The organisation's members: active, invited, left; by role; oldest first. For its own members: ORG_ADMIN and COORDINATOR see " +
      'every status asked for, volunteers see ACTIVE members.',
  })
  async members(
    @Parent() organisation: Organisation,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args('status', {
      type: () => [MembershipStatus],
      nullable: true,
      defaultValue: [MembershipStatus.ACTIVE, MembershipStatus.INVITED],
      description: 'Which statuses to include (default ACTIVE and INVITED).',
    })
    requested: MembershipStatus[] | null,
  ): Promise<Membership[]> {
    const statuses = requested ?? [MembershipStatus.ACTIVE, MembershipStatus.INVITED];
    const manager = await this.access.hasRole(actor, organisation.id, MANAGERS);
    if (!manager && !(await this.access.isActiveMember(actor, organisation.id))) {
      throw DomainError.forbidden("Only the organisation's members see its members");
    }
    const allowed = manager
      ? statuses
      : statuses.filter((status) => status === MembershipStatus.ACTIVE);
    const all = await context.loaders.get(this.memberships.byOrganisation).load(organisation.id);
    return all.filter((membership) => allowed.includes(membership.status)).sort(byStatusRoleAndAge);
  }
}
