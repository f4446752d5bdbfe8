import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

export interface FlashState {
  flash?: string;
}

/** A confirmation carried over a navigation ("… was added"), read aloud as a status; shown once. */
export function Flash() {
  const location = useLocation();
  const navigate = useNavigate();
  const carried = (location.state as FlashState | null)?.flash;
  const [message] = useState(carried);

  // Forget it in the history entry, so that a reload or "back" does not announce it again.
  useEffect(() => {
    if (carried) navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [carried, navigate, location.pathname, location.search]);

  if (!message) return null;
  return (
    <div className="alert alert-success" role="status">
      <p>{message}</p>
    </div>
  );
}
