import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  CreateSupportServiceInput,
  ReportServiceUsageInput,
  SupportServiceConnection,
  SupportServicesArgs,
  UpdateSupportServiceInput,
} from './dto/support-service.inputs';
import { ServiceUsageReport } from './entities/service-usage-report.entity';
import { SupportService } from './entities/support-service.entity';
import { SupportServicesService } from './support-services.service';

@Resolver(() => SupportService)
export class SupportServicesResolver {
  constructor(private readonly services: SupportServicesService) {}

  @Query(() => SupportServiceConnection, {
    description:
      'The directory of support services by name: where to sleep, eat or get help, in which language, open when. Public.',
  })
  @Public()
  supportServices(@Args() args: SupportServicesArgs): Promise<ConnectionShape<SupportService>> {
    return this.services.list(args);
  }

  @Query(() => SupportService, { description: 'One support service. Public.' })
  @Public()
  supportService(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The service.' }) id: string,
  ): Promise<SupportService> {
    return this.services.getVisible(actor, id);
  }

  @Mutation(() => SupportService, {
    description: 'Publishes a support service. ORG_ADMIN of a verified organisation.',
  })
  createSupportService(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The service.' }) input: CreateSupportServiceInput,
  ): Promise<SupportService> {
    return this.services.create(actor, input);
  }

  @Mutation(() => SupportService, {
    description: "Changes a support service. The organisation's ORG_ADMIN.",
  })
  updateSupportService(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateSupportServiceInput,
  ): Promise<SupportService> {
    return this.services.update(actor, input);
  }

  @Mutation(() => ServiceUsageReport, {
    description:
      'Reports how many people a service served on a day; above its daily capacity is allowed but flagged. ' +
      'COORDINATOR or ORG_ADMIN.',
  })
  reportServiceUsage(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The day and the count.' }) input: ReportServiceUsageInput,
  ): Promise<ServiceUsageReport> {
    return this.services.reportUsage(actor, input);
  }
}
