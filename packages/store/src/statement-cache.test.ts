import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  it('gives the same prepared statement for the same text, and prepares again what it dropped past its capacity', () => {
    const database = withStatementCache(new Database(':memory:'), 2);
    try {
      const one = database.prepare('select 1 as x');
      expect(database.prepare('select 1 as x')).toBe(one);
      const two = database.prepare('select 2 as x');
      // `select 1` was used more recently than `select 2`: a third text drops `select 2`.
      expect(database.prepare('select 1 as x')).toBe(one);
      database.prepare('select 3 as x');
      expect(database.prepare('select 1 as x')).toBe(one);
      expect(database.prepare('select 2 as x')).not.toBe(two);
      expect(database.prepare('select 2 as x').all([])).toEqual([{ x: 2 }]);
    } finally {
      database.close();
    }
  });
});
