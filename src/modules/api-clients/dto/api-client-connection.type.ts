import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/pagination';
import { ApiClient } from '../entities/api-client.entity';

@ObjectType()
export class ApiClientConnection extends Connection(ApiClient, 'ApiClient') {}
