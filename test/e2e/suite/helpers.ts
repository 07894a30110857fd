//! Waiting on editor events with a timeout (never a fixed sleep), inside the real extension host.
import * as net from 'node:net';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'transport-lint.transport-lint';

export function workspaceUri(rel: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, rel);
}

/** Resolves once the diagnostics of `uri` satisfy `ok`; rejects after `ms` with what was there. */
export function diagnosticsFor(
	uri: vscode.Uri,
	ok: (d: vscode.Diagnostic[]) => boolean,
	ms = 20_000,
): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = (): boolean => {
			const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'transport-lint');
			if (!ok(d)) return false;
			cleanup();
			resolve(d);
			return true;
		};
		const sub = vscode.languages.onDidChangeDiagnostics((e) => {
			if (e.uris.some((u) => u.toString() === uri.toString())) check();
		});
		const timer = setTimeout(() => {
			cleanup();
			reject(
				new Error(
					`diagnostics of ${uri.path} did not match within ${ms} ms: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((x) => [x.code, x.message]))}`,
				),
			);
		}, ms);
		const cleanup = (): void => {
			clearTimeout(timer);
			sub.dispose();
		};
		check();
	});
}

/**
 * Asks `done` every `every` ms (it may act first, as an editor would) until it holds or `ms` have passed; whether it
 * held. What VS Code does in answer to a command or a setting arrives later, through the extension host.
 */
export async function until(done: () => boolean | Promise<boolean>, ms = 10_000, every = 100): Promise<boolean> {
	const deadline = Date.now() + ms;
	for (;;) {
		if (await done()) return true;
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, every));
	}
}

export function codeOf(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Runs `body` with a loopback server that sends an SMTP greeting and hangs up, then closes it. */
export async function withGreeter<T>(body: (port: number) => Promise<T>): Promise<T> {
	const server = net.createServer((s) => {
		s.on('error', () => undefined);
		s.end('220 e2e ESMTP\r\n');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	try {
		return await body((server.address() as net.AddressInfo).port);
	} finally {
		server.close();
	}
}
