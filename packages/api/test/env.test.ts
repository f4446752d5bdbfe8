import { describe, expect, it } from 'vitest';
import { parseEnv } from '../src/env.ts';

describe('environment', () => {
  it('a variable set to the empty string counts as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it('a bad value stops start-up with the variable named', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
  });
});
