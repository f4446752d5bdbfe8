import {
  formatCount,
  MetricKindLabels,
  MetricUnitLabels,
  type ReportCount,
  type TargetMetricResult,
  type TargetMetricsReport,
  TargetMetricsReportQuery,
  TargetMetricsReport as TargetMetricsReportSchema,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv, toCsv, wantsCsv } from '../reports/csv.ts';
import { horizonOf, targetMetricsReport } from './actuals.ts';
import { metricsOfYear } from './repository.ts';
import { ROLES_TARGET_READ } from './routes.ts';

const csvBody = z
  .string()
  .describe('UTF-8 with a BOM and Japanese headers: one row per metric, or (table=series) per metric and week')
  .meta({
    examples: [
      '\uFEFF年度,目標,算出方法,単位,目標値,方向,実績,分子,分母,達成率（%）,達成,年度末見込み,要注意,集計時点\r\n' +
        '令和3年度（FY2021）,研修会参加者,研修会参加者数,名,80,以上,36,36,,45,未達成,36,要注意,2022-04-01T00:00:00.000Z\r\n',
    ],
  });

const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const count = (v: ReportCount | null, threshold: number) => (v === null ? '' : formatCount(v, threshold));
const percent = (rate: number | null) => (rate === null ? '' : String(Math.round(rate * 10_000) / 100));
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '達成' : '未達成');

/** One row per metric, as the results report's 目標数値 table; or the weekly series. */
export function targetMetricsCsv(report: TargetMetricsReport, table: 'metrics' | 'series'): string {
  const t = report.suppression.threshold;
  const direction = (m: TargetMetricResult) => (m.direction === 'at_least' ? '以上' : '以下');
  if (table === 'series') {
    return toCsv(
      ['年度', '目標', '単位', '週（月曜日から）', '累計値', '分子', '分母'],
      report.items.flatMap((m) =>
        m.series.map((p) => [
          report.fiscalYearLabel,
          m.label,
          MetricUnitLabels[m.unit],
          p.weekStart,
          text(p.value),
          count(p.numerator, t),
          count(p.denominator, t),
        ]),
      ),
    );
  }
  return toCsv(
    [
      '年度',
      '目標',
      '算出方法',
      '単位',
      '目標値',
      '方向',
      '実績',
      '分子',
      '分母',
      '達成率（%）',
      '達成',
      '年度末見込み',
      '要注意',
      '集計時点',
    ],
    report.items.map((m) => [
      report.fiscalYearLabel,
      m.label,
      MetricKindLabels[m.kind],
      MetricUnitLabels[m.unit],
      m.target,
      direction(m),
      text(m.actual),
      count(m.numerator, t),
      count(m.denominator, t),
      percent(m.achievementRate),
      yesNo(m.met),
      text(m.projection),
      m.atRisk ? '要注意' : '',
      m.valueAsOf ?? report.asOf,
    ]),
  );
}

/** Registered at /reports/target-metrics. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const threshold = app.config.SUPPRESSION_THRESHOLD;

  app.get(
    '/',
    {
      config: { access: ROLES_TARGET_READ },
      schema: {
        tags: ['reports'],
        summary: '目標数値の達成状況: each target of a fiscal year against its actual, projection and weekly series',
        description:
          'For every target metric of `fiscalYear` (by position): the actual computed from the records up to ' +
          '`asOf` (default now) with its numerator and denominator, the achievement rate, whether it is met, a ' +
          'projection to the year’s end (counts: actual × days in the year ÷ days elapsed; shares stay as they ' +
          'are; a finished year’s projection is its actual), `atRisk` when the projection misses the target, and ' +
          'the cumulative value week by week. Each metric is one SQL query. Read by an analyst, counts of ' +
          `consultations and survey answers from 1 to ${threshold - 1} are hidden ({ suppressed: true }), and ` +
          'weekly values only shown where no week’s count can be worked out. Partners do not read targets. ' +
          '`?format=csv` (or Accept: text/csv) for Excel; `table=series` for the weekly series.',
        querystring: TargetMetricsReportQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: {
              'application/json': { schema: TargetMetricsReportSchema },
              'text/csv': { schema: csvBody },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const role = request.principal.role;
      const reader = { suppress: role !== 'admin' && role !== 'staff', threshold };
      // Reports may read from a replica; a metric just written may take a moment to appear there.
      const db = app.dbRead ?? app.db;
      const metrics = await metricsOfYear(db, q.fiscalYear);
      const report = await targetMetricsReport(db, metrics, horizonOf(q.fiscalYear, q.asOf), reader);
      if (wantsCsv(request, q.format)) {
        return sendCsv(reply, `target-metrics_${q.fiscalYear}_${q.table}.csv`, targetMetricsCsv(report, q.table));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};

export default routes;
