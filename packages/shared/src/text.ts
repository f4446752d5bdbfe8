import { z } from 'zod';

/*
 * The rules for text every resource shares. Control characters are refused (NUL above all, which
 * PostgreSQL cannot store). A field that must not be empty adds `.min(1)`: it is checked after the
 * trim, so a value of spaces only is empty.
 */

/** One line of text. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');

/** Text that may span lines: tabs and line breaks are the only control characters allowed. */
export const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, 'no control characters except line breaks');

/** No value appears twice. */
export const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;
