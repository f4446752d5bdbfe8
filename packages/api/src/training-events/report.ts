/**
 * Attendance counts: registered, waitlisted and attended by mode and by affiliation, per event
 * and per fiscal year. PostgreSQL counts the registrations into at most 12 cells per event
 * (mode × affiliation); the totals are sums of those cells.
 */
import {
  type Affiliation,
  AffiliationLabels,
  Affiliations,
  type AttendanceMode,
  AttendanceModeLabels,
  AttendanceModes,
  RegistrationSourceLabels,
  RegistrationStatusLabels,
  type TrainingAttendance,
  type TrainingCounts,
  TrainingEventStatusLabels,
  type TrainingRegistration,
  type TrainingReport,
} from '@tsunagari/shared';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { trainingEvents as te, trainingRegistrations as tr } from '../db/schema/index.ts';
import { toCsv } from '../reports/csv.ts';
import { type EventRow, seatCounts, seatsOf } from './repository.ts';

const COUNT_KEYS = ['registered', 'confirmed', 'waitlisted', 'cancelled', 'attended', 'noShow', 'walkIns'] as const;
type CountKey = (typeof COUNT_KEYS)[number];
type Counts = Record<CountKey, number>;

interface Cell extends Counts {
  eventId: string;
  mode: AttendanceMode;
  affiliation: Affiliation;
}

const zero = (): Counts => ({
  registered: 0,
  confirmed: 0,
  waitlisted: 0,
  cancelled: 0,
  attended: 0,
  noShow: 0,
  walkIns: 0,
});
const add = (into: Counts, c: Counts) => {
  for (const k of COUNT_KEYS) into[k] += c[k];
};

async function cellsOf(db: DbOrTx, where: SQL | undefined): Promise<Cell[]> {
  return db
    .select({
      eventId: tr.eventId,
      mode: tr.mode,
      affiliation: tr.affiliation,
      registered: sql<number>`count(*) filter (where ${tr.status} <> 'cancelled')::int`,
      confirmed: sql<number>`count(*) filter (where ${tr.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${tr.status} = 'waitlisted')::int`,
      cancelled: sql<number>`count(*) filter (where ${tr.status} = 'cancelled')::int`,
      attended: sql<number>`count(${tr.checkedInAt})::int`,
      noShow: sql<number>`count(*) filter (where ${tr.noShow})::int`,
      walkIns: sql<number>`count(*) filter (where ${tr.walkIn} and ${tr.status} <> 'cancelled')::int`,
    })
    .from(tr)
    .innerJoin(te, eq(te.id, tr.eventId))
    .where(where)
    .groupBy(tr.eventId, tr.mode, tr.affiliation);
}

export function foldCounts(cells: Cell[]): TrainingCounts {
  const total = zero();
  const byMode = new Map(AttendanceModes.map((m) => [m, zero()]));
  const byAffiliation = new Map(Affiliations.map((a) => [a, { ...zero(), attendedVenue: 0, attendedOnline: 0 }]));
  for (const c of cells) {
    add(total, c);
    add(byMode.get(c.mode) as Counts, c);
    const a = byAffiliation.get(c.affiliation);
    if (!a) continue;
    add(a, c);
    if (c.mode === 'venue') a.attendedVenue += c.attended;
    else a.attendedOnline += c.attended;
  }
  return {
    ...total,
    byMode: AttendanceModes.map((mode) => ({
      mode,
      label: AttendanceModeLabels[mode],
      ...(byMode.get(mode) as Counts),
    })),
    byAffiliation: Affiliations.map((affiliation) => ({
      affiliation,
      label: AffiliationLabels[affiliation],
      ...(byAffiliation.get(affiliation) as Counts & { attendedVenue: number; attendedOnline: number }),
    })),
  };
}

/** Map.groupBy arrived in Node 21; this runs on 20. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export async function attendanceOf(db: DbOrTx, event: EventRow): Promise<TrainingAttendance> {
  const [cells, counts] = await Promise.all([cellsOf(db, eq(tr.eventId, event.id)), seatCounts(db, [event.id])]);
  return {
    eventId: event.id,
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    status: event.status,
    seats: seatsOf(event, counts),
    counts: foldCounts(cells),
  };
}

export async function trainingReport(
  db: DbOrTx,
  q: { fiscalYear?: number | undefined; eventId?: string | undefined },
): Promise<TrainingReport> {
  const where = and(
    q.fiscalYear !== undefined ? eq(te.fiscalYear, q.fiscalYear) : undefined,
    q.eventId ? eq(te.id, q.eventId) : undefined,
  );
  const [events, cells] = await Promise.all([
    db
      .select({
        id: te.id,
        title: te.title,
        startsAt: te.startsAt,
        fiscalYear: te.fiscalYear,
        status: te.status,
        venueCapacity: te.venueCapacity,
        onlineCapacity: te.onlineCapacity,
      })
      .from(te)
      .where(where)
      .orderBy(asc(te.startsAt), asc(te.id)),
    cellsOf(db, where),
  ]);
  const cellsByEvent = groupBy(cells, (c) => c.eventId);
  const years = groupBy(events, (e) => e.fiscalYear);
  return {
    fiscalYear: q.fiscalYear ?? null,
    eventId: q.eventId ?? null,
    events: events.map((e) => ({
      eventId: e.id,
      title: e.title,
      startsAt: e.startsAt.toISOString(),
      fiscalYear: e.fiscalYear,
      status: e.status,
      venueCapacity: e.venueCapacity,
      onlineCapacity: e.onlineCapacity,
      counts: foldCounts(cellsByEvent.get(e.id) ?? []),
    })),
    years: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([fiscalYear, list]) => ({
        fiscalYear,
        events: list.length,
        counts: foldCounts(list.flatMap((e) => cellsByEvent.get(e.id) ?? [])),
      })),
  };
}

// ——— CSV ———

const tokyoFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
/** "2021-11-19 14:00" in Asia/Tokyo, as Excel reads a date and time. */
export const tokyoText = (iso: string | null) => (iso ? tokyoFormat.format(new Date(iso)) : '');

/** Text typed by the public must not run as an Excel formula (CSV injection). */
const cellText = (s: string | null) => (s ? (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s) : '');

const COUNT_HEADERS: Record<CountKey, string> = {
  registered: '申込数',
  confirmed: '確定',
  waitlisted: 'キャンセル待ち',
  cancelled: '取消',
  attended: '出席',
  noShow: '欠席',
  walkIns: '当日参加',
};

export function attendanceCsv(a: TrainingAttendance): string {
  const header = ['集計', '区分', '定員', ...COUNT_KEYS.map((k) => COUNT_HEADERS[k])];
  const counts = (c: Counts) => COUNT_KEYS.map((k) => c[k]);
  const rows: (string | number)[][] = [
    ...a.counts.byMode.map((m) => [
      '参加方法',
      m.label,
      a.seats.find((s) => s.mode === m.mode)?.capacity ?? '',
      ...counts(m),
    ]),
    ...a.counts.byAffiliation.map((x) => ['所属区分', x.label, '', ...counts(x)]),
    ['合計', '', a.seats.reduce((n, s) => n + s.capacity, 0), ...counts(a.counts)],
  ];
  return toCsv(header, rows);
}

/** Column names match what the import reads, so an exported list can be edited and imported again. */
export function attendeeListCsv(items: TrainingRegistration[]): string {
  const header = [
    '受付番号',
    '氏名',
    'ふりがな',
    '所属区分',
    '所属',
    'メール',
    '参加方法',
    '状態',
    'キャンセル待ち順',
    '出席時刻',
    '欠席',
    '当日参加',
    '申込経路',
    '申込日時',
  ];
  const rows = items.map((r) => [
    r.number,
    cellText(r.name),
    cellText(r.nameKana),
    AffiliationLabels[r.affiliation],
    cellText(r.organisationName),
    cellText(r.email),
    AttendanceModeLabels[r.mode],
    RegistrationStatusLabels[r.status],
    r.waitlistPosition ?? '',
    tokyoText(r.checkedInAt),
    r.noShow ? '欠席' : '',
    r.walkIn ? '当日参加' : '',
    RegistrationSourceLabels[r.source],
    tokyoText(r.createdAt),
  ]);
  return toCsv(header, rows);
}

export function trainingReportCsv(report: TrainingReport): string {
  const header = [
    '年度',
    '研修会',
    '開催日時',
    '状態',
    '会場定員',
    'オンライン定員',
    ...COUNT_KEYS.map((k) => COUNT_HEADERS[k]),
    ...AttendanceModes.map((m) => `出席（${AttendanceModeLabels[m]}）`),
    ...AttendanceModes.map((m) => `キャンセル待ち（${AttendanceModeLabels[m]}）`),
    ...Affiliations.map((a) => `出席（${AffiliationLabels[a]}）`),
  ];
  const figures = (c: TrainingCounts) => [
    ...COUNT_KEYS.map((k) => c[k]),
    ...c.byMode.map((m) => m.attended),
    ...c.byMode.map((m) => m.waitlisted),
    ...c.byAffiliation.map((a) => a.attended),
  ];
  const rows: (string | number)[][] = [];
  for (const year of report.years) {
    for (const e of report.events.filter((x) => x.fiscalYear === year.fiscalYear)) {
      rows.push([
        `${e.fiscalYear}年度`,
        cellText(e.title),
        tokyoText(e.startsAt),
        TrainingEventStatusLabels[e.status],
        e.venueCapacity,
        e.onlineCapacity,
        ...figures(e.counts),
      ]);
    }
    rows.push([`${year.fiscalYear}年度`, `合計（${year.events}件）`, '', '', '', '', ...figures(year.counts)]);
  }
  return toCsv(header, rows);
}
