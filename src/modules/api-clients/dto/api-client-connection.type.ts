import { Connection } from '../../../graphql/pagination';
import { ApiClient } from '../entities/api-client.entity';

/** A page of ApiClient items (Relay connection). */
export const ApiClientConnection = Connection(ApiClient, 'ApiClient');
