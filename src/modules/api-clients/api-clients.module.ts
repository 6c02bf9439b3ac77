import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganisationsModule } from '../organisations';
import { ApiClientFieldsResolver } from './api-client-fields.resolver';
import { ApiClientsResolver } from './api-clients.resolver';
import { ApiClientsService } from './api-clients.service';
import { ApiClient } from './entities/api-client.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ApiClient]), AuditModule, OrganisationsModule],
  providers: [ApiClientsService, ApiClientsResolver, ApiClientFieldsResolver],
  exports: [ApiClientsService],
})
export class ApiClientsModule {}
