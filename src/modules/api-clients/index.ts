export { apiKeyPrefix, generateApiKey, hashApiKey, type GeneratedApiKey } from './api-key';
export { ApiClientsModule } from './api-clients.module';
export { ApiClientsService, SELF_SERVICE_SCOPES } from './api-clients.service';
export { ApiClient } from './entities/api-client.entity';
