//! The offline end-to-end runner (what CI uses): the suites in the real VS Code 1.100.3 extension host, each in a
//! fresh window. `--vsix=<file>` installs that package instead of loading the extension from the repository;
//! `--only=<name,...>` runs those suites only.
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { startSession } from './code-server';

const TIMEOUT_MS = 8 * 60_000;
/**
 * The main suite; a short one for a fresh window of a PHP workspace (activation at startup, a file closed after
 * the first scan); one for a workspace with nothing to lint (no activation); one in Restricted Mode; a window reload;
 * the mail and
 * Redis client rules with examples/ as the workspace.
 */
const SUITES: { name: string; fixture: string; restricted?: boolean }[] = [
	{ name: 'suite', fixture: 'test/fixtures/workspace' },
	{ name: 'activation', fixture: 'test/fixtures/workspace' },
	{ name: 'unrelated', fixture: 'test/fixtures/unrelated' },
	{ name: 'restricted', fixture: 'test/fixtures/workspace', restricted: true },
	{ name: 'reload', fixture: 'test/fixtures/workspace' },
	{ name: 'clients', fixture: 'examples' },
];

async function runSuite(name: string, fixture: string, vsix: string | undefined, restricted = false): Promise<number> {
	const session = await startSession({
		suite: path.join(ROOT, 'out/test/e2e', name, 'index'),
		restricted,
		fixture: path.join(ROOT, fixture),
		vsix,
	});
	let timer: NodeJS.Timeout | undefined;
	try {
		const code = await Promise.race([
			session.exit,
			new Promise<number>((r) => (timer = setTimeout(() => r(124), TIMEOUT_MS))),
		]);
		if (code === 124) console.error(`e2e ${name}: did not finish within ${TIMEOUT_MS / 1000} s`);
		console.log(code === 0 ? `e2e ${name}: passed` : `e2e ${name}: failed (exit ${code})`);
		return code;
	} finally {
		clearTimeout(timer);
		await session.close();
	}
}

async function main(): Promise<number> {
	const vsix = process.argv.find((a) => a.startsWith('--vsix='))?.slice(7);
	const only = process.argv
		.find((a) => a.startsWith('--only='))
		?.slice(7)
		.split(',');
	for (const { name, fixture, restricted } of SUITES) {
		if (only && !only.includes(name)) continue;
		const code = await runSuite(name, fixture, vsix, restricted);
		if (code !== 0) return code;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(`e2e: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	},
);
