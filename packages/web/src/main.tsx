import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.ts';
import './styles.css';
import { App } from './app/app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The texts first: rendering before them would flash raw keys (or Japanese for an English reader).
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
