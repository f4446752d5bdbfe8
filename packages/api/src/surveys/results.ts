/**
 * Survey results, computed in SQL over the answers table (one row per answered question) and the
 * choices table (one row per chosen option of a multiple choice): a handful of GROUP BY queries
 * per request, whatever the number of responses.
 *
 * Every share is of those who answered the question, and says so: `denominator` is the number
 * who answered, never the number who were sent the survey or who skipped the question.
 */
import {
  addDaysIso,
  FREE_TEXT_LISTED,
  type Question,
  type QuestionResult,
  type ReportCount,
  type ResponseChannel,
  type ShareOf,
  type SurveyResults,
  type SurveyResultsQuery,
  tokyoInstant,
  tokyoParts,
} from '@tsunagari/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  distributionPoints,
  surveyAnswerChoices,
  surveyAnswers,
  surveyOptions,
  surveyResponses,
  surveyVersions,
} from '../db/schema/index.ts';
import { suppressList, suppressTable } from '../reports/suppression.ts';
import { contextOf, type SurveyRow } from './repository.ts';

export interface ResultsReader {
  /** Partners read the responses collected at their own organisation's points only. */
  organisationId: string | null;
  suppress: boolean;
  threshold: number;
  /** Staff and admins read the free text. */
  freeText: boolean;
}

const r = surveyResponses;
const a = surveyAnswers;
const ch = surveyAnswerChoices;
const o = surveyOptions;

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Which responses count: one survey, the period (Tokyo days), channel, point and the reader's scope. */
function responseFilter(surveyId: string, q: SurveyResultsQuery, reader: ResultsReader, versionId?: string): SQL {
  const parts: SQL[] = [sql`${r.surveyId} = ${surveyId}`];
  if (versionId) parts.push(sql`${r.versionId} = ${versionId}`);
  if (q.from) parts.push(sql`${r.submittedAt} >= ${tokyoInstant(q.from, '00:00').toISOString()}::timestamptz`);
  if (q.to)
    parts.push(sql`${r.submittedAt} < ${tokyoInstant(addDaysIso(q.to, 1), '00:00').toISOString()}::timestamptz`);
  if (q.channel) parts.push(sql`${r.channel} = ${q.channel}`);
  if (q.distributionPointId) parts.push(sql`${r.distributionPointId} = ${q.distributionPointId}`);
  if (reader.organisationId) {
    parts.push(
      sql`${r.distributionPointId} in (select ${distributionPoints.id} from ${distributionPoints} where ${distributionPoints.organisationId} = ${reader.organisationId})`,
    );
  }
  return sql.join(parts, sql` and `);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const shareOf = (count: ReportCount, denominator: ReportCount): number | null =>
  typeof count === 'number' && typeof denominator === 'number' && denominator > 0 ? round4(count / denominator) : null;

const SMALL = { suppressed: true, reason: 'small' } as const;
const COMPLEMENTARY = { suppressed: true, reason: 'complementary' } as const;

/** A count alone (no total to protect it against): shown, or "<3" when small. */
function primary(n: number, reader: ResultsReader): ReportCount {
  return reader.suppress && n > 0 && n < reader.threshold ? SMALL : n;
}

export async function surveyResults(
  db: DbOrTx,
  survey: SurveyRow,
  version: { id: string; number: number },
  questions: Question[],
  q: SurveyResultsQuery,
  reader: ResultsReader,
): Promise<SurveyResults> {
  const filter = responseFilter(survey.id, q, reader, version.id);
  const withoutVersion = responseFilter(survey.id, q, reader);

  const [totals] = await rows<{ n: number; web: number; paper: number; made_up: number }>(
    db,
    sql`select count(*)::int as n,
          count(*) filter (where ${r.channel} = 'web')::int as web,
          count(*) filter (where ${r.channel} = 'paper')::int as paper,
          count(*) filter (where ${r.madeUp})::int as made_up
        from ${r} where ${filter}`,
  );
  const perVersion = await rows<{ number: number; n: number }>(
    db,
    sql`select ${surveyVersions.number} as number, count(${r.id})::int as n
        from ${surveyVersions} left join ${r} on ${r.versionId} = ${surveyVersions.id} and ${withoutVersion}
        where ${surveyVersions.surveyId} = ${survey.id}
        group by ${surveyVersions.number} order by ${surveyVersions.number}`,
  );
  // The answers are read by the version's questions from the (question, option, number, response)
  // index, not by a scan of every survey's answers. Every answer to a question of this version
  // belongs to a response of this version (answers are only ever stored against their response's
  // version: submit.ts, paper entry and the demo loader all go through prepareAnswers), so without
  // any other filter the responses need not be joined at all.
  const questionIds = questions.length
    ? sql.join(
        questions.map((x) => sql`${x.id}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;
  const wholeVersion = !q.from && !q.to && !q.channel && !q.distributionPointId && !reader.organisationId;
  const answersOf = wholeVersion
    ? sql`${a}`
    : sql`${a} join (select ${r.id} as id from ${r} where ${filter}) fr on fr.id = ${a.responseId}`;
  const choicesOf = wholeVersion
    ? sql`${ch}`
    : sql`${ch} join (select ${r.id} as id from ${r} where ${filter}) fr on fr.id = ${ch.responseId}`;
  // One pass over the answers: per question, per option and per number value (grouping sets).
  const answerGroups = await rows<{
    question_id: string;
    option_id: string | null;
    value: number | null;
    g: number;
    n: number;
    mean: number | null;
    satisfied: number;
    positive: number;
  }>(
    db,
    sql`select ${a.questionId} as question_id, ${a.optionId} as option_id, ${a.numberValue} as value,
          grouping(${a.optionId}, ${a.numberValue})::int as g,
          count(*)::int as n,
          avg(coalesce(${a.numberValue}, ${o.value}))::float8 as mean,
          count(*) filter (where ${o.countsAsSatisfied})::int as satisfied,
          count(*) filter (where ${o.countsAsPositive})::int as positive
        from ${answersOf} left join ${o} on ${o.id} = ${a.optionId}
        where ${a.questionId} in (${questionIds})
        group by grouping sets ((${a.questionId}), (${a.questionId}, ${a.optionId}), (${a.questionId}, ${a.numberValue}))`,
  );
  // One pass over the choices of multiple choice: per option, and per question the responses
  // that chose any satisfied (positive) option.
  const choiceGroups = await rows<{
    question_id: string;
    option_id: string | null;
    g: number;
    n: number;
    satisfied: number;
    positive: number;
  }>(
    db,
    sql`select ${ch.questionId} as question_id, ${ch.optionId} as option_id, grouping(${ch.optionId})::int as g,
          count(*)::int as n,
          count(distinct ${ch.responseId}) filter (where ${o.countsAsSatisfied})::int as satisfied,
          count(distinct ${ch.responseId}) filter (where ${o.countsAsPositive})::int as positive
        from ${choicesOf} join ${o} on ${o.id} = ${ch.optionId}
        where ${ch.questionId} in (${questionIds})
        group by grouping sets ((${ch.questionId}), (${ch.questionId}, ${ch.optionId}))`,
  );
  // grouping(option, value): 3 = per question, 1 = per option, 2 = per number value.
  const stats = answerGroups.filter((x) => Number(x.g) === 3).map((x) => ({ ...x, answered: x.n }));
  const optionCounts = [
    ...answerGroups.filter((x) => Number(x.g) === 1 && x.option_id !== null),
    ...choiceGroups.filter((x) => Number(x.g) === 0),
  ].map((x) => ({ option_id: x.option_id as string, n: x.n }));
  const choiceFlags = choiceGroups.filter((x) => Number(x.g) === 1);
  const numbers = answerGroups
    .filter((x) => Number(x.g) === 2 && x.value !== null)
    .map((x) => ({ question_id: x.question_id, value: Number(x.value), n: x.n }))
    .sort((x, y) => x.value - y.value);
  const texts =
    reader.freeText && questions.some((x) => x.kind === 'free_text')
      ? await rows<{
          question_id: string;
          response_id: string;
          text: string;
          submitted_at: string;
          channel: ResponseChannel;
        }>(
          db,
          sql`select question_id, response_id, text, submitted_at, channel from (
                select ${a.questionId} as question_id, ${a.responseId} as response_id, ${a.textValue} as text,
                  ${r.submittedAt} as submitted_at, ${r.channel} as channel,
                  row_number() over (partition by ${a.questionId} order by ${r.submittedAt} desc, ${r.id} desc) as rn
                from ${a} join ${r} on ${r.id} = ${a.responseId}
                where ${filter} and ${a.textValue} is not null
              ) t where rn <= ${FREE_TEXT_LISTED} order by question_id, rn`,
        )
      : [];

  const n = Number(totals?.n ?? 0);
  const threshold = reader.threshold;
  const responsesSuppressed = reader.suppress && n > 0 && n < threshold;
  const statsOf = new Map(stats.map((s) => [s.question_id, s]));
  const countOf = new Map(optionCounts.map((c) => [c.option_id, Number(c.n)]));
  const flagsOf = new Map(choiceFlags.map((c) => [c.question_id, c]));

  const channels = reader.suppress
    ? suppressList([Number(totals?.web ?? 0), Number(totals?.paper ?? 0)], n, threshold)
    : { values: [Number(totals?.web ?? 0), Number(totals?.paper ?? 0)], withheld: false };

  const results = questions.map((question): QuestionResult => {
    const s = statsOf.get(question.id);
    const answered = Number(s?.answered ?? 0);
    const counts = question.options.map((opt) => countOf.get(opt.id) ?? 0);
    const hasSatisfied = question.options.some((x) => x.countsAsSatisfied);
    const hasPositive = question.options.some((x) => x.countsAsPositive);
    const flags = question.kind === 'multiple_choice' ? flagsOf.get(question.id) : s;
    const satisfied = Number(flags?.satisfied ?? 0);
    const positive = Number(flags?.positive ?? 0);
    const base = {
      questionId: question.id,
      key: question.key,
      position: question.position,
      kind: question.kind,
      text: question.text,
      required: question.required,
      unanswered: Math.max(n - answered, 0),
    };
    const mean =
      s?.mean !== null && s?.mean !== undefined && (question.kind === 'scale5' || question.kind === 'number')
        ? round4(Number(s.mean))
        : null;
    const distributionRows = numbers.filter((x) => x.question_id === question.id);
    const freeText = reader.freeText
      ? question.kind === 'free_text'
        ? texts
            .filter((t) => t.question_id === question.id)
            .map((t) => ({
              responseId: t.response_id,
              text: t.text,
              submittedAt: new Date(t.submitted_at).toISOString(),
              channel: t.channel,
            }))
        : []
      : null;

    if (!reader.suppress) {
      const share = (count: number): ShareOf => ({ count, denominator: answered, share: shareOf(count, answered) });
      return {
        ...base,
        answered,
        options: question.options.map((opt, i) => ({
          optionId: opt.id,
          label: opt.label,
          value: opt.value,
          countsAsSatisfied: opt.countsAsSatisfied,
          countsAsPositive: opt.countsAsPositive,
          count: counts[i] ?? 0,
          share: shareOf(counts[i] ?? 0, answered),
        })),
        mean,
        distribution: distributionRows.map((d) => ({ value: Number(d.value), count: Number(d.n) })),
        satisfied: hasSatisfied ? share(satisfied) : null,
        positive: hasPositive ? share(positive) : null,
        freeText,
      };
    }

    // Partners and analysts: a question answered by fewer than `threshold` shows no breakdown.
    const tooFew = responsesSuppressed || (answered > 0 && answered < threshold);
    const hide = (value: number): ReportCount => (value === 0 ? 0 : tooFew ? SMALL : value);
    let optionOut: ReportCount[];
    let satisfiedOut: ReportCount = hide(satisfied);
    let positiveOut: ReportCount = hide(positive);
    if (tooFew) {
      optionOut = counts.map(hide);
    } else if (question.kind === 'multiple_choice') {
      // Each option against "not chosen"; and the satisfied and positive counts the same way.
      optionOut = counts.map((c) => suppressList([c, answered - c], answered, threshold).values[0] as ReportCount);
      satisfiedOut = suppressList([satisfied, answered - satisfied], answered, threshold).values[0] as ReportCount;
      positiveOut = suppressList([positive, answered - positive], answered, threshold).values[0] as ReportCount;
    } else if (question.options.length > 0) {
      ({ optionOut, satisfiedOut, positiveOut } = suppressOptions(question, counts, answered, threshold));
    } else {
      optionOut = [];
    }
    const answeredOut: ReportCount = tooFew ? hide(answered) : answered;
    const distribution = tooFew
      ? distributionRows.map((d) => ({ value: Number(d.value), count: hide(Number(d.n)) }))
      : (() => {
          const list = suppressList(
            distributionRows.map((d) => Number(d.n)),
            answered,
            threshold,
          );
          return distributionRows.map((d, i) => ({ value: Number(d.value), count: list.values[i] as ReportCount }));
        })();
    const share = (count: ReportCount): ShareOf => ({
      count,
      denominator: answeredOut,
      share: shareOf(count, answeredOut),
    });
    return {
      ...base,
      unanswered: responsesSuppressed ? hide(base.unanswered) : base.unanswered,
      answered: answeredOut,
      options: question.options.map((opt, i) => ({
        optionId: opt.id,
        label: opt.label,
        value: opt.value,
        countsAsSatisfied: opt.countsAsSatisfied,
        countsAsPositive: opt.countsAsPositive,
        count: optionOut[i] as ReportCount,
        share: shareOf(optionOut[i] as ReportCount, answeredOut),
      })),
      mean: tooFew ? null : mean,
      distribution,
      satisfied: hasSatisfied ? share(satisfiedOut) : null,
      positive: hasPositive ? share(positiveOut) : null,
      freeText: null,
    };
  });

  return {
    surveyId: survey.id,
    title: survey.title,
    context: contextOf(survey, survey.pointIds),
    version: version.number,
    versions: perVersion.map((v) => ({ number: Number(v.number), responses: primary(Number(v.n), reader) })),
    filter: {
      from: q.from ?? null,
      to: q.to ?? null,
      channel: q.channel ?? null,
      distributionPointId: q.distributionPointId ?? null,
    },
    responses: primary(n, reader),
    channels: {
      web: responsesSuppressed ? primary(Number(totals?.web ?? 0), reader) : (channels.values[0] as ReportCount),
      paper: responsesSuppressed ? primary(Number(totals?.paper ?? 0), reader) : (channels.values[1] as ReportCount),
    },
    madeUp: Number(totals?.made_up ?? 0),
    suppression: {
      applied: reader.suppress,
      threshold,
      withheld: responsesSuppressed || ('withheld' in channels && channels.withheld),
    },
    questions: results,
  };
}

/**
 * A single-answer question's option counts, with the satisfied and positive counts that are sums
 * of them, suppressed as one table: rows are the groups of options with the same (satisfied,
 * positive) flags, columns the options, so a shown satisfied count can never give a hidden option
 * count away. A group sum is shown only when every row it adds up is shown.
 */
function suppressOptions(question: Question, counts: number[], answered: number, threshold: number) {
  const groupKey = (i: number) => {
    const opt = question.options[i];
    return `${opt?.countsAsSatisfied ? 1 : 0}${opt?.countsAsPositive ? 1 : 0}`;
  };
  const keys = [...new Set(question.options.map((_, i) => groupKey(i)))];
  const cells = keys.map((k) => counts.map((c, i) => (groupKey(i) === k ? c : 0)));
  const rowTotals = cells.map((row) => row.reduce((x, y) => x + y, 0));
  const table = suppressTable({ cells, rowTotals, columnTotals: counts, total: answered }, threshold);
  const optionOut = counts.map((c, i): ReportCount => {
    const g = keys.indexOf(groupKey(i));
    const cell = table.cells[g]?.[i] as ReportCount;
    const column = table.columnTotals[i] as ReportCount;
    if (typeof cell === 'number' && typeof column === 'number') return c;
    return c > 0 && c < threshold ? SMALL : COMPLEMENTARY;
  });
  const groupSum = (flag: 0 | 1): ReportCount => {
    const rowsIn = keys.map((k, g) => ({ k, g })).filter(({ k }) => k[flag] === '1');
    const sum = rowsIn.reduce((x, { g }) => x + (rowTotals[g] ?? 0), 0);
    if (rowsIn.every(({ g }) => typeof table.rowTotals[g] === 'number')) return sum;
    return sum > 0 && sum < threshold ? SMALL : COMPLEMENTARY;
  };
  return { optionOut, satisfiedOut: groupSum(0), positiveOut: groupSum(1) };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per response

const CSV_CHANNEL: Record<ResponseChannel, string> = { web: 'Web', paper: '紙' };

function tokyoText(at: string): string {
  const { date, minutes } = tokyoParts(new Date(at));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}`;
}

/** How an answer reads in a cell: the option label (a scale with its point), the number, the text. */
function cellOf(
  question: Question,
  answer: {
    option_id: string | null;
    number_value: number | null;
    text_value: string | null;
    choices: string[] | null;
  },
): string {
  const label = (id: string) => {
    const opt = question.options.find((x) => x.id === id);
    if (!opt) return '';
    return question.kind === 'scale5' ? `${opt.value}（${opt.label}）` : opt.label;
  };
  if (question.kind === 'multiple_choice') {
    return question.options
      .filter((x) => answer.choices?.includes(x.id))
      .map((x) => label(x.id))
      .join('、');
  }
  if (answer.option_id) return label(answer.option_id);
  if (answer.number_value !== null) return String(answer.number_value);
  return answer.text_value ?? '';
}

/** Excel-ready rows: one per response of the version, one column per question, in order. */
export async function responsesCsv(
  db: DbOrTx,
  survey: SurveyRow,
  version: { id: string; number: number },
  questions: Question[],
  q: SurveyResultsQuery,
  reader: ResultsReader,
): Promise<{ header: string[]; rows: string[][] }> {
  const filter = responseFilter(survey.id, q, reader, version.id);
  const list = await rows<{
    id: string;
    submitted_at: string;
    channel: ResponseChannel;
    point: string | null;
    made_up: boolean;
  }>(
    db,
    sql`select ${r.id} as id, ${r.submittedAt} as submitted_at, ${r.channel} as channel,
          ${distributionPoints.name} as point, ${r.madeUp} as made_up
        from ${r} left join ${distributionPoints} on ${distributionPoints.id} = ${r.distributionPointId}
        where ${filter} order by ${r.submittedAt}, ${r.createdAt}, ${r.id}`,
  );
  const answers = await rows<{
    response_id: string;
    question_id: string;
    option_id: string | null;
    number_value: number | null;
    text_value: string | null;
    choices: string[] | null;
  }>(
    db,
    sql`select ${a.responseId} as response_id, ${a.questionId} as question_id, ${a.optionId} as option_id,
          ${a.numberValue} as number_value, ${a.textValue} as text_value,
          (select array_agg(${ch.optionId}) from ${ch}
            where ${ch.responseId} = ${a.responseId} and ${ch.questionId} = ${a.questionId}) as choices
        from ${a} join ${r} on ${r.id} = ${a.responseId} where ${filter}`,
  );
  const byResponse = new Map<string, Map<string, (typeof answers)[number]>>();
  for (const x of answers) {
    const m = byResponse.get(x.response_id) ?? new Map();
    m.set(x.question_id, x);
    byResponse.set(x.response_id, m);
  }
  const header = [
    '回答ID',
    '版',
    '回答日時',
    '回答方法',
    '配付場所',
    '架空データ',
    ...questions.map((x) => `Q${x.position} ${x.text}`),
  ];
  const out = list.map((resp) => {
    const mine = byResponse.get(resp.id);
    return [
      resp.id,
      String(version.number),
      tokyoText(resp.submitted_at),
      CSV_CHANNEL[resp.channel],
      resp.point ?? '',
      resp.made_up ? '架空' : '',
      ...questions.map((question) => {
        const answer = mine?.get(question.id);
        return answer ? cellOf(question, answer) : '';
      }),
    ];
  });
  return { header, rows: out };
}
