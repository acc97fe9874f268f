import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console's SPA (admin/). The Express server serves admin/dist in production;
 * in development `vite` serves the SPA and forwards /api to the server on :3000, so
 * the session cookie stays same-origin in both cases.
 *
 * Vendor code is split into a few long-lived chunks (they change far less often than
 * the app's own code, so browsers keep them cached across deploys). Heavy optional
 * libraries (recharts) are only reachable through React.lazy and land in their own
 * lazy chunk.
 */
export default defineConfig({
  root: 'admin',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin + MUI are large by nature; the budget we watch is the gzip size.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 30 },
            { name: 'vendor-mui', test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis)[\\/]/, priority: 20 },
            { name: 'vendor-react-admin', test: /node_modules[\\/](react-admin|ra-[^\\/]+|@tanstack|react-hook-form|lodash|query-string|node-polyglot|jsonexport|inflection|date-fns|react-dropzone|react-error-boundary)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
