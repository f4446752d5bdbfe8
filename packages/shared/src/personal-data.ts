/**
 * The personal-data guard: finds contact details and identifiers in free text, so that an
 * anonymous record (a consultation note, a survey answer) can refuse or mask them.
 *
 * Pure functions, no dependencies: the API refuses with them and the SPA can warn with the same
 * code before a form is sent. Text is read after NFKC normalisation (full-width digits and
 * letters, ＠, － and （） become their ASCII forms), one character at a time so that every finding
 * still points at the characters the writer typed.
 *
 * The patterns aim at what a person writes down when they copy contact details; they are tuned
 * not to flag the numbers a consultation note legitimately contains: dates (2021-11-13,
 * 2021/11/13, 令和3年11月13日), times (10:00–15:00), amounts (12,000円), ages and counts.
 */

export const PersonalDataKinds = ['phone', 'email', 'postal_code', 'address', 'individual_number'] as const;
export type PersonalDataKind = (typeof PersonalDataKinds)[number];

/** What each kind is called on screen and in the masked text. */
export const PersonalDataLabels: Record<PersonalDataKind, string> = {
  phone: '電話番号',
  email: 'メールアドレス',
  postal_code: '郵便番号',
  address: '住所',
  individual_number: '個人番号',
};

/** The stable code an API answers with (422) when free text carries personal data. */
export const PERSONAL_DATA_DETECTED = 'personal_data_detected';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** Index of the first character in the original text. */
  start: number;
  /** Index after the last character in the original text. */
  end: number;
}

// Hyphens as people type them around digits (after NFKC): ASCII, Unicode dashes, minus, the
// katakana long-vowel mark and box-drawing lines that Japanese IMEs offer for "－".
const DASH_CHARS = '\\-‐‑‒–—―−ー─━';
const DASH = `[${DASH_CHARS}]`;
// Between the digit groups of a phone number: a dash, a space or a bracket, at most two of them.
const SEP = `(?:${DASH}|[\\s()]){0,2}`;
const NUM_KANJI = '[0-9〇一二三四五六七八九十]';
const HAN = '[\\p{Script=Han}ヶケ々]';
// What may follow a street number: more numbers joined by 番(地), 号, a dash or の.
const TAIL = `(?:\\s?(?:番地|番|号|${DASH}|の)?\\s?\\d+)*(?:\\s?(?:番地|号))?`;

interface Rule {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Extra check on the matched (normalised) text. */
  accept?: (match: string) => boolean;
}

const digitCount = (s: string) => s.replace(/\D/g, '').length;

const rules: Rule[] = [
  // 12-digit 個人番号 (マイナンバー), contiguous or grouped 4-4-4.
  {
    kind: 'individual_number',
    pattern: new RegExp(`(?<![\\d.,])\\d{4}(?:${DASH}|\\s)?\\d{4}(?:${DASH}|\\s)?\\d{4}(?![\\d.,]\\d|\\d)`, 'gu'),
  },
  // Japanese numbers begin with 0 and have 10 (landline, 0120) or 11 (mobile, 050) digits:
  // 090-2500-9863, 0134-32-4111, (0134)32-4111, 09025009863.
  {
    kind: 'phone',
    pattern: new RegExp(`(?<![\\d.,])\\(?0\\d{1,4}\\)?(?:${SEP}\\d{1,4}){1,2}${SEP}\\d{2,4}(?![\\d])`, 'gu'),
    accept: (m) => {
      const n = digitCount(m);
      return n === 10 || n === 11;
    },
  },
  // International form: +81 90-2500-9863, +1 (555) 123-4567.
  {
    kind: 'phone',
    pattern: new RegExp(`(?<![\\w+])\\+\\s?\\d{1,3}(?:${SEP}\\(?\\d{1,5}\\)?){2,5}(?!\\d)`, 'gu'),
    accept: (m) => {
      const n = digitCount(m);
      return n >= 8 && n <= 15;
    },
  },
  // A local number named as one: 電話 33-1124, TEL 32-4111, or followed by an extension.
  {
    kind: 'phone',
    pattern: new RegExp(
      `(?:電話|でんわ|TEL|Tel|tel|携帯|ケータイ|連絡先|☎|📞)[^\\d\\n]{0,6}\\d{2,4}${DASH}\\d{3,4}(?!\\d)`,
      'gu',
    ),
  },
  { kind: 'phone', pattern: new RegExp(`(?<![\\d.,])\\d{2,4}${DASH}\\d{4}\\s?\\(?内線[:：]?\\s?\\d{0,6}\\)?`, 'gu') },
  // E-mail, also written with (at) or アットマーク to get past filters.
  {
    kind: 'email',
    pattern:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s?(?:@|\(at\)|\[at\]|アットマーク)\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/giu,
  },
  // 〒047-0024, 〒0470024, and a bare 047-0024 that is not part of a longer number or an amount.
  { kind: 'postal_code', pattern: new RegExp(`〒\\s?\\d{3}${DASH}?\\d{4}(?!\\d)`, 'gu') },
  {
    kind: 'postal_code',
    pattern: new RegExp(
      `(?<![${DASH_CHARS}\\d.,:/])\\d{3}${DASH}\\d{4}(?!\\d|[.,:/]\\d|${DASH}\\d|\\s?[円人件回名歳個枚本冊％%時分秒年月日])`,
      'gu',
    ),
  },
  // 〇〇町1丁目2-3, 稲穂2丁目, 1丁目2番3号, 銭函3丁目263番地
  {
    kind: 'address',
    pattern: new RegExp(`(?:${HAN}{1,6}${NUM_KANJI}+丁目|(?<!${NUM_KANJI})${NUM_KANJI}+丁目\\s?\\d+)${TAIL}`, 'gu'),
  },
  { kind: 'address', pattern: new RegExp(`(?<!\\d)\\d+番地${TAIL}`, 'gu') },
  { kind: 'address', pattern: new RegExp(`(?<!\\d)\\d+番\\s?\\d+号${TAIL}`, 'gu') },
  // 稲穂1-2-3 (a town name followed by block-lot-house numbers); dates start with 4-digit years.
  {
    kind: 'address',
    pattern: new RegExp(`(?<=${HAN}|\\p{Script=Katakana})\\s?\\d{1,3}${DASH}\\d{1,4}${DASH}\\d{1,4}(?!\\d)`, 'gu'),
  },
  // 小樽市稲穂2-12, 北海道小樽市花園1丁目: a municipality and a town followed by numbers.
  {
    kind: 'address',
    pattern: new RegExp(
      `(?:北海道|東京都|大阪府|京都府|${HAN}{2,3}県)?${HAN}{1,6}[市区町村郡][\\p{Script=Han}\\p{Script=Katakana}ヶケ々ー]{0,10}\\d{1,4}(?:\\s?(?:${DASH}|番地?|の)\\s?\\d{1,4})+(?:\\s?号)?`,
      'gu',
    ),
  },
  // 北海道小樽市… with a street number anywhere in the next few characters.
  {
    kind: 'address',
    pattern: new RegExp(
      `(?:北海道|東京都|大阪府|京都府|${HAN}{2,3}県)${HAN}{1,6}[市区町村郡][^\\s。、,.!?！？]{0,16}?${NUM_KANJI}+(?:丁目|番地|番\\s?\\d|${DASH}\\d+)`,
      'gu',
    ),
  },
];

/** NFKC, one code point at a time, remembering where each normalised character came from. */
function normalise(text: string): { text: string; from: number[]; to: number[] } {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const n = ch.normalize('NFKC');
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    out += n;
    i += ch.length;
  }
  return { text: out, from, to };
}

/** Every piece of personal data in `text`, non-overlapping, in reading order. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  if (!text) return [];
  const n = normalise(text);
  const candidates: { kind: PersonalDataKind; start: number; end: number }[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of n.text.matchAll(rule.pattern)) {
      const match = m[0].trimEnd();
      if (!match.trim() || (rule.accept && !rule.accept(match))) continue;
      const lead = match.length - match.trimStart().length;
      candidates.push({ kind: rule.kind, start: m.index + lead, end: m.index + match.length });
    }
  }
  // Longest first, so an address that contains a number is one finding, not two.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof candidates = [];
  for (const c of candidates) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  return taken
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ kind: c.kind, start: n.from[c.start] as number, end: n.to[c.end - 1] as number }));
}

/** The kinds of personal data in `text`, each once, in the order of PersonalDataKinds. */
export function personalDataKinds(text: string): PersonalDataKind[] {
  const found = new Set(findPersonalData(text).map((f) => f.kind));
  return PersonalDataKinds.filter((k) => found.has(k));
}

export function containsPersonalData(text: string): boolean {
  return findPersonalData(text).length > 0;
}

/**
 * The text with every finding replaced, by default with ［電話番号］ and the like, so a reader
 * still sees that something was there and what kind of thing it was.
 */
export function mask(
  text: string,
  replace: (kind: PersonalDataKind) => string = (k) => `［${PersonalDataLabels[k]}］`,
) {
  let out = '';
  let at = 0;
  for (const f of findPersonalData(text)) {
    out += text.slice(at, f.start) + replace(f.kind);
    at = f.end;
  }
  return out + text.slice(at);
}

/** The message for a field that carries personal data; names the kinds, never repeats the text. */
export function personalDataMessage(kinds: readonly PersonalDataKind[]): string {
  const names = kinds.map((k) => `${PersonalDataLabels[k]} (${k})`).join(', ');
  return `looks like personal data: ${names}; records are anonymous, remove it`;
}

/**
 * Checks named free-text fields and returns one error per field that carries personal data,
 * in the `{ path, message }` shape of a problem's `errors`.
 */
export function personalDataErrors(
  fields: Record<string, string | null | undefined>,
  prefix = 'body',
): { path: string; message: string; kinds: PersonalDataKind[] }[] {
  const errors: { path: string; message: string; kinds: PersonalDataKind[] }[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!value) continue;
    const kinds = personalDataKinds(value);
    if (kinds.length > 0) errors.push({ path: `${prefix}.${name}`, message: personalDataMessage(kinds), kinds });
  }
  return errors;
}
