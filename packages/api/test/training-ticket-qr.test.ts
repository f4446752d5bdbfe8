import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import { purgeExpiredContactDetails } from '../src/training-events/retention.ts';
import { expectProblem, useFixture } from './helper.ts';
import { createEvent, daysFromNow, EVENTS, register } from './training-fixture.ts';

const f = useFixture();
const PUBLIC = '/api/v1/public/training-tickets';

const get = (url: string, headers: Record<string, string> = {}) =>
  f.current.app.inject({ method: 'GET', url, headers });

/** What a phone's camera reads from a PNG. */
function decodePng(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/**
 * What a camera reads from the SVG: qrcode draws the dark modules as horizontal strokes
 * (`M x y` / `m dx dy` moves, `h n` runs) on a white square; paint them into pixels and decode.
 */
function decodeSvg(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !d) return null;
  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  const paint = (col: number, row: number) => {
    for (let py = row * scale; py < (row + 1) * scale; py++) {
      const start = (py * width + col * scale) * 4;
      for (let i = start; i < start + scale * 4; i += 4) pixels.fill(0, i, i + 3);
    }
  };
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') [x, y] = [n, Number(b)];
    else if (cmd === 'm') [x, y] = [x + n, y + Number(b)];
    else if (cmd === 'h') {
      for (let col = x; col < x + n; col++) paint(col, Math.floor(y));
      x += n;
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

describe('the QR code of a training ticket', () => {
  it('holds the ticket URL on the SPA origin, as SVG and PNG, for anyone with the token', async () => {
    const event = await createEvent(f.current);
    const r = await register(f.current, event.id, { name: 'QR 花子' });
    const ticketUrl = `http://tsunagari.test/tickets/${r.ticketToken}`;

    const svg = await get(`${PUBLIC}/${r.ticketToken}/qr.svg`, { host: 'tsunagari.test' });
    expect(svg.statusCode, svg.body).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers['cache-control']).toMatch(/^private/);
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(decodeSvg(svg.body)).toBe(ticketUrl);

    const png = await get(`${PUBLIC}/${r.ticketToken}/qr.png?size=300`, { host: 'tsunagari.test' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.readUInt32BE(16)).toBe(300);
    expect(decodePng(png.rawPayload)).toBe(ticketUrl);
    // The default size suits a print.
    const big = await get(`${PUBLIC}/${r.ticketToken}/qr.png`);
    expect(big.rawPayload.readUInt32BE(16)).toBe(512);

    // What the QR code holds is what the check-in at the door takes.
    const checkIn = await f.current.as('staff', {
      method: 'POST',
      url: `${EVENTS}/${event.id}/check-in`,
      payload: { ticket: decodePng(png.rawPayload) },
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json()).toMatchObject({ id: r.id, name: 'QR 花子', alreadyCheckedIn: false });
  });

  it('uses PUBLIC_BASE_URL when the server sits behind a proxy', async () => {
    const event = await createEvent(f.current);
    const r = await register(f.current, event.id);
    const proxied = await build({
      database: f.current.database,
      config: { RATE_LIMIT: 'off', PUBLIC_BASE_URL: 'https://tsunagari.example.jp/' },
    });
    try {
      const png = await proxied.inject({ method: 'GET', url: `${PUBLIC}/${r.ticketToken}/qr.png` });
      expect(png.statusCode).toBe(200);
      expect(decodePng(png.rawPayload)).toBe(`https://tsunagari.example.jp/tickets/${r.ticketToken}`);
    } finally {
      await proxied.close();
    }
  });

  it('answers 404 for an unknown token and for a ticket purged after the retention period; 400 for a malformed one', async () => {
    for (const ext of ['svg', 'png']) {
      expectProblem(await get(`${PUBLIC}/${'z'.repeat(32)}/qr.${ext}`), 404, 'not_found');
      expectProblem(await get(`${PUBLIC}/bad!token!bad!token/qr.${ext}`), 400, 'validation_failed');
      expectProblem(await get(`${PUBLIC}/short/qr.${ext}`), 400, 'validation_failed');
    }
    const event = await createEvent(f.current);
    const r = await register(f.current, event.id);
    for (const size of ['10', '5000', 'big']) {
      expectProblem(await get(`${PUBLIC}/${r.ticketToken}/qr.png?size=${size}`), 400, 'validation_failed');
    }

    const past = await createEvent(f.current, {
      startsAt: daysFromNow(-120, -2),
      endsAt: daysFromNow(-120),
      status: 'closed',
    });
    const old = await register(f.current, past.id, { name: '保存期間 過ぎ' });
    expect((await get(`${PUBLIC}/${old.ticketToken}/qr.svg`)).statusCode).toBe(200);
    await purgeExpiredContactDetails(f.current.database.db, new Date(), 90);
    for (const ext of ['svg', 'png']) {
      expectProblem(await get(`${PUBLIC}/${old.ticketToken}/qr.${ext}`), 404, 'not_found');
    }
    // The current event's ticket is untouched.
    expect((await get(`${PUBLIC}/${r.ticketToken}/qr.svg`)).statusCode).toBe(200);
  });

  it('still draws a cancelled registration’s ticket, which the door then refuses', async () => {
    const event = await createEvent(f.current);
    const r = await register(f.current, event.id);
    const cancel = await f.current.as('staff', {
      method: 'POST',
      url: `${EVENTS}/${event.id}/registrations/${r.id}/cancel`,
    });
    expect(cancel.statusCode).toBe(200);
    const png = await get(`${PUBLIC}/${r.ticketToken}/qr.png`);
    expect(png.statusCode).toBe(200);
    const checkIn = await f.current.as('staff', {
      method: 'POST',
      url: `${EVENTS}/${event.id}/check-in`,
      payload: { ticket: decodePng(png.rawPayload) },
    });
    expectProblem(checkIn, 409, 'registration_cancelled');
  });

  it('is rate-limited per address like the other public ticket routes', async () => {
    const event = await createEvent(f.current);
    const r = await register(f.current, event.id);
    const limited = await build({ database: f.current.database, config: { RATE_LIMIT: 'on' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 62; i++) {
        codes.push((await limited.inject({ method: 'GET', url: `${PUBLIC}/${r.ticketToken}/qr.svg` })).statusCode);
      }
      expect(codes.slice(0, 60)).toEqual(Array(60).fill(200));
      expect(codes.slice(60)).toEqual([429, 429]);
      expectProblem(
        await limited.inject({ method: 'GET', url: `${PUBLIC}/${r.ticketToken}/qr.svg` }),
        429,
        'rate_limited',
      );
    } finally {
      await limited.close();
    }
  });

  it('is documented in OpenAPI as a public image', async () => {
    const doc = (await get('/openapi.json')).json();
    for (const [ext, type] of [
      ['svg', 'image/svg+xml'],
      ['png', 'image/png'],
    ] as const) {
      const op = doc.paths[`/api/v1/public/training-tickets/{token}/qr.${ext}`]?.get;
      expect(op, ext).toBeDefined();
      expect(Object.keys(op.responses['200'].content)).toEqual([type]);
      expect(op.responses['404']).toBeDefined();
      expect(op.responses['429']).toBeDefined();
      expect(op.security ?? []).toEqual([]);
      expect(op.tags).toEqual(['public']);
    }
  });
});
