//! transportLint.probe.caFile: extra trusted CA certificates (PEM) for Test connection, resolved from the workspace.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { certificatesIn } from '../probe/net';

export async function readCa(caFile: string | undefined, uri: string | undefined): Promise<string[]> {
	if (!caFile) return [];
	const base = uri ? path.dirname(URI.parse(uri).fsPath) : process.cwd();
	try {
		const pem = await fs.readFile(path.resolve(base, caFile), 'utf8');
		return certificatesIn(pem);
	} catch {
		return [];
	}
}
