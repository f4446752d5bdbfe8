import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1), the OWASP baseline.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown e-mail takes as long as a wrong password. */
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hash('tsunagari-timing-equaliser');
  await verifyPassword(await dummy, password);
}
