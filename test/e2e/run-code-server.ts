//! The offline end-to-end runner (what CI uses): the suite in the real VS Code 1.100.3 extension host.
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { startSession } from './code-server';

const TIMEOUT_MS = 8 * 60_000;

async function main(): Promise<number> {
	const vsix = process.argv.find((a) => a.startsWith('--vsix='))?.slice(7);
	const session = await startSession({
		suite: path.join(ROOT, 'out/test/e2e/suite/index'),
		fixture: path.join(ROOT, 'test/fixtures/workspace'),
		vsix,
	});
	const timer = setTimeout(() => undefined, TIMEOUT_MS);
	try {
		const code = await Promise.race([session.exit, new Promise<number>((r) => setTimeout(() => r(124), TIMEOUT_MS))]);
		if (code === 124) console.error(`e2e: the suite did not finish within ${TIMEOUT_MS / 1000} s`);
		console.log(code === 0 ? 'e2e: passed' : `e2e: failed (exit ${code})`);
		return code;
	} finally {
		clearTimeout(timer);
		await session.close();
	}
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(`e2e: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	},
);
