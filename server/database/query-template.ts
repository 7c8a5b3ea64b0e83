/**
 * Queries built and compiled once, then run with new values.
 *
 * Kysely builds every query as a tree of frozen nodes and compiles the tree to SQL on
 * every call. For the few statements that every write runs (the claim read, the write
 * itself) that was about a fifth of the server's CPU time per write, and much of its
 * garbage (a CPU profile of a PATCH storm on PostgreSQL, BENCHMARKS.md). A template is
 * built and compiled once per engine (and per shape, for a family of them) with
 * stand-ins for its values; where each stand-in landed among the compiled parameters
 * is noted, and a run puts its own values there. The SQL text is then the same string
 * on every run, which also makes the driver's prepared-statement lookup cheap.
 *
 * The build function must use its values only as values of the query (never look at
 * them, branch on them or change them: they are stand-ins while it runs); the first
 * compile checks that every stand-in reached the parameters.
 */
import type { CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely';
import { isPostgres } from './engine';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A query builder or a `sql` template: what compiles on a database. */
interface Buildable {
  compile(db: Db): CompiledQuery;
}

/** A template's values, by name. */
type Values = Record<string, unknown>;

/** More shapes than this in one family are compiled afresh each time (never expected). */
const SHAPES_MAX = 64;

/** A value's stand-in while a template is built: found again by identity. */
class StandIn {
  constructor(readonly name: string) {}
}

interface Template {
  readonly query: CompiledQuery;
  /** For each compiled parameter, the name of the run's value there, or null to keep it. */
  readonly places: readonly (string | null)[];
}

function compileTemplate<P extends Values>(
  db: Db,
  names: readonly string[],
  build: (db: Db, values: P) => Buildable,
): Template {
  const standIns = Object.fromEntries(names.map((name) => [name, new StandIn(name)]));
  const query = build(db, standIns as unknown as P).compile(db);
  const places = query.parameters.map((value) => (value instanceof StandIn ? value.name : null));
  const missing = names.filter((name) => !places.includes(name));
  if (missing.length > 0) {
    throw new Error(`query template: the values ${missing.join(', ')} are not parameters of it`);
  }
  return { query, places };
}

function runTemplate<O>(db: Db, template: Template, values: Values): Promise<QueryResult<O>> {
  const { query, places } = template;
  const parameters = places.map((name, index) =>
    name === null ? query.parameters[index] : values[name],
  );
  return db.executeQuery<O>({ ...query, parameters } as CompiledQuery<O>);
}

/** The row type a query answers. */
type RowOf<C> = C extends { compile(db: Db): CompiledQuery<infer O> } ? O : never;

/**
 * A query of fixed shape: `build` is called once per engine, with stand-ins for `values`.
 * The run answers what executing the built query would.
 */
export function queryTemplate<P extends Values, C extends Buildable>(
  build: (db: Db, values: P) => C,
): (db: Db, values: P) => Promise<QueryResult<RowOf<C>>> {
  const compiled = new Map<boolean, Template>();
  return async (db, values) => {
    const postgres = isPostgres(db);
    let template = compiled.get(postgres);
    if (!template) {
      template = compileTemplate(db, Object.keys(values), build);
      compiled.set(postgres, template);
    }
    return runTemplate(db, template, values);
  };
}

/**
 * Queries whose shape varies with `shape` (say, which columns an update sets): one
 * template per engine and `key(shape)`, which must tell apart every shape that builds a
 * different query, and the names of the values with it.
 */
export function queryTemplates<S, P extends Values, C extends Buildable>(
  key: (shape: S) => string,
  build: (db: Db, values: P, shape: S) => C,
): (db: Db, shape: S, values: P) => Promise<QueryResult<RowOf<C>>> {
  const compiled = new Map<string, Template>();
  return async (db, shape, values) => {
    const cacheKey = `${isPostgres(db) ? 'pg' : 'sqlite'}:${key(shape)}`;
    let template = compiled.get(cacheKey);
    if (!template) {
      template = compileTemplate(db, Object.keys(values), (one, standIns: P) =>
        build(one, standIns, shape),
      );
      if (compiled.size < SHAPES_MAX) {
        compiled.set(cacheKey, template);
      }
    }
    return runTemplate(db, template, values);
  };
}
