import { defineConfig } from 'vite';

// The gateway serves index.html at GET /graphql and everything else under /graphiql/assets/.
export default defineConfig({
  base: '/graphiql/',
  // Monaco's language workers are separate files; ES workers keep them from being inlined as blobs.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // Monaco alone is a few MB; the page is a developer tool on a local network, not a storefront.
    chunkSizeWarningLimit: 8_000,
    reportCompressedSize: false,
    rolldownOptions: {
      // framer-motion's "use client" markers mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
