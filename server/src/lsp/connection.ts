//! The server's connection: vscode-languageserver's createConnection, with the transport chosen from the command
//! line here so that stdio gets the publishDiagnostics encoder (json-encoder.ts) as the writer's content encoder;
//! the library does the rest (lifecycle and exit codes, the client-process watchdog, --clientProcessId, handler
//! registration, MethodNotFound for unknown requests). Open documents are its TextDocuments over the byte-buffer
//! document (documents.ts).
import {
	createConnection,
	createServerPipeTransport,
	createServerSocketTransport,
	IPCMessageReader,
	IPCMessageWriter,
	ProposedFeatures,
	StreamMessageReader,
	StreamMessageWriter,
	type Connection,
	type MessageReader,
	type MessageWriter,
} from 'vscode-languageserver/node';
import { Documents } from './documents';
import { messageEncoder } from './json-encoder';
import { Work } from './work';

export type { Connection };

/** What the server is built on: the connection, its open documents, and the work in flight. */
export interface ServerConnection {
	connection: Connection;
	documents: Documents;
	/** What the handlers and what they start still have to do (`transportLint/settled`). */
	work: Work;
}

/**
 * The transport named on the command line: --node-ipc, --stdio, --socket=N or --pipe=NAME (vscode-languageclient's
 * names), as createConnection would read them.
 */
export function openConnection(argv: string[] = process.argv.slice(2)): ServerConnection {
	const value = (name: string) => {
		const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
		if (i < 0) return undefined;
		const arg = argv[i]!;
		return arg.includes('=') ? arg.slice(name.length + 1) : argv[i + 1];
	};
	let connection: Connection;
	let reader: MessageReader;
	if (argv.includes('--node-ipc')) {
		reader = new IPCMessageReader(process);
		connection = createConnection(ProposedFeatures.all, reader, new IPCMessageWriter(process));
	} else if (argv.includes('--stdio')) {
		reader = new StreamMessageReader(process.stdin);
		const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
		connection = createConnection(ProposedFeatures.all, reader, writer);
		keepConsoleOffStdout(connection);
	} else if (value('--socket') || value('--pipe')) {
		let writer: MessageWriter;
		[reader, writer] = value('--socket')
			? createServerSocketTransport(Number(value('--socket')))
			: createServerPipeTransport(value('--pipe')!);
		connection = createConnection(ProposedFeatures.all, reader, writer);
	} else {
		throw new Error("No transport: start the server with '--node-ipc', '--stdio', '--socket=N' or '--pipe=NAME'.");
	}
	// The library sees the input end only when handed a stream; with a reader, the client gone is seen here, and the
	// server exits as the library would (0 only after `shutdown`).
	let shutdown = false;
	connection.onShutdown(() => void (shutdown = true));
	const exit = () => process.exit(shutdown ? 0 : 1);
	reader.onClose(exit);
	if (argv.includes('--stdio')) for (const event of ['end', 'close']) process.stdin.on(event, exit);
	const documents = new Documents();
	documents.listen(connection);
	return { connection, documents, work: new Work() };
}

/** stdout is the channel: anything printed with console.* goes to the client's log instead. */
function keepConsoleOffStdout(connection: Connection): void {
	for (const level of ['error', 'warn', 'info', 'log'] as const)
		console[level] = (...args: unknown[]) => connection.console[level](args.map(String).join(' '));
}
