//! `npm run soak`: the soak session (test/e2e/soak) in the real VS Code (code-server) on a generated workspace of
//! 2,000 files (bench/generate.ts, 2 KB each), for SOAK_MINUTES (30 by default). Not part of `npm test`. Prints the
//! report: RSS samples, counts, and any file whose Problems differ from the CLI's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generate } from '../../bench/generate';
import { ROOT } from '../helpers/paths';
import { startSession } from './code-server';

async function main(): Promise<number> {
	const minutes = Number(process.env.SOAK_MINUTES ?? 30);
	const tmp = mkdtempSync(path.join(tmpdir(), 'tl-soak-'));
	const fixture = path.join(tmp, 'workspace');
	const report = path.join(tmp, 'report.json');
	const g = generate(fixture, 2000, 2000, 26);
	console.log(`soak: ${g.files} files, ${(g.bytes / 1e6).toFixed(1)} MB, ${minutes} minutes`);
	process.env.SOAK_REPORT = report;
	process.env.SOAK_MINUTES = String(minutes);
	const vsix = process.argv.find((a) => a.startsWith('--vsix='))?.slice(7);
	const session = await startSession({ suite: path.join(ROOT, 'out/test/e2e/soak/index'), fixture, vsix });
	let timer: NodeJS.Timeout | undefined;
	try {
		const code = await Promise.race([
			session.exit,
			new Promise<number>((r) => (timer = setTimeout(() => r(124), (minutes + 15) * 60_000))),
		]);
		try {
			console.log(readFileSync(report, 'utf8'));
		} catch {
			console.log('soak: no report was written');
		}
		console.log(code === 0 ? 'soak: passed' : `soak: failed (exit ${code})`);
		return code;
	} finally {
		clearTimeout(timer);
		await session.close();
		rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(`soak: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	},
);
