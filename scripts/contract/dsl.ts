/**
 * A small declarative schema language for the call-event contract. Every node carries its constraints and its
 * documentation (English and Japanese); the TypeScript types are inferred from the nodes (`Infer<typeof node>`), and
 * the validator, the OpenAPI document, the Apex classes and the API docs are all derived from the same nodes.
 *
 * Deliberately small: only the kinds the contract needs. Each kind has one fixed rule order (see README.md), which
 * the TypeScript validator (validator.ts) and the generated Apex reader (emit/apex-reader.ts) both follow.
 */

/** Documentation of a node or an enum value, in English and Japanese. */
export interface Doc {
  readonly en: string;
  readonly ja: string;
}

interface Described {
  readonly doc: Doc;
  /** A realistic value, used in the docs and the OpenAPI schema. */
  readonly example?: unknown;
}

export interface StringNode extends Described {
  readonly kind: 'string';
  readonly maxLength: number;
  /** Reject empty and whitespace-only strings (code REQUIRED). */
  readonly nonBlank: boolean;
}

export interface EnumNode<V extends string = string> extends Described {
  readonly kind: 'enum';
  /** Name of the value set (TypeScript type, OpenAPI component, Apex constant set). */
  readonly name: string;
  /** Prefix of the Apex constants, one per value: TYPE → TYPE_CALL_STARTED. */
  readonly apexPrefix: string;
  readonly values: readonly V[];
  readonly valueDocs: { readonly [K in V]: Doc };
}

export interface TimestampNode extends Described {
  readonly kind: 'timestamp';
}

export interface IntegerNode extends Described {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
}

export interface BooleanNode extends Described {
  readonly kind: 'boolean';
}

export interface SalesforceIdNode extends Described {
  readonly kind: 'salesforceId';
}

export interface HttpsUrlNode extends Described {
  readonly kind: 'httpsUrl';
  readonly maxLength: number;
}

export interface EmailNode extends Described {
  readonly kind: 'email';
  readonly maxLength: number;
}

export interface ArrayNode<I extends Node = Node> extends Described {
  readonly kind: 'array';
  readonly items: I;
  readonly maxItems: number;
  /**
   * The most characters of the text items joined with one separator character between them (what a multi-select
   * picklist stores: its values joined with ';'). TOO_LONG when exceeded.
   */
  readonly maxJoinedLength?: number;
}

export interface ObjectNode<F extends Fields = Fields> extends Described {
  readonly kind: 'object';
  /** TypeScript type and OpenAPI component name. */
  readonly name: string;
  /** Name of the inner class in the Apex contract class. */
  readonly apexName: string;
  /** Prefix of the Apex rule constants for this object's fields: CALL → CALL_FROM_NUMBER. */
  readonly apexRulePrefix: string;
  readonly fields: F;
}

export type Node =
  | StringNode
  | EnumNode
  | TimestampNode
  | IntegerNode
  | BooleanNode
  | SalesforceIdNode
  | HttpsUrlNode
  | EmailNode
  | ArrayNode
  | ObjectNode;

export type NodeKind = Node['kind'];

/**
 * "Required when the item's field `field` holds one of `values`". The item is the nearest enclosing array element
 * (for every field of an event: the event, so `{ field: 'type', … }` reads the event's type).
 */
export interface RequiredWhen {
  readonly field: string;
  readonly values: readonly string[];
}

export interface Field<N extends Node = Node, R extends boolean = boolean, U extends boolean = boolean> {
  readonly node: N;
  readonly required: R;
  /** Whether the response may hold null here. On input, null always counts as absent. */
  readonly nullable: U;
  readonly requiredWhen?: RequiredWhen;
}

export type Fields = { readonly [key: string]: Field };

// ── builders ────────────────────────────────────────────────────────────────────────────────────────────────────

type Options<N extends Node> = Omit<N, 'kind'>;

export const string = (options: Omit<Options<StringNode>, 'nonBlank'> & { nonBlank?: boolean }): StringNode => ({
  kind: 'string',
  nonBlank: false,
  ...options
});

export const enumOf = <const V extends string>(options: Options<EnumNode<V>>): EnumNode<V> => ({
  kind: 'enum',
  ...options
});

export const timestamp = (options: Options<TimestampNode>): TimestampNode => ({ kind: 'timestamp', ...options });

export const integer = (options: Options<IntegerNode>): IntegerNode => ({ kind: 'integer', ...options });

export const boolean = (options: Options<BooleanNode>): BooleanNode => ({ kind: 'boolean', ...options });

export const salesforceId = (options: Options<SalesforceIdNode>): SalesforceIdNode => ({
  kind: 'salesforceId',
  ...options
});

export const httpsUrl = (options: Options<HttpsUrlNode>): HttpsUrlNode => ({ kind: 'httpsUrl', ...options });

export const email = (options: Options<EmailNode>): EmailNode => ({ kind: 'email', ...options });

export const array = <I extends Node>(options: Options<ArrayNode<I>>): ArrayNode<I> => ({ kind: 'array', ...options });

export const object = <F extends Fields>(options: Options<ObjectNode<F>>): ObjectNode<F> => ({
  kind: 'object',
  ...options
});

export const required = <N extends Node>(node: N): Field<N, true, false> => ({ node, required: true, nullable: false });

export const optional = <N extends Node>(node: N, requiredWhen?: RequiredWhen): Field<N, false, false> =>
  requiredWhen ? { node, required: false, nullable: false, requiredWhen } : { node, required: false, nullable: false };

export const nullable = <N extends Node, R extends boolean>(field: Field<N, R, boolean>): Field<N, R, true> => ({
  ...field,
  nullable: true
});

// ── type inference ──────────────────────────────────────────────────────────────────────────────────────────────

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of the values a node accepts (after validation: unknown fields dropped, nulls omitted). */
export type Infer<N> =
  N extends EnumNode<infer V>
    ? V
    : N extends StringNode | TimestampNode | SalesforceIdNode | HttpsUrlNode | EmailNode
      ? string
      : N extends IntegerNode
        ? number
        : N extends BooleanNode
          ? boolean
          : N extends ArrayNode<infer I>
            ? Infer<I>[]
            : N extends ObjectNode<infer F>
              ? InferObject<F>
              : never;

type FieldValue<F> = F extends Field<infer N, boolean, infer U> ? (U extends true ? Infer<N> | null : Infer<N>) : never;

type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends Field<Node, true> ? K : never }[keyof F];

export type InferObject<F extends Fields> = Simplify<
  { -readonly [K in RequiredKeys<F>]: FieldValue<F[K]> } & {
    -readonly [K in Exclude<keyof F, RequiredKeys<F>>]?: FieldValue<F[K]>;
  }
>;

// ── walking ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Every object node reachable from `root` (including it), parents before children, each once. */
export function objectNodes(root: Node): ObjectNode[] {
  const found: ObjectNode[] = [];
  const visit = (node: Node): void => {
    if (node.kind === 'array') {
      visit(node.items);
    } else if (node.kind === 'object' && !found.includes(node)) {
      found.push(node);
      Object.values(node.fields).forEach((field) => visit(field.node));
    }
  };
  visit(root);
  return found;
}

/** Every enum node reachable from `root`, each once, in order of appearance. */
export function enumNodes(root: Node): EnumNode[] {
  const found: EnumNode[] = [];
  for (const object of objectNodes(root)) {
    for (const field of Object.values(object.fields)) {
      const node = field.node.kind === 'array' ? field.node.items : field.node;
      if (node.kind === 'enum' && !found.some((e) => e.name === node.name)) {
        found.push(node);
      }
    }
  }
  return found;
}

/** One documented field of an object tree, with its path below the root (`call.user.email`). */
export interface FieldEntry {
  readonly path: string;
  readonly key: string;
  readonly field: Field;
  readonly owner: ObjectNode;
}

/** Every field below `root`, depth first in declaration order (the order the validators check them). */
export function fieldEntries(root: ObjectNode, prefix = ''): FieldEntry[] {
  const entries: FieldEntry[] = [];
  for (const [key, field] of Object.entries(root.fields)) {
    const path = prefix ? `${prefix}.${key}` : key;
    entries.push({ path, key, field, owner: root });
    const child = field.node.kind === 'array' ? field.node.items : field.node;
    if (child.kind === 'object') {
      entries.push(...fieldEntries(child, field.node.kind === 'array' ? `${path}[]` : path));
    }
  }
  return entries;
}
