import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
} from 'graphql';

/**
 * The selection sets of the security crawl, generated from the schema: every scalar field, object
 * fields to a bounded number of levels, connections through `edges { node }` (the connection and
 * its nodes count as one level), always with `__typename` and `id` so every object can be named.
 */

/** An argument value as the generator writes it: enum values are marked, everything else is JSON. */
export type ArgValue =
  | string
  | number
  | boolean
  | null
  | { readonly enum: string }
  | readonly ArgValue[]
  | { readonly [field: string]: ArgValue };

export interface Selection {
  readonly field: string;
  readonly args?: Readonly<Record<string, ArgValue>>;
  readonly children?: readonly Selection[];
  /** Kept in every part when a document is split (`__typename`, `id`, `pageInfo`). */
  readonly keep?: boolean;
}

export function isEnumValue(value: ArgValue): value is { readonly enum: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'enum' in value;
}

export function printValue(value: ArgValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printValue).join(', ')}]`;
  if (isEnumValue(value)) return value.enum;
  const fields = Object.entries(value as Record<string, ArgValue>);
  return `{ ${fields.map(([name, field]) => `${name}: ${printValue(field)}`).join(', ')} }`;
}

export function printArgs(args: Readonly<Record<string, ArgValue>> | undefined): string {
  const entries = Object.entries(args ?? {});
  if (entries.length === 0) return '';
  return `(${entries.map(([name, value]) => `${name}: ${printValue(value)}`).join(', ')})`;
}

export function printSelection(selection: Selection): string {
  const head = `${selection.field}${printArgs(selection.args)}`;
  if (!selection.children) return head;
  return `${head} { ${selection.children.map(printSelection).join(' ')} }`;
}

export function printDocument(root: Selection): string {
  return `query SecurityCrawl { ${printSelection(root)} }`;
}

/** How a generated field gets its arguments: the values, or null when a required one has none. */
export type ArgumentFiller = (
  field: GraphQLField<unknown, unknown>,
  parent: GraphQLObjectType,
) => Record<string, ArgValue> | null;

/** A Relay connection: `edges { cursor node }`, `pageInfo`. */
export function connectionNode(type: GraphQLObjectType): GraphQLObjectType | null {
  const fields = type.getFields();
  if (!fields.edges || !fields.pageInfo) return null;
  const edge = getNamedType(fields.edges.type);
  if (!isObjectType(edge)) return null;
  const node = edge.getFields().node;
  const nodeType = node ? getNamedType(node.type) : null;
  return nodeType && isObjectType(nodeType) ? nodeType : null;
}

const TYPENAME: Selection = { field: '__typename', keep: true };

/**
 * The fields of `type` at `level` (1 for the type a root field returns), objects expanded while
 * `level < maxLevel`. Within a list (`inList`), a nested list of objects is left out: the cost of
 * a list in a list is the product of their sizes, and each nested list is reached from a root
 * field that returns one record. Fields whose required arguments cannot be filled are left out.
 */
export function selectionsOf(
  type: GraphQLObjectType,
  level: number,
  maxLevel: number,
  inList: boolean,
  fill: ArgumentFiller,
): Selection[] {
  const selections: Selection[] = [TYPENAME];
  const fields = Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name));
  for (const field of fields) {
    const args = fill(field, type);
    if (args === null) continue;
    const withArgs = Object.keys(args).length > 0 ? { args } : {};
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      selections.push({
        field: field.name,
        ...withArgs,
        ...(field.name === 'id' && { keep: true }),
      });
      continue;
    }
    if (!isObjectType(named)) {
      // Unions and interfaces: only what every member answers.
      selections.push({ field: field.name, ...withArgs, children: [TYPENAME] });
      continue;
    }
    const list = returnsList(field);
    if (list && inList) continue;
    const children = objectSelections(named, level + 1, maxLevel, inList || list, fill);
    if (children) selections.push({ field: field.name, ...withArgs, children });
  }
  return selections;
}

/** Whether a field answers many objects: a list, or a connection. */
export function returnsList(field: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(field.type);
  const nullable = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(nullable) || (isObjectType(named) && connectionNode(named) !== null);
}

/** The selection set of a field returning `type` at `level`, or null beyond `maxLevel`. */
export function objectSelections(
  type: GraphQLObjectType,
  level: number,
  maxLevel: number,
  inList: boolean,
  fill: ArgumentFiller,
): Selection[] | null {
  const node = connectionNode(type);
  if (node) {
    // A connection and its nodes count as one level.
    const nodeChildren = objectSelections(node, level, maxLevel, true, fill);
    if (!nodeChildren) return null;
    const connection: Selection[] = [
      TYPENAME,
      {
        field: 'pageInfo',
        keep: true,
        children: [{ field: 'endCursor' }, { field: 'hasNextPage' }],
      },
      {
        field: 'edges',
        children: [{ field: 'cursor' }, { field: 'node', children: nodeChildren }],
      },
    ];
    if (type.getFields().totalCount) connection.splice(1, 0, { field: 'totalCount' });
    return connection;
  }
  if (level > maxLevel) return null;
  return selectionsOf(type, level, maxLevel, inList, fill);
}

/** Roughly the number of tokens a selection prints to (what a token limit counts). */
export function weightOf(selection: Selection): number {
  const args = selection.args ? printArgs(selection.args).length / 4 : 0;
  return 1 + args + (selection.children ? 2 + sum(selection.children.map(weightOf)) : 0);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

export function depthOf(selection: Selection): number {
  if (!selection.children) return 1;
  return 1 + Math.max(...selection.children.map(depthOf));
}

/**
 * Two selections that together select everything `selection` does (each keeping `__typename`,
 * `id` and `pageInfo`), or null when it is a single field that cannot be split. The heaviest child
 * is split in place when it outweighs the rest, so a split always halves the work.
 */
export function splitSelection(selection: Selection): [Selection, Selection] | null {
  const children = selection.children ?? [];
  const kept = children.filter((child) => child.keep);
  const free = children.filter((child) => !child.keep);
  if (free.length === 0) return null;
  const heaviest = free.reduce((a, b) => (weightOf(b) > weightOf(a) ? b : a));
  const total = sum(free.map(weightOf));
  if (free.length === 1 || weightOf(heaviest) * 2 > total) {
    const parts = splitSelection(heaviest);
    if (parts) {
      return [
        {
          ...selection,
          children: children.map((child) => (child === heaviest ? parts[0] : child)),
        },
        { ...selection, children: [...kept, parts[1]] },
      ];
    }
    if (free.length === 1) return null;
  }
  const first: Selection[] = [];
  const second: Selection[] = [];
  let firstWeight = 0;
  for (const child of [...free].sort((a, b) => weightOf(b) - weightOf(a))) {
    if (first.length === 0 || (firstWeight * 2 < total && first.length < free.length - 1)) {
      first.push(child);
      firstWeight += weightOf(child);
    } else second.push(child);
  }
  const inOrder = (part: Selection[]) => children.filter((c) => c.keep || part.includes(c));
  return [
    { ...selection, children: inOrder(first) },
    { ...selection, children: inOrder(second) },
  ];
}

/** The selection without its deepest level (for a depth limit), or null when nothing is left. */
export function trimDeepest(selection: Selection): Selection | null {
  const maxDepth = depthOf(selection) - 1;
  const trim = (node: Selection, level: number): Selection | null => {
    if (!node.children) return node;
    if (level >= maxDepth) return null;
    const children = node.children
      .map((child) => trim(child, level + 1))
      .filter((child): child is Selection => child !== null);
    return children.length > 0 ? { ...node, children } : null;
  };
  return maxDepth >= 2 ? trim(selection, 1) : null;
}

/** Throws when a generated document is not valid GraphQL for the schema (a bug of the generator). */
export function assertValid(schema: GraphQLSchema, document: string): void {
  const errors = validate(schema, parse(document));
  if (errors.length > 0) {
    throw new Error(
      `The crawl generated an invalid document: ${errors.map((e) => e.message).join('; ')}\n${document}`,
    );
  }
}

/** Whether an input type is (a list of) one enum, and which. */
export function enumOf(type: GraphQLInputType): { list: boolean; values: string[] } | null {
  const inner = isNonNullType(type) ? type.ofType : type;
  const list = isListType(inner);
  const named = getNamedType(inner);
  if (!isEnumType(named)) return null;
  return { list, values: named.getValues().map((value) => value.name) };
}

export function isRequired(arg: { type: GraphQLInputType; defaultValue?: unknown }): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}
