import request from 'supertest';
import { ERROR_CODES } from '../../src/common/errors/error-codes';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; details?: Record<string, unknown>; [key: string]: unknown };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: GraphQLErrorShape[] | undefined;
  headers: Record<string, string>;
}

export interface Credentials {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/** Sends one GraphQL operation over HTTP, as a partner app or a browser would. */
export async function postGraphQL<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResponse<T>> {
  let call = request(baseUrl).post('/graphql').set('Content-Type', 'application/json');
  if (credentials.token) call = call.set('Authorization', `Bearer ${credentials.token}`);
  if (credentials.apiKey) call = call.set('X-Api-Key', credentials.apiKey);
  for (const [name, value] of Object.entries(credentials.headers ?? {}))
    call = call.set(name, value);
  const response = await call.send({ query, variables });
  const body = response.body as { data?: T | null; errors?: GraphQLErrorShape[] };
  // Every error the API returns must carry a code from the closed set in DOMAIN.md.
  for (const error of body.errors ?? []) {
    if (!ERROR_CODES.has(error.extensions?.code)) {
      throw new Error(`Error outside the closed set of codes: ${JSON.stringify(error)}`);
    }
  }
  return {
    status: response.status,
    data: body.data,
    errors: body.errors,
    headers: response.headers,
  };
}

/** A caller: a signed-in person, a partner app's key, or nobody. */
export class Client {
  constructor(
    private readonly baseUrl: string,
    readonly credentials: Credentials = {},
  ) {}

  request<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> {
    return postGraphQL<T>(this.baseUrl, query, variables, this.credentials);
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const response = await this.request<T>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(
        `Expected success, got ${response.status}: ${JSON.stringify(response.errors ?? response)}`,
      );
    }
    return response.data;
  }

  /** Runs an operation that must fail, and returns the code of its (first) error. */
  async code(query: string, variables?: Record<string, unknown>): Promise<string> {
    const response = await this.request(query, variables);
    const code = response.errors?.[0]?.extensions.code;
    if (!code) throw new Error(`Expected an error, got ${JSON.stringify(response.data)}`);
    return code;
  }
}

/** The codes of all errors in a response, in order. */
export function codesOf(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions.code);
}

/**
 * What became of an operation: the code of its first error, or else `ok` ('ok' unless given; a
 * function reads the outcome from the data).
 */
export function outcomeOf<T>(
  response: GraphQLResponse<T>,
  ok: string | ((data: T) => string) = 'ok',
): string {
  if (response.errors?.length) return response.errors[0].extensions.code;
  return typeof ok === 'function' ? ok(response.data as T) : ok;
}
