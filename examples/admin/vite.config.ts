import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built app works from any folder or static server.
  base: './',
  // @sx/sdk and @sx/react export their TypeScript sources under `sx-source` (see examples/web).
  resolve: { conditions: ['sx-source', ...defaultClientConditions] },
  // Port 5174, beside the example web app's 5173; add http://localhost:5174 to the gateway's CORS_ORIGINS.
  server: { host: 'localhost', port: 5174, strictPort: true },
  preview: { host: 'localhost', port: 5174, strictPort: true },
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, reportCompressedSize: false },
});
