import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { REDACTED, redactUrl } from './redact-url';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Headers and fields that hold credentials. Bodies are never logged (they carry passwords and
 * refresh tokens), and SQL parameters are never logged either (see SqlLogger). URLs are logged
 * with their secrets redacted (see redactUrl and the serializers below).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** Headers whose value is a URL that may carry a token (a page's address, a redirect). */
const URL_HEADERS = ['referer', 'location', 'content-location'] as const;

/** pino's serialized request or response: what reaches the log line. */
interface Serialized {
  url?: string;
  headers?: Record<string, unknown>;
  [field: string]: unknown;
}

function withRedactedUrls(headers: Record<string, unknown> | undefined) {
  if (!headers || !URL_HEADERS.some((name) => typeof headers[name] === 'string')) return headers;
  const copy = { ...headers };
  for (const name of URL_HEADERS) {
    if (typeof copy[name] === 'string') copy[name] = redactUrl(copy[name]);
  }
  return copy;
}

/**
 * The request as logged: its URL without secrets (a personal calendar feed's token, `?token=`
 * links). `query` and `params` are left out: the URL holds both, and Express's `params` repeat
 * every path segment, the feed token included.
 */
function serializeRequest(req: Serialized): Serialized {
  const { query: _query, params: _params, ...rest } = req;
  return {
    ...rest,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    headers: withRedactedUrls(req.headers),
  };
}

function serializeResponse(res: Serialized): Serialized {
  return { ...res, headers: withRedactedUrls(res.headers) };
}

/** The request id: the caller's `X-Request-Id` when it is sane, else a new UUID; echoed back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Structured JSON logs (pino) with a request id on every line logged during a request. */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.logLevel,
              genReqId: requestId,
              // Lines logged during a request carry its id; the full request is logged once, at the end.
              quietReqLogger: true,
              redact: { paths: REDACTED_PATHS, censor: REDACTED },
              serializers: { req: serializeRequest, res: serializeResponse },
              customProps: () => ({ service: 'samverkan' }),
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
            };
            // Standard output written asynchronously: a line per request must not block the
            // event loop on a slow pipe; pino flushes what is pending when the process exits.
            return {
              pinoHttp: [options, destination ?? pino.destination({ dest: 1, sync: false })],
            };
          },
        }),
      ],
    };
  }
}
