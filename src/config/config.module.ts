import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';

export interface AppConfigOptions {
  /** Values that win over the process environment (tests build apps with their own settings). */
  readonly overrides?: Record<string, string | undefined>;
  /** Skip reading `.env` (tests must not depend on a developer's local file). */
  readonly ignoreEnvFile?: boolean;
}

/**
 * Loads `.env` into the environment (@nestjs/config) and provides the validated `AppConfig`.
 * Overrides are merged here rather than written to `process.env`, so apps built side by side in
 * one test process never see each other's settings.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: AppConfigOptions = {}): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: options.ignoreEnvFile ?? false })],
      providers: [
        {
          provide: AppConfig,
          inject: [ConfigService],
          // ConfigService is injected only so that `.env` has been loaded before we read the env.
          useFactory: (_loaded: ConfigService) =>
            new AppConfig({ ...process.env, ...options.overrides }),
        },
      ],
      exports: [AppConfig],
    };
  }
}
