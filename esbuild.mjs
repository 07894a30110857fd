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
	// esbuild keeps `//!` comments as legal comments: here they are this project's module headers (no library in the
	// bundles has a license comment), 26 KB of the minified server. Kept in development builds.
	legalComments: production ? 'none' : 'eof',
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
