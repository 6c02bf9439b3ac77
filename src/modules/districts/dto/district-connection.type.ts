import { Connection } from '../../../graphql/pagination';
import { District } from '../entities/district.entity';

/** A page of District items (Relay connection). */
export const DistrictConnection = Connection(District, 'District');
