import { Connection } from '../../../graphql/pagination';
import { Organisation } from '../entities/organisation.entity';

/** A page of Organisation items (Relay connection). */
export const OrganisationConnection = Connection(Organisation, 'Organisation');
