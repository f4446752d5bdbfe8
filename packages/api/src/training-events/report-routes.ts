import { TrainingReport, TrainingReportQuery } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ALL } from '../auth/principal.ts';
import { sendCsv, wantsCsv } from '../reports/csv.ts';
import { trainingReport, trainingReportCsv } from './report.ts';

const csvBody = z
  .string()
  .describe('UTF-8 with a BOM and Japanese headers: one row per event and a total per fiscal year');

/**
 * 研修会実績, registered at /reports/training. Every role reads it: the counts are of support staff
 * attending a seminar (by affiliation and mode), name no one and say nothing about the women the
 * programme serves, so partners and analysts get the same figures as staff, unsuppressed.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_ALL },
      schema: {
        tags: ['reports'],
        summary:
          '研修会実績: per event and per fiscal year, registered, waitlisted and attended by mode and affiliation',
        description:
          'Events of `fiscalYear` (April–March, Asia/Tokyo; all years without it), or the one `eventId`. ' +
          '`registered` counts registrations not cancelled; `attended` those checked in. Every mode and ' +
          'affiliation is listed, zeros included. `?format=csv` (or Accept: text/csv) for Excel.',
        querystring: TrainingReportQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: { 'application/json': { schema: TrainingReport }, 'text/csv': { schema: csvBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await trainingReport(app.db, q);
      if (wantsCsv(request, q.format)) {
        const name = q.eventId ? `training_${q.eventId}` : `training_${q.fiscalYear ?? 'all'}`;
        return sendCsv(reply, `${name}.csv`, trainingReportCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};

export default routes;
