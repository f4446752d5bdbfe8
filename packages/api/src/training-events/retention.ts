/**
 * Attendees' names and contact details are kept for a while after an event (for certificates,
 * questions, the survey) and then deleted; affiliation, mode, status and attendance stay, so
 * every count stays. The audit log never held them (entries name ids, modes and counts only).
 */
import { PURGED_NAME } from '@tsunagari/shared';
import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { auditLog, trainingEvents as te, trainingRegistrations as tr } from '../db/schema/index.ts';

const HOUR_MS = 60 * 60_000;

export interface PurgeResult {
  retentionDays: number;
  endedBefore: Date;
  events: number;
  registrations: number;
}

/**
 * Deletes the contact details of every registration of events that ended more than `days` days
 * before `now`, in one transaction, and writes one audit entry per event purged.
 */
export async function purgeExpiredContactDetails(db: Db, now: Date, days: number): Promise<PurgeResult> {
  const endedBefore = new Date(now.getTime() - days * 86_400_000);
  return db.transaction(async (tx) => {
    const events = await tx
      .update(te)
      .set({ contactDetailsPurgedAt: now })
      .where(and(lt(te.endsAt, endedBefore), isNull(te.contactDetailsPurgedAt)))
      .returning({ id: te.id });
    const ids = events.map((e) => e.id);
    let registrations = 0;
    if (ids.length > 0) {
      const purged = await tx
        .update(tr)
        .set({
          name: PURGED_NAME,
          nameKana: null,
          email: null,
          organisationName: null,
          searchKey: '',
          ticketToken: null,
          contactPurgedAt: now,
          version: sql`${tr.version} + 1`,
          updatedAt: now,
        })
        .where(and(inArray(tr.eventId, ids), isNull(tr.contactPurgedAt)))
        .returning({ eventId: tr.eventId });
      registrations = purged.length;
      const perEvent = new Map<string, number>();
      for (const p of purged) perEvent.set(p.eventId, (perEvent.get(p.eventId) ?? 0) + 1);
      await tx.insert(auditLog).values(
        ids.map((id) => ({
          actorType: 'system' as const,
          actorLabel: 'training contact retention',
          action: 'purge_contact_details',
          entityType: 'training_event',
          entityId: id,
          details: { registrations: perEvent.get(id) ?? 0, retentionDays: days },
        })),
      );
    }
    return { retentionDays: days, endedBefore, events: ids.length, registrations };
  });
}

/** Runs the purge when the app is ready and every hour after; the timer does not keep the process alive. */
export default fp(
  async function trainingRetention(app: FastifyInstance) {
    let timer: NodeJS.Timeout | null = null;
    const run = async () => {
      try {
        const result = await purgeExpiredContactDetails(app.db, new Date(), app.config.TRAINING_CONTACT_RETENTION_DAYS);
        if (result.registrations > 0 || result.events > 0) {
          app.log.info({ ...result }, 'training contact details purged');
        }
      } catch (error) {
        // A database that is down now will be tried again within the hour.
        app.log.error({ err: error }, 'training contact purge failed');
      }
    };
    app.addHook('onReady', async () => {
      await run();
      timer = setInterval(run, HOUR_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  },
  { name: 'training-retention' },
);
