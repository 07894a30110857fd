//! The server's end of LSP on vscode-jsonrpc: transport, lifecycle, text document sync and the messages Transport
//! Lint uses. It does what vscode-languageserver's createConnection does for a server of this size (transport from
//! the command line, exit when the input closes or the client process dies, exit code 0 only after `shutdown`, stray
//! console output kept off a stdio channel) without its tables of every LSP feature, which were half of the server
//! bundle (docs/performance.md). Message types come from vscode-languageserver-protocol as types only.
import {
	createMessageConnection,
	createServerPipeTransport,
	createServerSocketTransport,
	IPCMessageReader,
	IPCMessageWriter,
	StreamMessageReader,
	StreamMessageWriter,
	type CancellationToken,
	type GenericNotificationHandler,
	type GenericRequestHandler,
	type MessageConnection,
	type MessageReader,
	type MessageWriter,
	type NotificationType,
	type RequestType,
} from 'vscode-jsonrpc/node';
import type {
	CodeAction,
	CodeActionParams,
	CodeLens,
	CodeLensParams,
	Command,
	ConfigurationItem,
	DidChangeTextDocumentParams,
	DidChangeWatchedFilesParams,
	DidCloseTextDocumentParams,
	DidOpenTextDocumentParams,
	Hover,
	HoverParams,
	InitializeParams,
	InitializeResult,
	PublishDiagnosticsParams,
	WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver-protocol';
import { Documents } from './documents';
import { messageEncoder } from './json-encoder';
import { Work } from './work';

type Awaitable<T> = T | Promise<T>;
/** A notification handler: what it returns is awaited, so a failure is logged rather than left unhandled. */
type Handler<P> = (params: P) => void | Promise<void>;

/** LSP MessageType of window/logMessage. */
const LOG = { error: 1, warn: 2, info: 3, log: 4 } as const;

export class Connection {
	readonly documents = new Documents();
	/** What the handlers and what they start still have to do (`transportLint/settled`). */
	readonly work = new Work();
	readonly console = {
		error: (m: string) => this.log('error', m),
		warn: (m: string) => this.log('warn', m),
		info: (m: string) => this.log('info', m),
		log: (m: string) => this.log('log', m),
	};
	private readonly rpc: MessageConnection;
	private shutdownReceived = false;
	private initializeHandler: (p: InitializeParams) => Awaitable<InitializeResult> = () => ({ capabilities: {} });
	private readonly stdio: boolean;

	/**
	 * The transport named on the command line: --node-ipc, --stdio, --socket=N or --pipe=NAME (vscode-languageclient's).
	 */
	constructor(argv: string[] = process.argv.slice(2)) {
		const value = (name: string) => {
			const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
			if (i < 0) return undefined;
			const arg = argv[i]!;
			return arg.includes('=') ? arg.slice(name.length + 1) : argv[i + 1];
		};
		let reader: MessageReader;
		let writer: MessageWriter;
		this.stdio = argv.includes('--stdio');
		if (argv.includes('--node-ipc')) {
			reader = new IPCMessageReader(process);
			writer = new IPCMessageWriter(process);
		} else if (this.stdio) {
			reader = new StreamMessageReader(process.stdin);
			writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
			for (const stream of ['end', 'close']) process.stdin.on(stream, () => this.exit());
		} else if (value('--socket')) {
			[reader, writer] = createServerSocketTransport(Number(value('--socket')));
		} else if (value('--pipe')) {
			[reader, writer] = createServerPipeTransport(value('--pipe')!);
		} else {
			throw new Error("No transport: start the server with '--node-ipc', '--stdio', '--socket=N' or '--pipe=NAME'.");
		}
		// vscode-jsonrpc's own complaints (a handler that failed, a malformed message) go to the client's log.
		this.rpc = createMessageConnection(reader, writer, this.console);
		reader.onClose(() => this.exit());
		const clientPid = Number(value('--clientProcessId'));
		if (clientPid) this.watch(clientPid);

		this.rpc.onRequest('initialize', (params: InitializeParams) => {
			if (typeof params.processId === 'number' && !clientPid) this.watch(params.processId);
			return this.initializeHandler(params);
		});
		this.rpc.onRequest('shutdown', () => {
			this.shutdownReceived = true;
			return null;
		});
		this.rpc.onNotification('exit', () => this.exit());
		const docs = this.documents;
		this.rpc.onNotification('textDocument/didOpen', (p: DidOpenTextDocumentParams) => docs.opened(p));
		this.rpc.onNotification('textDocument/didChange', (p: DidChangeTextDocumentParams) => docs.changed(p));
		this.rpc.onNotification('textDocument/didClose', (p: DidCloseTextDocumentParams) => docs.closed(p));
		// Notifications a server does not handle are ignored (the spec); unknown requests get MethodNotFound.
		this.rpc.onNotification(() => undefined);
	}

	onInitialize(h: (p: InitializeParams) => Awaitable<InitializeResult>): void {
		this.initializeHandler = h;
	}
	onInitialized(h: Handler<void>): void {
		this.rpc.onNotification('initialized', () => this.work.track(h()));
	}
	onDidChangeConfiguration(h: Handler<void>): void {
		this.rpc.onNotification('workspace/didChangeConfiguration', () => this.work.track(h()));
	}
	onDidChangeWatchedFiles(h: Handler<DidChangeWatchedFilesParams>): void {
		this.rpc.onNotification('workspace/didChangeWatchedFiles', (p: DidChangeWatchedFilesParams) =>
			this.work.track(h(p)),
		);
	}
	onDidChangeWorkspaceFolders(h: Handler<WorkspaceFoldersChangeEvent>): void {
		this.rpc.onNotification('workspace/didChangeWorkspaceFolders', (p: { event: WorkspaceFoldersChangeEvent }) =>
			this.work.track(h(p.event)),
		);
	}
	onCodeAction(h: (p: CodeActionParams) => Awaitable<(CodeAction | Command)[]>): void {
		this.rpc.onRequest('textDocument/codeAction', h);
	}
	onHover(h: (p: HoverParams) => Awaitable<Hover | null>): void {
		this.rpc.onRequest('textDocument/hover', h);
	}
	onCodeLens(h: (p: CodeLensParams) => Awaitable<CodeLens[]>): void {
		this.rpc.onRequest('textDocument/codeLens', h);
	}
	onRequest<P, R>(type: RequestType<P, R, void>, h: (p: P, token: CancellationToken) => Awaitable<R>): void {
		this.rpc.onRequest(type.method, h as GenericRequestHandler<R, void>);
	}
	onNotification<P>(type: NotificationType<P>, h: Handler<P>): void {
		this.rpc.onNotification(type.method, ((p: P) => this.work.track(h(p))) as GenericNotificationHandler);
	}

	sendRequest<R>(method: string, params?: unknown): Promise<R> {
		return this.rpc.sendRequest<R>(method, params);
	}
	sendNotification<P>(type: NotificationType<P>, params: P): Promise<void> {
		return this.rpc.sendNotification(type.method, params);
	}
	sendDiagnostics(params: PublishDiagnosticsParams): Promise<void> {
		return this.rpc.sendNotification('textDocument/publishDiagnostics', params);
	}
	/** workspace/configuration for one item. */
	async getConfiguration(item: ConfigurationItem): Promise<unknown> {
		const values = await this.rpc.sendRequest<unknown[] | null>('workspace/configuration', { items: [item] });
		return values?.[0];
	}
	/** client/registerCapability for one method. */
	async register(method: string, registerOptions: unknown): Promise<void> {
		const id = `${method}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
		await this.rpc.sendRequest('client/registerCapability', { registrations: [{ id, method, registerOptions }] });
	}

	listen(): void {
		if (this.stdio) {
			// stdout is the channel: anything printed with console.* goes to the client's log instead.
			for (const level of ['error', 'warn', 'info', 'log'] as const)
				console[level] = (...args: unknown[]) => this.console[level](args.map(String).join(' '));
		}
		this.rpc.listen();
	}

	private log(level: keyof typeof LOG, message: string): void {
		try {
			void this.rpc.sendNotification('window/logMessage', { type: LOG[level], message }).catch(() => undefined);
		} catch {
			// The connection is closed: nobody is listening.
		}
	}

	/** The client process is gone: nobody will ever send `exit`. */
	private watch(pid: number): void {
		setInterval(() => {
			try {
				process.kill(pid, 0);
			} catch {
				this.exit();
			}
		}, 3000).unref();
	}

	private exit(): never {
		process.exit(this.shutdownReceived ? 0 : 1);
	}
}
