import type { TrainingEvent, TrainingRegistration } from '@tsunagari/shared';
import { expect } from 'vitest';
import type { Fixture, Who } from './helper.ts';

export const EVENTS = '/api/v1/training-events';

const DAY = 86_400_000;

/** An ISO instant `days` from now (negative: in the past), whole seconds, with the Tokyo offset. */
export function daysFromNow(days: number, hours = 0): string {
  const t = new Date(Date.now() + days * DAY + hours * 3_600_000);
  t.setUTCMilliseconds(0);
  const tokyo = new Date(t.getTime() + 9 * 3_600_000);
  return `${tokyo.toISOString().slice(0, 19)}+09:00`;
}

export function eventBody(over: Record<string, unknown> = {}) {
  return {
    title: '女性相談担当者養成研修会（テスト）',
    startsAt: daysFromNow(30),
    endsAt: daysFromNow(30, 2),
    venueName: 'テスト会場',
    venueCapacity: 2,
    onlineCapacity: 1,
    onlineJoinDetails: 'https://meet.example/abc 会議ID 123',
    status: 'open',
    ...over,
  };
}

export async function createEvent(
  f: Fixture,
  over: Record<string, unknown> = {},
): Promise<TrainingEvent & { etag: string }> {
  const res = await f.as('staff', { method: 'POST', url: EVENTS, payload: eventBody(over) });
  expect(res.statusCode, res.body).toBe(201);
  return { ...res.json(), etag: String(res.headers.etag) };
}

export function person(over: Record<string, unknown> = {}) {
  return { name: '山田 花子', nameKana: 'やまだ はなこ', affiliation: 'teacher', mode: 'venue', ...over };
}

export async function register(
  f: Fixture,
  eventId: string,
  over: Record<string, unknown> = {},
  who: Who = 'staff',
): Promise<TrainingRegistration> {
  const res = await f.as(who, { method: 'POST', url: `${EVENTS}/${eventId}/registrations`, payload: person(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function registrations(f: Fixture, eventId: string, query = ''): Promise<TrainingRegistration[]> {
  const res = await f.as('staff', { method: 'GET', url: `${EVENTS}/${eventId}/registrations?limit=500${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

export async function readEvent(f: Fixture, id: string): Promise<TrainingEvent & { etag: string }> {
  const res = await f.as('staff', { method: 'GET', url: `${EVENTS}/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return { ...res.json(), etag: String(res.headers.etag) };
}

export const seatsOf = (e: TrainingEvent, mode: 'venue' | 'online') => e.seats.find((s) => s.mode === mode);
