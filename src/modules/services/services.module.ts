import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DistrictsModule } from '../districts';
import { OrganisationsModule } from '../organisations';
import { SupportServiceOpeningSlot } from './entities/opening-slot.entity';
import { ServiceUsageReport } from './entities/service-usage-report.entity';
import { SupportService } from './entities/support-service.entity';
import {
  ServiceUsageReportFieldsResolver,
  SupportServiceFieldsResolver,
} from './support-service-fields.resolver';
import { SupportServicesResolver } from './support-services.resolver';
import { SupportServicesService } from './support-services.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([SupportService, SupportServiceOpeningSlot, ServiceUsageReport]),
    OrganisationsModule,
    DistrictsModule,
  ],
  providers: [
    SupportServicesService,
    SupportServicesResolver,
    SupportServiceFieldsResolver,
    ServiceUsageReportFieldsResolver,
  ],
  exports: [SupportServicesService],
})
export class ServicesModule {}
