/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bundle lands where Quarkus serves static files from, so `./mvnw package` ships it inside the service jar.
const outDir = '../../../target/classes/META-INF/resources';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // Manual development only: `npm run dev` talks to a locally running audit-service.
    proxy: { '/api': { target: process.env.AUDIT_URL ?? 'http://localhost:8082', changeOrigin: true } },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    css: false,
    // user-event typing is slow on a busy 2-core CI machine; the default 5 s is not about correctness here.
    testTimeout: 30000,
  },
});
