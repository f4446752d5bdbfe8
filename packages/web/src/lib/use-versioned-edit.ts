import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * The edit of a record read with its ETag and saved with If-Match. The edit starts from one read
 * and keeps it: a background refetch must not swap the form's values under the user's hands.
 * Only `reload` (offered after a 412) moves it on to the latest version.
 */
export function useVersionedEdit<T>(query: UseQueryResult<T>) {
  const [base, setBase] = useState<T | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  return {
    /** The version being edited; undefined until the first read arrives. */
    current: base ?? query.data,
    /** The last save found nothing to change. */
    unchanged,
    /** Sends the changes, or says there are none instead of sending an empty edit. */
    save: async <C extends object>(changes: C, send: (changes: C) => Promise<void>) => {
      if (Object.keys(changes).length === 0) {
        setUnchanged(true);
        return;
      }
      setUnchanged(false);
      await send(changes);
    },
    /** Reads the record again and starts the edit over from that version. */
    reload: async () => {
      const latest = await query.refetch();
      if (latest.data) setBase(latest.data);
    },
  };
}
