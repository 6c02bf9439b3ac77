import { buildSchema, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { ANONYMOUS, type Actor } from '../common/actor';
import type { RequestActors } from '../common/request-actors';
import { DomainError } from '../common/errors/domain-error';
import type { GraphQLContext } from './context';
import { bindFieldResolvers } from './field-resolvers';

const SDL = 'type Query { a: A } type A { b: String c: String }';
const actors = { of: () => Promise.resolve(ANONYMOUS) } as unknown as RequestActors;
const person: Actor = { kind: 'person', personId: 'p', systemRole: null, sessionId: 's' };

function contextOf(actor: Actor): GraphQLContext {
  return { req: { actor } } as unknown as GraphQLContext;
}

function schemaWithResolvers() {
  const schema = buildSchema(SDL);
  const type = schema.getType('A') as GraphQLObjectType;
  const nest = () => 'through Nest';
  type.getFields().b.resolve = nest;
  type.getFields().c.resolve = nest;
  return { schema, type };
}

describe('bindFieldResolvers', () => {
  const method = jest.fn((parent: unknown, actor: Actor) => `${String(parent)} for ${actor.kind}`);
  const entry = (isPublic: boolean) => ({
    instance: {},
    method: method as (...params: unknown[]) => unknown,
    access: { isPublic },
    bindings: [
      (parent: unknown) => parent,
      (_p: unknown, _a: unknown, c: GraphQLContext) => c.req.actor,
    ],
  });

  it('calls the method directly with its bound parameters, after the access check', () => {
    const { schema, type } = schemaWithResolvers();
    bindFieldResolvers(schema, new Map([['A.b', entry(false)]]), actors);
    const resolve = type.getFields().b.resolve!;
    const info = {} as GraphQLResolveInfo;
    expect(resolve('parent', {}, contextOf(person), info)).toBe('parent for person');
    expect(() => resolve('parent', {}, contextOf(ANONYMOUS), info)).toThrow(DomainError);
    // A field without a method keeps its own resolver.
    expect(type.getFields().c.resolve!('parent', {}, contextOf(ANONYMOUS), info)).toBe(
      'through Nest',
    );
  });

  it('lets anyone through to a public field', () => {
    const { schema, type } = schemaWithResolvers();
    bindFieldResolvers(schema, new Map([['A.b', entry(true)]]), actors);
    expect(
      type.getFields().b.resolve!('x', {}, contextOf(ANONYMOUS), {} as GraphQLResolveInfo),
    ).toBe('x for anonymous');
  });

  it('fails at start-up when a @ResolveField method names no field of the schema', () => {
    const { schema } = schemaWithResolvers();
    expect(() =>
      bindFieldResolvers(schema, new Map([['A.missing', entry(false)]]), actors),
    ).toThrow('A.missing');
  });
});
