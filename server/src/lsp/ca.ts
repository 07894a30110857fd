//! transportLint.probe.caFile: extra trusted CA certificates (PEM) for Test connection. A relative path, or one that
//! starts with ${workspaceFolder}, is taken from the workspace folder of the document being tested (the first folder
//! when there is no document); a file that cannot be read or holds no certificate is a problem to tell the user, not a
//! silent "does not verify".
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { certificatesIn } from '../probe/net';

/** The workspace folder (a file path) that holds `uri`, else the first one. */
function folderOf(uri: string | undefined, folders: readonly string[]): string | undefined {
	const paths = folders.map((f) => URI.parse(f).fsPath);
	const file = uri ? URI.parse(uri).fsPath : undefined;
	return (file && paths.find((p) => file === p || file.startsWith(p + path.sep))) ?? paths[0];
}

export async function readCa(
	caFile: string | undefined,
	uri: string | undefined,
	folders: readonly string[],
): Promise<{ ca: string[]; problem?: string }> {
	if (!caFile) return { ca: [] };
	const folder = folderOf(uri, folders);
	const expanded = caFile.replace(/^\$\{workspaceFolder\}/, folder ?? '${workspaceFolder}');
	const base = folder ?? (uri ? path.dirname(URI.parse(uri).fsPath) : process.cwd());
	const file = path.resolve(base, expanded);
	const said = `transportLint.probe.caFile is "${caFile}"`;
	try {
		const ca = certificatesIn(await fs.readFile(file, 'utf8'));
		if (ca.length) return { ca };
		return { ca, problem: `${said}: ${file} holds no PEM certificate; the test trusts the system's CAs only.` };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code ?? String(e);
		return { ca: [], problem: `${said}: ${file} cannot be read (${code}); the test trusts the system's CAs only.` };
	}
}
