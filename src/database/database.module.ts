import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, createDataSource, EntityList } from './data-source-options';
import { Database } from './database.service';
import { TransactionScope } from './transaction-scope';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    const scope = new TransactionScope();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => buildDataSourceOptions(config, entities),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('TypeORM options missing');
            return createDataSource(options, () => scope.isInside()).initialize();
          },
        }),
      ],
      providers: [{ provide: TransactionScope, useValue: scope }, Database],
      exports: [Database, TransactionScope],
    };
  }
}
