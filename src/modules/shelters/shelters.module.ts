import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { PlacementHolds } from './placement-holds.service';
import { PlacementsResolver } from './placements.resolver';
import { PlacementsService } from './placements.service';
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
    AuditModule,
    NotificationsModule,
    AuthModule,
  ],
  providers: [
    SheltersService,
    PlacementsService,
    PlacementHolds,
    ShelterJobsService,
    ShelterEvents,
    SheltersResolver,
    PlacementsResolver,
    ShelterFieldsResolver,
    ShelterAvailabilityFieldsResolver,
    PlacementFieldsResolver,
  ],
  exports: [SheltersService, PlacementsService, ShelterJobsService],
})
export class SheltersModule {}
