export { SupportServiceOpeningSlot } from './entities/opening-slot.entity';
export { ServiceUsageReport } from './entities/service-usage-report.entity';
export { ServiceCategory, SupportService } from './entities/support-service.entity';
export { Weekday } from './opening-hours.rules';
export { ServicesModule } from './services.module';
export { SupportServicesService } from './support-services.service';
