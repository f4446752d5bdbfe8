import {
  AttendanceModeLabels,
  ChannelLabels,
  DistributionPointKindLabels,
  FiscalYearParams,
  formatCount,
  MetricUnitLabels,
  type ReportCount,
  ResultsChallenges,
  ResultsReport,
  ResultsReportQuery,
  type ResultsReport as ResultsReportType,
  SchoolLevelLabels,
  UpdateResultsChallenges,
  WeekdayLabels,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_STAFF } from '../auth/principal.ts';
import { requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { problems } from '../lib/openapi.ts';
import { sendCsv, toCsv, wantsCsv } from '../reports/csv.ts';
import { ROLES_TARGET_READ } from '../target-metrics/routes.ts';
import { resultsReport } from './report.ts';
import { getChallenges, saveChallenges, toChallenges } from './repository.ts';

const TAGS = ['reports'];

const csvBody = z
  .string()
  .describe('UTF-8 with a BOM and Japanese headers: 区分, 事業, 項目, 値 — one row per figure, section by section')
  .meta({
    examples: [
      '\uFEFF区分,事業,項目,値\r\n年度,,年度,令和3年度（FY2021）\r\n' +
        '事業の効果,女性相談担当者養成研修会開催事業,参加者数,36\r\n' +
        '目標数値,,研修会参加者,目標80名／実績36名（達成率45%）・未達成\r\n',
    ],
  });

const hours = (schedule: { weekday: number; opens: string; closes: string }[]) =>
  schedule.map((iv) => `${WeekdayLabels[iv.weekday - 1]} ${iv.opens}～${iv.closes}`).join('、');

/** The report as rows of 区分 (section), 事業 (part), 項目 (item), 値 (value): one sheet that prints and sorts. */
export function resultsReportCsv(r: ResultsReportType): string {
  const t = r.suppression.threshold;
  const n = (v: ReportCount) => formatCount(v, t);
  const rows: (string | number)[][] = [];
  const add = (section: string, part: string, item: string, value: string | number) =>
    rows.push([section, part, item, value]);
  const OVERVIEW = '事業の概要';
  const EFFECTS = '事業の効果';
  const TRAINING = '女性相談担当者養成研修会開催事業';
  const WINDOWS = '相談窓口開設事業';
  const DISTRIBUTION = '相談支援つながり事業';

  add('年度', '', '年度', r.fiscalYearLabel);
  add('年度', '', '期間', `${r.from}～${r.to}`);
  for (const e of r.overview.training.events) {
    add(OVERVIEW, TRAINING, '研修会', e.title);
    add(OVERVIEW, TRAINING, '開催日', `${e.startsAt}～${e.endsAt}`);
    add(OVERVIEW, TRAINING, '場所', e.venueName ?? '');
    add(
      OVERVIEW,
      TRAINING,
      '参加者数',
      `${e.attended}名（${AttendanceModeLabels.venue}:${e.attendedVenue}名、${AttendanceModeLabels.online}${e.attendedOnline}名）`,
    );
  }
  for (const w of r.overview.windows) {
    add(OVERVIEW, WINDOWS, '開設窓口', w.name);
    add(OVERVIEW, WINDOWS, '開設場所', w.place);
    add(OVERVIEW, WINDOWS, '開設時間', hours(w.schedule));
    add(OVERVIEW, WINDOWS, '相談方法', w.channels.map((ch) => ChannelLabels[ch]).join('・'));
    add(OVERVIEW, WINDOWS, '開設日数', w.openingDays);
    add(OVERVIEW, WINDOWS, '開設日', w.openingDates.join(' '));
    add(OVERVIEW, WINDOWS, '休止日', w.closedDates.join(' '));
  }
  const dist = r.overview.distribution;
  add(OVERVIEW, DISTRIBUTION, '配付期間', dist.periodFrom ? `${dist.periodFrom}～${dist.periodTo}` : '');
  for (const p of dist.points) {
    const kind = p.schoolLevel
      ? `${DistributionPointKindLabels[p.kind]}（${SchoolLevelLabels[p.schoolLevel]}）`
      : DistributionPointKindLabels[p.kind];
    add(OVERVIEW, DISTRIBUTION, `配付場所（${kind}）`, `${p.name}: ${p.setsHandedOut}セット`);
  }
  add(OVERVIEW, DISTRIBUTION, '配付セット数', dist.setsHandedOut);

  const e = r.effects;
  add(EFFECTS, TRAINING, '参加者数', e.training.participants);
  add(EFFECTS, TRAINING, '会場', e.training.venue);
  add(EFFECTS, TRAINING, 'オンライン', e.training.online);
  for (const a of e.training.byAffiliation) add(EFFECTS, TRAINING, `参加者（${a.label}）`, a.attended);
  if (e.training.satisfaction) {
    const s = e.training.satisfaction;
    add(EFFECTS, TRAINING, '満足度（%）', s.share ?? '');
    add(EFFECTS, TRAINING, '満足の回答／回答数', `${n(s.numerator)}/${n(s.denominator)}`);
  }
  add(EFFECTS, TRAINING, 'まとめ', e.training.summary);
  for (const w of e.windows.items) add(EFFECTS, WINDOWS, `相談件数（${w.name}）`, n(w.consultations));
  add(EFFECTS, WINDOWS, 'まとめ', e.windows.summary);
  add(EFFECTS, DISTRIBUTION, '配付セット数', e.distribution.setsHandedOut);
  add(EFFECTS, DISTRIBUTION, '案内カードを持参した相談件数', n(e.distribution.cardTracedConsultations));
  if (e.distribution.positive) {
    const s = e.distribution.positive;
    add(EFFECTS, DISTRIBUTION, '「よかった」の割合（%）', s.share ?? '');
    add(EFFECTS, DISTRIBUTION, '「よかった」の回答／回答数', `${n(s.numerator)}/${n(s.denominator)}`);
  }
  add(EFFECTS, DISTRIBUTION, 'まとめ', e.distribution.summary);

  for (const m of r.targets) {
    const unit = MetricUnitLabels[m.unit];
    const actual = m.actual === null ? (m.numerator === null ? '' : n(m.numerator)) : `${m.actual}${unit}`;
    const rate = m.achievementRate === null ? '' : `（達成率${Math.round(m.achievementRate * 10_000) / 100}%）`;
    const met = m.met === null ? '' : m.met ? '・達成' : '・未達成';
    add(
      '目標数値',
      '',
      m.label,
      `目標${m.target}${unit}${m.direction === 'at_most' ? '以下' : ''}／実績${actual}${rate}${met}`,
    );
  }
  add('今後の課題', '', '', r.challenges.text);
  return toCsv(['区分', '事業', '項目', '値'], rows);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const threshold = app.config.SUPPRESSION_THRESHOLD;

  app.get(
    '/',
    {
      config: { access: ROLES_TARGET_READ },
      schema: {
        tags: TAGS,
        summary: '事業実績報告: the year’s results in the sections of the programme’s report',
        description:
          'For `fiscalYear`: 事業の概要 (the year’s training events with date, place and participants by mode; the ' +
          'windows opened in the year — marked new, or begun after its first day — with their opening days; the ' +
          'distribution points, their period and the sets handed out), 事業の効果 (figures per part: participants and ' +
          'satisfaction, the new windows’ consultations, hand-outs, card-traced consultations and the positive ' +
          'share, each with a sentence for the printed report), 目標数値 (the target metrics with their actuals, as ' +
          'GET /reports/target-metrics) and 今後の課題 (the text kept per year). Satisfaction and the positive share ' +
          'come from the year’s survey_satisfied_share and survey_positive_share metrics. Read by an analyst, ' +
          `consultation counts from 1 to ${threshold - 1} are hidden. \`?format=csv\` (or Accept: text/csv) gives ` +
          'one row per figure.',
        querystring: ResultsReportQuery,
        response: {
          200: {
            description: 'The report, as JSON or CSV',
            content: { 'application/json': { schema: ResultsReport }, 'text/csv': { schema: csvBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const role = request.principal.role;
      const db = app.dbRead ?? app.db;
      const challenges = toChallenges(q.fiscalYear, await getChallenges(db, q.fiscalYear));
      const report = await resultsReport(db, q.fiscalYear, challenges, {
        suppress: role !== 'admin' && role !== 'staff',
        threshold,
      });
      if (wantsCsv(request, q.format)) {
        return sendCsv(reply, `results-report_${q.fiscalYear}.csv`, resultsReportCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );

  app.get(
    '/:fiscalYear/challenges',
    {
      config: { access: ROLES_TARGET_READ },
      schema: {
        tags: TAGS,
        summary: '今後の課題 of a fiscal year; the ETag header carries its version ("v0" before the first save)',
        params: FiscalYearParams,
        response: { 200: ResultsChallenges },
      },
    },
    async (request, reply) => {
      const { fiscalYear } = request.params;
      const challenges = toChallenges(fiscalYear, await getChallenges(app.db, fiscalYear));
      setEtag(reply, challenges.version);
      return challenges;
    },
  );

  app.put(
    '/:fiscalYear/challenges',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Write 今後の課題 of a fiscal year (If-Match required: "v0" for the first save)',
        params: FiscalYearParams,
        body: UpdateResultsChallenges,
        response: {
          200: ResultsChallenges,
          ...problems([412, 'Stale ETag: someone saved in between; reload and try again'], [428, 'If-Match missing']),
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const { fiscalYear } = request.params;
      const saved = await app.db.transaction(async (tx) => {
        const row = await saveChallenges(tx, fiscalYear, version, request.body.text, request.principal.label);
        if (!row) throw staleEtag();
        await request.audit(
          {
            action: 'update',
            entityType: 'results_report_challenges',
            entityId: String(fiscalYear),
            details: { version: row.version },
          },
          tx,
        );
        return row;
      });
      setEtag(reply, saved.version);
      return toChallenges(fiscalYear, saved);
    },
  );
};

export default routes;
