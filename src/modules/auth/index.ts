export { AuthModule } from './auth.module';
export { AuthService, type AccessTokenClaims } from './auth.service';
export { AuthPayload } from './dto/auth.inputs';
