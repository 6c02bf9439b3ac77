import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { DistrictsResolver } from './districts.resolver';
import { DistrictsService } from './districts.service';
import { District } from './entities/district.entity';

@Module({
  imports: [TypeOrmModule.forFeature([District]), AuditModule],
  providers: [DistrictsService, DistrictsResolver],
  exports: [DistrictsService],
})
export class DistrictsModule {}
