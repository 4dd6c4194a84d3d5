import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The one transaction helper. A transaction is an async scope: every statement run from inside
 * it, whichever handle it goes through, runs on the transaction's connection; every statement
 * from outside runs elsewhere (SQLite: the read connection, which sees only committed data;
 * PostgreSQL: the pool). On SQLite the scopes are serialised by a lock per database, so no other
 * request's statement ever interleaves with an open transaction.
 */
export type Scope = {
  /** The database's driver: a transaction on another database inside this one is a transaction of its own. */
  driver: TransactionDriver;
  /** Which engine's connection the scope holds (SQLite: the write connection; PostgreSQL: a pool client). */
  connection: unknown;
  /** False once committed or rolled back: work the transaction started and left running must not use it after. */
  open: boolean;
  savepoints: number;
  /** What runs once the outermost transaction has committed. */
  committed: (() => void)[];
  /**
   * What a use case learnt inside this transaction and may reuse in it (inTransactionMemo).
   * Emptied when a savepoint rolls back, since what it learnt may be what rolled back.
   */
  memo: Map<object, unknown>;
};

const scopes = new AsyncLocalStorage<Scope>();

/** The open transaction the calling code runs in, if any. */
export function currentScope(): Scope | undefined {
  const scope = scopes.getStore();
  return scope?.open ? scope : undefined;
}

export type TransactionDriver = {
  engine: "sqlite" | "postgres";
  /**
   * Waits for this process's turn (SQLite) or a pooled connection (PostgreSQL), then BEGINs; returns
   * how to end. On PostgreSQL `opening`'s statements go with the BEGIN, in its round trip, and
   * `opened` is the rows of the last of them.
   */
  begin(opening?: string): Promise<{ connection: unknown; commit(): Promise<void>; rollback(): Promise<void>; opened?: unknown[] }>;
  exec(connection: unknown, sql: string): Promise<void>;
};

/**
 * What a kind of transaction always does first, sent with its BEGIN where that saves a round trip
 * (PostgreSQL): `sql` (no parameters), then `opened` with the rows of its last statement, inside
 * the transaction's scope. A transaction that becomes a savepoint, or one on SQLite, skips both.
 */
export type Opening = { sql: string; opened(rows: unknown[]): void };

/**
 * Runs `body` in a transaction. Inside one already, it becomes a savepoint of it, so a use case
 * called by another joins its caller's transaction and a failure inside rolls back only its part.
 */
export async function inTransaction<T>(driver: TransactionDriver, body: () => Promise<T>, opening?: Opening): Promise<T> {
  const outer = currentScope();
  if (outer?.driver === driver) return inSavepoint(driver, outer, body);
  const { connection, commit, rollback, opened } = await driver.begin(opening?.sql);
  const scope: Scope = { driver, connection, open: true, savepoints: 0, committed: [], memo: new Map() };
  let value: T;
  try {
    value = await scopes.run(scope, () => {
      if (opened) opening?.opened(opened);
      return body();
    });
    // Work the body left running must not use the transaction from here on: on SQLite the next
    // write may already be running in it while this one waits for their shared commit.
    scope.open = false;
    await commit();
  } catch (error) {
    await rollback();
    throw error;
  } finally {
    scope.open = false;
  }
  for (const run of scope.committed) run();
  return value;
}

async function inSavepoint<T>(driver: TransactionDriver, scope: Scope, body: () => Promise<T>): Promise<T> {
  const name = `sp${++scope.savepoints}`;
  await driver.exec(scope.connection, `SAVEPOINT ${name}`);
  try {
    const value = await body();
    await driver.exec(scope.connection, `RELEASE ${name}`);
    return value;
  } catch (error) {
    scope.memo.clear();
    await driver.exec(scope.connection, `ROLLBACK TO ${name}`);
    await driver.exec(scope.connection, `RELEASE ${name}`);
    throw error;
  }
}

/**
 * Runs `run` after the transaction in progress commits (at once outside one): whoever waits for a
 * change must never be told of one that then rolls back.
 */
export function afterCommit(run: () => void) {
  const scope = currentScope();
  if (scope) scope.committed.push(run);
  else run();
}

/**
 * What `make` gives, made once per transaction under `key` and reused by every later call in it;
 * outside a transaction, made afresh each time.
 */
export function inTransactionMemo<T>(key: object, make: () => T): T {
  const scope = currentScope();
  if (!scope) return make();
  if (!scope.memo.has(key)) scope.memo.set(key, make());
  return scope.memo.get(key) as T;
}

const drivers = new WeakMap<object, TransactionDriver>();

/** Which engine a database handle runs on (a handle nobody registered, an export's snapshot, is SQLite). */
export function engineOf(db: object): "sqlite" | "postgres" {
  return drivers.get(db)?.engine ?? "sqlite";
}

/** Ties a database handle to its engine's driver (openDb, openPgDb). */
export function registerDriver(db: object, driver: TransactionDriver) {
  drivers.set(db, driver);
}

/**
 * Runs `body` in one transaction on `db` (a savepoint when already inside one). Statements run
 * from the body's async scope use the transaction's connection, whichever handle they go through.
 */
export function transaction<D extends object, T>(db: D, body: (tx: D) => Promise<T>, opening?: Opening): Promise<T> {
  const driver = drivers.get(db);
  if (!driver) throw new Error("this database handle was not opened by openDb or openPgDb");
  return inTransaction(driver, () => body(db), opening);
}
