//! The desktop runner: the same suite in VS Code downloaded by @vscode/test-electron (or the one at
//! VSCODE_EXECUTABLE_PATH). For machines that can reach the download; CI here uses run-code-server.ts.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../helpers/paths';

async function main(): Promise<void> {
	const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'tl-e2e-desktop-')), 'workspace');
	cpSync(path.join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
	await runTests({
		extensionDevelopmentPath: ROOT,
		extensionTestsPath: path.join(ROOT, 'out/test/e2e/suite/index'),
		vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
		launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
	});
}

main().catch((e: unknown) => {
	console.error(`e2e (desktop): ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
