import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import stringify from 'safe-stable-stringify';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { HttpProblem } from '../lib/problem.ts';
import { sha256 } from '../lib/tokens.ts';

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const SWEEP_INTERVAL_MS = 60 * 60_000;
const EXPIRED = sql.raw(`now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`);

export const IdempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, '1–255 visible ASCII characters, e.g. a UUID')
  .optional()
  .describe(
    'Makes a retried POST safe: a request with a key seen before (for the same caller, within ' +
      `${IDEMPOTENCY_TTL_HOURS} h) gets the first answer again with the header Idempotent-Replayed: true and ` +
      'writes nothing; the same key with another body or path gets 422 idempotency_key_reused. Only successful ' +
      'answers are kept: a refused request changed nothing, so retrying it runs it again.',
  );

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour the Idempotency-Key header; the handler writes through `request.writeOnce`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /**
     * Runs a write in one transaction and sends its result with `status`. On a route configured
     * `idempotent: true` with an Idempotency-Key header, the key is claimed inside that same
     * transaction (so a concurrent duplicate waits on it and then replays), and the answer kept.
     */
    writeOnce<T>(reply: FastifyReply, status: number, work: (tx: Tx) => Promise<T>): Promise<FastifyReply>;
  }
}

class KeyTaken extends Error {}

type Row = typeof idempotencyKeys.$inferSelect;

async function findLive(db: Db, principal: string, key: string): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.createdAt, EXPIRED),
      ),
    );
  return row ?? null;
}

function replay(reply: FastifyReply, row: Row, methodPath: string, requestHash: string) {
  if (row.methodPath !== methodPath || row.requestHash !== requestHash) {
    throw new HttpProblem(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was sent with another request; use a new key for a new request',
    );
  }
  // Claim and answer are written in one transaction, so a visible row always has its answer.
  if (row.responseStatus === null) throw new Error('idempotency row without an answer');
  return reply.code(row.responseStatus).header('idempotent-replayed', 'true').send(row.responseBody);
}

/**
 * Idempotency-Key for POST writes, kept in PostgreSQL (table idempotency_keys) so that every
 * replica sees every key. Opt in per route with `config: { idempotent: true }` and write through
 * `request.writeOnce(reply, status, async (tx) => body)`.
 */
export default fp(async function idempotency(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const schema = (route.schema ?? {}) as { headers?: unknown };
    if (schema.headers && !(schema.headers instanceof z.ZodObject)) {
      throw new Error(`Route ${route.url}: idempotent routes need a Zod object (or no) headers schema`);
    }
    const headers = (schema.headers as z.ZodObject | undefined) ?? z.looseObject({});
    route.schema = {
      ...schema,
      headers: headers.extend({ 'idempotency-key': IdempotencyKeyHeader }),
    } as typeof route.schema;
  });

  app.decorateRequest('writeOnce', async function writeOnce<
    T,
  >(this: FastifyRequest, reply: FastifyReply, status: number, work: (tx: Tx) => Promise<T>): Promise<FastifyReply> {
    const header = this.headers['idempotency-key'];
    const key = this.routeOptions.config.idempotent && typeof header === 'string' ? header : null;
    const p = this.principal;
    // Anonymous callers share no identity a key could be scoped to.
    if (!key || p.kind === 'anonymous' || !p.id) {
      const body = await app.db.transaction(work);
      return reply.code(status).send(body);
    }
    const principal = `${p.kind}:${p.id}`;
    const methodPath = `${this.method} ${this.url}`;
    const requestHash = sha256(stringify(this.body ?? null) ?? 'null');

    const seen = await findLive(app.db, principal, key);
    if (seen) return replay(reply, seen, methodPath, requestHash);

    try {
      const body = await app.db.transaction(async (tx) => {
        await tx
          .delete(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.principal, principal),
              eq(idempotencyKeys.key, key),
              lte(idempotencyKeys.createdAt, EXPIRED),
            ),
          );
        // A concurrent duplicate blocks here until the first commits, then finds the key taken.
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ principal, key, methodPath, requestHash })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (claimed.length === 0) throw new KeyTaken();
        const result = await work(tx);
        await tx
          .update(idempotencyKeys)
          .set({ responseStatus: status, responseBody: result as unknown })
          .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
        return result;
      });
      return reply.code(status).send(body);
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
      const first = await findLive(app.db, principal, key);
      if (first) return replay(reply, first, methodPath, requestHash);
      throw new HttpProblem(409, 'conflict', 'A request with this Idempotency-Key is in progress; retry shortly');
    }
  });

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      app.db
        .delete(idempotencyKeys)
        .where(lte(idempotencyKeys.createdAt, EXPIRED))
        .catch((err: unknown) => app.log.warn({ err }, 'could not sweep expired idempotency keys'));
    }, SWEEP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
});
