//! The model-based test of the language server's life with a workspace (issue 26): a world of files on disk, editor
//! windows (clients, each with its own server over stdio) and the notifications between them; commands that change
//! it as an editor and a file system do; and, after each, the reference every server must agree with once idle:
//! the engine run from scratch on the open documents' texts and the files on disk under each window's settings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import {
	analyze,
	declaredNames,
	fileKind,
	lexPhp,
	normalizeSettings,
	WorkspaceSymbols,
	type FileSymbols,
	type Finding,
	type ProjectFacts,
	type Settings,
} from '../../server/src/engine/index';
import { readValues } from '../../server/src/engine/values/resolve';
import { filterOf, isIncluded } from '../../server/src/node/files';
import { ProjectFactsCache } from '../../server/src/node/project';
import { declaringNames } from '../../server/src/node/symbol-pass';
import { SettledRequest } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';

/** The workspace folders a window may have: `a` always, `b` added and removed. */
export const FOLDERS = ['a', 'b'] as const;

/** Every file the commands touch (relative to the world's root). */
export const FILES = [
	'a/x.php',
	'a/y.php',
	'a/Config.php',
	'a/lib/Net.php',
	'a/.env',
	'a/conf.yaml',
	'a/vendor/v.php',
	'b/w.php',
	'b/.env',
] as const;
export type File = (typeof FILES)[number];

/**
 * Contents, by kind: with and without findings, and the cross-file cases (a class constant and a define() used in
 * another file, a function that passes its parameter on to a socket call and its caller). No function calls another
 * workspace function that passes a value on: the index is one level deep, and so is this reference.
 */
export const CONTENTS: Record<'php' | 'env' | 'yaml', string[]> = {
	php: [
		'<?php\n$total = 1;\n',
		"<?php\nstream_socket_client('tcp://fe80::1:80');\n",
		"<?php\n$fp = fsockopen('ssl://mx.example.org', 25);\n",
		"<?php\n$u = 'udp://192.0.2.7';\nstream_socket_client($u);\n",
		"<?php\nclass Config {\n    const SMTP = 'ssl://mx.example.org:25';\n}\n",
		"<?php\nclass Config {\n    const SMTP = 'ssl://mx.example.org:465';\n}\n",
		'<?php\n$a = fsockopen(Config::SMTP, -1);\n',
		"<?php\nfunction open_smtp($h) {\n    return fsockopen('tcp://' . $h . ':25');\n}\n",
		"<?php\nopen_smtp('fd00::25');\n",
		"<?php\ndefine('SOCK', 'unix:///run/x.sock');\n",
		'<?php\n$s = fsockopen(SOCK, 80);\n',
		"<?php\n$s = stream_socket_client('tls://mx.example.org:465');\n",
	],
	env: [
		'APP_NAME=x\n',
		'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.org\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n',
		'REDIS_URL=tcp://fe80::1:6379\n',
	],
	yaml: ["dsn: 'smtp://h:25'\n", "redis: 'tcp://fe80::1:6379'\n", 'name: x\n'],
};

export function contentKind(file: string): 'php' | 'env' | 'yaml' {
	return file.endsWith('.php') ? 'php' : file.endsWith('.yaml') ? 'yaml' : 'env';
}

const LANGUAGE: Record<string, string> = { php: 'php', env: 'dotenv', yaml: 'yaml' };

/** What a window's settings may be changed to. */
export type SettingsChange =
	| { rule: string; level: 'off' | undefined }
	| { exclude: string | undefined }
	| { phpVersion: string | undefined }
	| { phpPath: string }
	| { enable: boolean };

interface Doc {
	text: string;
	version: number;
}

/** A watched-file change: 1 created, 2 changed, 3 deleted. */
type Change = { uri: string; type: 1 | 2 | 3 };

/** One editor window: its server, open documents, settings, folders, and disk events not yet delivered. */
export class Window {
	client!: TestClient;
	readonly open = new Map<string, Doc>();
	folders: string[];
	settings: Record<string, unknown> = {};
	pending: Change[] = [];
	/** Versions each open document's publishes carried, to check they never go back. */
	private readonly lastVersion = new Map<string, number>();

	constructor(
		private readonly world: World,
		folders: string[],
	) {
		this.folders = folders;
	}

	async start(): Promise<void> {
		this.client = new TestClient();
		this.client.config = { transportLint: this.settings, 'files.exclude': {} };
		this.client.onPublish = (p) => {
			if (p.version === undefined) return;
			const last = this.lastVersion.get(p.uri);
			if (last !== undefined && p.version < last)
				this.world.violations.push(`${p.uri}: version ${p.version} published after ${last}`);
			this.lastVersion.set(p.uri, p.version);
		};
		await this.client.initialize(
			{
				workspace: {
					configuration: true,
					workspaceFolders: true,
					didChangeWatchedFiles: { dynamicRegistration: true },
					didChangeConfiguration: { dynamicRegistration: true },
				},
			},
			{
				rootUri: null,
				workspaceFolders: this.folders.map((f) => ({ uri: this.world.folderUri(f), name: f })),
				initializationOptions: { trusted: true },
			},
		);
		// A restarted server gets the open documents again, as vscode-languageclient sends them.
		for (const [file, doc] of this.open) await this.sendOpen(file, doc);
	}

	async restart(): Promise<void> {
		await this.client.stop();
		this.lastVersion.clear();
		this.pending = [];
		await this.start();
	}

	async sendOpen(file: string, doc: Doc): Promise<void> {
		await this.client.connection.sendNotification('textDocument/didOpen', {
			textDocument: {
				uri: this.world.uri(file),
				languageId: LANGUAGE[contentKind(file)],
				version: doc.version,
				text: doc.text,
			},
		});
	}

	/** A closed document's versions start again when it is opened again. */
	closed(uri: string): void {
		this.lastVersion.delete(uri);
	}

	/** Delivers the disk events not yet delivered, in order. */
	async flush(): Promise<void> {
		if (!this.pending.length) return;
		const changes = this.pending;
		this.pending = [];
		await this.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
	}

	async settled(): Promise<void> {
		await this.client.connection.sendRequest(SettledRequest.type, null);
	}
}

export class World {
	readonly root = mkdtempSync(path.join(tmpdir(), 'transport-lint-model-'));
	/** What is on disk (the commands write it there too). */
	readonly disk = new Map<string, string>();
	readonly windows: Window[] = [];
	readonly violations: string[] = [];
	/** Steps taken, for the failure message. */
	readonly log: string[] = [];

	constructor(initial: Partial<Record<File | 'a/composer.lock', string>>, windows: string[][]) {
		for (const f of FOLDERS) mkdirSync(path.join(this.root, f));
		for (const [file, text] of Object.entries(initial)) this.write(file, text);
		for (const folders of windows) this.windows.push(new Window(this, folders));
	}

	async start(): Promise<void> {
		await Promise.all(this.windows.map((w) => w.start()));
	}

	async dispose(): Promise<void> {
		await Promise.all(this.windows.map((w) => w.client.stop()));
		rmSync(this.root, { recursive: true, force: true });
	}

	uri(file: string): string {
		return pathToFileURL(path.join(this.root, file)).href;
	}

	folderUri(folder: string): string {
		return pathToFileURL(path.join(this.root, folder)).href;
	}

	write(file: string, text: string): void {
		const p = path.join(this.root, file);
		mkdirSync(path.dirname(p), { recursive: true });
		writeFileSync(p, text);
		this.disk.set(file, text);
	}

	remove(file: string): void {
		unlinkSync(path.join(this.root, file));
		this.disk.delete(file);
	}

	move(from: string, to: string): void {
		mkdirSync(path.dirname(path.join(this.root, to)), { recursive: true });
		renameSync(path.join(this.root, from), path.join(this.root, to));
		this.disk.set(to, this.disk.get(from)!);
		this.disk.delete(from);
	}

	/** Queues a disk event for every window (delivered now or at a later flush). */
	notify(changes: Change[]): void {
		for (const w of this.windows) w.pending.push(...changes);
	}

	get quiet(): boolean {
		return this.windows.every((w) => w.pending.length === 0);
	}

	/** Waits until every server is idle and compares what each published with the reference. */
	async check(): Promise<void> {
		for (const w of this.windows) await w.settled();
		assert.deepEqual(this.violations, [], this.log.join('\n'));
		if (!this.quiet) return;
		for (const [k, w] of this.windows.entries()) {
			const want = this.reference(w);
			const uris = new Set([...want.keys(), ...w.client.diagnostics.keys()]);
			for (const uri of uris) {
				const got = (w.client.diagnostics.get(uri)?.diagnostics ?? []).map(shown);
				assert.deepEqual(
					got,
					want.get(uri) ?? [],
					`window ${k}: ${path.relative(this.root, new URL(uri).pathname)} after\n${this.log.join('\n')}`,
				);
			}
			for (const [file, doc] of w.open) {
				const p = w.client.diagnostics.get(this.uri(file));
				assert.equal(p?.version, doc.version, `window ${k}: ${file} published for another version`);
			}
		}
	}

	/**
	 * What a window's server must publish once idle, from scratch: every included file of its folders on disk and
	 * every open document (as the editor has it), analysed with the window's settings, the package versions of the
	 * nearest composer.lock, and the workspace index (other files' constants as saved on disk; functions that pass a
	 * parameter on, as each file was last analysed).
	 */
	reference(w: Window): Map<string, Shown[]> {
		const settings = normalizeSettings(w.settings);
		const out = new Map<string, Shown[]>();
		if (!settings.enable) return out;
		const filter = filterOf(settings);
		const onDisk = [...this.disk.keys()].filter((file) => {
			const folder = w.folders.find((f) => file.startsWith(f + '/'));
			return folder !== undefined && fileKind(file) !== undefined && isIncluded(file.slice(folder.length + 1), filter);
		});
		const published = new Set([...onDisk, ...w.open.keys()]);
		const text = (file: string) => w.open.get(file)?.text ?? this.disk.get(file)!;
		const facts = new ProjectFactsCache();
		const project = (file: string): ProjectFacts | undefined => {
			const f = facts.forFile(path.join(this.root, file));
			const php = settings.php.version;
			if (!f && !php) return undefined;
			return {
				packages: f?.packages ?? {},
				...(php && { php: { version: php, source: `transportLint.php.version ${php}` } }),
			};
		};
		const shownName = (file: string) => {
			const folder = w.folders.find((f) => file.startsWith(f + '/'));
			return folder ? file.slice(folder.length + 1) : path.basename(file);
		};
		// First, without the index: what each PHP file needs and which of its functions pass a value on.
		const needs = new Set<string>();
		const sinks = new Map<string, FileSymbols['functions']>();
		for (const file of published) {
			if (fileKind(file) !== 'php') continue;
			const r = analyze(text(file), 'php', settings, project(file));
			for (const n of r.needs ?? []) needs.add(n);
			const fns = r.exports?.(true).functions;
			if (fns && Object.keys(fns).length) sinks.set(file, fns);
		}
		const wanted = new Set(declaringNames(needs));
		const index = new WorkspaceSymbols();
		for (const file of new Set([...published, ...onDisk])) {
			if (fileKind(file) !== 'php') continue;
			const saved = onDisk.includes(file) ? this.disk.get(file) : undefined;
			const exports =
				saved !== undefined && declaredNames(saved).some((n) => wanted.has(n))
					? readValues(lexPhp(saved, true)).exports()
					: undefined;
			const fns = sinks.get(file);
			if (!exports && !fns) continue;
			index.set(shownName(file), {
				constants: exports?.constants ?? {},
				classConstants: exports?.classConstants ?? {},
				functions: { ...fns, ...exports?.functions },
			});
		}
		for (const file of published) {
			const kind = fileKind(file)!;
			const t = text(file);
			const r = analyze(t, kind, settings, project(file), undefined, index);
			const doc = TextDocument.create(this.uri(file), kind, 0, t);
			if (r.findings.length)
				out.set(
					this.uri(file),
					r.findings.map((f) => expected(doc, f)),
				);
		}
		return out;
	}
}

/** What the comparison looks at in a diagnostic. */
interface Shown {
	code: string;
	severity: number;
	range: string;
	message: string;
	related: string[];
}

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

function expected(doc: TextDocument, f: Finding): Shown {
	const at = (o: number) => {
		const p = doc.positionAt(o);
		return `${p.line}:${p.character}`;
	};
	return {
		code: f.ruleId,
		severity: SEVERITY[f.severity],
		range: `${at(f.start)}-${at(f.end)}`,
		message: f.message,
		related: (f.related ?? []).map((r) => `${at(r.start)}-${at(r.end)} ${r.message}`),
	};
}

function shown(d: Diagnostic): Shown {
	const pos = (p: { line: number; character: number }) => `${p.line}:${p.character}`;
	return {
		code: String(d.code),
		severity: d.severity!,
		range: `${pos(d.range.start)}-${pos(d.range.end)}`,
		message: String(d.message),
		related: (d.relatedInformation ?? []).map(
			(r) => `${pos(r.location.range.start)}-${pos(r.location.range.end)} ${r.message}`,
		),
	};
}

/** Reads a file of the world as it is on disk now (for a save: the editor's text goes there). */
export function onDisk(world: World, file: string): string | undefined {
	try {
		return readFileSync(path.join(world.root, file), 'utf8');
	} catch {
		return undefined;
	}
}

export type { Settings };
