import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Actor } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { containsPattern } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { CreateDistrictInput, DistrictsArgs } from './dto/district.inputs';
import { District } from './entities/district.entity';

@Injectable()
export class DistrictsService {
  constructor(
    @InjectRepository(District) private readonly districts: Repository<District>,
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  readonly byId: LoaderFactory<string, District | null> = () => loaderById(this.districts);

  async get(id: string): Promise<District> {
    const district = await this.districts.findOneBy({ id });
    if (!district) throw DomainError.notFound('District', id);
    return district;
  }

  list(args: DistrictsArgs): Promise<ConnectionShape<District>> {
    const query = this.districts.createQueryBuilder('district');
    if (args.filter?.search) {
      query.andWhere("LOWER(district.name) LIKE :search ESCAPE '\\'", {
        search: containsPattern(args.filter.search),
      });
    }
    return paginate(query, args, {
      column: 'district.name',
      direction: 'ASC',
      valueOf: (d) => d.name,
    });
  }

  /** Refuses ids that name no district, with BAD_USER_INPUT on the given field. */
  async requireExisting(ids: readonly string[], field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await this.districts.countBy({ id: In(unique) });
    if (found !== unique.length) {
      throw DomainError.badInput('Unknown district', {
        [field]: ['contains an id that is not a district'],
      });
    }
  }

  /** ADMIN only (declared on the resolver). */
  async create(
    actor: Actor,
    input: CreateDistrictInput,
    options: { id?: string } = {},
  ): Promise<District> {
    const district = this.districts.create({
      id: options.id,
      name: input.name.trim(),
      municipality: (input.municipality ?? this.config.municipalityName).trim(),
    });
    try {
      return await this.database.transaction(async (manager) => {
        const saved = await manager.save(district);
        await this.audit.record(manager, actor, {
          action: 'district.created',
          entityType: 'District',
          entityId: saved.id,
          after: { name: saved.name, municipality: saved.municipality },
        });
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.CONFLICT, 'That district already exists', {
          field: 'name',
        });
      }
      throw error;
    }
  }
}
