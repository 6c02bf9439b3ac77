import type { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { ErrorCode } from './common/errors/error-codes';
import { AppConfig } from './config/app-config';
import { requestId } from './logging/logging.module';

/** The largest request body (JSON or form) read; a larger one is refused with 413 before any work. */
export const BODY_LIMIT = '100kb';

/** Where Apollo serves GraphQL (and, outside production, GraphiQL): see graphql.module.ts. */
const GRAPHQL_PATH = /^\/graphql\/?$/i;

type Directives = Record<string, string[]>;

/**
 * Everything that is not a web page (GraphQL answers, JSON, iCalendar feeds): nothing may load,
 * run or frame it.
 */
export const API_POLICY: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Web pages of our own (the mail unsubscribe page, and the web app when it is served from this
 * origin: a Vite build with its own scripts and styles, GraphQL over fetch and subscriptions over
 * WebSocket). Nothing inline, nothing from elsewhere; Vite inlines small assets as data: URLs.
 */
export function documentPolicy(production: boolean): Directives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'ws:', 'wss:'],
    'manifest-src': ["'self'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Not on plain-HTTP development, where it would turn ws: into wss:.
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * GraphiQL, served by @nestjs/apollo at GET /graphql outside production: exactly what its page
 * loads. React and GraphiQL from unpkg (a path allows its redirect to the pinned version), the
 * page's one inline script by its hash, GraphiQL's stylesheet with the Google fonts it imports,
 * and its queries and subscriptions to this origin. Styles also allow 'unsafe-inline': GraphiQL's
 * dialogs insert <style> elements at run time (react-remove-scroll), which no hash can name.
 * A test parses the served page and fails when @nestjs/apollo changes what it loads.
 */
export const GRAPHIQL_POLICY: Directives = {
  'default-src': ["'none'"],
  'script-src': [
    'https://unpkg.com/react@18/umd/react.development.js',
    'https://unpkg.com/react-dom@18/umd/react-dom.development.js',
    'https://unpkg.com/graphiql@3.8.3/graphiql.min.js',
    "'sha256-0xLQ6PUZ3R8rSVlhREPOswHs3+vn4Ekj8r+1DYy67Sc='",
  ],
  'style-src': [
    'https://unpkg.com/graphiql@3.8.3/graphiql.min.css',
    'https://fonts.googleapis.com/css2',
    "'unsafe-inline'",
  ],
  'font-src': ['https://fonts.gstatic.com'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: Error) => void,
) => void;

function contentSecurityPolicy(directives: Directives): Middleware {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives });
}

/** Runs `hook` just before the response's headers go out, when its Content-Type is known. */
function beforeHeaders(res: ServerResponse, hook: () => void): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    hook();
    return writeHead(...args);
  };
}

/**
 * helmet's headers on every response (HSTS in production only: development runs on plain HTTP),
 * no X-Powered-By, and the strict API policy, which an HTML answer trades for the page policy (or
 * GraphiQL's) just before it is sent.
 */
function securityHeaders(config: AppConfig): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    strictTransportSecurity: config.isProduction
      ? { maxAge: 365 * 24 * 3600, includeSubDomains: true }
      : false,
    xFrameOptions: { action: 'deny' },
  });
  const page = contentSecurityPolicy(documentPolicy(config.isProduction));
  // GraphiQL is on where graphql.module.ts turns it on: outside production.
  const graphiql = config.isProduction ? null : contentSecurityPolicy(GRAPHIQL_POLICY);
  return (req, res, next) => {
    // Read now: a middleware mounted at a path (Apollo's at /graphql) shortens req.path.
    const policy =
      graphiql && req.method === 'GET' && GRAPHQL_PATH.test(req.path) ? graphiql : page;
    beforeHeaders(res, () => {
      if (/^text\/html\b/i.test(String(res.getHeader('Content-Type') ?? ''))) {
        policy(req, res, () => undefined);
      }
    });
    headers(req, res, next);
  };
}

/** What body-parser fails with: an http-errors error with a status and a `type`. */
interface BodyError extends Error {
  status: number;
  type: string;
}

function isBodyError(error: unknown): error is BodyError {
  const { status, type } = (error ?? {}) as Partial<BodyError>;
  return (
    error instanceof Error &&
    typeof type === 'string' &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

/**
 * A body that is too large, malformed or in an unknown encoding is refused in the API's own shape
 * (GraphQL's on /graphql, `{ error }` elsewhere) with BAD_USER_INPUT and a `reason`, keeping
 * body-parser's status (413, 400, 415). Nothing behind the parser runs, so the line is logged here.
 */
function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isBodyError(error) || res.headersSent) {
      next(error);
      return;
    }
    const { status } = error;
    const reason =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'BAD_REQUEST';
    const message =
      status === 413
        ? `The request body is larger than ${BODY_LIMIT}.`
        : status === 415
          ? 'The request body is in an encoding or character set that is not supported.'
          : 'The request body could not be read.';
    Object.assign(req, { id: requestId(req, res) });
    res.status(status);
    if (GRAPHQL_PATH.test(req.path)) {
      res.json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, reason } }] });
    } else {
      res.json({ error: { code: ErrorCode.BAD_USER_INPUT, message, details: { reason } } });
    }
    logger.warn({ req, res, reason }, 'request body refused', 'HTTP');
  };
}

/** Creates the application (not yet listening), for main.ts and the CLIs. */
export async function createApp(options: AppModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bufferLogs: true });
  configureApp(app);
  return app;
}

/** Everything the server needs besides listening; shared by createApp and the tests. */
export function configureApp(app: INestApplication): void {
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get(AppConfig);
  const server = app.getHttpAdapter().getInstance() as Express;
  server.disable('x-powered-by');
  // No ETag: answers are per caller and `no-store`, and hashing each body (a megabyte for a
  // large screen) costs more than it could save.
  server.set('etag', false);
  app.use(securityHeaders(config));
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
  // Nest's own parsers (same names) are then left out; the error handler must follow them.
  app.use(
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ extended: true, limit: BODY_LIMIT }),
    bodyErrors(logger),
  );
  app.enableShutdownHooks();
}
