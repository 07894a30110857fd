#!/usr/bin/env node
//! Language server entry (`transport-lint-server`, and the VS Code extension's server): stdio, IPC, a socket or a
//! pipe, chosen by the command line. Any LSP client can start it; docs/editors.md shows how.
import { isMainThread } from 'node:worker_threads';
import { version } from '../../package.json';
import { openConnection } from './lsp/connection';
import { startServer } from './lsp/start-server';

const USAGE = `transport-lint-server: the Transport Lint language server.

Usage: transport-lint-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Initialization options (all optional): {"trusted": true} lets the server run the configured PHP binary and
Test connection (off by default, as in an untrusted workspace). Settings come from workspace/configuration
(section "transportLint"), with the documented defaults when the client does not answer.
`;

const args = process.argv.slice(2);
// The workspace scan's workers run this bundle too (lsp/scan-workers.ts): they only lint.
if (!isMainThread) {
	/* a scan worker */
} else if (args.includes('--help') || args.includes('-h')) process.stdout.write(USAGE);
else if (args.includes('--version') || args.includes('-v')) process.stdout.write(`${version}\n`);
else if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) {
	process.stderr.write(USAGE);
	process.exitCode = 2;
} else {
	const server = openConnection(args);
	startServer(server);
	server.connection.listen();
}
