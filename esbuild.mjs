// Bundles the extension client and the language server / CLI (vscode-eslint's shape). `--watch` rebuilds the bundles
// on every change and runs `tsc --watch` beside them (type errors, and out/ for the tests).
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
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

const bundles = [
	{ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
	{ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'server/out' },
];

if (watch) {
	/** Says when a rebuild ends, so a terminal (or VS Code's problem matcher) knows the bundles are fresh. */
	const report = {
		name: 'report',
		setup(build) {
			build.onEnd((r) => console.log(`[esbuild] ${r.errors.length} errors, ${new Date().toLocaleTimeString()}`));
		},
	};
	for (const options of bundles) await (await esbuild.context({ ...options, plugins: [report] })).watch();
	const tsc = spawn(
		process.execPath,
		['node_modules/typescript/bin/tsc', '-p', '.', '--watch', '--preserveWatchOutput'],
		{
			stdio: 'inherit',
		},
	);
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.on(signal, () => {
			tsc.kill();
			process.exit(0);
		});
} else await Promise.all(bundles.map((options) => esbuild.build(options)));
