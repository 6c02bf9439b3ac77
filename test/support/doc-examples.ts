import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';

/**
 * The GraphQL examples of a Markdown file (```graphql blocks, and ```sh blocks that call the API
 * with curl), with how each is run: an HTML comment right before
 * the block, or one blank line before it (invisible when the Markdown is rendered),
 *
 *   <!-- run: as=karin@nattvandrarna.example; expect=ok,SHIFT_FULL; fill=inviteMember.id -->
 *
 * - `as`: who sends each operation of the block, in order (one name for all): a demo login's
 *   email, `anonymous`, `key:<API client name>`, or `new:<email>` (a verified account that the
 *   demo does not have, made for the example);
 * - `expect`: `ok` (an answer without errors, the default) or the error code, per operation;
 * - `vars`: the variables (JSON), for every operation of the block that declares them;
 * - `fill`: what each `"…"` in the block stands for, in order: a path into the answers so far
 *   (`inviteMember.id`: the `id` of the last answer's field `inviteMember`), or `now` (the
 *   current instant, ISO 8601);
 * - `check`: what the answers must hold after the block, as `path=value` pairs (`,` between).
 */
export interface DocExample {
  readonly file: string;
  /** 1-based line of the block's opening fence. */
  readonly line: number;
  readonly operations: readonly string[];
  /** For a curl call of the API (a `sh` block): its JSON body, `"…"` still in it. */
  readonly curlBody?: string;
  readonly as: readonly string[];
  readonly expect: readonly string[];
  readonly variables: Record<string, unknown> | undefined;
  readonly fill: readonly string[];
  readonly check: readonly { path: string; value: string }[];
  /** The block had no run comment. */
  readonly unannotated: boolean;
}

function options(comment: string | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (comment ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) found[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return found;
}

function perOperation(value: string | undefined, count: number, fallback: string): string[] {
  const items = (value ?? fallback).split(',').map((item) => item.trim());
  return items.length === 1 ? Array.from({ length: count }, () => items[0]) : items;
}

export function docExamples(file: string): DocExample[] {
  const text = readFileSync(file, 'utf8');
  const examples: DocExample[] = [];
  const blocks = /(?:<!-- run: ([^\n]*?) -->\n\n?)?```(graphql|sh)\n([\s\S]*?)```/g;
  for (const match of text.matchAll(blocks)) {
    const [, comment, language, block] = match;
    let operations: string[];
    let curlBody: string | undefined;
    if (language === 'sh') {
      // A curl call of the API: its JSON body is the example (query and variables).
      const body = /curl [^\n]*\/graphql[\s\S]*? -d '([\s\S]*?)'/.exec(block);
      if (!body) continue;
      curlBody = body[1];
      operations = ['(the curl body)'];
    } else {
      const document = parse(block);
      const fragments = document.definitions.filter(
        (node) => node.kind === Kind.FRAGMENT_DEFINITION,
      );
      operations = document.definitions
        .filter((node) => node.kind === Kind.OPERATION_DEFINITION)
        .map((operation) => print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
    }
    const settings = options(comment);
    const line = text
      .slice(0, match.index + (comment ? match[0].indexOf('```') : 0))
      .split('\n').length;
    examples.push({
      file,
      line,
      operations,
      curlBody,
      as: perOperation(settings.as, operations.length, ''),
      expect: perOperation(settings.expect, operations.length, 'ok'),
      variables: settings.vars ? (JSON.parse(settings.vars) as Record<string, unknown>) : undefined,
      fill: settings.fill ? settings.fill.split(',').map((path) => path.trim()) : [],
      check: (settings.check ? settings.check.split(',') : []).map((pair) => {
        const [path, value] = pair.split('=');
        return { path: path.trim(), value: value.trim() };
      }),
      unannotated: comment === undefined,
    });
  }
  return examples;
}

/**
 * The value at `path` (`field.sub.0.sub`) of the answers so far (each root field's last answer);
 * `*` stands for the first item of a list under which the rest of the path has a value.
 */
export function valueAt(answers: unknown, path: string): unknown {
  const [key, ...rest] = path.split('.');
  if (answers === null || answers === undefined) return undefined;
  if (key === '*') {
    if (!Array.isArray(answers)) return undefined;
    for (const item of answers) {
      const found = valueAt(item, rest.join('.'));
      if (found !== null && found !== undefined) return found;
    }
    return undefined;
  }
  const value = (answers as Record<string, unknown>)[key];
  return rest.length === 0 ? value : valueAt(value, rest.join('.'));
}
