import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built app works from any folder or static server.
  base: './',
  // @sx/sdk and @sx/react export their TypeScript sources under `sx-source`: the app bundles
  // them straight from the workspace, no build of theirs needed.
  resolve: { conditions: ['sx-source', ...defaultClientConditions] },
  // http://localhost:5173 is in the gateway's default CORS_ORIGINS; another port would be refused.
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 5173, strictPort: true },
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, reportCompressedSize: false },
});
