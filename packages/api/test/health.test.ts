import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

describe('health', () => {
  it('answers 200 when the database answers', async () => {
    const res = await f.current.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('unknown routes answer 404 problem+json', async () => {
    expectProblem(await f.current.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'not_found');
  });
});
