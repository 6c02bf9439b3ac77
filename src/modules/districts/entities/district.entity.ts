import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn } from '../../../database/columns';
import { Node } from '../../../graphql/node';

@ObjectType({ description: 'A district (stadsdel) of the municipality.', implements: () => [Node] })
@Entity('districts')
@Index('UQ_districts_municipality_name', ['municipality', 'name'], { unique: true })
export class District extends UuidEntity {
  @Field({ description: 'Name of the district, e.g. Kronogården.' })
  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Field({ description: 'Municipality the district belongs to, e.g. Trollhättan.' })
  @Column({ type: 'varchar', length: 80 })
  municipality: string;

  @CreatedAtColumn()
  createdAt: Date;
}
