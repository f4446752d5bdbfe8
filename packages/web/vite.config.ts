import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately (pnpm --filter @tsunagari/api dev); Vite forwards to it
// so that the session cookie stays first-party, exactly as when the API serves the built SPA.
const api = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': api, '/openapi.json': api, '/docs': api },
  },
  build: {
    target: 'es2022',
    rolldownOptions: {
      treeshake: {
        // The shared package is pure schemas and functions; saying so lets a page that needs
        // one schema leave out the rest (the holiday calendar above all). Others: the default.
        moduleSideEffects: (id) => (id.includes('/packages/shared/src/') ? false : undefined),
      },
    },
  },
});
