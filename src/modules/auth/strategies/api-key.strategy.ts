import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ApiClientActor } from '../../../common/actor';
import { ApiClientsService } from '../../api-clients';

const API_KEY_HEADER = 'X-Api-Key';

/** `X-Api-Key: sv_…` for partner apps; a revoked or unknown key fails. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly clients: ApiClientsService) {
    super({ header: API_KEY_HEADER, prefix: '' }, false);
  }

  async validate(apiKey: string): Promise<ApiClientActor | false> {
    return (await this.clients.authenticate(apiKey)) ?? false;
  }
}
