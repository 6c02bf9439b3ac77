import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuditService } from '../audit';
import { AuthModule } from '../auth';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { PlacementHolds } from './placement-holds.service';
import { PlacementNotices } from './placement-notices.service';
import { PlacementReads } from './placement-reads.service';
import { PlacementsResolver } from './placements.resolver';
import { PlacementsService } from './placements.service';
import { ShelterAvailabilityService } from './shelter-availability.service';
import { ShelterEvents } from './shelter-events.service';
import {
  PlacementFieldsResolver,
  ShelterAvailabilityFieldsResolver,
  ShelterFieldsResolver,
} from './shelter-fields.resolver';
import { ShelterJobsService } from './shelter-jobs.service';
import { SheltersResolver } from './shelters.resolver';
import { SheltersService } from './shelters.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Shelter, ShelterAvailabilityReport, PlacementRequest]),
    OrganisationsModule,
    PeopleModule,
    AuditModule,
    NotificationsModule,
    AuthModule,
  ],
  providers: [
    SheltersService,
    ShelterAvailabilityService,
    PlacementsService,
    PlacementReads,
    PlacementHolds,
    PlacementNotices,
    ShelterJobsService,
    ShelterEvents,
    SheltersResolver,
    PlacementsResolver,
    ShelterFieldsResolver,
    ShelterAvailabilityFieldsResolver,
    PlacementFieldsResolver,
  ],
  exports: [SheltersService, ShelterAvailabilityService, PlacementsService, ShelterJobsService],
})
export class SheltersModule implements OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  /** Who asked which shelter for what is for the two sides (and ADMIN), not for officers. */
  onModuleInit(): void {
    this.audit.restrictToAdmin('Shelter', 'PlacementRequest');
  }
}
