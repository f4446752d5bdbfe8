/**
 * `pnpm gen-data --scale N [--reset]`: ten fiscal years (FY2016–FY2025) of made-up records at
 * realistic volumes, written with set-based SQL (INSERT … SELECT generate_series) so that scale 1
 * — 1,000,000 hand-outs, 200,000 consultations, 100,000 survey responses with 500,000 answers,
 * 2,000 training registrations, 50 points, 20 windows — loads in minutes, not hours.
 *
 * Into DATABASE_URL, or the embedded database in DATA_DIR when there is none. Every generated
 * row that has a made_up flag carries it. The shape: more on weekdays, office hours and in the
 * months after the school year starts, a slow growth over the years; the volumes are the brief's,
 * the shape is invented.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  Affiliations,
  AgeBands,
  Channels,
  QuestionInput,
  ReferralSources,
  RequestMethods,
  Topics,
} from '@tsunagari/shared';
import { type Database, type DbOrTx, openDatabase } from '../packages/api/src/db/client.ts';
import { insertQuestions, insertSurvey, loadQuestions } from '../packages/api/src/surveys/repository.ts';
import { prepareQuestions } from '../packages/api/src/surveys/service.ts';

export const GEN_MARK = '生成データ';
const FIRST_FY = 2016;
const YEARS = 10;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const arr = (values: readonly string[]) => `array[${values.map(q).join(',')}]`;
/** A value of `values` picked with the given weights, for each row (needs a per-row random() `r`). */
const weighted = (values: readonly string[], weights: readonly number[], r: string) => {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const arms = values.map((v, i) => {
    acc += (weights[i] ?? 0) / total;
    return i === values.length - 1 ? `else ${q(v)}` : `when ${r} < ${acc.toFixed(6)} then ${q(v)}`;
  });
  return `(case ${arms.join(' ')} end)`;
};

export interface GenCounts {
  distributions: number;
  consultations: number;
  surveyResponses: number;
  surveyAnswers: number;
  trainingRegistrations: number;
  ms: number;
}

async function exec(db: DbOrTx, text: string) {
  return (await db.execute(text)) as unknown as { rows: Record<string, unknown>[] };
}

/** True when the database already holds generated data. */
export async function hasGeneratedData(database: Database): Promise<boolean> {
  const { rows } = await exec(
    database.db,
    `select count(*)::int as n from organisations where name like ${q(`%${GEN_MARK}%`)}`,
  );
  return Number(rows[0]?.n) > 0;
}

/** Empties every table but the migrations' own: only with --reset, on a database meant for benchmarks. */
async function resetAll(database: Database) {
  const { rows } = await exec(
    database.db,
    `select string_agg(format('%I.%I', schemaname, tablename), ', ') as t from pg_tables where schemaname = 'public'`,
  );
  if (rows[0]?.t) await exec(database.db, `truncate ${rows[0].t} restart identity cascade`);
}

async function generateInto(db: DbOrTx, scale: number, log: (line: string) => void): Promise<Omit<GenCounts, 'ms'>> {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const counts = {
    distributions: n(1_000_000),
    consultations: n(200_000),
    surveyResponses: n(100_000),
    trainingRegistrations: n(2_000),
  };
  const step = async (label: string, text: string) => {
    const t = performance.now();
    await exec(db, text);
    log(`  ${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  // Reference rows: few, plain inserts.
  await step(
    'organisations',
    `insert into organisations (name, kind) values
      (${q(`市 子ども家庭課（${GEN_MARK}）`)}, 'city_department'),
      (${q(`市 教育委員会（${GEN_MARK}）`)}, 'school'),
      ${Array.from({ length: 6 }, (_, i) => `(${q(`協力団体${i + 1}（${GEN_MARK}）`)}, 'partner')`).join(',')}`,
  );
  const orgs = (
    await exec(db, `select id, kind from organisations where name like ${q(`%${GEN_MARK}%`)} order by name`)
  ).rows as {
    id: string;
    kind: string;
  }[];
  const city = orgs.find((o) => o.kind === 'city_department')?.id as string;
  const school = orgs.find((o) => o.kind === 'school')?.id as string;
  const partners = orgs.filter((o) => o.kind === 'partner').map((o) => o.id);
  const weekdays = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })));

  await step(
    'consultation windows (20)',
    `insert into consultation_windows (name, topics, organisation_id, place, channels, valid_from, schedule)
     select '相談窓口' || lpad(g::text, 2, '0') || '（${GEN_MARK}）',
            (${arr(Topics)})[1 + (g % 3) * 3 : 3 + (g % 3) * 3] || array['women_general'],
            case when g <= 8 then '${city}'::uuid else ((${arr(partners)})::uuid[])[1 + g % ${partners.length}] end,
            '生成会場' || g, array['in_person','phone'], '2016-04-01', '${weekdays}'::jsonb
       from generate_series(1, 20) g`,
  );
  await step(
    'distribution points (50)',
    `insert into distribution_points (name, kind, school_level, organisation_id, place, card_code, valid_from, schedule)
     select '配付場所' || lpad(g::text, 2, '0') || '（${GEN_MARK}）', k.kind, k.level, k.org, '生成場所' || g,
            'GEN-' || lpad(g::text, 3, '0'), '2016-04-01', '${weekdays}'::jsonb
       from generate_series(1, 50) g,
       lateral (select case when g <= 5 then 'city_counter' when g <= 10 then 'service_center'
                            when g <= 25 then 'partner_site' else 'school_nurse_office' end as kind,
                       case when g > 25 then (array['elementary','junior_high','high'])[1 + g % 3] end as level,
                       case when g <= 10 then '${city}'::uuid when g <= 25 then ((${arr(partners)})::uuid[])[1 + g % ${partners.length}]
                            else '${school}'::uuid end as org) k`,
  );
  await step(
    'items (2)',
    `insert into items (name, unit, default_minimum_level) values
      (${q(`生理用ナプキン（${GEN_MARK}）`)}, 'セット', 20), (${q(`タンポン（${GEN_MARK}）`)}, 'セット', 10)`,
  );

  // One row per calendar day with its weight: weekdays busier, April–June and the autumn term
  // busier, a 5% yearly growth. Every bulk insert below draws its days from this table.
  await exec(db, 'drop table if exists gen_days');
  await step(
    'day weights',
    `create unlogged table gen_days as
     select day, share, sum(share) over (order by day) - share as lo, sum(share) over (order by day) as hi
       from (select d::date as day, w / sum(w) over () as share
       from generate_series(date '${FIRST_FY}-04-01', date '${FIRST_FY + YEARS}-03-31', interval '1 day') d,
       lateral (select (case extract(isodow from d) when 6 then 0.25 when 7 then 0.1 else 1.0 end)
                     * (case extract(month from d) when 4 then 1.4 when 5 then 1.3 when 6 then 1.2 when 8 then 0.7
                        when 9 then 1.1 when 10 then 1.1 when 12 then 0.8 when 1 then 0.8 else 1.0 end)
                     * power(1.05, extract(year from d) - ${FIRST_FY}) as w) x) y`,
  );
  /** `count` rows spread over the days by weight, each at a weighted office hour (Asia/Tokyo). */
  const rowsPerDay = (count: number, alias = 't') =>
    `(select (g.day + make_interval(hours => (array[9,9,10,10,10,11,11,12,13,13,14,14,14,15,15,16,16,17,18,20])[1 + floor(random() * 20)::int],
                                     mins => floor(random() * 60)::int, secs => floor(random() * 60)::int))
               at time zone 'Asia/Tokyo' as at, random() as r1, random() as r2
        from gen_days g, generate_series(1, (round(g.hi * ${count}) - round(g.lo * ${count}))::int) s) ${alias}`;

  const pointWeights = `(select array_agg(id order by card_code) from distribution_points where name like '%${GEN_MARK}%')`;
  const itemIds = `(select array_agg(id order by name desc) from items where name like '%${GEN_MARK}%')`;
  await step(
    `distributions (${counts.distributions})`,
    `insert into distributions (point_id, item_id, occurred_at, sets, request_method, card_enclosed, made_up, recorded_by_label)
     select p.ids[1 + floor(power(random(), 1.6) * 50)::int], i.ids[case when random() < 0.85 then 1 else 2 end], t.at,
            case when random() < 0.9 then 1 else 2 end,
            ${weighted(RequestMethods, [45, 25, 20, 10], 't.r1')},
            random() < 0.8, true, '${GEN_MARK}'
       from ${rowsPerDay(counts.distributions)}, (select ${pointWeights} as ids) p, (select ${itemIds} as ids) i`,
  );
  // The ledger: a receipt per (point, item) before the first hand-out, big enough for all of them
  // plus a remainder on the shelf, then one handout row per hand-out, and 0.5% of them undone.
  await step(
    'stock receipts',
    `insert into stock_movements (point_id, item_id, kind, quantity, occurred_at, source, note, made_up, recorded_by_label)
     select point_id, item_id, 'receipt', sum(sets) + 40 + (abs(hashtext(point_id::text)) % 200), '${FIRST_FY}-04-01 08:00+09',
            'purchase', '${GEN_MARK}: 初期入庫', true, '${GEN_MARK}'
       from distributions where made_up and recorded_by_label = '${GEN_MARK}' group by point_id, item_id`,
  );
  await step(
    'stock handout rows',
    `insert into stock_movements (point_id, item_id, kind, quantity, occurred_at, distribution_id, made_up, recorded_by_label, created_at)
     select point_id, item_id, 'handout', -sets, occurred_at, id, true, '${GEN_MARK}', occurred_at
       from distributions where made_up and recorded_by_label = '${GEN_MARK}'`,
  );
  await step(
    'stock reversals (0.5%)',
    `insert into stock_movements (point_id, item_id, kind, quantity, occurred_at, reverses_id, distribution_id, made_up, recorded_by_label, created_at)
     select point_id, item_id, 'reversal', -quantity, occurred_at + interval '2 minutes', id, distribution_id, true, '${GEN_MARK}',
            occurred_at + interval '2 minutes'
       from stock_movements where kind = 'handout' and recorded_by_label = '${GEN_MARK}' and random() < 0.005`,
  );
  await step(
    'stock balances',
    `insert into stock_balances (point_id, item_id, level)
     select point_id, item_id, sum(quantity) from stock_movements where recorded_by_label = '${GEN_MARK}'
      group by point_id, item_id
     on conflict (point_id, item_id) do update set level = stock_balances.level + excluded.level, updated_at = now()`,
  );

  const windowIds = `(select array_agg(id order by name) from consultation_windows where name like '%${GEN_MARK}%')`;
  const cardCodes = `(select array_agg(card_code order by card_code) from distribution_points where name like '%${GEN_MARK}%')`;
  // guidance_card (the first referral source) is what a card code comes with.
  const referralWeights = ReferralSources.map((_, i) => (i === 0 ? 20 : 10));
  const cardShare = (20 / referralWeights.reduce((a, b) => a + b, 0)).toFixed(6);
  await step(
    `consultations (${counts.consultations})`,
    `insert into consultations (window_id, occurred_at, channel, topics, referral_source, card_code, age_band, is_repeat,
                                follow_up_needed, outside_opening_hours, made_up, recorded_by_type, recorded_by_label)
     select w.ids[1 + floor(power(random(), 1.4) * 20)::int], t.at,
            ${weighted(Channels, [40, 40, 10, 7, 3], 't.r1')},
            (select array_agg(distinct x) from (select (${arr(Topics)})[1 + floor(random() * ${Topics.length})::int] as x
                                                  from generate_series(1, 1 + floor(random() * 2.5)::int + (t.at is null)::int)) s),
            ${weighted(ReferralSources, referralWeights, 't.r2')},
            case when t.r2 < ${cardShare} then c.codes[1 + floor(random() * 50)::int] end,
            case when random() < 0.2 then null else (${arr(AgeBands)})[1 + floor(random() * ${AgeBands.length})::int] end,
            random() < 0.35, random() < 0.15,
            extract(isodow from t.at at time zone 'Asia/Tokyo') > 5 or extract(hour from t.at at time zone 'Asia/Tokyo') not between 9 and 16,
            true, 'system', '${GEN_MARK}'
       from ${rowsPerDay(counts.consultations)}, (select ${windowIds} as ids) w, (select ${cardCodes} as codes) c`,
  );

  // Training: four events a year, about fifty registrations each.
  const events = 4 * YEARS;
  const perEvent = Math.max(1, Math.round(counts.trainingRegistrations / events));
  await step(
    `training events (${events})`,
    `insert into training_events (title, starts_at, ends_at, venue_name, venue_capacity, online_capacity, status, fiscal_year,
                                  contact_details_purged_at)
     select '研修会 ' || fy || '-' || k || '（${GEN_MARK}）', s, s + interval '2 hours', '生成会場', 60, 30, 'held', fy,
            s + interval '90 days'
       from generate_series(0, ${YEARS - 1}) y, generate_series(1, 4) k,
       lateral (select ${FIRST_FY} + y as fy) f,
       lateral (select (make_date(fy, 4, 1) + (k * 80 + 20) * interval '1 day' + interval '14 hours') at time zone 'Asia/Tokyo' as s) x`,
  );
  await step(
    `training registrations (${perEvent * events})`,
    `insert into training_registrations (event_id, name, affiliation, mode, status, source, checked_in_at, no_show,
                                         contact_purged_at, made_up, created_at)
     select e.id, '参加者（削除済み）', (${arr(Affiliations)})[1 + floor(random() * ${Affiliations.length})::int],
            case when r < 0.7 then 'venue' else 'online' end, st.status,
            (array['staff','public','public','import'])[1 + floor(random() * 4)::int],
            case when st.status = 'confirmed' and random() < 0.85 then e.starts_at end, false,
            e.contact_details_purged_at, true, e.starts_at - interval '20 days'
       from training_events e, generate_series(1, ${perEvent}) g,
       lateral (select random() as r) rr,
       lateral (select case when g > ${Math.round(perEvent * 0.92)} then 'cancelled' else 'confirmed' end as status) st
      where e.title like '%${GEN_MARK}%'`,
  );

  // Surveys: a hand-out survey per fiscal year over all points, five answered questions a response.
  const questions = [
    {
      kind: 'yes_no',
      text: '今回の支援はよかったですか',
      required: true,
      options: [{ label: 'はい', countsAsPositive: true, countsAsSatisfied: true }, { label: 'いいえ' }],
    },
    { kind: 'scale5', text: '配付場所の対応に満足しましたか', required: true },
    {
      kind: 'single_choice',
      text: 'この配付を何で知りましたか',
      options: [
        { label: 'チラシ' },
        { label: '学校' },
        { label: '広報誌' },
        { label: 'ホームページ' },
        { label: 'その他' },
      ],
    },
    {
      kind: 'multiple_choice',
      text: '役に立った情報（2つまで）',
      maxChoices: 2,
      options: [{ label: '相談窓口' }, { label: '支援制度' }, { label: '配付場所' }, { label: 'その他' }],
    },
    { kind: 'number', text: '何回目の利用ですか', min: 1, max: 50, integer: true },
  ].map((x) => QuestionInput.parse(x));
  const pointIds = (
    (await exec(db, `select id from distribution_points where name like '%${GEN_MARK}%' order by card_code`)).rows as {
      id: string;
    }[]
  ).map((r) => r.id);
  const perSurvey = Math.max(1, Math.round(counts.surveyResponses / YEARS));
  for (let y = 0; y < YEARS; y++) {
    const fy = FIRST_FY + y;
    const created = await insertSurvey(db, {
      title: `FY${fy} 配付アンケート（${GEN_MARK}）`,
      description: null,
      context: { kind: 'distribution', distributionPointIds: pointIds } as never,
      opensOn: `${fy}-04-01`,
      closesOn: `${fy + 1}-03-31`,
      oneAnswerPerCode: 'none',
      publicToken: `gen-fy${fy}-${crypto.randomUUID().slice(0, 8)}`,
    });
    await insertQuestions(db, created.versionId, prepareQuestions(questions, []));
    const qs = await loadQuestions(db, created.versionId);
    const [yes, scale, single, multi, num] = qs as [
      (typeof qs)[0],
      (typeof qs)[0],
      (typeof qs)[0],
      (typeof qs)[0],
      (typeof qs)[0],
    ];
    const opts = (x: (typeof qs)[0]) => arr(x.options.map((o) => o.id));
    await step(
      `FY${fy} survey (${perSurvey} responses)`,
      `with fy as (select day, share / sum(share) over () as share from gen_days
                    where day between '${fy}-04-01' and '${fy + 1}-03-31'),
            days as (select day, sum(share) over (order by day) - share as lo, sum(share) over (order by day) as hi from fy),
            r as (insert into survey_responses (survey_id, version_id, channel, submitted_at, distribution_point_id, made_up)
                  select '${created.id}', '${created.versionId}', case when random() < 0.8 then 'web' else 'paper' end,
                         (d.day + make_interval(hours => 8 + floor(random() * 14)::int, mins => floor(random() * 60)::int))
                           at time zone 'Asia/Tokyo',
                         ((${arr(pointIds)})::uuid[])[1 + floor(power(random(), 1.6) * ${pointIds.length})::int], true
                    from days d, generate_series(1, (round(d.hi * ${perSurvey}) - round(d.lo * ${perSurvey}))::int) s
                  returning id),
            a as (insert into survey_answers (response_id, question_id, option_id, number_value)
                  select r.id, x.qid, x.oid, x.num from r,
                  lateral (values
                    ('${yes.id}'::uuid, ((${opts(yes)})::uuid[])[case when random() < 0.82 then 1 else 2 end], null::float8),
                    ('${scale.id}'::uuid, ((${opts(scale)})::uuid[])[1 + floor(power(random(), 0.45) * 5)::int], null),
                    ('${single.id}'::uuid, ((${opts(single)})::uuid[])[1 + floor(random() * 5)::int], null),
                    ('${multi.id}'::uuid, null, null),
                    ('${num.id}'::uuid, null, 1 + floor(power(random(), 3) * 20))) x(qid, oid, num)
                  returning response_id, question_id)
       insert into survey_answer_choices (response_id, question_id, option_id)
       select distinct a.response_id, a.question_id, ((${opts(multi)})::uuid[])[1 + floor(random() * 4)::int]
         from a, generate_series(1, 2) k where a.question_id = '${multi.id}'`,
    );
  }

  // Targets of the last year, one per computed kind, so that the target-metrics report has work.
  const lastFy = FIRST_FY + YEARS - 1;
  const { rows: refs } = await exec(
    db,
    `select (select array_agg(id) from consultation_windows where name like '%${GEN_MARK}%') as windows,
            (select array_agg(id) from distribution_points where name like '%${GEN_MARK}%') as points,
            (select array_agg(id) from training_events where title like '%${GEN_MARK}%' and fiscal_year = ${lastFy}) as events,
            (select s.id from surveys s where s.title like 'FY${lastFy} %${GEN_MARK}%') as survey`,
  );
  const ref = refs[0] as { windows: string[]; points: string[]; events: string[] | null; survey: string };
  const { rows: yesRows } = await exec(
    db,
    `select q.id from survey_questions q join survey_versions v on v.id = q.version_id
      where v.survey_id = '${ref.survey}' and q.kind = 'yes_no' order by q.position limit 1`,
  );
  const definitions: [string, string, number, object][] = [
    ['相談件数', 'count', 25_000, { kind: 'consultations', windowIds: ref.windows }],
    ['配付セット数', 'sets', 120_000, { kind: 'sets_handed_out', pointIds: ref.points }],
    [
      '配付支援がよかった割合',
      'percent',
      70,
      { kind: 'survey_satisfied_share', surveyId: ref.survey, questionId: yesRows[0]?.id },
    ],
    ['カードから相談につながった割合', 'percent', 5, { kind: 'funnel_conversion', pointIds: ref.points }],
    ...(ref.events
      ? [
          [
            '研修会参加者数',
            'people',
            150,
            { kind: 'training_participants', eventIds: ref.events, basis: 'attended' },
          ] as [string, string, number, object],
        ]
      : []),
  ];
  await step(
    `target metrics FY${lastFy} (${definitions.length})`,
    `insert into target_metrics (fiscal_year, label, unit, target, direction, position, definition) values ${definitions
      .map(
        ([label, unit, target, def], i) =>
          `(${lastFy}, ${q(`${label}（${GEN_MARK}）`)}, '${unit}', ${target}, 'at_least', ${i}, ${q(JSON.stringify(def))}::jsonb)`,
      )
      .join(', ')}`,
  );

  await exec(db, 'drop table if exists gen_days');
  const total = (
    await exec(
      db,
      `select (select count(*) from distributions)::int as d, (select count(*) from consultations)::int as c,
            (select count(*) from survey_responses)::int as r, (select count(*) from survey_answers)::int as a,
            (select count(*) from training_registrations)::int as t`,
    )
  ).rows[0] as { d: number; c: number; r: number; a: number; t: number };
  return {
    distributions: total.d,
    consultations: total.c,
    surveyResponses: total.r,
    surveyAnswers: total.a,
    trainingRegistrations: total.t,
  };
}

/** The tables the bulk inserts fill: their secondary indexes and foreign keys are rebuilt after the load. */
const BULK_TABLES = [
  'distributions',
  'stock_movements',
  'consultations',
  'survey_responses',
  'survey_answers',
  'survey_answer_choices',
];

/**
 * Runs `load` with the bulk tables' secondary indexes and foreign keys dropped, then builds them
 * again from their own definitions (pg_indexes, pg_get_constraintdef), which checks every key
 * once, in bulk. A million rows inserted into seven indexes and five foreign keys row by row is
 * what made the first runs take minutes; building an index from sorted data is far cheaper. In
 * the caller's transaction: if anything fails, PostgreSQL rolls the drops back with the rest.
 */
async function withoutSecondaryIndexes<T>(db: DbOrTx, log: (line: string) => void, load: () => Promise<T>) {
  const tables = BULK_TABLES.map(q).join(', ');
  const indexes = (
    await exec(
      db,
      `select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = 'public' and i.tablename in (${tables})
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    )
  ).rows as { name: string; def: string }[];
  const foreignKeys = (
    await exec(
      db,
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
         from pg_constraint c
        where c.contype = 'f' and c.conrelid::regclass::text in (${tables})`,
    )
  ).rows as { tbl: string; name: string; def: string }[];
  for (const fk of foreignKeys) await exec(db, `alter table ${fk.tbl} drop constraint "${fk.name}"`);
  for (const index of indexes) await exec(db, `drop index "${index.name}"`);
  const result = await load();
  let t = performance.now();
  for (const index of indexes) await exec(db, index.def);
  log(`  ${`${indexes.length} indexes rebuilt`.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  for (const fk of foreignKeys) await exec(db, `alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
  log(`  ${`${foreignKeys.length} foreign keys checked`.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Generates scale `scale` into the database in one transaction (nothing is left half-done), with
 * the bulk tables' indexes rebuilt after the load, then VACUUM ANALYZE (statistics for the planner,
 * and the visibility map that lets the reports read their indexes alone).
 */
export async function generate(database: Database, scale: number, log = console.log): Promise<GenCounts> {
  const started = performance.now();
  const counts = await database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') await exec(tx, `set local maintenance_work_mem = '256MB'`);
    return withoutSecondaryIndexes(tx, log, () => generateInto(tx, scale, log));
  });
  const t = performance.now();
  await exec(database.db, 'vacuum analyze');
  log(`  ${'vacuum analyze'.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { ...counts, ms: performance.now() - started };
}

/** Opens DATABASE_URL, or the embedded database of DATA_DIR (default ./data), and migrates it. */
export async function openConfigured(url = process.env.DATABASE_URL): Promise<Database> {
  const database = url
    ? await openDatabase({ kind: 'postgres', url })
    : await openDatabase({
        kind: 'pglite',
        dataDir: path.resolve(process.env.INIT_CWD ?? '.', process.env.DATA_DIR ?? 'data'),
      });
  await database.migrate();
  return database;
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, reset: { type: 'boolean', default: false } },
  });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) {
    console.error('--scale must be a number above 0 and at most 20 (1 = a million hand-outs)');
    process.exit(2);
  }
  const database = await openConfigured();
  try {
    if (await hasGeneratedData(database)) {
      if (!values.reset) {
        console.error('This database already holds generated data; run again with --reset to empty EVERY table first.');
        process.exitCode = 1;
        return;
      }
      console.log('--reset: emptying every table');
      await resetAll(database);
    }
    console.log(
      `Generating scale ${scale} into ${database.kind === 'postgres' ? 'DATABASE_URL' : 'the embedded database'}`,
    );
    const c = await generate(database, scale);
    console.log(
      `Done in ${(c.ms / 1000).toFixed(0)} s: ${c.distributions} hand-outs, ${c.consultations} consultations, ` +
        `${c.surveyResponses} survey responses with ${c.surveyAnswers} answers, ${c.trainingRegistrations} training registrations`,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
