import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/pagination';
import { District } from '../entities/district.entity';

@ObjectType()
export class DistrictConnection extends Connection(District, 'District') {}
