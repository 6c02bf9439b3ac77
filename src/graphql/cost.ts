import type { ApolloServerPlugin } from '@apollo/server';
import { Extensions } from '@nestjs/graphql';
import {
  type ASTNode,
  defaultFieldResolver,
  DocumentNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  OperationTypeNode,
  visit,
} from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { DomainError } from '../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/**
 * What an operation costs, counted with its variables applied, before any resolver runs: every
 * selected field costs 1 plus what is selected under it, times the number of items it can answer.
 * That number is `first` (or `last`) for a connection (as the variables and defaults make it,
 * capped at MAX_PAGE_SIZE) and the field's declared bound for a list without `first`:
 *
 *   cost(field) = items(field) × (1 + Σ cost(selected child)),   items = 1 for a single value
 *
 * A connection's multiplier also covers its `edges` (1 there), so its `totalCount` and `pageInfo`
 * count `first` times too: a small, safe overestimate. Lists of scalars or enums are leaves (1).
 * Introspection costs nothing here (it is off in production; depth still applies).
 *
 * The limit is of what an operation could answer at worst, before it runs: the coordinator screen
 * (10 organisations → their walks in two weeks → signups → walker) costs 357 050, with 20
 * organisations 714 100, and the README's queries at most ~9 000, while three aliases of districts
 * → shifts → organisation → shifts cost millions. What a query actually answers is bounded as it
 * runs, by MAX_ANSWERED_ITEMS.
 */
export const MAX_OPERATION_COST = 1_000_000;

/**
 * The most items (list entries of objects, a connection's edges included) a query may answer
 * (GRAPHQL_MAX_ITEMS), counted as they are answered: see AnswerBudget. The coordinator screen of
 * 20 organisations' walks over six weeks with their signups answers about 5 600.
 */
export const MAX_ANSWERED_ITEMS = 20_000;

/** The extension a list field declares its bound in (see MaxItems). */
export const MAX_ITEMS_EXTENSION = 'maxItems';

/**
 * Declares that a list field answers at most `max` items, and makes it so: a longer answer is
 * BAD_USER_INPUT ("ask for a shorter range") instead of a list, before anything under it resolves.
 * For lists bounded by a range (`from`/`to`); the cost of an operation counts `max` items. Say the
 * bound in the field's description.
 */
export function MaxItems(max: number): MethodDecorator & PropertyDecorator {
  return Extensions({ [MAX_ITEMS_EXTENSION]: max });
}

/**
 * Lists without `first` whose size is bounded by the rules that write them (an input's maximum, a
 * series' occurrences) or, failing that, by what the data holds: the size the cost counts, not
 * enforced when reading. `Type.field` → items. A list field with neither this nor MaxItems counts
 * UNDECLARED_LIST_SIZE items, and test/graphql-cost.e2e-spec.ts fails until it is declared.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // Bounded by the input that writes them.
  'GrantApplication.budgetLines': 50, // MAX_BUDGET_LINES
  'GrantProgramme.criteria': 20, // MAX_CRITERIA
  'GrantReview.scores': 20, // one per criterion
  'Mutation.cancelBookingSeries': 104, // a series' occurrences (MAX_RECURRING_OCCURRENCES)
  'Mutation.createShiftSeries': 200, // MAX_SERIES_OCCURRENCES
  'Mutation.markNotificationsRead': 100, // MAX_MARKED_AT_ONCE
  'Organisation.districts': 100, // the districts an organisation names (ArrayMaxSize 100)
  'RecurringBookingResult.occurrences': 104, // MAX_RECURRING_OCCURRENCES
  'SupportService.openingHours': 28, // ArrayMaxSize 28
  'NotificationSettings.groups': 10, // one per notification group
  // Bounded by what the data holds (people, organisations, shelters of one municipality).
  'Blackout.affectedBookings': 100,
  'GrantApplication.reviews': 20,
  'Organisation.credentials': 100,
  'Organisation.grantApplications': 50,
  'Organisation.members': 100,
  'Person.credentials': 20,
  'Person.memberships': 20,
  'Query.myShifts': 200,
  'Query.nodes': 100, // MAX_NODES
  'Query.resourceAvailability': 200,
  'Query.shelterAvailability': 100,
  'Query.understaffedShifts': 100,
  'Query.volunteerHours': 100, // one per member
  'Shift.signups': 50,
};

/** What an undeclared list counts (a test requires every list to be declared). */
export const UNDECLARED_LIST_SIZE = MAX_PAGE_SIZE;

/** `Type.field`, as in LIST_SIZES and error messages. */
export function coordinateOf(type: { name: string }, field: { name: string }): string {
  return `${type.name}.${field.name}`;
}

function declaredMaxItems(field: GraphQLField<unknown, unknown>): number | undefined {
  const max = field.extensions?.[MAX_ITEMS_EXTENSION];
  return typeof max === 'number' ? max : undefined;
}

function isConnection(type: unknown): boolean {
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

/** How `first` (or `last`) counts: as given (1 to MAX_PAGE_SIZE), the default when null or left out. */
function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.ceil(first), 1), MAX_PAGE_SIZE);
}

/**
 * How many items a field answers at most, for the cost. A list of objects without `first` or a
 * declared bound counts UNDECLARED_LIST_SIZE; `declared` says whether it had one.
 */
export function itemsOf(
  type: { name: string },
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): { items: number; declared: boolean } {
  if (field.args.some((arg) => arg.name === 'first')) {
    return { items: pageSize(args.first ?? args.last), declared: true };
  }
  const nullable = getNullableType(field.type);
  if (!isListType(nullable) || !isCompositeType(getNamedType(field.type))) {
    return { items: 1, declared: true };
  }
  // A connection's edges: `first` of the connection already counts them.
  if (field.name === 'edges' && isConnection(type)) return { items: 1, declared: true };
  const declared = declaredMaxItems(field) ?? LIST_SIZES[coordinateOf(type, field)];
  return declared === undefined
    ? { items: UNDECLARED_LIST_SIZE, declared: false }
    : { items: declared, declared: true };
}

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  return itemsOf(type, field, args).items * (1 + childComplexity);
}

/**
 * The cost of the operation `operationName` of `document` with these variables, or null when the
 * variables do not fit the operation (execution then refuses them before any resolver runs).
 * Throws a GraphQLError when the document is too large to count (graphql-query-complexity's node
 * limit, reached by fragments spread many times).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  // The cost depends on the document and on the variables it counts with (`first`, @skip and
  // @include): counted once per document and their values, as Apollo keeps one parsed document
  // per query text.
  const costed = costedVariables(document);
  const key = `${operation.name?.value ?? ''}|${JSON.stringify(costed.map((name) => variables?.[name]))}`;
  let byValues = counted.get(document);
  if (!byValues) {
    byValues = new Map();
    counted.set(document, byValues);
  }
  let cost = byValues.get(key);
  if (cost === undefined) {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operation.name?.value,
      estimators: [estimate],
    });
    if (byValues.size >= MAX_COUNTED_PER_DOCUMENT) byValues.clear();
    byValues.set(key, cost);
  }
  return cost;
}

/** Costs counted, per document and values of its costed variables (a few per document). */
const counted = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_COUNTED_PER_DOCUMENT = 100;
const variablesCounted = new WeakMap<DocumentNode, string[]>();

/**
 * The variables whose values the cost depends on: those in a `first` or `last` argument
 * (estimate reads no other) and in a directive's arguments (@skip, @include leave fields out), in a fixed order.
 */
function costedVariables(document: DocumentNode): string[] {
  let names = variablesCounted.get(document);
  if (!names) {
    const found = new Set<string>();
    const collect = (node: ASTNode) =>
      visit(node, {
        Variable: (variable) => {
          found.add(variable.name.value);
        },
      });
    visit(document, {
      Argument: (argument) => {
        if (argument.name.value === 'first' || argument.name.value === 'last') {
          collect(argument.value);
        }
      },
      Directive: (directive) => {
        for (const argument of directive.arguments ?? []) collect(argument.value);
      },
    });
    names = [...found].sort();
    variablesCounted.set(document, names);
  }
  return names;
}

/** A refusal before execution: a request error, which formatError turns into BAD_USER_INPUT. */
function refusal(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/** The error refusing the operation, or undefined when it is within the cost limit. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
  limit: number = MAX_OPERATION_COST,
): GraphQLError | undefined {
  let cost: number | null;
  try {
    cost = operationCost(schema, document, variables, operationName);
  } catch (error) {
    // Too many nodes to count, or arguments that do not fit: refused either way.
    return refusal(
      error instanceof GraphQLError ? error.message : 'The operation cannot be counted',
    );
  }
  if (cost === null || cost <= limit) return undefined;
  return refusal(
    `The operation costs ${cost}, more than the limit of ${limit}: ask for fewer ` +
      'items (`first`, shorter ranges) or fewer nested lists.',
  );
}

/**
 * Refuses an HTTP operation over the cost limit once its variables are known (Apollo caches the
 * validation of a document, so a validation rule would see no variables) and before it executes.
 */
export function costLimitPlugin(limit: number = MAX_OPERATION_COST): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, request, operationName }) => {
          const error = costError(schema, document, request.variables, operationName, limit);
          if (error) throw error;
          return Promise.resolve();
        },
      }),
  };
}

/**
 * What a query has answered so far, against the most it may answer (GRAPHQL_MAX_ITEMS). The
 * cost counts every list at its bound, so a coordinator's screen of ten organisations' walks and
 * their signups costs hundreds of thousands although it answers a few thousand items; this counts
 * the items actually answered, as they are resolved, and stops the query when they pass the limit.
 */
export class AnswerBudget {
  private answered = 0;
  /** The refusal, once the answer has passed the limit. */
  refusal: DomainError | undefined;

  constructor(readonly maxItems: number) {}

  /** Counts the items of a list about to be answered; throws once they pass the limit. */
  count(items: number): void {
    this.answered += items;
    if (this.answered <= this.maxItems) return;
    this.refusal ??= DomainError.badInput(
      `The answer has more than ${this.maxItems} items: ask for fewer (\`first\`, shorter ` +
        'ranges) or fewer nested lists.',
    );
    throw this.refusal;
  }
}

/** Where a query's AnswerBudget travels: its GraphQL context (queries over HTTP only). */
export interface WithAnswerBudget {
  answerBudget?: AnswerBudget;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Wraps the resolver of every list of objects (a connection's edges included): it counts what
 * the list answers against the query's AnswerBudget, and makes a MaxItems bound hold (a longer
 * list is BAD_USER_INPUT, "ask for a shorter range", before anything under it resolves). A
 * resolver that answers at once is still answered at once. Returns the schema it changed.
 */
export function boundLists(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = getNullableType(field.type);
      if (!isListType(nullable) || !isCompositeType(getNamedType(field.type))) continue;
      const max = declaredMaxItems(field);
      const checked = (value: unknown, context: WithAnswerBudget | undefined): unknown => {
        if (!Array.isArray(value)) return value;
        if (max !== undefined && value.length > max) {
          throw DomainError.badInput(`More than ${max} items in the range: ask for a shorter one`, {
            to: [`at most ${max} items in the range of ${coordinateOf(type, field)}`],
          });
        }
        context?.answerBudget?.count(value.length);
        return value;
      };
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: WithAnswerBudget | undefined, info) => {
        const value: unknown = resolve(source, args, context, info);
        return isPromiseLike(value)
          ? Promise.resolve(value).then((resolved) => checked(resolved, context))
          : checked(value, context);
      };
    }
  }
  return schema;
}

/**
 * Gives each query over HTTP an AnswerBudget of `maxItems`, and answers a query that passed it
 * with its refusal alone: no partial data, HTTP 400, as for an operation refused for its cost.
 * Mutations are not cut short (their writes are done; their lists are bounded by their inputs),
 * nor subscriptions (one event at a time).
 */
export function answerLimitPlugin(maxItems: number = MAX_ANSWERED_ITEMS): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, contextValue }) => {
          if (operation?.operation === OperationTypeNode.QUERY) {
            (contextValue as WithAnswerBudget).answerBudget = new AnswerBudget(maxItems);
          }
          return Promise.resolve();
        },
        willSendResponse: ({ contextValue, response }) => {
          const refusal = (contextValue as WithAnswerBudget).answerBudget?.refusal;
          if (refusal && response.body.kind === 'single') {
            const errors = response.body.singleResult.errors ?? [];
            const formatted = errors.find((error) => error.message === refusal.message);
            response.body.singleResult = { errors: formatted ? [formatted] : errors };
            response.http.status = 400;
          }
          return Promise.resolve();
        },
      }),
  };
}
