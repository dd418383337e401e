/**
 * A yes/no check compiled from the wire protocol's JSON Schemas, for the common case: a valid
 * message. Ajv's code for attributes.schema.json tests each of its ~300 declared properties on
 * every object (an event carries about ten), and checks enums by comparing with each spelling in
 * turn: ~5 µs an event, a third of the bridge's cost per event (bench/RESULTS.md). Here an object's
 * own keys are dispatched to their property's check through a Map, and enums are Sets.
 *
 * The contract: a check may refuse a message the schema accepts (it then goes to Ajv, which
 * decides and says why), but it never accepts a message the schema refuses. It supports the
 * keywords the published schemas use, with Ajv's semantics (draft-07, `unicodeRegExp`, lengths in
 * code points); a schema with any other keyword throws {@link Unsupported} at compile time, and
 * the caller uses Ajv alone for that message type. A spec compares it with Ajv on generated
 * messages, valid and not.
 */

export class Unsupported extends Error {}

export type Check = (data: unknown) => boolean;

type Schema = boolean | Readonly<Record<string, unknown>>;

/** Keywords that do not validate. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', '$comment', 'definitions']);
/** Keywords checked together by one pass over an object's keys. */
const OBJECT_KEYWORDS = new Set(['properties', 'additionalProperties']);

/** Resolves a `$ref` seen in `document` to the schema it names and the document that holds it. */
export type Resolve = (ref: string, document: Schema) => { schema: Schema; document: Schema };

/** Ajv's ucs2length: a surrogate pair counts once. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    n += 1;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
  }
  return n;
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

const TYPES: Readonly<Record<string, Check>> = {
  string: (d) => typeof d === 'string',
  integer: (d) => typeof d === 'number' && Number.isInteger(d),
  number: (d) => typeof d === 'number' && Number.isFinite(d),
  boolean: (d) => typeof d === 'boolean',
  null: (d) => d === null,
  object: isObject,
  array: (d) => Array.isArray(d),
};

function primitive(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function num(schema: Readonly<Record<string, unknown>>, key: string): number {
  const v = schema[key];
  if (typeof v !== 'number') throw new Unsupported(`${key} must be a number`);
  return v;
}

/** Every check passes (unrolled for the usual one to three: these run per attribute). */
function all(checks: readonly Check[]): Check {
  const [a, b, c] = checks;
  if (checks.length === 0) return () => true;
  if (checks.length === 1 && a) return a;
  if (checks.length === 2 && a && b) return (d) => a(d) && b(d);
  if (checks.length === 3 && a && b && c) return (d) => a(d) && b(d) && c(d);
  return (d) => {
    for (const check of checks) if (!check(d)) return false;
    return true;
  };
}

/** Some check passes. */
function any(checks: readonly Check[]): Check {
  const [a, b, c] = checks;
  if (checks.length === 1 && a) return a;
  if (checks.length === 2 && a && b) return (d) => a(d) || b(d);
  if (checks.length === 3 && a && b && c) return (d) => a(d) || b(d) || c(d);
  return (d) => {
    for (const check of checks) if (check(d)) return true;
    return false;
  };
}

/** Compile `root` (a document whose `$ref`s `resolve` understands). */
export function compileCheck(root: Schema, resolve: Resolve): Check {
  const memo = new Map<Schema, Check>();

  const compile = (schema: Schema, document: Schema): Check => {
    const known = memo.get(schema);
    if (known) return known;
    // Recursive schemas (kvlist → kvvalue → kvlist): the entry exists before its parts compile.
    const slot: { check?: Check } = {};
    memo.set(schema, (d) => (slot.check as Check)(d));
    slot.check = build(schema, document);
    memo.set(schema, slot.check);
    return slot.check;
  };

  const build = (schema: Schema, document: Schema): Check => {
    if (schema === true) return () => true;
    if (schema === false) return () => false;
    const checks: Check[] = [];
    for (const [keyword, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(keyword) || OBJECT_KEYWORDS.has(keyword)) continue;
      checks.push(keywordCheck(schema, keyword, value, document));
    }
    // properties + additionalProperties: one pass over the object's keys.
    if ('properties' in schema || 'additionalProperties' in schema) checks.push(objectCheck(schema, document));
    return all(checks);
  };

  /** The checks of keywords that look at one value and the schema (`s`) they sit in. */
  const simple: Readonly<Record<string, (s: Readonly<Record<string, unknown>>, value: unknown) => Check>> = {
    type: (_s, value) => {
      const types = (Array.isArray(value) ? value : [value]).map((t) => {
        const check = typeof t === 'string' ? TYPES[t] : undefined;
        if (!check) throw new Unsupported(`type ${String(t)}`);
        return check;
      });
      return any(types);
    },
    const: (_s, value) => {
      if (!primitive(value)) throw new Unsupported('const of an object');
      return (d) => d === value;
    },
    enum: (_s, value) => {
      if (!Array.isArray(value) || !value.every(primitive)) throw new Unsupported('enum of objects');
      const set = new Set<unknown>(value);
      return (d) => set.has(d);
    },
    pattern: (_s, value) => {
      const re = new RegExp(String(value), 'u');
      return (d) => typeof d !== 'string' || re.test(d);
    },
    minLength: (s) => {
      const min = num(s, 'minLength');
      // A string has at most as many code points as code units, and at least one when it has one.
      return (d) => typeof d !== 'string' || (d.length >= min && (min <= 1 || codePoints(d) >= min));
    },
    maxLength: (s) => {
      const max = num(s, 'maxLength');
      return (d) => typeof d !== 'string' || d.length <= max || codePoints(d) <= max;
    },
    minimum: (s) => {
      const min = num(s, 'minimum');
      return (d) => typeof d !== 'number' || d >= min;
    },
    maximum: (s) => {
      const max = num(s, 'maximum');
      return (d) => typeof d !== 'number' || d <= max;
    },
    maxItems: (s) => {
      const max = num(s, 'maxItems');
      return (d) => !Array.isArray(d) || d.length <= max;
    },
    maxProperties: (s) => {
      const max = num(s, 'maxProperties');
      return (d) => !isObject(d) || Object.keys(d).length <= max;
    },
    required: (_s, value) => {
      if (!Array.isArray(value)) throw new Unsupported('required');
      const names = value.map(String);
      return (d) => {
        if (!isObject(d)) return true;
        for (const n of names) if (d[n] === undefined) return false;
        return true;
      };
    },
  };

  const keywordCheck = (schema: Readonly<Record<string, unknown>>, keyword: string, value: unknown, document: Schema): Check => {
    const one = Object.hasOwn(simple, keyword) ? simple[keyword] : undefined;
    if (one) return one(schema, value);
    switch (keyword) {
      case 'items': {
        if (Array.isArray(value) || (typeof value !== 'object' && typeof value !== 'boolean') || value === null) throw new Unsupported('items as a list');
        const item = compile(value as Schema, document);
        return (d) => {
          if (!Array.isArray(d)) return true;
          for (const x of d) if (!item(x)) return false;
          return true;
        };
      }
      case 'anyOf': {
        if (!Array.isArray(value)) throw new Unsupported('anyOf');
        return any(value.map((b) => compile(b as Schema, document)));
      }
      case '$ref': {
        const target = resolve(String(value), document);
        return compile(target.schema, target.document);
      }
      default:
        throw new Unsupported(`keyword ${keyword}`);
    }
  };

  /** properties + additionalProperties: each key of the object goes to its own check. */
  const objectCheck = (schema: Readonly<Record<string, unknown>>, document: Schema): Check => {
    const declared = new Map<string, Check>();
    for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      // Ajv reads a declared property as data[name], which finds Object.prototype's members.
      if (name in Object.prototype) throw new Unsupported(`property ${name}`);
      declared.set(name, compile(sub, document));
    }
    const extra = schema.additionalProperties === undefined ? () => true : compile(schema.additionalProperties as Schema, document);
    return (d) => {
      if (!isObject(d)) return true;
      for (const key in d) {
        if (!(declared.get(key) ?? extra)(d[key])) return false;
      }
      return true;
    };
  };

  return compile(root, root);
}
