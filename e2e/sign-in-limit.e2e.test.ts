import { describe, expect, it } from 'vitest';
import { useSystem } from './helper.ts';

// Its own system: the sign-in limit is on here, and counts every attempt from 127.0.0.1.
const sys = useSystem({ RATE_LIMIT: 'on', SIGNIN_RATE_LIMIT: 3 });

describe('sign-in rate limit', () => {
  it('tells the visitor to wait when there were too many attempts', async () => {
    const page = await (await sys.current.context()).newPage();
    await page.goto('/sign-in');
    await page.getByLabel('メールアドレス').fill('staff@tsunagari.example');
    await page.getByLabel('パスワード').fill('guess-number-one');
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Listen before clicking: an answer that comes back at once must not be missed.
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
      await page.getByRole('button', { name: 'サインイン' }).click();
      await answered;
      await alert.waitFor();
      expect(await alert.textContent()).toBe('メールアドレスまたはパスワードが正しくありません。');
    }
    await page.getByRole('button', { name: 'サインイン' }).click();
    await alert.filter({ hasText: 'サインインの試行が多すぎます。' }).waitFor();
    expect(await alert.textContent()).toMatch(/\d+秒ほど待ってから、もう一度お試しください。/);
  });
});
