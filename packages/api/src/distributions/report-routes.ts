import { DistributionReport, DistributionReportQuery, type Role } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerScope } from '../distribution-points/access.ts';
import { sendCsv, wantsCsv } from '../reports/csv.ts';
import { distributionReport, distributionReportCsv } from '../reports/distributions.ts';

/** Partners read the figures of their own points; analysts read reports (and only reports). */
const ROLES_REPORT: readonly Role[] = ['admin', 'staff', 'analyst', 'partner'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_REPORT },
      schema: {
        tags: ['reports'],
        summary:
          '配付実績: sets handed out by point, kind, school level, week, month or request method; stock and days left',
        description:
          'Counts hand-outs occurring from `from` to `to` (Asia/Tokyo dates, inclusive); undone hand-outs do not ' +
          'count. `schoolLevel` counts school nurse offices only; `point` lists every point, also those with 0. ' +
          `The stock table gives the level at the end of \`to\` (or now) and the sets handed out in the 28 days before, ` +
          'whose daily rate gives the days of stock left. `?format=csv` (or Accept: text/csv) answers text/csv, UTF-8 ' +
          'with a BOM and Japanese headers, of the grouped table or, with `table=stock`, the stock table. Partners ' +
          'see their own points only.',
        querystring: DistributionReportQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: {
              'application/json': { schema: DistributionReport },
              'text/csv': {
                schema: z
                  .string()
                  .describe(
                    'UTF-8 with a BOM and Japanese headers: the grouped table with a total row, or the stock table',
                  )
                  .meta({
                    examples: ['\uFEFF配付場所,配付セット数,配付件数\r\n男女共同参画課,52,52\r\n合計,52,52\r\n'],
                  }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await distributionReport(app.dbRead ?? app.db, q, { organisationId: partnerScope(request) });
      if (!wantsCsv(request, q.format)) return reply.type('application/json; charset=utf-8').send(report);
      const csv = distributionReportCsv(report, q.table);
      const name = `distributions_${q.from}_${q.to}_${q.table === 'stock' ? 'stock' : q.groupBy}.csv`;
      return sendCsv(reply, name, csv);
    },
  );
};

export default routes;
