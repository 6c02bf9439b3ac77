export { DistrictsModule } from './districts.module';
export { DistrictsService } from './districts.service';
export { District } from './entities/district.entity';
