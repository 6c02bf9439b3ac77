import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/pagination';
import { Organisation } from '../entities/organisation.entity';

@ObjectType()
export class OrganisationConnection extends Connection(Organisation, 'Organisation') {}
