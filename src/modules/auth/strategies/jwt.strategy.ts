import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { PersonActor } from '../../../common/actor';
import { AppConfig } from '../../../config/app-config';
import { AccessTokenClaims, AuthService } from '../auth.service';

export const JWT_ALGORITHM = 'HS256';

/**
 * `Authorization: Bearer <jwt>`. Algorithm, issuer and audience are pinned, so `alg: none`, tokens
 * of other services and tampered tokens fail before `validate`; `validate` then checks that the
 * session is still open.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given the secret as text, jsonwebtoken first tries (and fails) to read it
      // as a public key on every request. passport-jwt hands it to jsonwebtoken as it is; its
      // types only name strings and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<PersonActor | false> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return false;
    return (await this.auth.actorForAccessToken({ sub: claims.sub, sid: claims.sid })) ?? false;
  }
}
