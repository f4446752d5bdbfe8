import { useEffect, useState } from 'react';

/** The current time, rounded down to the minute and refreshed every minute (stable as a query key). */
export function useNow(): Date {
  const round = () => new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const [now, setNow] = useState(round);
  useEffect(() => {
    const timer = setInterval(() => setNow(round()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
