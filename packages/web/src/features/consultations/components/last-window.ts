import type { WindowOption } from '../api/get-window-options.ts';

const STORAGE_KEY = 'tsunagari.consultations.lastWindow';

/** The window the last consultation on this device was recorded at: a counter PC stays at its counter. */
export function rememberWindow(id: string) {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {}
}

function rememberedWindow(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The window a new entry starts at: the one last used here if it is still offered, else the
 * user's organisation's first, else the only one there is; otherwise the user picks.
 */
export function defaultWindowId(windows: readonly WindowOption[], organisationId: string): string {
  const remembered = rememberedWindow();
  if (remembered && windows.some((w) => w.id === remembered)) return remembered;
  const own = windows.find((w) => w.organisationId === organisationId);
  if (own) return own.id;
  return windows.length === 1 ? (windows[0]?.id ?? '') : '';
}
