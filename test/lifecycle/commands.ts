//! What an editor and a file system do to the world, as fast-check commands (fc.commands): each checks that it
//! applies, does it (notifying the servers as VS Code would, now or later), and then the world is checked against
//! the reference.
import fc from 'fast-check';
import { lineIndex } from '../../server/src/engine/index';
import { CONTENTS, contentKind, FILES, type SettingsChange, type World } from './world';

type Cmd = fc.AsyncCommand<World, World, false>;

/** Runs a step, logs it, and checks the world after it. */
abstract class Step implements Cmd {
	abstract check(w: Readonly<World>): boolean;
	abstract act(w: World): Promise<void>;
	abstract toString(): string;
	async run(_m: World, w: World): Promise<void> {
		w.log.push(this.toString());
		await this.act(w);
		await w.check();
	}
}

const KINDS = ['now', 'later'] as const;
type When = (typeof KINDS)[number];

async function deliver(w: World, when: When): Promise<void> {
	if (when === 'now') for (const win of w.windows) await win.flush();
}

class Open extends Step {
	constructor(
		readonly win: number,
		readonly file: string,
	) {
		super();
	}
	check(w: World) {
		return w.disk.has(this.file) && !w.windows[this.win]!.open.has(this.file);
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		const doc = { text: w.disk.get(this.file)!, version: 1 };
		win.open.set(this.file, doc);
		await win.sendOpen(this.file, doc);
	}
	toString() {
		return `open(${this.win}, ${this.file})`;
	}
}

/** An edit: replace the whole text by a content of its kind, insert a piece, or delete a span. */
type Edit = { replace: number } | { insert: string; at: number } | { remove: number; at: number };

class Change extends Step {
	constructor(
		readonly win: number,
		readonly file: string,
		readonly edit: Edit,
	) {
		super();
	}
	check(w: World) {
		return w.windows[this.win]!.open.has(this.file);
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		const doc = win.open.get(this.file)!;
		const old = doc.text;
		let start = 0;
		let end = old.length;
		let text: string;
		if ('replace' in this.edit) {
			const pool = CONTENTS[contentKind(this.file)];
			text = pool[this.edit.replace % pool.length]!;
		} else {
			start = Math.floor(this.edit.at * old.length);
			end = 'remove' in this.edit ? Math.min(old.length, start + this.edit.remove) : start;
			text = 'insert' in this.edit ? this.edit.insert : '';
		}
		const at = lineIndex(old);
		const before = at(start);
		const after = at(end);
		doc.text = old.slice(0, start) + text + old.slice(end);
		doc.version++;
		await win.client.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri: w.uri(this.file), version: doc.version },
			contentChanges: [{ range: { start: before, end: after }, text }],
		});
	}
	toString() {
		return `change(${this.win}, ${this.file}, ${JSON.stringify(this.edit)})`;
	}
}

class Save extends Step {
	constructor(
		readonly win: number,
		readonly file: string,
		readonly when: When,
	) {
		super();
	}
	check(w: World) {
		return w.windows[this.win]!.open.has(this.file);
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		const existed = w.disk.has(this.file);
		w.write(this.file, win.open.get(this.file)!.text);
		await win.client.connection.sendNotification('textDocument/didSave', {
			textDocument: { uri: w.uri(this.file) },
		});
		w.notify([{ uri: w.uri(this.file), type: existed ? 2 : 1 }]);
		await deliver(w, this.when);
	}
	toString() {
		return `save(${this.win}, ${this.file}, ${this.when})`;
	}
}

class Close extends Step {
	constructor(
		readonly win: number,
		readonly file: string,
	) {
		super();
	}
	check(w: World) {
		return w.windows[this.win]!.open.has(this.file);
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		win.open.delete(this.file);
		await win.client.connection.sendNotification('textDocument/didClose', {
			textDocument: { uri: w.uri(this.file) },
		});
		win.closed(w.uri(this.file));
	}
	toString() {
		return `close(${this.win}, ${this.file})`;
	}
}

class Write extends Step {
	constructor(
		readonly file: string,
		readonly content: number,
		readonly when: When,
	) {
		super();
	}
	check() {
		return true;
	}
	async act(w: World) {
		const existed = w.disk.has(this.file);
		const pool = CONTENTS[contentKind(this.file)];
		w.write(this.file, pool[this.content % pool.length]!);
		w.notify([{ uri: w.uri(this.file), type: existed ? 2 : 1 }]);
		await deliver(w, this.when);
	}
	toString() {
		return `write(${this.file}, #${this.content}, ${this.when})`;
	}
}

class Delete extends Step {
	constructor(
		readonly file: string,
		readonly when: When,
	) {
		super();
	}
	check(w: World) {
		return w.disk.has(this.file);
	}
	async act(w: World) {
		w.remove(this.file);
		w.notify([{ uri: w.uri(this.file), type: 3 }]);
		await deliver(w, this.when);
	}
	toString() {
		return `delete(${this.file}, ${this.when})`;
	}
}

class Rename extends Step {
	constructor(
		readonly from: string,
		readonly to: string,
		readonly when: When,
	) {
		super();
	}
	check(w: World) {
		return (
			w.disk.has(this.from) &&
			!w.disk.has(this.to) &&
			this.from !== this.to &&
			contentKind(this.from) === contentKind(this.to)
		);
	}
	async act(w: World) {
		w.move(this.from, this.to);
		w.notify([
			{ uri: w.uri(this.from), type: 3 },
			{ uri: w.uri(this.to), type: 1 },
		]);
		await deliver(w, this.when);
	}
	toString() {
		return `rename(${this.from} -> ${this.to}, ${this.when})`;
	}
}

/** The disk events held back are delivered. */
class Flush extends Step {
	check(w: World) {
		return !w.quiet;
	}
	async act(w: World) {
		for (const win of w.windows) await win.flush();
	}
	toString() {
		return 'flush()';
	}
}

class Configure extends Step {
	constructor(
		readonly win: number,
		readonly change: SettingsChange,
	) {
		super();
	}
	check() {
		return true;
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		const s = { ...win.settings } as Record<string, unknown>;
		const c = this.change;
		if ('rule' in c) {
			const rules = { ...(s.rules as Record<string, string> | undefined) };
			if (c.level) rules[c.rule] = c.level;
			else delete rules[c.rule];
			s.rules = rules;
		} else if ('exclude' in c) {
			if (c.exclude) s.exclude = ['**/vendor/**', c.exclude];
			else delete s.exclude;
		} else if ('phpVersion' in c || 'phpPath' in c) {
			const php = { ...(s.php as Record<string, string> | undefined) };
			if ('phpPath' in c) php.executablePath = c.phpPath;
			else if (c.phpVersion) php.version = c.phpVersion;
			else delete php.version;
			s.php = php;
		} else s.enable = c.enable;
		win.settings = s;
		win.client.config = { ...win.client.config, transportLint: s };
		await win.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	}
	toString() {
		return `configure(${this.win}, ${JSON.stringify(this.change)})`;
	}
}

class Folder extends Step {
	constructor(
		readonly win: number,
		readonly add: boolean,
	) {
		super();
	}
	check(w: World) {
		return w.windows[this.win]!.folders.includes('b') !== this.add;
	}
	async act(w: World) {
		const win = w.windows[this.win]!;
		win.folders = this.add ? [...win.folders, 'b'] : win.folders.filter((f) => f !== 'b');
		const folder = { uri: w.folderUri('b'), name: 'b' };
		await win.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
			event: { added: this.add ? [folder] : [], removed: this.add ? [] : [folder] },
		});
	}
	toString() {
		return `${this.add ? 'add' : 'remove'}Folder(${this.win}, b)`;
	}
}

/** composer.lock says which Laravel is installed (or is removed). */
class Composer extends Step {
	constructor(
		readonly laravel: string | undefined,
		readonly when: When,
	) {
		super();
	}
	check(w: World) {
		return this.laravel !== undefined || w.disk.has('a/composer.lock');
	}
	async act(w: World) {
		const file = 'a/composer.lock';
		const existed = w.disk.has(file);
		if (this.laravel === undefined) w.remove(file);
		else w.write(file, JSON.stringify({ packages: [{ name: 'laravel/framework', version: this.laravel }] }));
		w.notify([{ uri: w.uri(file), type: this.laravel === undefined ? 3 : existed ? 2 : 1 }]);
		await deliver(w, this.when);
	}
	toString() {
		return `composer(${this.laravel ?? 'removed'}, ${this.when})`;
	}
}

/** The server is killed and started again (the client's restart policy), its window's documents re-sent. */
class Restart extends Step {
	constructor(readonly win: number) {
		super();
	}
	check() {
		return true;
	}
	async act(w: World) {
		await w.windows[this.win]!.restart();
	}
	toString() {
		return `restart(${this.win})`;
	}
}

const RULES = ['ipv6-brackets', 'tls-port-mismatch', 'missing-port', 'laravel-mail-encryption'];

/** The commands, for a world of `windows` windows. */
export function commands(windows: number): fc.Arbitrary<Cmd>[] {
	const win = fc.integer({ min: 0, max: windows - 1 });
	const file = fc.constantFrom(...FILES);
	const when = fc.constantFrom(...KINDS);
	const edit: fc.Arbitrary<Edit> = fc.oneof(
		fc.record({ replace: fc.nat(20) }),
		fc.record({
			insert: fc.constantFrom('x', ':80', "'", '\n', ' 6379', '::1'),
			at: fc.double({ min: 0, max: 1, noNaN: true }),
		}),
		fc.record({ remove: fc.integer({ min: 1, max: 8 }), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
	);
	const change: fc.Arbitrary<SettingsChange> = fc.oneof(
		fc.record({ rule: fc.constantFrom(...RULES), level: fc.constantFrom('off' as const, undefined) }),
		fc.record({ exclude: fc.constantFrom('lib/**', '**/*.yaml', undefined) }),
		fc.record({ phpVersion: fc.constantFrom('7.1', undefined) }),
		fc.record({ phpPath: fc.constantFrom('php', '/nonexistent/php') }),
		fc.record({ enable: fc.boolean() }),
	);
	return [
		fc.tuple(win, file).map(([w, f]) => new Open(w, f)),
		fc.tuple(win, file, edit).map(([w, f, e]) => new Change(w, f, e)),
		fc.tuple(win, file, edit).map(([w, f, e]) => new Change(w, f, e)),
		fc.tuple(win, file, when).map(([w, f, n]) => new Save(w, f, n)),
		fc.tuple(win, file).map(([w, f]) => new Close(w, f)),
		fc.tuple(file, fc.nat(20), when).map(([f, c, n]) => new Write(f, c, n)),
		fc.tuple(file, when).map(([f, n]) => new Delete(f, n)),
		fc.tuple(file, file, when).map(([a, b, n]) => new Rename(a, b, n)),
		fc.constant(new Flush()),
		fc.tuple(win, change).map(([w, c]) => new Configure(w, c)),
		fc.tuple(win, fc.boolean()).map(([w, a]) => new Folder(w, a)),
		fc.tuple(fc.constantFrom('v8.83.27', 'v10.48.4', undefined), when).map(([v, n]) => new Composer(v, n)),
		fc.tuple(win).map(([w]) => new Restart(w)),
	];
}

export { Open, Change, Save, Close, Write, Delete, Rename, Flush, Configure, Folder, Composer, Restart };
