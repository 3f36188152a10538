/** Builds the bare baseline list (bench/baseline) exactly as the app is built: same plugin, target. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
