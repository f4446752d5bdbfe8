import {
  ConsultationReport,
  ConsultationReportQuery,
  type Role,
  TIME_ZONE,
  WindowDemand,
  WindowDemandQuery,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getWindowForConsultation } from '../consultations/repository.ts';
import { problems } from '../lib/openapi.ts';
import { forbidden } from '../lib/problem.ts';
import { consultationReport, consultationReportCsv, type ReportReader } from './consultations.ts';
import { sendCsv, wantsCsv } from './csv.ts';
import { windowDemand, windowDemandCsv } from './window-demand.ts';

/** Reports are for everyone with a role; partners read their own windows' figures only. */
const ROLES_REPORT: readonly Role[] = ['admin', 'staff', 'partner', 'analyst'];
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

const csvBody = z.string().describe('UTF-8 with a BOM, Japanese headers; small counts as "<3", others hidden as "x"');

/** Partners and analysts read suppressed counts; staff and admins exact ones. */
function readerOf(request: FastifyRequest, threshold: number): ReportReader {
  const p = request.principal;
  return {
    organisationId: p.role === 'partner' ? (p.organisationId ?? NO_ORGANISATION) : null,
    suppress: p.role === 'partner' || p.role === 'analyst',
    threshold,
  };
}

const suppressionText = (threshold: number) =>
  `Read by a partner or an analyst, a count from 1 to ${threshold - 1} is shown as { suppressed: true, reason: 'small' } ` +
  `("<${threshold}" in CSV), and further counts as { suppressed: true, reason: 'complementary' } ("x") until no ` +
  'hidden count can be worked out from the totals; a table too small to protect is withheld whole. Zero is shown. ' +
  'Staff and admins see exact counts.';

const routes: FastifyPluginAsyncZod = async (app) => {
  const threshold = app.config.SUPPRESSION_THRESHOLD;

  app.get(
    '/consultations',
    {
      config: { access: ROLES_REPORT },
      schema: {
        tags: ['reports'],
        summary: '相談件数: consultations in a period grouped by one or two dimensions',
        description:
          `Counts consultations from \`from\` to \`to\` (calendar dates in ${TIME_ZONE}, inclusive), grouped by one or ` +
          `two dimensions read in ${TIME_ZONE} (a consultation at 23:30 on a Friday counts as Friday, hour 23). ` +
          'Every value of each dimension is listed, zeros included; with two dimensions the row and column totals ' +
          'are given too. Grouped by topic, a consultation about two topics counts once under each. Partners ' +
          `count their own windows only. ${suppressionText(threshold)} \`?format=csv\` (or Accept: text/csv) ` +
          'answers a list (one dimension) or a cross table (two) for Excel.',
        querystring: ConsultationReportQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: {
              'application/json': { schema: ConsultationReport },
              'text/csv': {
                schema: csvBody.meta({
                  examples: [
                    '\uFEFF曜日,相談件数\r\n月,12\r\n火,9\r\n水,<3\r\n木,x\r\n金,10\r\n土,0\r\n日,0\r\n合計,38\r\n',
                  ],
                }),
              },
            },
          },
          ...problems([403, 'A partner asked for another organisation’s window']),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const reader = readerOf(request, threshold);
      if (q.windowId && reader.organisationId) {
        const window = await getWindowForConsultation(app.db, q.windowId);
        if (window && window.organisationId !== reader.organisationId) {
          throw forbidden('Your organisation does not operate this consultation window');
        }
      }
      const report = await consultationReport(app.dbRead ?? app.db, q, reader);
      if (wantsCsv(request, q.format)) {
        return sendCsv(
          reply,
          `consultations_${q.from}_${q.to}_${q.groupBy.join('-')}.csv`,
          consultationReportCsv(report),
        );
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );

  app.get(
    '/window-demand',
    {
      config: { access: ROLES_REPORT },
      schema: {
        tags: ['reports'],
        summary: '窓口ごとの需要: each window’s opening days and hours in a period against its consultations',
        description:
          'For every window running in the period (or with consultations in it): the days it opened and the hours ' +
          'it was open (its schedule less closures and, unless it opens on them, national holidays), the ' +
          'consultations recorded there inside and outside those hours, consultations per open hour, and ' +
          `noConsultations for the windows no one came to. Partners see their own windows. ${suppressionText(threshold)}`,
        querystring: WindowDemandQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: {
              'application/json': { schema: WindowDemand },
              'text/csv': {
                schema: csvBody.meta({
                  examples: [
                    '\uFEFF窓口,運営団体,開設日数,開設時間（時間）,相談件数,開設時間内の相談件数,開設時間外の相談件数,' +
                      '開設1時間あたりの相談件数,相談なし\r\n' +
                      '女性専用相談,小樽市中部地域包括支援センター,15,75,0,0,0,0,相談なし\r\n',
                  ],
                }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await windowDemand(app.dbRead ?? app.db, q, readerOf(request, threshold));
      if (wantsCsv(request, q.format)) {
        return sendCsv(reply, `window-demand_${q.from}_${q.to}.csv`, windowDemandCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};

export default routes;
