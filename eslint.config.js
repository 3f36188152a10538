import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const SHELL_ONLY = { name: '@/lib/strings', message: '首屏代码（框架、store）的文字请放在 @/lib/strings-shell：strings.ts 随各页面按需加载。' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: '讲话文本是不可信输入，禁止 dangerouslySetInnerHTML。' },
      ],
    },
  },
  {
    // The domain is pure: no React, no store, no browser storage.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'zustand', 'zustand/*', '@/store/*', '@/features/*', '@/app/*', '@/components/*'] }],
      'no-restricted-globals': ['error', 'localStorage', 'sessionStorage', 'window', 'document'],
    },
  },
  {
    files: ['public/sw.js'],
    languageOptions: {
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly' },
    },
  },
  {
    // Features never import each other; shared pieces live in components/ and lib/.
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@/features/*', '@/app/*'] }] },
  },
  {
    // The frame and the store load with the first paint: their strings come from strings-shell.ts,
    // and every screen's text (strings.ts) loads with the screens (the 150 kB initial budget).
    files: ['src/app/**/*.{ts,tsx}', 'src/store/**/*.ts', 'src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { paths: [SHELL_ONLY] }] },
  },
  {
    files: ['src/components/{toasts,field,sync-status}.tsx'],
    rules: { 'no-restricted-imports': ['error', { paths: [SHELL_ONLY], patterns: ['@/features/*', '@/app/*'] }] },
  },
);
