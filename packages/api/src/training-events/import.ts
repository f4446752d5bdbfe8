/**
 * Reads a registrant list as Japanese offices produce it: Excel's "CSV" is Shift_JIS (CP932),
 * its "CSV UTF-8" has a BOM, other tools write UTF-8 without one, and Excel's "Unicode text" is
 * UTF-16LE with a BOM. Headers may be the Japanese ones of our own export or English field
 * names; affiliation and mode may be Japanese labels or codes. Every bad row is reported with
 * its line number, and the caller imports nothing unless all rows are good.
 */
import {
  type Affiliation,
  AffiliationLabels,
  Affiliations,
  type AttendanceMode,
  AttendanceModeLabels,
  AttendanceModes,
  MAX_TRAINING_IMPORT_ROWS,
  TrainingRegistrationInput,
} from '@tsunagari/shared';
import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { HttpProblem } from '../lib/problem.ts';

export type ImportEncoding = 'utf-8' | 'utf-16le' | 'cp932';

type Field = keyof TrainingRegistrationInput;

/** Header spellings accepted per field, compared after NFKC, trimming and lower-casing. */
const HEADERS: Record<Field, string[]> = {
  name: ['氏名', '名前', 'お名前', 'name'],
  nameKana: ['ふりがな', 'フリガナ', 'よみがな', 'ヨミガナ', 'カナ', 'かな', 'namekana', 'kana'],
  affiliation: ['所属区分', '区分', 'affiliation'],
  organisationName: ['所属', '所属先', '所属団体', '所属名', 'organisationname', 'organizationname', 'organisation'],
  email: ['メール', 'メールアドレス', 'eメール', 'e-mail', 'email', 'mail'],
  mode: ['参加方法', '参加形態', 'mode'],
};
const REQUIRED: Field[] = ['name', 'affiliation', 'mode'];

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

const headerIndex = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [norm(n), field])),
);

const labelIndex = <T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Record<string, T>) =>
  new Map<string, T>([
    ...codes.map((c) => [norm(c), c] as [string, T]),
    ...codes.map((c) => [norm(labels[c]), c] as [string, T]),
    ...Object.entries(extra).map(([k, v]) => [norm(k), v] as [string, T]),
  ]);

const affiliationIndex = labelIndex<Affiliation>(Affiliations, AffiliationLabels, {
  民生委員: 'minsei_jido_iin',
  '民生委員・児童委員': 'minsei_jido_iin',
  主任児童委員: 'minsei_jido_iin',
  教員: 'teacher',
  教諭: 'teacher',
  養護教諭: 'teacher',
  相談員: 'city_counsellor',
  市の相談員: 'city_counsellor',
  市の職員: 'city_staff',
  連携団体: 'partner_staff',
  団体職員: 'partner_staff',
});
const modeIndex = labelIndex<AttendanceMode>(AttendanceModes, AttendanceModeLabels, {
  来場: 'venue',
  会場参加: 'venue',
  対面: 'venue',
  web: 'online',
  オンライン参加: 'online',
  zoom: 'online',
});

export interface ImportRow {
  line: number;
  input: TrainingRegistrationInput;
}

export interface ImportError {
  line: number;
  path: string;
  message: string;
}

/** 422 naming every bad line, in file order. */
export const invalidFile = (
  errors: ImportError[],
  detail = 'The file has rows that cannot be imported; nothing was imported',
) =>
  new HttpProblem(
    422,
    'import_invalid',
    detail,
    [...errors].sort((a, b) => a.line - b.line).map(({ path, message }) => ({ path, message })),
  );

export function decode(bytes: Buffer): { text: string; encoding: ImportEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: what Excel saves as "CSV" on a Japanese Windows.
    return { text: iconv.decode(bytes, 'CP932'), encoding: 'cp932' };
  }
}

/**
 * Parses and checks every row. An unreadable file or header throws 422 import_invalid at once;
 * bad rows come back in `errors` so that the caller can add what only the database knows.
 */
export function readRegistrants(bytes: Buffer): {
  rows: ImportRow[];
  errors: ImportError[];
  encoding: ImportEncoding;
  /** How the file names each column, for errors found later (an e-mail taken, a mode not offered). */
  labelOf: (field: Field) => string;
} {
  const { text, encoding } = decode(bytes);
  // Excel's UTF-16 "Unicode text" is tab-separated.
  const delimiter =
    encoding === 'utf-16le' || (!text.split(/\r?\n/, 1)[0]?.includes(',') && text.includes('\t')) ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse counts a CRLF inside quotes as two lines; with LF alone its line numbers are the file's.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw invalidFile(
        [{ line: line ?? 0, path: `line ${line ?? '?'}: CSV`, message: 'not readable as CSV (an unclosed quote?)' }],
        'The file is not readable as CSV; nothing was imported',
      );
    }
    throw error;
  }
  // A record's first line: its last line less the line breaks inside quoted fields.
  const lineOf = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - (r.record.join('').match(/\n/g)?.length ?? 0);
  const nonBlank = records.filter((r) => r.record.some((v) => v !== ''));
  const [header, ...data] = nonBlank;
  if (!header) throw invalidFile([{ line: 1, path: 'line 1', message: 'the file is empty' }], 'The file is empty');

  const columns = new Map<Field, { index: number; label: string }>();
  const headerLine = lineOf(header);
  const errors: ImportError[] = [];
  header.record.forEach((label, index) => {
    const field = headerIndex.get(norm(label));
    if (!field) return; // Other columns (番号, 備考, our export's 状態 …) are left alone.
    if (columns.has(field)) {
      errors.push({ line: headerLine, path: `line ${headerLine}: ${label}`, message: 'the same column appears twice' });
    } else {
      columns.set(field, { index, label });
    }
  });
  for (const field of REQUIRED) {
    if (!columns.has(field)) {
      errors.push({
        line: headerLine,
        path: `line ${headerLine}: ${HEADERS[field][0]}`,
        message: `column missing (${HEADERS[field].join(' / ')})`,
      });
    }
  }
  if (errors.length > 0) throw invalidFile(errors, 'The header row lacks required columns; nothing was imported');
  if (data.length === 0) {
    throw invalidFile([{ line: headerLine + 1, path: `line ${headerLine + 1}`, message: 'no rows below the header' }]);
  }
  if (data.length > MAX_TRAINING_IMPORT_ROWS) {
    const line = lineOf(data[MAX_TRAINING_IMPORT_ROWS] as (typeof data)[number]);
    throw invalidFile(
      [{ line, path: `line ${line}`, message: `at most ${MAX_TRAINING_IMPORT_ROWS} rows per file` }],
      `At most ${MAX_TRAINING_IMPORT_ROWS} rows can be imported at once`,
    );
  }

  const labelOf = (field: string) => columns.get(field as Field)?.label ?? HEADERS[field as Field]?.[0] ?? field;
  const rows: ImportRow[] = [];
  const seenEmails = new Map<string, number>();
  for (const r of data) {
    const line = lineOf(r);
    const cell = (field: Field) => {
      const c = columns.get(field);
      // A line break typed into a cell (Alt+Enter in Excel) is a space in a one-line field.
      const v = c ? (r.record[c.index] ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim() : '';
      return v === '' ? null : v;
    };
    const rawAffiliation = cell('affiliation');
    const rawMode = cell('mode');
    const candidate = {
      name: cell('name') ?? '',
      nameKana: cell('nameKana'),
      affiliation: rawAffiliation === null ? undefined : (affiliationIndex.get(norm(rawAffiliation)) ?? rawAffiliation),
      organisationName: cell('organisationName'),
      email: cell('email'),
      mode: rawMode === null ? undefined : (modeIndex.get(norm(rawMode)) ?? rawMode),
    };
    const parsed = TrainingRegistrationInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        const message =
          field === 'affiliation'
            ? `expected one of ${Affiliations.map((a) => AffiliationLabels[a]).join(', ')}`
            : field === 'mode'
              ? `expected ${AttendanceModes.map((m) => AttendanceModeLabels[m]).join(' or ')}`
              : issue.message;
        errors.push({ line, path: `line ${line}: ${labelOf(field)}`, message });
      }
      continue;
    }
    const email = parsed.data.email?.toLowerCase();
    if (email) {
      const first = seenEmails.get(email);
      if (first !== undefined) {
        errors.push({ line, path: `line ${line}: ${labelOf('email')}`, message: `the same address as line ${first}` });
        continue;
      }
      seenEmails.set(email, line);
    }
    rows.push({ line, input: parsed.data });
  }
  return { rows, errors, encoding, labelOf };
}
