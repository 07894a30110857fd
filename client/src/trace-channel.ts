//! Where `transportLint.trace.server` writes. vscode-languageclient traces only while its trace channel's log level
//! is Trace (`refreshTrace`: "this._traceLogLevel !== LogLevel.Trace ? Trace.Off : …"), so with the usual log channel
//! the setting printed nothing until the user also changed the channel's level. This channel is the library's seam
//! (`traceOutputChannel`): its level follows the setting (Trace unless "off"), so choosing "messages" or "verbose"
//! is enough, and it writes to a plain output channel of its own, "Transport Lint Trace".
import {
	EventEmitter,
	LogLevel,
	window,
	workspace,
	type Disposable,
	type LogOutputChannel,
	type OutputChannel,
	type ViewColumn,
} from 'vscode';

const SETTING = 'transportLint.trace.server';

export class SettingTraceChannel implements LogOutputChannel {
	readonly name = 'Transport Lint Trace';
	/** Lines written, for the end-to-end tests. */
	lines = 0;
	private channel: OutputChannel | undefined;
	private readonly changed = new EventEmitter<LogLevel>();
	readonly onDidChangeLogLevel = this.changed.event;
	private readonly watching: Disposable;
	private level: LogLevel;

	constructor() {
		this.level = SettingTraceChannel.levelOf();
		this.watching = workspace.onDidChangeConfiguration((e) => {
			if (!e.affectsConfiguration(SETTING)) return;
			const level = SettingTraceChannel.levelOf();
			if (level === this.level) return;
			this.level = level;
			this.changed.fire(level);
		});
	}

	private static levelOf(): LogLevel {
		return workspace.getConfiguration().get<string>(SETTING, 'off') === 'off' ? LogLevel.Info : LogLevel.Trace;
	}

	get logLevel(): LogLevel {
		return this.level;
	}

	/** The output channel, made when there is a first line to show. */
	private get out(): OutputChannel {
		return (this.channel ??= window.createOutputChannel(this.name));
	}

	private write(kind: string, message: string | Error): void {
		this.lines++;
		const text = message instanceof Error ? (message.stack ?? message.message) : message;
		this.out.appendLine(`${new Date().toISOString()} [${kind}] ${text}`);
	}

	trace(message: string): void {
		this.write('trace', message);
	}
	debug(message: string): void {
		this.write('debug', message);
	}
	info(message: string): void {
		this.write('info', message);
	}
	warn(message: string): void {
		this.write('warning', message);
	}
	error(message: string | Error): void {
		this.write('error', message);
	}
	append(value: string): void {
		this.out.append(value);
	}
	appendLine(value: string): void {
		this.lines++;
		this.out.appendLine(value);
	}
	replace(value: string): void {
		this.out.replace(value);
	}
	clear(): void {
		this.channel?.clear();
	}
	show(columnOrPreserve?: ViewColumn | boolean, preserveFocus?: boolean): void {
		if (typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined) this.out.show(columnOrPreserve);
		else this.out.show(columnOrPreserve, preserveFocus);
	}
	hide(): void {
		this.channel?.hide();
	}
	dispose(): void {
		this.watching.dispose();
		this.changed.dispose();
		this.channel?.dispose();
	}
}
