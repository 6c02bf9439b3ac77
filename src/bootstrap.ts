import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { AppConfig } from './config/app-config';

/** Creates the application (not yet listening), for main.ts and the CLIs. */
export async function createApp(options: AppModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bufferLogs: true });
  configureApp(app);
  return app;
}

/** Everything the server needs besides listening; shared by createApp and the tests. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'X-Api-Key',
        'X-Request-Id',
        'Apollo-Require-Preflight',
      ],
      exposedHeaders: ['X-Request-Id'],
    });
  }
  app.enableShutdownHooks();
}
