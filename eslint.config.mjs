import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const networkAndEditor = [
	'vscode',
	'vscode-languageserver',
	'vscode-languageserver/*',
	'vscode-languageserver-protocol',
	'vscode-languageserver-protocol/*',
	'vscode-jsonrpc',
	'vscode-jsonrpc/*',
	'vscode-languageclient',
	'vscode-languageclient/*',
	'node:fs',
	'fs',
	'node:net',
	'net',
	'node:tls',
	'tls',
	'node:dgram',
	'dgram',
	'node:dns',
	'dns',
];

export default tseslint.config(
	{
		ignores: [
			'out/**',
			'client/out/**',
			'server/out/**',
			'node_modules/**',
			'examples/**',
			'test/fixtures/**',
			'.vscode-test/**',
			'bench/out/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		languageOptions: { parserOptions: { project: './tsconfig.json' } },
		rules: {
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
					],
				},
			],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		// Custom messages are declared as `namespace X { method; type }`, as vscode-eslint and rust-analyzer do.
		files: ['server/src/protocol.ts'],
		rules: { '@typescript-eslint/no-namespace': 'off' },
	},
	{
		files: ['server/src/engine/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: networkAndEditor }],
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	{ files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
	{ files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
);
