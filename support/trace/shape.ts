/**
 * The attributes of a record, collected as values in the order their names first appear and made
 * into the record's object at its end, in one step.
 *
 * The names of a record, in that order, are its shape: a path in a trie shared by the records of
 * one log. Records of a log repeat few shapes (one or two per message name), and each shape makes
 * its objects with the trie's {@link MakeObjects}: here one property after another (the
 * reference); the fast trace reader gives one that compiles an object literal per shape
 * (support/accel/objectLiteral.ts). The object is the same: same keys, same order, a name set twice
 * keeps its first place and its last value.
 */
import { lookupAttribute } from '../model/catalogue';
import type { RawValue } from './record';
import type { Seen } from './values';

type Attributes = Record<string, RawValue>;

/** How a shape makes its objects: given its names once, then the values of each record. */
export type MakeObjects = (names: readonly string[]) => (values: readonly RawValue[]) => Attributes;

/** Where a name's value goes: the shape after it, and its index among the shape's names. */
interface Step {
  /** The name, as kept (see {@link kept}). */
  readonly name: string;
  readonly shape: Shape;
  readonly slot: number;
}

export class Shape {
  private readonly steps = new Map<string, Step>();
  /** The step taken last from here (records of a log repeat their order). */
  private lastName: string | undefined;
  private lastStep: Step | undefined;
  private make: ((values: readonly RawValue[]) => Attributes) | undefined;
  /**
   * The spelling of the attribute line that followed this shape last time: the reader checks the
   * next line against it first (records of one message name repeat their attributes in order).
   */
  nextSeen: Seen | undefined;

  constructor(readonly names: readonly string[], private readonly trie: ShapeTrie) {}

  /** The step for the next attribute `name`. */
  step(name: string): Step {
    if (this.lastName === name && this.lastStep) return this.lastStep;
    let step = this.steps.get(name);
    if (!step) {
      const key = kept(name);
      const at = this.names.indexOf(key);
      step = at >= 0 ? { name: key, shape: this, slot: at } : { name: key, shape: this.trie.shape([...this.names, key]), slot: this.names.length };
      this.steps.set(key, step);
    }
    this.lastName = step.name;
    this.lastStep = step;
    return step;
  }

  /** The attributes object of `values` (one per name, in order). */
  build(values: readonly RawValue[]): Attributes {
    this.make ??= this.trie.makeObjects(this.names);
    return this.make(values);
  }
}

/** A message name's root shape, with the name as kept (see {@link detached}). */
interface Root {
  readonly name: string;
  readonly root: Shape;
}

/**
 * The shapes of one reader, a trie per message name. Bounded: past {@link ShapeTrie.LIMIT} shapes
 * (a log whose records never repeat an order) the trie starts again empty, so memory stays constant.
 */
export class ShapeTrie {
  static readonly LIMIT = 20_000;
  private count = 0;
  private readonly roots = new Map<string, Root>();
  /**
   * The last root of each slot (by the name's length and four of its characters), so that most
   * records find theirs without a Map lookup: the name is cut from the line, a new string whose
   * hash the Map would compute every time (~120 ns a record, measured), where comparing it with
   * the slot's name is one length check and a short memcmp. The sixth character tells apart names
   * that differ right after `Event`/`Reque` (EventDialing and EventRinging took turns in one slot
   * when it was not looked at: a Map lookup for a quarter of a benchmark log's records).
   */
  private readonly recent: (Root | undefined)[] = new Array<undefined>(256).fill(undefined);

  constructor(readonly makeObjects: MakeObjects = oneByOne) {}

  /** The empty shape records named `messageName` start from. */
  root(messageName: string): Shape {
    const n = messageName.length;
    const slot = (n * 31 + codeAt(messageName, n - 1) * 7 + codeAt(messageName, n >> 1) + codeAt(messageName, 5) * 13 + codeAt(messageName, (n * 3) >> 2) * 3) & 255;
    const recent = this.recent[slot];
    if (recent?.name === messageName) return recent.root;
    let entry = this.roots.get(messageName);
    if (!entry) {
      entry = { name: detached(messageName), root: this.shape([]) };
      this.roots.set(entry.name, entry);
    }
    this.recent[slot] = entry;
    return entry.root;
  }

  /** A new shape (counted against the limit; past it, the trie starts again empty). */
  shape(names: readonly string[]): Shape {
    this.count += 1;
    if (this.count > ShapeTrie.LIMIT) {
      this.count = 0;
      this.roots.clear();
      this.recent.fill(undefined);
    }
    return new Shape(names, this);
  }
}

/** The character code at `i`, or at the last character of a shorter name. */
function codeAt(name: string, i: number): number {
  return name.charCodeAt(i < name.length ? i : name.length - 1);
}

/**
 * A name as the trie keeps it: the catalogue's own string for a catalogue name (the reader passes
 * that same string, so the step cache compares pointers), else a copy — the name given may be cut
 * from a chunk of the file, which it would keep alive for as long as it is held.
 */
function kept(name: string): string {
  const known = lookupAttribute(name)?.name;
  return known === name ? known : detached(name);
}

/** A copy of `name` that keeps nothing else alive (a string cut from a chunk of the file would keep the chunk). */
export function detached(name: string): string {
  // One byte per character when it fits (the usual case), so comparisons stay one memcmp.
  return /^[\0-\xff]*$/.test(name) ? Buffer.from(name, 'latin1').toString('latin1') : Buffer.from(name, 'utf16le').toString('utf16le');
}

/** The reference {@link MakeObjects}: one property after another. */
export const oneByOne: MakeObjects = (names) => (values) => {
  const o: Attributes = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    // An own property even for `__proto__` (an assignment would set the prototype instead).
    if (name === '__proto__') Object.defineProperty(o, name, { value: values[i], enumerable: true, writable: true, configurable: true });
    else o[name] = values[i] as RawValue;
  }
  return o;
};
