import { FunnelQuery, FunnelReport, type Role } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerScope } from '../distribution-points/access.ts';
import { sendCsv, wantsCsv } from './csv.ts';
import { funnelCsv, funnelPeriod, funnelReport } from './funnel.ts';

/** Partners read the funnel of their own points; analysts read every report. */
const ROLES_REPORT: readonly Role[] = ['admin', 'staff', 'partner', 'analyst'];

const csvBody = z
  .string()
  .describe('UTF-8 with a BOM and Japanese headers; small counts as "<3", others hidden as "x"')
  .meta({
    examples: [
      '\uFEFF配付場所,種別,案内カードコード,月,配付セット数,カードを持参した相談件数,相談につながった割合（%）\r\n' +
        '福祉総合相談室「たるとび」,市の窓口,OTR-FUK,2021-11,40,0,0\r\n' +
        '福祉総合相談室「たるとび」,市の窓口,OTR-FUK,合計,40,0,0\r\n',
    ],
  });

/** Registered at /reports/funnel. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const threshold = app.config.SUPPRESSION_THRESHOLD;

  app.get(
    '/',
    {
      config: { access: ROLES_REPORT },
      schema: {
        tags: ['reports'],
        summary: '案内カードから相談へ: per point and month, sets handed out and consultations with its card code',
        description:
          'For `fiscalYear` (April–March) or `from`–`to` (Asia/Tokyo dates, inclusive): per distribution point and ' +
          'month, the sets handed out (undone hand-outs do not count), the consultations that recorded the ' +
          'point’s card code, and the conversion rate (consultations ÷ sets); per referral source, the share of ' +
          'all consultations it brought. Partners see their own points (and, for referral sources, their own ' +
          `windows). Read by a partner or an analyst, a consultation count from 1 to ${threshold - 1} is shown as ` +
          `{ suppressed: true, reason: 'small' } ("<${threshold}" in CSV), and further counts as 'complementary' ` +
          '("x") until none can be worked out from the totals. `?format=csv` (or Accept: text/csv) gives the ' +
          'point × month table, or with `table=referral_sources` the referral sources.',
        querystring: FunnelQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: {
              'application/json': { schema: FunnelReport },
              'text/csv': { schema: csvBody },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const role = request.principal.role;
      const period = funnelPeriod(q);
      const report = await funnelReport(app.dbRead ?? app.db, period, {
        organisationId: partnerScope(request),
        suppress: role === 'partner' || role === 'analyst',
        threshold,
      });
      if (wantsCsv(request, q.format)) {
        return sendCsv(reply, `funnel_${period.from}_${period.to}_${q.table}.csv`, funnelCsv(report, q.table));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};

export default routes;
