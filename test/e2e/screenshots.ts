//! Real screenshots of the product for the README (docs/images/*.png), taken by the same offline runner as the
//! e2e suite: the screens suite asks for each picture by writing .screens/<name>.request in the workspace.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { startSession } from './code-server';

async function main(): Promise<number> {
	const session = await startSession({
		suite: path.join(ROOT, 'out/test/e2e/screens/index'),
		fixture: path.join(ROOT, 'test/fixtures/workspace'),
		log: (l) => process.env.E2E_VERBOSE && console.log(l),
	});
	const dir = path.join(session.workspace, '.screens');
	let done = false;
	void session.exit.then(() => (done = true));
	const deadline = Date.now() + 5 * 60_000;
	try {
		while (!done && Date.now() < deadline) {
			for (const f of existsSync(dir) ? readdirSync(dir) : []) {
				if (!f.endsWith('.request') || existsSync(path.join(dir, f.replace('.request', '.done')))) continue;
				const name = f.slice(0, -'.request'.length);
				const out = path.join(ROOT, 'docs/images', `${name}.png`);
				await session.page.screenshot({ path: out });
				writeFileSync(path.join(dir, `${name}.done`), '');
				console.log(`screenshot: ${path.relative(ROOT, out)}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		return (await session.exit) === 0 ? 0 : 1;
	} finally {
		await session.close();
	}
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(`screenshots: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	},
);
