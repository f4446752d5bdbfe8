import { TrainingReport, TrainingReportQuery } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ALL } from '../auth/principal.ts';
import { sendCsv, wantsCsv } from '../reports/csv.ts';
import { trainingReport, trainingReportCsv } from './report.ts';

const csvBody = z
  .string()
  .describe('UTF-8 with a BOM and Japanese headers: one row per event and a total per fiscal year')
  .meta({
    examples: [
      '\uFEFF年度,研修会,開催日時,状態,会場定員,オンライン定員,申込数,確定,キャンセル待ち,取消,出席,欠席,当日参加,…\r\n' +
        '2021年度,女性相談担当者養成研修会,2021-11-19 14:00,開催済み,28,8,36,36,0,0,36,0,0,…\r\n',
    ],
  });

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
      const report = await trainingReport(app.dbRead ?? app.db, q);
      if (wantsCsv(request, q.format)) {
        const name = q.eventId ? `training_${q.eventId}` : `training_${q.fiscalYear ?? 'all'}`;
        return sendCsv(reply, `${name}.csv`, trainingReportCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};

export default routes;
