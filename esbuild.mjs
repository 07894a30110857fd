// Bundles the extension client and the language server / CLI (vscode-eslint's shape).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	minify: production,
	sourcemap: !production,
	logLevel: 'warning',
};

await Promise.all([
	esbuild.build({
		...common,
		entryPoints: ['client/src/extension.ts'],
		outfile: 'client/out/extension.js',
		external: ['vscode'],
	}),
	esbuild.build({
		...common,
		entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' },
		outdir: 'server/out',
	}),
]);
