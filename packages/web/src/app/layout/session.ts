import type { Me } from '@tsunagari/shared';
import { useOutletContext } from 'react-router';

/** The signed-in user, inside the app shell (which only renders its pages with one). */
export const useSession = () => useOutletContext<Me>();
