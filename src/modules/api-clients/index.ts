export { ApiClientsModule } from './api-clients.module';
export { ApiClientsService } from './api-clients.service';
export { ApiClient } from './entities/api-client.entity';
