import jwt from 'jsonwebtoken';

/** What the app pins (src/config/environment.ts defaults): the bench gives the server the same. */
export const JWT_ISSUER = 'samverkan';
export const JWT_AUDIENCE = 'samverkan-api';

/**
 * An access token as AuthService issues it: HS256, `{ sub: personId, sid: sessionId }`, the
 * app's issuer and audience, valid for a day (a run never outlives it).
 */
export function accessToken(secret: string, personId: string, sessionId: string): string {
  return jwt.sign({ sub: personId, sid: sessionId }, secret, {
    algorithm: 'HS256',
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: 24 * 3600,
  });
}
