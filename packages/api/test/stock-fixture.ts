import type { CreateDistributionPoint, CreateItem, DistributionPoint, Item } from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../src/db/client.ts';
import type { Fixture, Who } from './helper.ts';

let counter = 0;
const unique = () => `${process.pid.toString(36)}${(++counter).toString(36)}`.toUpperCase();

export const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:20' }));

/** A point of the partner organisation unless told otherwise; created by an admin. */
export async function createPoint(
  f: Fixture,
  overrides: Partial<CreateDistributionPoint> = {},
): Promise<DistributionPoint> {
  const res = await f.as('admin', {
    method: 'POST',
    url: '/api/v1/distribution-points',
    payload: {
      name: `テスト配付場所 ${unique()}`,
      kind: 'partner_site',
      organisationId: f.orgs.partner,
      place: 'テスト会館1階',
      cardCode: `T-${unique()}`,
      validFrom: '2021-01-01',
      schedule: weekdays,
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create point failed: ${res.body}`);
  return res.json();
}

export async function createItem(f: Fixture, overrides: Partial<CreateItem> = {}): Promise<Item> {
  const res = await f.as('admin', {
    method: 'POST',
    url: '/api/v1/items',
    payload: { name: `テスト品目 ${unique()}`, unit: 'セット', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`create item failed: ${res.body}`);
  return res.json();
}

export async function receive(f: Fixture, pointId: string, itemId: string, quantity: number, who: Who = 'staff') {
  const res = await f.as(who, {
    method: 'POST',
    url: '/api/v1/stock-movements',
    payload: { kind: 'receipt', pointId, itemId, quantity, source: 'purchase' },
  });
  if (res.statusCode !== 201) throw new Error(`receipt failed: ${res.body}`);
  return res.json();
}

/** The level the API reports for a point and item. */
export async function levelOf(f: Fixture, pointId: string, itemId: string): Promise<number> {
  const res = await f.as('staff', { method: 'GET', url: `/api/v1/distribution-points/${pointId}/stock` });
  if (res.statusCode !== 200) throw new Error(`stock failed: ${res.body}`);
  const row = (res.json().items as { itemId: string; level: number }[]).find((i) => i.itemId === itemId);
  return row?.level ?? 0;
}

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Ledger sum straight from the table, bypassing the API. */
export async function ledgerSum(database: Database, pointId: string, itemId: string): Promise<number> {
  const [row] = await rows<{ sum: number }>(
    database,
    sql`select coalesce(sum(quantity), 0)::int as sum from stock_movements where point_id = ${pointId} and item_id = ${itemId}`,
  );
  return Number(row?.sum ?? 0);
}

export async function countRows(database: Database, table: 'stock_movements' | 'distributions' | 'idempotency_keys') {
  const [row] = await rows<{ n: number }>(database, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row?.n ?? 0);
}

/** Every lock row equals its ledger sum, and every pair in the ledger has a lock row. */
export async function expectBalancesMatchLedger(database: Database) {
  const mismatches = await rows<{ point_id: string; item_id: string; balance: number | null; ledger: number | null }>(
    database,
    sql`select coalesce(b.point_id, l.point_id) as point_id, coalesce(b.item_id, l.item_id) as item_id,
               b.level as balance, l.sum as ledger
          from stock_balances b
          full join (select point_id, item_id, sum(quantity)::int as sum from stock_movements group by 1, 2) l
            on l.point_id = b.point_id and l.item_id = b.item_id
         where b.level is distinct from coalesce(l.sum, 0) or l.sum < 0`,
  );
  expect(mismatches).toEqual([]);
}
