/**
 * The baseline: the "physical limit" the server is measured against. A bare node:http server that
 * answers the bench's request bodies (recognised by `operationName`) with the statements the
 * server's rules need and nothing else: verify the JWT, look up the session, run the SQL, write
 * the JSON. No framework, no GraphQL execution, no logging. Started by run.ts as a child process:
 *
 *   BASELINE_PORT, BASELINE_DIALECT (sqlite | postgres), BASELINE_DATABASE (file or URL),
 *   JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE
 *
 * GET /stats answers `{ "statements": n }`: every statement sent so far (for SQL per request).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  actorOf,
  AnswerError,
  answerQ1,
  answerQ2,
  answerSignUp,
  type Credentials,
} from './baseline-answers';
import { PostgresStore } from './baseline-postgres';
import { SqliteStore } from './baseline-sqlite';
import type { Store } from './baseline-store';

const BODY_LIMIT = 100 * 1024;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new AnswerError('BAD_USER_INPUT', 'Body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

interface GraphqlRequest {
  readonly operationName?: unknown;
  readonly query?: unknown;
  readonly variables?: unknown;
}

async function answerGraphql(
  store: Store,
  credentials: Credentials,
  req: IncomingMessage,
): Promise<string> {
  const request = JSON.parse(await readBody(req)) as GraphqlRequest;
  const actor = await actorOf(store, req.headers.authorization, credentials);
  switch (request.operationName) {
    case 'Q1':
      return answerQ1(store, actor, request.variables);
    case 'Q2':
      return answerQ2(store, request.variables);
    case 'M1':
      return answerSignUp(store, actor, request.variables);
    default:
      if (typeof request.query === 'string' && request.query.includes('__typename')) {
        return `${JSON.stringify({ data: { __typename: 'Query' } })}\n`;
      }
      throw new AnswerError('BAD_USER_INPUT', 'The baseline only answers the bench operations');
  }
}

async function handle(
  store: Store,
  credentials: Credentials,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method === 'GET' && req.url === '/stats') {
    send(res, 200, JSON.stringify({ statements: store.statements() }));
    return;
  }
  if (req.method !== 'POST' || req.url !== '/graphql') {
    send(res, 404, '{"error":"not found"}');
    return;
  }
  try {
    send(res, 200, await answerGraphql(store, credentials, req));
  } catch (error) {
    if (error instanceof AnswerError) send(res, 200, error.body());
    else if (error instanceof SyntaxError)
      send(res, 400, new AnswerError('BAD_REQUEST', error.message).body());
    else {
      console.error(error);
      send(res, 500, new AnswerError('INTERNAL_SERVER_ERROR', 'Unexpected error').body());
    }
  }
}

function main(): void {
  const port = Number(required('BASELINE_PORT'));
  const database = required('BASELINE_DATABASE');
  const store: Store =
    required('BASELINE_DIALECT') === 'postgres'
      ? new PostgresStore(database)
      : new SqliteStore(database);
  const credentials: Credentials = {
    secret: required('JWT_SECRET'),
    issuer: required('JWT_ISSUER'),
    audience: required('JWT_AUDIENCE'),
  };
  const server = createServer((req, res) => void handle(store, credentials, req, res));
  // As Node's defaults in the app (express on node:http): keep-alive connections stay open.
  server.listen(port, '127.0.0.1');
  const shutDown = () => {
    server.close(() => void store.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on('SIGTERM', shutDown);
  process.on('SIGINT', shutDown);
}

main();
