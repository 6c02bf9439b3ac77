import { Field, ID, InterfaceType } from '@nestjs/graphql';

/**
 * The object types a client can fetch again by id alone with `node(id:)` (the GraphQL Global
 * Object Identification specification, as Relay uses it). Each one has a root query of its own
 * name that takes `id: ID!` (`shift`, `organisation`, …): `node` answers through that query, so
 * with the same access rules.
 */
export const NODE_TYPES = [
  'District',
  'GrantApplication',
  'GrantProgramme',
  'Organisation',
  'PlacementRequest',
  'Resource',
  'Shelter',
  'Shift',
  'SupportService',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

/** The object of a Node type as its query answered it, with the type's name. */
const TYPE_OF = new WeakMap<object, NodeTypeName>();

/** Remembers which Node type an object answered by `node` or `nodes` is of. */
export function asNodeOf<T extends object>(type: NodeTypeName, value: T): T {
  TYPE_OF.set(value, type);
  return value;
}

@InterfaceType('Node', {
  description:
    'An object with a globally unique id that `node(id:)` and `nodes(ids:)` fetch again, with the ' +
    'access rules of its own query.',
  resolveType: (value: object) => {
    const type = TYPE_OF.get(value);
    if (!type) throw new Error('A Node answered without its type');
    return type;
  },
})
export abstract class Node {
  @Field(() => ID, { description: 'Unique identifier, across all types.' })
  id: string;
}
