import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { Client } from '../graphql-client';
import { IdPool } from './id-pool';
import { Audience, Leak, LeakChecker, LeakRule } from './leaks';
import {
  ArgValue,
  ArgumentFiller,
  assertValid,
  connectionNode,
  enumOf,
  isRequired,
  objectSelections,
  printArgs,
  printDocument,
  returnsList,
  Selection,
  splitSelection,
  tokenCount,
  trimDeepest,
} from './selections';

const DAY = 24 * 3600_000;

/** The log's audience: may read none of it, so whatever it would flag is what was sensitive. */
const NOBODY: Audience = { kind: 'log' };

export interface CrawlReader {
  /** How the reader is named in a failure message, e.g. `VOLUNTEER lina@nattvandrarna.example`. */
  label: string;
  client: Client;
  audience: Audience;
}

export interface CrawlSettings {
  schema: GraphQLSchema;
  /** The app's clock: ranges are written around it. */
  now: Date;
  /** Object levels selected below (and including) each root field's type. */
  levels: number;
  /** `first` wherever a field takes one. */
  first: number;
  /** Pages followed (`after: endCursor`) of each root list, unfiltered. */
  maxPages: number;
  /** Different ids a root field with a required id is called with. */
  idsPerField: number;
  /** Documents longer than this are split before they are sent (the server may refuse shorter). */
  tokenBudget: number;
  /** Only these root fields (a self-test); default all. */
  only?: readonly string[];
}

/** What the crawl did as one reader. */
export interface ReaderReport {
  reader: string;
  /** Root fields sent and executed (whatever the outcome). */
  called: Set<string>;
  /** Root fields that answered with data. */
  answered: Set<string>;
  /** Root fields never called, and why (a required argument with nothing to fill it). */
  skipped: Map<string, string>;
  /** Documents refused for a limit even as a single field at the smallest depth. */
  refused: string[];
  requests: number;
  /** Documents split, or cut a level shorter, because the server refused them for a limit. */
  splits: number;
  trims: number;
  /**
   * What the reader was shown that would be a leak for someone else (its own address, a case
   * reference it may read…): proof that the crawl reaches the fields the checks are about.
   */
  sensitive: Set<LeakRule>;
}

interface Call {
  args: Record<string, ArgValue>;
  paginate: boolean;
}

/**
 * Calls every root Query field as one reader, with selection sets generated from the schema, and
 * checks every response against what DOMAIN keeps from that reader. Ids for required arguments come
 * from earlier responses: the reader's own first, then one seen by any reader before.
 */
export class SchemaCrawler {
  readonly seen = new IdPool();
  private readonly query: GraphQLObjectType;
  private readonly objectTypes: GraphQLObjectType[];

  constructor(
    private readonly settings: CrawlSettings,
    private readonly checker: LeakChecker,
  ) {
    const query = settings.schema.getQueryType();
    if (!query) throw new Error('The schema has no Query type');
    this.query = query;
    this.objectTypes = Object.values(settings.schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType =>
        isObjectType(type) && !type.name.startsWith('__') && 'id' in type.getFields(),
    );
  }

  /** Every root Query field the crawl covers. */
  rootFields(): GraphQLField<unknown, unknown>[] {
    const only = this.settings.only;
    return Object.values(this.query.getFields()).filter(
      (field) => !only || only.includes(field.name),
    );
  }

  async crawl(reader: CrawlReader): Promise<{ report: ReaderReport; leaks: Leak[] }> {
    const own = new IdPool();
    const report: ReaderReport = {
      reader: reader.label,
      called: new Set(),
      answered: new Set(),
      skipped: new Map(),
      refused: [],
      requests: 0,
      splits: 0,
      trims: 0,
      sensitive: new Set(),
    };
    const leaks: Leak[] = [];
    // Fields without required arguments first (the reader's own record first of all), so that the
    // fields that need an id find the reader's own ids.
    const fields = this.rootFields().sort(
      (a, b) =>
        a.args.filter(isRequired).length - b.args.filter(isRequired).length ||
        a.args.length - b.args.length ||
        a.name.localeCompare(b.name),
    );
    for (const field of fields) {
      const calls = this.callsFor(field, own);
      if (typeof calls === 'string') {
        report.skipped.set(field.name, calls);
        continue;
      }
      for (const call of calls) {
        let args = call.args;
        for (let page = 1; page <= (call.paginate ? this.settings.maxPages : 1); page += 1) {
          const values = await this.run(reader, field, args, own, report, leaks);
          const cursor = nextCursor(values);
          if (!cursor) break;
          args = { ...args, after: cursor };
        }
      }
    }
    return { report, leaks };
  }

  /** Sends one root field with its arguments (split as needed) and returns its values. */
  private async run(
    reader: CrawlReader,
    field: GraphQLField<unknown, unknown>,
    args: Record<string, ArgValue>,
    own: IdPool,
    report: ReaderReport,
    leaks: Leak[],
  ): Promise<unknown[]> {
    const operation = `${field.name}${printArgs(args)}`;
    const named = getNamedType(field.type);
    const withArgs = Object.keys(args).length > 0 ? { args } : {};
    let root: Selection = { field: field.name, ...withArgs };
    if (isObjectType(named)) {
      const children = objectSelections(
        named,
        1,
        this.settings.levels,
        returnsList(field),
        this.filler(own),
      );
      if (!children) throw new Error(`Nothing to select in ${field.name}`);
      root = { ...root, children };
    }
    const queue = this.presplit(root);
    const values: unknown[] = [];
    while (queue.length > 0) {
      const part = queue.shift() as Selection;
      const document = printDocument(part);
      assertValid(this.settings.schema, document);
      const response = await reader.client.request(document);
      report.requests += 1;
      if (response.data === undefined) {
        // Refused before execution: a document limit (depth, aliases, cost, tokens).
        leaks.push(
          ...this.checker.check(reader.label, reader.audience, operation, response.errors),
        );
        const reason = (response.errors ?? []).map((error) => error.message).join('; ');
        const depth = /depth/i.test(reason);
        const split = depth ? null : splitSelection(part);
        const trimmed = split ? null : trimDeepest(part);
        if (split) {
          report.splits += 1;
          queue.unshift(...split);
        } else if (trimmed) {
          report.trims += 1;
          queue.unshift(trimmed);
        } else {
          report.refused.push(`${operation}: ${reason}`);
        }
        continue;
      }
      report.called.add(field.name);
      const answer = { data: response.data, errors: response.errors };
      leaks.push(...this.checker.check(reader.label, reader.audience, operation, answer));
      for (const seen of this.checker.check(reader.label, NOBODY, operation, answer))
        report.sensitive.add(seen.rule);
      own.collect(response.data);
      this.seen.collect(response.data);
      const value = (response.data as Record<string, unknown> | null)?.[field.name];
      if (value !== null && value !== undefined) {
        report.answered.add(field.name);
        values.push(value);
      }
    }
    return values;
  }

  /** The parts a selection is sent in: split until each is within the token budget. */
  private presplit(selection: Selection): Selection[] {
    if (tokenCount(printDocument(selection)) <= this.settings.tokenBudget) return [selection];
    const parts = splitSelection(selection);
    return parts ? parts.flatMap((part) => this.presplit(part)) : [selection];
  }

  /**
   * The calls of a root field: each required argument filled (ids: the reader's own first, then
   * others'), `first` wherever it is taken, and variants that reach more records: every value of
   * a `status` filter, and a range from a month back to two months ahead. A string says why the
   * field cannot be called.
   */
  private callsFor(field: GraphQLField<unknown, unknown>, own: IdPool): Call[] | string {
    const required = field.args.filter(isRequired);
    const candidates: Record<string, ArgValue[]> = {};
    for (const arg of required) {
      const values = this.candidatesFor(arg, field, own);
      if (values.length === 0) return `nothing to fill its required argument ${arg.name}`;
      candidates[arg.name] = values;
    }
    const combinations = Math.max(1, ...Object.values(candidates).map((values) => values.length));
    const base: Record<string, ArgValue> = this.optionalArgs(field.args);
    const variants: Record<string, ArgValue>[] = [];
    for (const arg of field.args.filter((candidate) => !isRequired(candidate))) {
      variants.push(...this.variantsOf(arg).map((value) => ({ [arg.name]: value })));
    }
    const window = this.window(field.args);
    if (window) variants.push(window);

    const paginate = field.args.some((arg) => arg.name === 'after');
    const calls: Call[] = [];
    for (let index = 0; index < combinations; index += 1) {
      const filled = Object.fromEntries(
        Object.entries(candidates).map(([name, values]) => [
          name,
          values[Math.min(index, values.length - 1)],
        ]),
      );
      calls.push({ args: { ...base, ...filled }, paginate });
      for (const variant of variants) {
        calls.push({ args: { ...base, ...filled, ...variant }, paginate: false });
      }
    }
    return calls;
  }

  /** `first`, and every value of an optional list-of-enum argument (every status, not the default). */
  private optionalArgs(args: readonly GraphQLArgument[]): Record<string, ArgValue> {
    const values: Record<string, ArgValue> = {};
    for (const arg of args) {
      if (isRequired(arg)) continue;
      if (arg.name === 'first' && isScalarType(getNamedType(arg.type))) {
        values.first = this.settings.first;
        continue;
      }
      const enumeration = enumOf(arg.type);
      if (enumeration?.list)
        values[arg.name] = enumeration.values.map((value) => ({ enum: value }));
    }
    return values;
  }

  /** One value per status an optional `status` argument or filter field can take. */
  private variantsOf(arg: GraphQLArgument): ArgValue[] {
    const statusValues = (type: GraphQLInputType): ArgValue[] => {
      const enumeration = enumOf(type);
      if (!enumeration) return [];
      return enumeration.list
        ? [enumeration.values.map((value) => ({ enum: value }))]
        : enumeration.values.map((value) => ({ enum: value }));
    };
    if (arg.name === 'status') return statusValues(arg.type);
    const named = getNamedType(arg.type);
    if (!isInputObjectType(named)) return [];
    const status = named.getFields().status;
    const values: ArgValue[] = status ? statusValues(status.type).map((v) => ({ status: v })) : [];
    const fields = named.getFields();
    if (fields.from && fields.to) values.push(this.range());
    return values;
  }

  /** A range from a month back to two months ahead, for a field that takes `from` and `to`. */
  private window(args: readonly GraphQLArgument[]): Record<string, ArgValue> | null {
    const names = new Set(args.filter((arg) => !isRequired(arg)).map((arg) => arg.name));
    return names.has('from') && names.has('to') ? this.range() : null;
  }

  private range(): Record<string, ArgValue> {
    const now = this.settings.now.getTime();
    return {
      from: new Date(now - 30 * DAY).toISOString(),
      to: new Date(now + 60 * DAY).toISOString(),
    };
  }

  /** Values for a required argument: ids of the right type, or a plain value of its type. */
  private candidatesFor(
    arg: GraphQLArgument | GraphQLInputField,
    field: GraphQLField<unknown, unknown> | null,
    own: IdPool,
  ): ArgValue[] {
    const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    const named = getNamedType(type);
    if (isListType(type)) {
      const inner = this.candidatesFor({ ...arg, type: named }, field, own);
      return inner.length > 0 ? [[inner[0]]] : [];
    }
    if (named.name === 'ID') {
      const target = this.typeForId(arg.name, field);
      if (!target) return [];
      const mine = own.ids(target);
      const others = this.seen.ids(target).filter((id) => !mine.includes(id));
      const wanted = this.settings.idsPerField;
      const picked = [...mine.slice(0, wanted - 1), ...others.slice(0, 1)];
      for (const id of mine.slice(wanted - 1)) if (picked.length < wanted) picked.push(id);
      return picked;
    }
    if (named.name === 'DateTime') {
      const now = this.settings.now.getTime();
      return [new Date(arg.name === 'to' ? now + 30 * DAY : now).toISOString()];
    }
    if (isEnumType(named)) return [{ enum: named.getValues()[0].name }];
    if (named.name === 'Int' || named.name === 'Float') return [this.settings.first];
    if (named.name === 'Boolean') return [false];
    if (isInputObjectType(named)) {
      const value: Record<string, ArgValue> = {};
      for (const inner of Object.values(named.getFields())) {
        if (!isRequired(inner)) continue;
        const values = this.candidatesFor(inner, null, own);
        if (values.length === 0) return [];
        value[inner.name] = values[0];
      }
      return [value];
    }
    return isLeafType(named) && named.name === 'String' ? [''] : [];
  }

  /**
   * The type an id argument names: `id` of a field returning `Shelter` → Shelter; `programmeId`
   * → the object type whose name is, or ends with, `Programme` (GrantProgramme).
   */
  private typeForId(argName: string, field: GraphQLField<unknown, unknown> | null): string | null {
    if (argName === 'id' && field) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return null;
      return (connectionNode(named) ?? named).name;
    }
    const base = argName.replace(/Ids?$/, '').toLowerCase();
    if (!base || base === argName.toLowerCase()) return null;
    const matches = this.objectTypes
      .filter((type) => type.name.toLowerCase().endsWith(base))
      .sort((a, b) => a.name.length - b.name.length);
    return matches[0]?.name ?? null;
  }

  /** Arguments of nested fields: required ones filled like a root field's, `first`, every status. */
  private filler(own: IdPool): ArgumentFiller {
    return (field) => {
      const values: Record<string, ArgValue> = this.optionalArgs(field.args);
      for (const arg of field.args.filter(isRequired)) {
        const candidates = this.candidatesFor(arg, field, own);
        if (candidates.length === 0) return null;
        values[arg.name] = candidates[0];
      }
      return values;
    };
  }
}

/** The cursor of the next page of a connection, if there is one. */
function nextCursor(values: unknown[]): string | null {
  for (const value of values) {
    const pageInfo = (value as { pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } })
      ?.pageInfo;
    if (pageInfo?.hasNextPage && pageInfo.endCursor) return pageInfo.endCursor;
  }
  return null;
}
