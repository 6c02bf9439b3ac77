import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { stockholmDate } from '../../common/time';
import type { GraphQLContext } from '../../graphql/context';
import { MaxItems } from '../../graphql/cost';
import { required } from '../../graphql/loaders';
import { District, DistrictsService } from '../districts';
import { Organisation, OrganisationsService } from '../organisations';
import { UsageRangeArgs } from './dto/support-service.inputs';
import { ServiceUsageReport } from './entities/service-usage-report.entity';
import { SupportService } from './entities/support-service.entity';
import { isOpenAt, openingSlots } from './opening-hours.rules';
import { SupportServicesService } from './support-services.service';

/** The most daily reports `SupportService.usage` answers for one range (a year's). */
const MAX_USAGE_DAYS = 366;

@Resolver(() => SupportService)
export class SupportServiceFieldsResolver {
  constructor(
    private readonly services: SupportServicesService,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => Organisation, { description: 'Who runs it.' })
  @Public()
  async organisation(
    @Parent() service: SupportService,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    return required(
      context.loaders.get(this.organisations.byId).load(service.organisationId),
      `Organisation of service ${service.id}`,
    );
  }

  @ResolveField(() => District, { description: 'The district it is in.' })
  @Public()
  async district(
    @Parent() service: SupportService,
    @Context() context: GraphQLContext,
  ): Promise<District> {
    return required(
      context.loaders.get(this.districts.byId).load(service.districtId),
      `District of service ${service.id}`,
    );
  }

  @ResolveField(() => Boolean, { description: 'Open right now (Stockholm time).' })
  @Public()
  openNow(@Parent() service: SupportService): boolean {
    // The database's own test (wall-clock slots), without laying out the week's periods.
    return isOpenAt(openingSlots(service.openingHours), this.clock.now());
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When open now: when it closes (null when open around the clock or closed now).',
  })
  @Public()
  async openUntil(
    @Parent() service: SupportService,
    @Context() context: GraphQLContext,
  ): Promise<Date | null> {
    return (await context.loaders.get(this.services.openingStateOf).load(service)).openUntil;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When it next opens after now (within a week); null without opening hours.',
  })
  @Public()
  async nextOpening(
    @Parent() service: SupportService,
    @Context() context: GraphQLContext,
  ): Promise<Date | null> {
    return (await context.loaders.get(this.services.openingStateOf).load(service)).nextOpening;
  }

  @ResolveField(() => [ServiceUsageReport], {
    nullable: true,
    description:
      `Daily use between two days (default the last 30; at most ${MAX_USAGE_DAYS} reports: BAD_USER_INPUT ` +
      "beyond, ask for a shorter range): the organisation's members and municipal officers only (null, " +
      'with an error, for others).',
  })
  @MaxItems(MAX_USAGE_DAYS)
  async usage(
    @Parent() service: SupportService,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args() range: UsageRangeArgs,
  ): Promise<ServiceUsageReport[]> {
    await this.services.requireUsageReader(actor, service);
    const today = this.clock.now();
    const to = range.to ?? stockholmDate(today);
    const from = range.from ?? stockholmDate(new Date(today.getTime() - 30 * 24 * 3600_000));
    return context.loaders
      .get(this.services.usageByServiceAndRange)
      .load({ ownerId: service.id, range: { from, to } });
  }
}

@Resolver(() => ServiceUsageReport)
export class ServiceUsageReportFieldsResolver {
  constructor(private readonly services: SupportServicesService) {}

  @ResolveField(() => SupportService, { description: 'The service.' })
  async service(
    @Parent() report: ServiceUsageReport,
    @Context() context: GraphQLContext,
  ): Promise<SupportService> {
    return required(
      context.loaders.get(this.services.byId).load(report.serviceId),
      `Service of usage report ${report.id}`,
    );
  }
}
