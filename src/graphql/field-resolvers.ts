import { CUSTOM_ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { type DiscoveryService, MetadataScanner, type Reflector } from '@nestjs/core';
import {
  PARAM_ARGS_METADATA,
  RESOLVER_NAME_METADATA,
  RESOLVER_PROPERTY_METADATA,
  RESOLVER_TYPE_METADATA,
} from '@nestjs/graphql';
import {
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
} from 'graphql';
import { type AccessPolicy, accessPolicyOf, requireAccess } from '../common/access-policy';
import type { Actor } from '../common/actor';
import {
  actorFromContext,
  currentActorFactory,
} from '../common/decorators/current-actor.decorator';
import type { RequestActors } from '../common/request-actors';
import type { GraphQLContext } from './context';

/** One parameter of a field resolver method, filled from what graphql-js passes. */
type Binding = (parent: unknown, args: unknown, context: GraphQLContext, info: unknown) => unknown;

/** A `@ResolveField` method found on a resolver instance. */
interface FieldResolverMethod {
  readonly instance: object;
  readonly method: (...params: unknown[]) => unknown;
  readonly access: AccessPolicy;
  /** How to fill each parameter; null when one needs Nest's pipes (an argument class). */
  readonly bindings: Binding[] | null;
}

/** The metadata Nest's param decorators leave: `{ "<type>:<index>": { index, data, factory? } }`. */
interface ParamMetadata {
  readonly index: number;
  readonly data?: unknown;
  readonly factory?: unknown;
  readonly pipes?: readonly unknown[];
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** @nestjs/graphql's GqlParamtype (not exported from the package's entry point). */
const GqlParamtype = { ROOT: 0, CONTEXT: 1, INFO: 2, ARGS: 3 } as const;

/**
 * Parameter types the global ValidationPipe passes through unchanged (it validates and
 * transforms classes only): an argument of such a type needs no pipe.
 */
const PLAIN_TYPES = new Set<unknown>([String, Number, Boolean, Array, Object, Date, undefined]);

/**
 * How a parameter decorator is bound without Nest's per-call machinery: `@Parent()`,
 * `@Context()` (whole or one property), `@Info()`, `@CurrentActor()` and a named `@Args` of a
 * plain type. Anything else (an argument class, which the global ValidationPipe must validate, or
 * an argument with pipes) is null: the method keeps Nest's wrapper.
 */
function bindingOf(key: string, meta: ParamMetadata, metatype: unknown): Binding | null {
  if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) {
    return meta.factory === currentActorFactory
      ? (_parent, _args, context) => actorFromContext(context)
      : null;
  }
  const type = Number(key.split(':')[0]);
  if (type === GqlParamtype.ROOT) return (parent) => parent;
  if (type === GqlParamtype.INFO) return (_p, _a, _c, info) => info;
  // One named argument of a plain type (an enum list, an id): what graphql-js coerced. An
  // argument class (`@Args() range: TimeRangeArgs`) or one with pipes keeps Nest's wrapper.
  if (type === GqlParamtype.ARGS) {
    const name = meta.data;
    if (typeof name !== 'string' || (meta.pipes?.length ?? 0) > 0 || !PLAIN_TYPES.has(metatype)) {
      return null;
    }
    return (_p, args) => (args as Record<string, unknown>)[name];
  }
  if (type === GqlParamtype.CONTEXT) {
    const property = meta.data;
    if (property === undefined) return (_p, _a, context) => context;
    if (typeof property !== 'string') return null;
    return (_p, _a, context) => (context as unknown as Record<string, unknown>)[property];
  }
  return null;
}

function bindingsOf(target: object, methodName: string): Binding[] | null {
  const metadata = Reflect.getMetadata(PARAM_ARGS_METADATA, target.constructor, methodName) as
    Record<string, ParamMetadata> | undefined;
  // No decorated parameter: Nest passes graphql-js's own (parent, args, context, info).
  if (!metadata || Object.keys(metadata).length === 0) {
    return [
      (parent) => parent,
      (_p, args) => args,
      (_p, _a, context) => context,
      (...all) => all[3],
    ];
  }
  const types = (Reflect.getMetadata('design:paramtypes', target, methodName) ?? []) as unknown[];
  const bindings: Binding[] = [];
  for (const [key, meta] of Object.entries(metadata)) {
    const binding = bindingOf(key, meta, types[meta.index]);
    if (!binding) return null;
    bindings[meta.index] = binding;
  }
  // A parameter without a decorator would be undefined either way; keep the method's arity.
  for (let index = 0; index < bindings.length; index += 1) {
    bindings[index] ??= () => undefined;
  }
  return bindings;
}

/**
 * Every `@ResolveField` method of the application's resolvers, by `Type.field`: what Nest's
 * resolver explorer finds (same metadata), with the access each declares.
 */
export function discoverFieldResolvers(
  discovery: DiscoveryService,
  reflector: Reflector,
): Map<string, FieldResolverMethod> {
  const found = new Map<string, FieldResolverMethod>();
  const scanner = new MetadataScanner();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    const classType = Reflect.getMetadata(RESOLVER_TYPE_METADATA, instance.constructor) as
      string | undefined;
    if (!classType) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = prototype[methodName];
      if (typeof method !== 'function') continue;
      if (!Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method)) continue;
      const typeName =
        (Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined) ?? classType;
      if (!typeName || ROOT_TYPES.has(typeName)) continue;
      const fieldName =
        (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? methodName;
      found.set(`${typeName}.${fieldName}`, {
        instance,
        method: method as (...params: unknown[]) => unknown,
        access: accessPolicyOf(reflector, [method, instance.constructor]),
        bindings: bindingsOf(instance, methodName),
      });
    }
  }
  return found;
}

/** The caller, as the operation's guard authenticated it (every root field runs it first). */
function actorOf(context: GraphQLContext, actors: RequestActors): Actor | Promise<Actor> {
  return context.req.actor ?? actors.of(context.req, context.res);
}

/**
 * Field resolvers without Nest's per-call wrapper. Nest runs each `@ResolveField` call through
 * its execution-context machinery (an ExecutionContext, the global guard, the global
 * ValidationPipe on every parameter, interceptors, several promises): on a list of a thousand
 * signups that is most of the request's work. Here each field resolver checks the access its
 * method declares (the guard's rule, `requireAccess`, on the actor the operation's guard already
 * authenticated) and, when its parameters are only `@Parent`, `@Context`, `@Info`,
 * `@CurrentActor` and named `@Args` of plain types (which the ValidationPipe leaves as they are),
 * calls the method directly. Methods taking an argument class (`@Args() range: TimeRangeArgs`,
 * validated by the ValidationPipe) keep Nest's wrapper, behind the same access check.
 *
 * Fails at start-up when a `@ResolveField` method is not found in the schema, so none resolves
 * unchecked.
 */
export function bindFieldResolvers(
  schema: GraphQLSchema,
  methods: Map<string, FieldResolverMethod>,
  actors: RequestActors,
): GraphQLSchema {
  const unbound = new Set(methods.keys());
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || ROOT_TYPES.has(type.name) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const found = methods.get(key);
      // Other fields read a property of their parent (Nest's own resolver for a plain @Field).
      if (!found || !field.resolve) continue;
      field.resolve = direct(found, field.resolve, actors);
      unbound.delete(key);
    }
  }
  // A method missed here would resolve through Nest's wrapper, which no longer runs the guard.
  if (unbound.size > 0) {
    throw new Error(`@ResolveField methods not found in the schema: ${[...unbound].join(', ')}`);
  }
  return schema;
}

function direct(
  found: FieldResolverMethod,
  nest: GraphQLFieldResolver<unknown, GraphQLContext>,
  actors: RequestActors,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  const { instance, method, access, bindings } = found;
  const call: GraphQLFieldResolver<unknown, GraphQLContext> = bindings
    ? (parent, args, context, info: GraphQLResolveInfo) =>
        method.apply(
          instance,
          bindings.map((bind) => bind(parent, args, context, info)),
        )
    : nest;
  if (access.isPublic) return call;
  return (parent, args, context, info) => {
    const actor = actorOf(context, actors);
    if (actor instanceof Promise) {
      return actor.then((resolved) => {
        requireAccess(access, resolved);
        return call(parent, args, context, info);
      });
    }
    requireAccess(access, actor);
    return call(parent, args, context, info);
  };
}
