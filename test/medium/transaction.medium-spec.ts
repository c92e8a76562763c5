import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, TransactionRunner, TxHooks, afterCommit } from '../../src/database/transaction.js';
import { ReadDb } from '../../src/database/read-db.js';
import { startTestContext, type TestContext } from '../support/harness.js';

/**
 * Implicit transactions (docs/development.md, "How transactions work"): a query made through `Db`
 * inside `TransactionRunner.run` joins the transaction without being handed a manager. On the
 * embedded PostgreSQL (one session) a query outside it would wait forever, so each step is raced
 * against a timeout that names the hang instead of letting Jest time out.
 */
describe('medium: implicit transactions', () => {
  let t: TestContext;
  let db: Db;
  let tx: TransactionRunner;

  const within = <T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);
  const txid = async (): Promise<string> => (await db.query<{ id: string }>('SELECT txid_current()::text AS id'))[0].id;
  const count = async (key: string): Promise<number> => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_probe WHERE key = $1', [key]))[0].n;
  /** A helper that takes no manager, as every repository method does. */
  const insertProbe = (key: string) => db.query('INSERT INTO tx_probe (key) VALUES ($1)', [key]);

  beforeAll(async () => {
    t = await startTestContext();
    db = t.app.get(Db);
    tx = t.app.get(TransactionRunner);
    await t.db.dataSource.query('CREATE TABLE IF NOT EXISTS tx_probe (key text NOT NULL)');
  }, 300_000);
  afterAll(async () => t?.close());

  it('a query made without a manager runs in the surrounding transaction', async () => {
    const seen = await within(
      tx.run(async () => {
        const outer = await txid();
        await insertProbe('joined');
        // Same transaction id, and the uncommitted row is visible to the next statement.
        return { outer, again: await txid(), rows: await count('joined'), inTx: db.inTransaction };
      }),
      'query inside the transaction',
    );
    expect(seen.again).toBe(seen.outer);
    expect(seen.rows).toBe(1);
    expect(seen.inTx).toBe(true);
    expect(db.inTransaction).toBe(false);
    // Outside any transaction each statement is its own transaction.
    expect(await txid()).not.toBe(seen.outer);
  });

  it('a failure rolls back every statement made through Db, across awaits and nested helpers', async () => {
    await expect(
      within(
        tx.run(async () => {
          await insertProbe('rolled-back');
          await Promise.all([insertProbe('rolled-back'), new Promise((r) => setTimeout(r, 5)).then(() => insertProbe('rolled-back'))]);
          throw new Error('boom');
        }),
        'rollback',
      ),
    ).rejects.toThrow('boom');
    expect(await count('rolled-back')).toBe(0);
  });

  it('a nested run joins the outer transaction: one commit, and its rollback undoes both', async () => {
    const ids = await within(
      tx.run(async () => {
        const outer = await txid();
        const inner = await tx.run(async () => {
          await insertProbe('nested');
          return txid();
        });
        return { outer, inner };
      }),
      'nested run',
    );
    expect(ids.inner).toBe(ids.outer);
    expect(await count('nested')).toBe(1);

    await expect(
      tx.run(async () => {
        await tx.run(() => insertProbe('nested-undone'));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await count('nested-undone')).toBe(0);
  });

  it('afterCommit runs once the outermost transaction commits, never after a rollback', async () => {
    const fired: string[] = [];
    await tx.run(async () => {
      afterCommit(() => fired.push('outer'));
      await tx.run(async () => {
        TxHooks.current()!.afterCommit(() => fired.push('inner'));
      });
      await insertProbe('hooks');
      expect(fired).toEqual([]);
    });
    expect(fired).toEqual(['outer', 'inner']);

    await tx
      .run(async () => {
        afterCommit(() => fired.push('rolled back'));
        throw new Error('no commit');
      })
      .catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(fired).toEqual(['outer', 'inner']);
  });

  it('two concurrent transactions each see only their own manager', async () => {
    const run = (key: string) =>
      tx.run(async () => {
        await insertProbe(key);
        await new Promise((r) => setTimeout(r, 10));
        return { id: await txid(), own: await count(key) };
      });
    const [a, b] = await within(Promise.all([run('concurrent-a'), run('concurrent-b')]), 'concurrent transactions');
    expect(a.id).not.toBe(b.id);
    expect([a.own, b.own]).toEqual([1, 1]);
  });

  it('ReadDb.run makes its manager the current one for the reads inside it', async () => {
    const manager = await t.app.get(ReadDb).run(async (m) => ({ given: m, current: db.manager }));
    expect(manager.current).toBe(manager.given);
  });
});
