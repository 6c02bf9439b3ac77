import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { Injectable } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import {
  type DocumentNode,
  execute,
  getOperationAST,
  getVariableValues,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
  type SourceLocation,
  type VariableDefinitionNode,
  visit,
  BREAK,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Operations compiled per parsed document; Apollo's document store keeps one object per query. */
type Compiled = (CompiledQuery & { variables: readonly VariableDefinitionNode[] }) | null;

/** Whether a document asks for the schema itself (`__schema`, `__type`): graphql-js answers those. */
function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * graphql-jit reports errors in a GraphQLError look-alike whose `extensions` may be undefined,
 * which Apollo's error formatting does not expect: each becomes graphql-js's own, with the same
 * message, locations, path and original error.
 */
function asGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const converted = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions,
    });
    (converted as { locations?: readonly SourceLocation[] }).locations = error.locations;
    return converted;
  });
  return { ...result, errors };
}

/**
 * Compiled execution for Apollo Server: graphql-jit turns each query or mutation into one
 * JavaScript function (once per document and operation), which resolves, completes and
 * serialises the fields with the same resolvers and scalars as graphql-js, at a fraction of its
 * per-field work. Plugged in through Apollo's gateway interface, its documented way of
 * replacing execution: parsing, validation, the request limits, the cost limit, error formatting
 * and the HTTP layer stay Apollo's. Introspection and subscriptions (graphql-ws has its own
 * executor) go to graphql-js.
 */
export class CompiledExecution implements GatewayInterface {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();

  constructor(private readonly schema: GraphQLSchema) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  load(): Promise<GatewayLoadResult> {
    for (const listener of this.listeners) {
      listener({ apiSchema: this.schema, coreSupergraphSdl: '' });
    }
    return Promise.resolve({
      executor: (request) => this.execute(request) as Promise<GatewayExecutionResult>,
    });
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  async execute(request: GatewayGraphQLRequestContext): Promise<ExecutionResult> {
    const { document, operationName, context } = request;
    const variables = request.request.variables ?? {};
    const compiled = this.compiledFor(document, operationName ?? undefined);
    if (!compiled) {
      return execute({
        schema: this.schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName,
      });
    }
    // graphql-js's own checks of the variables: the same refusals, with the variable's node,
    // which Apollo answers as BAD_USER_INPUT (graphql-jit checks them again while it runs).
    const checked = getVariableValues(this.schema, compiled.variables, variables, {
      maxErrors: 50,
    });
    if (checked.errors) return { errors: checked.errors };
    return asGraphQLErrors(await compiled.query(undefined, context, variables));
  }

  private compiledFor(document: DocumentNode, operationName: string | undefined): Compiled {
    let byOperation = this.compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.compiled.set(document, byOperation);
    }
    const key = operationName ?? '';
    if (!byOperation.has(key)) byOperation.set(key, this.compile(document, operationName));
    return byOperation.get(key) ?? null;
  }

  private compile(document: DocumentNode, operationName: string | undefined): Compiled {
    const operation = getOperationAST(document, operationName);
    if (
      !operation ||
      operation.operation === OperationTypeNode.SUBSCRIPTION ||
      isIntrospection(document)
    ) {
      return null;
    }
    const compiled = compileQuery(this.schema, document, operationName);
    // A document graphql-jit cannot compile is executed by graphql-js, which reports the same.
    if (!isCompiledQuery(compiled)) return null;
    return Object.assign(compiled, { variables: operation.variableDefinitions ?? [] });
  }
}

/**
 * Nest's Apollo driver, with execution compiled (see CompiledExecution). Nest builds the schema
 * and hands it to Apollo; here Apollo gets it through the gateway instead, and graphql-ws keeps
 * the schema for subscriptions.
 */
@Injectable()
export class CompiledApolloDriver extends ApolloDriver {
  override async registerServer(options: ApolloDriverConfig): Promise<void> {
    const { schema, ...rest } = options;
    if (!schema) throw new Error('The GraphQL schema must be built before the server starts');
    await super.registerServer({
      ...rest,
      gateway: new CompiledExecution(schema),
    } as ApolloDriverConfig);
  }
}
