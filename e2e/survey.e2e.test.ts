import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, PHONE, signIn, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
const sys = useSystem();

const todayInTokyo = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

interface CreatedSurvey {
  id: string;
  publicToken: string;
  questions: { id: string; kind: string; options: { id: string; label: string }[] }[];
}

async function apiCreateSurvey(): Promise<CreatedSurvey> {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({
    method: 'POST',
    url: '/api/v1/surveys',
    headers,
    payload: {
      title: '講座アンケート（E2E）',
      description: '本日の講座についてお聞かせください。',
      opensOn: todayInTokyo(),
      questions: [
        { kind: 'scale5', text: '講座の内容に満足しましたか', required: true },
        {
          kind: 'single_choice',
          text: 'この講座を何で知りましたか',
          required: true,
          options: [{ label: '市の広報' }, { label: 'チラシ' }, { label: '知人から' }],
        },
        {
          kind: 'multiple_choice',
          text: '役に立った内容',
          maxChoices: 2,
          options: [{ label: '相談窓口の情報' }, { label: '制度の説明' }, { label: '体験談' }],
        },
        { kind: 'yes_no', text: 'また参加したいですか' },
        { kind: 'number', text: '会場までの所要時間（分）', min: 0, max: 180 },
        { kind: 'free_text', text: 'ご意見・ご感想' },
      ],
    },
  });
  if (res.statusCode !== 201) throw new Error(`survey not created: ${res.body}`);
  return res.json() as CreatedSurvey;
}

async function apiResults(id: string) {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({ method: 'GET', url: `/api/v1/surveys/${id}/results`, headers });
  expect(res.statusCode).toBe(200);
  return res.json();
}

// A phone as the people answering hold it: small, touch, mobile user agent rules.
let phoneContext: BrowserContext | null = null;
async function phonePage(): Promise<Page> {
  phoneContext = await sys.current.browser.newContext({
    baseURL: sys.current.url,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  phoneContext.setDefaultTimeout(15_000);
  return phoneContext.newPage();
}
afterEach(async () => {
  await phoneContext?.close().catch(() => {});
  phoneContext = null;
});

describe('survey public form on a phone', () => {
  it('answers a survey through its public link, and the answer is counted', async () => {
    const survey = await apiCreateSurvey();
    const page = await phonePage();
    await page.goto(`/s/${survey.publicToken}`);
    await page.getByRole('heading', { level: 1, name: '講座アンケート（E2E）' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Sending nothing: the required questions say so before anything is sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/responses')) posted += 1;
    });
    await page.getByRole('button', { name: '回答を送信する' }).tap();
    await expect.poll(() => page.getByText('回答してください。').count()).toBe(2);
    await page.getByRole('alert').filter({ hasText: '赤字の設問を確認してください' }).waitFor();
    expect(posted).toBe(0);

    await page.getByRole('radio', { name: '5 満足' }).tap();
    await page.getByRole('radio', { name: 'チラシ' }).tap();
    await page.getByRole('checkbox', { name: '相談窓口の情報' }).tap();
    await page.getByRole('checkbox', { name: '体験談' }).tap();
    await page.getByRole('radio', { name: 'はい' }).tap();
    await page.getByRole('spinbutton', { name: '会場までの所要時間（分）' }).fill('25');
    await page.getByRole('textbox', { name: 'ご意見・ご感想' }).fill('とても分かりやすかったです。');
    await expect.poll(() => page.getByText('回答してください。').count()).toBe(0);

    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/responses'));
    await page.getByRole('button', { name: '回答を送信する' }).tap();
    const body = (await request).postDataJSON();
    // The honeypot stays empty for a person, so it is not sent at all.
    expect(body.website).toBeUndefined();
    await page.getByRole('heading', { name: 'ご回答ありがとうございました' }).waitFor();

    const results = await apiResults(survey.id);
    expect(results.responses).toBe(1);
    expect(results.channels).toEqual({ web: 1, paper: 0 });
    const scale = results.questions[0];
    expect(scale.satisfied).toMatchObject({ count: 1, denominator: 1, share: 1 });
    const multiple = results.questions[2];
    expect(multiple.options.map((o: { count: number }) => o.count)).toEqual([1, 0, 1]);
    expect(results.questions[4].mean).toBe(25);
  });

  it('says plainly when a survey has closed', async () => {
    const page = await phonePage();
    await page.goto('/s/demo-fy2021-seminar');
    await page.getByText('このアンケートの受付は終了しました').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('survey results for staff', () => {
  it('shows the satisfied share with its denominator and passes axe', async () => {
    const survey = await apiCreateSurvey();
    const headers = await sys.current.apiSession(STAFF);
    const [scale, source] = survey.questions;
    const sourceOption = source?.options[0]?.id as string;
    for (const value of [5, 4, 2]) {
      const res = await sys.current.app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${survey.id}/responses`,
        headers,
        payload: { answers: { [scale?.id as string]: value, [source?.id as string]: sourceOption } },
      });
      expect(res.statusCode).toBe(201);
    }
    const page = await (await sys.current.context(DESKTOP)).newPage();
    await signIn(page, STAFF);
    await page.goto(`/surveys/${survey.id}/results`);
    await page.getByRole('heading', { level: 1, name: /講座アンケート（E2E）/ }).waitFor();
    await page.getByText('2 / 3 回答 (67%)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('survey context and single responses for staff', () => {
  it('builds a survey for a training event with one answer per ticket; the detail page says so', async () => {
    const page = await (await sys.current.context(DESKTOP)).newPage();
    await signIn(page, STAFF);
    await page.goto('/surveys/new');
    await page.getByRole('heading', { name: '対象と回答の制限' }).waitFor();
    await page.getByLabel('タイトル').fill('研修会アンケート（E2E 対象）');
    await page.getByLabel('設問文').fill('研修の内容に満足しましたか');

    // Without a training event as the context, one answer per ticket cannot be chosen.
    const ticket = page.getByRole('radio', { name: '受講票1枚につき1回' });
    expect(await ticket.isDisabled()).toBe(true);
    await page.getByRole('radio', { name: '研修会の参加者' }).check();
    expect(await ticket.isDisabled()).toBe(false);
    expect(await page.getByRole('radio', { name: 'カード1枚につき1回' }).isDisabled()).toBe(true);
    await ticket.check();

    // Saving without an event says so at the event picker, and sends nothing.
    await page.getByRole('button', { name: '作成' }).click();
    const eventSelect = page.getByLabel('研修会', { exact: true });
    await expect.poll(() => eventSelect.getAttribute('aria-invalid')).toBe('true');
    const value = await eventSelect.locator('option', { hasText: '女性相談担当者養成研修会' }).getAttribute('value');
    await eventSelect.selectOption(value as string);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '作成' }).click();

    await page.getByText('アンケートを作成しました。').waitFor();
    await page.getByRole('heading', { level: 1, name: '研修会アンケート（E2E 対象）' }).waitFor();
    await page.getByText('研修会「女性相談担当者養成研修会」の参加者').waitFor();
    await page.getByText('受講票1枚につき1回').waitFor();

    // What was saved is the event chosen, with the ticket rule.
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const saved = await sys.current.app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${id}`,
      headers: await sys.current.apiSession(STAFF),
    });
    expect(saved.json()).toMatchObject({
      context: { kind: 'training_event', trainingEventId: value },
      oneAnswerPerCode: 'ticket',
    });
    // Editing keeps the context.
    await page.getByRole('link', { name: '編集' }).click();
    await page.getByRole('heading', { name: '対象と回答の制限' }).waitFor();
    expect(await page.getByRole('radio', { name: '研修会の参加者' }).isChecked()).toBe(true);
    expect(await page.getByLabel('研修会', { exact: true }).inputValue()).toBe(value);
    expect(await page.getByRole('radio', { name: '受講票1枚につき1回' }).isChecked()).toBe(true);
  });

  it('deletes a paper response typed in twice, with a reason; the count drops', async () => {
    const survey = await apiCreateSurvey();
    const headers = await sys.current.apiSession(STAFF);
    const [scale, source] = survey.questions;
    for (const value of [5, 2]) {
      const res = await sys.current.app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${survey.id}/responses`,
        headers,
        payload: { answers: { [scale?.id as string]: value, [source?.id as string]: source?.options[1]?.id } },
      });
      expect(res.statusCode).toBe(201);
    }
    const page = await (await sys.current.context(DESKTOP)).newPage();
    await signIn(page, STAFF);
    await page.goto(`/surveys/${survey.id}`);
    await page.getByRole('link', { name: '回答一覧' }).click();
    await page.getByRole('heading', { level: 1, name: /回答一覧/ }).waitFor();
    await page.getByText('回答数: 全2件').waitFor();
    await page.getByText('2（やや不満）').waitFor();
    expect(await page.locator('article').count()).toBe(2);

    const card = page.locator('article', { hasText: '2（やや不満）' });
    await card.getByRole('button', { name: /の回答を削除/ }).click();
    const dialog = page.getByRole('dialog', { name: 'この回答を削除しますか' });
    await dialog.waitFor();
    // The list behind the dialog and the dialog itself.
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('radio', { name: '紙の回答の二重入力' }).check();
    await dialog.getByRole('button', { name: '削除する' }).click();

    await page.getByRole('status').filter({ hasText: '回答を1件削除しました。' }).waitFor();
    await page.getByText('回答数: 全1件').waitFor();
    await expect.poll(() => page.locator('article').count()).toBe(1);
    expect(await page.getByText('2（やや不満）').count()).toBe(0);

    // The results no longer count it.
    const results = await apiResults(survey.id);
    expect(results.responses).toBe(1);
    await page.getByRole('link', { name: '結果を見る' }).click();
    await page.getByText('1 / 1 回答 (100%)').waitFor();
  });
});
