import { describe, expect, it } from 'vitest';
import { findPersonalData, mask, personalDataErrors, personalDataKinds } from '../src/index.ts';

describe('personal-data guard: finds each kind', () => {
  it.each([
    ['電話は090-2500-9863です', 'phone'],
    ['0134-32-4111に折り返し', 'phone'],
    ['(0134)32-4111', 'phone'],
    ['09025009863', 'phone'],
    ['090 2500 9863', 'phone'],
    ['0120-123-456', 'phone'],
    ['+81 90-2500-9863', 'phone'],
    ['+81-90-2500-9863', 'phone'],
    ['+1 (555) 123-4567', 'phone'],
    ['０９０－２５００－９８６３', 'phone'],
    ['０９０ー２５００ー９８６３', 'phone'],
    ['ＴＥＬ ３３－１１２４', 'phone'],
    ['電話 33-1124 まで', 'phone'],
    ['32-4111（内線315）', 'phone'],
    ['mail: hanako.yamada@example.jp', 'email'],
    ['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'email'],
    ['hanako(at)example.com', 'email'],
    ['〒047-0024', 'postal_code'],
    ['〒０４７－００２４', 'postal_code'],
    ['〒0470024', 'postal_code'],
    ['郵便は047-0024です', 'postal_code'],
    ['〇〇町1丁目2-3', 'address'],
    ['稲穂2丁目12-1', 'address'],
    ['花園1丁目2番3号', 'address'],
    ['銭函3丁目263番地', 'address'],
    ['住まいは1番2号', 'address'],
    ['稲穂1-2-3', 'address'],
    ['北海道小樽市稲穂2丁目', 'address'],
    ['北海道小樽市花園1-2-3', 'address'],
    ['小樽市稲穂2-12', 'address'],
    ['123456789012', 'individual_number'],
    ['1234 5678 9012', 'individual_number'],
    ['1234-5678-9012', 'individual_number'],
    ['マイナンバー１２３４ ５６７８ ９０１２', 'individual_number'],
  ])('%s → %s', (text, kind) => {
    expect(personalDataKinds(text)).toEqual([kind]);
  });

  it('finds several kinds in one text, each once', () => {
    expect(personalDataKinds('連絡先 090-2500-9863 / a@b.jp / 〒047-0024 小樽市稲穂2-12-1')).toEqual([
      'phone',
      'email',
      'postal_code',
      'address',
    ]);
  });
});

describe('personal-data guard: leaves clean text alone', () => {
  it.each([
    '2021-11-13に来所',
    '2021/11/13',
    '令和3年11月13日',
    '2021年11月13日(土)10時',
    '10:00–15:00',
    '10:00-15:00',
    '9:00～17:30の窓口',
    '0900-1700',
    '12,000円の支援',
    '1,000,000',
    '1,234,567,890円',
    '100-1000円',
    '100-1000人',
    '35歳、3回目の相談',
    '子ども2人(3歳と5歳)',
    '相談件数16件、目標80名',
    '満足度86%',
    '北海道小樽市で開催',
    '小樽市の相談窓口',
    '市役所別館4階',
    '保健所庁舎 202号室',
    '2021-2022年度',
    'FY2021-2022',
    '令和4年1月1日は休み',
    '第3回 2021-11-19',
    '2021-11-13 10:00',
    '3丁目の夕日',
    '0120',
    'R3.11.13',
  ])('%s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('mask', () => {
  it('replaces each finding in the original text, keeping the rest', () => {
    expect(mask('電話は０９０－２５００－９８６３、メールは a@example.jp です')).toBe(
      '電話は［電話番号］、メールは ［メールアドレス］ です',
    );
    expect(mask('〒047-0024 〇〇町1丁目2-3')).toBe('［郵便番号］ ［住所］');
    expect(mask('相談は2021-11-13、12,000円')).toBe('相談は2021-11-13、12,000円');
  });

  it('takes a replacement', () => {
    expect(mask('1234-5678-9012', () => '***')).toBe('***');
  });

  it('points at the characters typed, also after full-width normalisation', () => {
    const text = 'Tel：０９０－２５００－９８６３。';
    const [finding] = findPersonalData(text);
    expect(finding?.kind).toBe('phone');
    expect(text.slice(finding?.start, finding?.end)).toBe('０９０－２５００－９８６３');
  });
});

describe('personalDataErrors', () => {
  it('names each field, never repeats its content', () => {
    const errors = personalDataErrors({ note: '携帯 090-2500-9863', referredToExternal: '法テラス', cardCode: null });
    expect(errors).toEqual([{ path: 'body.note', message: expect.stringContaining('phone'), kinds: ['phone'] }]);
    expect(errors[0]?.message).not.toContain('2500');
  });

  it('stays fast on long, hostile input', () => {
    const hostile = `${'0'.repeat(5000)}x${'1-'.repeat(2000)}丁目${'9'.repeat(3000)}`;
    const started = performance.now();
    findPersonalData(hostile);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
