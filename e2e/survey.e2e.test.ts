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
