import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { Db } from './database.ts';

/** Stands in for an argument while a fixed query is compiled; found again among the compiled parameters. */
class Placeholder {
  constructor(readonly index: number) {}

  // A query that looked at an argument (compared it, put it in its text) would be fixed to this first call's.
  [Symbol.toPrimitive](): never {
    throw new Error('A fixed query may use its arguments only as parameters');
  }
}

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each parameter of the compiled query: the argument it takes, or -1 for a value the query fixed. */
  slots: number[];
}

/**
 * A query whose SQL is the same every time, only its arguments change: Kysely builds and compiles it once per
 * database (and per `shape`), then runs the compiled SQL with each call's arguments. Building and compiling
 * the dozen queries of a chapter page cost more than a tenth of its CPU (bench/README.md). `build` may use
 * its arguments only as values Kysely sends as parameters (`where('id', '=', id)`), never look at them; a
 * query that varies in more than its values takes them from `shape`, a small set of keys.
 */
export function fixedQueries<Shape extends string, Args extends readonly unknown[], Row>(
  build: (db: Db, shape: Shape, ...args: Args) => Compilable<Row>,
): (db: Db, shape: Shape, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Db, Map<Shape, Compiled<Row>>>();
  return async (db, shape, ...args) => {
    let shapes = compiled.get(db);
    if (!shapes) {
      shapes = new Map();
      compiled.set(db, shapes);
    }
    let fixed = shapes.get(shape);
    if (!fixed) {
      const placeholders = args.map((_, index) => new Placeholder(index));
      const query = build(db, shape, ...(placeholders as unknown as Args)).compile();
      const slots = query.parameters.map((value) => (value instanceof Placeholder ? value.index : -1));
      fixed = { query, slots };
      shapes.set(shape, fixed);
    }
    const { query, slots } = fixed;
    const parameters = slots.map((slot, at) => (slot === -1 ? query.parameters[at] : args[slot]));
    // A query id of its own per run, as Kysely gives every query it compiles (plugins key their state on it).
    const result = await db.executeQuery<Row>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

/** A fixed query with one shape (see `fixedQueries`). */
export function fixedQuery<Args extends readonly unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  const run = fixedQueries((db: Db, _shape: '', ...args: Args) => build(db, ...args));
  return (db, ...args) => run(db, '', ...args);
}
