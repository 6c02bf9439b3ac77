export { PlacementRequest, PlacementStatus } from './entities/placement-request.entity';
export { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
export { Shelter, ShelterFeature } from './entities/shelter.entity';
export { PlacementsService } from './placements.service';
export { ShelterAvailabilityService } from './shelter-availability.service';
export { ShelterJobsService } from './shelter-jobs.service';
export { SheltersModule } from './shelters.module';
export { AvailabilityStatus } from './shelters.rules';
export { SheltersService } from './shelters.service';
