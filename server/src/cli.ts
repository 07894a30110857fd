#!/usr/bin/env node
//! transport-lint [paths...]: lints files and folders with the engine; text, JSON or SARIF; --fix writes fixes.
import { promises as fs, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
	analyze,
	fileKind,
	fixAll,
	effectivePhp,
	mayMatter,
	normalizeSettings,
	WorkspaceSymbols,
	callsOf,
	type FileSymbols,
	type PhpEnvironment,
	type Settings,
} from './engine/index';
import { askPhp, resolveExecutable } from './node/php-binary';
import { settingsProblems } from './engine/settings-check';
import { counted } from './engine/text';
import { DOCS_BASE } from './docs-link';
import { filterOf, readTextSync, shownPath, statOrUndefined, walk } from './node/files';
import { ProjectFactsCache } from './node/project';
import { CHUNK, converse, PARALLEL_FROM, takeChunk, threadCount, WorkerPool } from './node/threads';
import { PROBE_USAGE, ProbeUsageError, probeMain } from './cli/probe-command';
import { locate, toSarif, withoutBaseline, type FileFindings } from './cli/sarif';
import { declaringNames, symbolScanner, type SymbolScan } from './node/symbol-pass';
import { version } from '../../package.json';

const USAGE = `Usage: transport-lint [options] [paths...]
       transport-lint probe [options] <url>    (see transport-lint probe --help)

Lints PHP and config files for broken socket transport URLs (tcp://, ssl://, tls://, unix://...).
Paths default to the current directory.

Options:
  --format <text|json|sarif>  output format (default: text)
  --fix                       apply the preferred fix of every finding, in place
  --config <file>             settings file (default: .transportlintrc.json, or "transportLint" in package.json)
  --php <binary>              judge for this PHP: asks it for its version, transports, OpenSSL and constants
  --php-version <x.y>         judge for this PHP version (default: require.php in composer.json, else 8.2+)
  --baseline <sarif>          leave out the findings a SARIF log of an earlier run already has (matched by file,
                              rule and fingerprint, so lines may move); the exit status counts only the others
  -h, --help                  show this help
  -v, --version               show the version

Exit status: 0 no errors, 1 errors found, 2 bad usage.`;

class UsageError extends Error {}

interface Options {
	format: 'text' | 'json' | 'sarif';
	fix: boolean;
	config?: string;
	php?: string;
	phpVersion?: string;
	baseline?: string;
	paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
	const o: Options = { format: 'text', fix: false, paths: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		/** The option's value: after `=` in the same argument, else the next argument. */
		const value = (): string => {
			const eq = a.indexOf('=');
			if (eq >= 0) return a.slice(eq + 1);
			const v = argv[++i];
			if (v === undefined) throw new UsageError(`${a} needs a value`);
			return v;
		};
		if (a === '-h' || a === '--help') return 'help';
		if (a === '-v' || a === '--version') return 'version';
		if (a === '--fix') o.fix = true;
		else if (a === '--format' || a.startsWith('--format=')) {
			const f = value();
			if (f !== 'text' && f !== 'json' && f !== 'sarif')
				throw new UsageError(`unknown format "${f}" (use text, json or sarif)`);
			o.format = f;
		} else if (a === '--config' || a.startsWith('--config=')) o.config = value();
		else if (a === '--php' || a.startsWith('--php=')) o.php = value();
		else if (a === '--baseline' || a.startsWith('--baseline=')) o.baseline = value();
		else if (a === '--php-version' || a.startsWith('--php-version=')) {
			o.phpVersion = value();
			if (!/^\d+(\.\d+){0,2}$/.test(o.phpVersion)) throw new UsageError(`--php-version takes a version such as 7.4`);
		} else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
		else o.paths.push(a);
	}
	if (!o.paths.length) o.paths.push('.');
	return o;
}

async function loadSettings(explicit: string | undefined): Promise<Settings> {
	if (explicit) {
		let text: string;
		try {
			text = await fs.readFile(explicit, 'utf8');
		} catch {
			throw new UsageError(`cannot read the config file ${explicit}`);
		}
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch {
			throw new UsageError(`${explicit} is not valid JSON`);
		}
		return checked(raw, explicit);
	}
	for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
		for (const [name, key] of [
			['.transportlintrc.json', undefined],
			['package.json', 'transportLint'],
		] as const) {
			try {
				const json = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
				if (!key) return checked(json, path.join(dir, name));
				if (json[key] !== undefined) return checked(json[key], `${path.join(dir, name)} "${key}"`);
			} catch {
				/* absent or unreadable: keep looking */
			}
		}
		if (path.dirname(dir) === dir) return normalizeSettings({});
	}
}

/** The settings of a config file, its invalid entries said on stderr (each falls back to its default). */
function checked(raw: unknown, where: string): Settings {
	for (const p of settingsProblems(raw, '')) process.stderr.write(`transport-lint: ${where}: ${p}\n`);
	return normalizeSettings(raw);
}

/** What every linting thread needs: plain data, so a worker gets a copy. */
interface LintJob {
	settings: Settings;
	/** --php-version, else the answer of --php's binary; both win over composer.json's require.php. */
	php?: PhpEnvironment;
	fix: boolean;
	/** The workspace's exports by file, once known (the second lint of the files that use them). */
	index?: Record<string, FileSymbols>;
}

/**
 * What a thread sends back: located findings, not the file's text (copying 100 MB of text between threads cost more
 * than locating the findings where the text is); and for the workspace index, the names the file asked for and the
 * summaries of its functions that pass a parameter on to a sink.
 */
type Linted = (FileFindings | { uri: string; skipped: string }) & { asked?: string[]; exports?: FileSymbols };

/** A task for a thread: lint files, or read them for the workspace index. */
type Task =
	| { task: 'lint'; files: string[]; job: LintJob }
	| { task: 'symbols'; files: string[]; maxFileSize: number; wanted: string[]; calls?: string };

/**
 * Lints files one after the other, reading them synchronously (nothing else waits in a CLI process). With `next`,
 * the threads share the list: each takes the next CHUNK files not yet taken (an atomic counter), so that they finish
 * together however the work is spread over the files; the result has a place for every file, filled where this
 * thread linted it.
 */
function runTask(t: Task, next?: Int32Array): (Linted | SymbolScan | undefined)[] {
	const { files } = t;
	let one: (file: string) => Linted | SymbolScan;
	if (t.task === 'lint') {
		const project = new ProjectFactsCache();
		const symbols = WorkspaceSymbols.from(t.job.index ?? {});
		one = (file) => lintFile(file, t.job, project, symbols);
	} else {
		const wanted = new Set(t.wanted);
		const calls = t.calls === undefined ? undefined : new RegExp(t.calls, 'i');
		one = symbolScanner(t.maxFileSize, wanted, calls);
	}
	const out: (Linted | SymbolScan | undefined)[] = new Array(files.length);
	if (!next) {
		for (let i = 0; i < files.length; i++) out[i] = one(files[i]!);
		return out;
	}
	for (let start; (start = takeChunk(next, files.length)) !== undefined;)
		for (let i = start; i < Math.min(files.length, start + CHUNK); i++) out[i] = one(files[i]!);
	return out;
}

function lintFile(file: string, job: LintJob, project: ProjectFactsCache, symbols: WorkspaceSymbols): Linted {
	const kind = fileKind(file)!;
	// A file the prefilter turns down has nothing to fix or find, and needs or offers no value.
	const read = readTextSync(file, job.settings.maxFileSize, (view) => mayMatter(kind, view, symbols), kind === 'php');
	if ('quiet' in read) return { uri: shownPath(file), findings: [] };
	if ('skipped' in read) return { uri: shownPath(file), skipped: read.skipped };
	let { text } = read;
	if (job.fix) {
		text = fixAll(text, kind, job.settings).text;
		if (text !== read.text) writeFileSync(file, text);
	}
	const facts = project.forFile(file);
	// --php-version or --php's answer, else composer.json's require.php (the CLI reads no php.version setting).
	const php = effectivePhp(undefined, job.php, facts?.packages.php);
	const result = analyze(
		text,
		kind,
		job.settings,
		{ packages: facts?.packages ?? {}, ...(php && { php }) },
		undefined,
		symbols,
	);
	const asked = result.needs;
	// The first lint tells which functions pass a parameter on to a sink (the index then looks for their callers).
	const exports = !job.index && result.exports ? result.exports(true) : undefined;
	return {
		uri: shownPath(file),
		findings: locate(text, result.findings),
		...(asked && { asked }),
		...(exports && Object.keys(exports.functions).length && { exports }),
	};
}

/**
 * Lint workers, started while the files are still being found (a worker takes tens of milliseconds to load);
 * `run` hands them the list and the job, and they lint it with the main thread.
 */
class Workers extends WorkerPool {
	constructor(count: number) {
		super(count, __filename, { transportLintWorker: true });
	}

	/**
	 * Runs a task on every thread, the main one too; each result has the place of its file. A worker that fails (out
	 * of memory on a huge file, say) is dropped, and the files it had taken are done again on this thread.
	 */
	async run<T>(t: Task): Promise<T[]> {
		this.dropExited();
		const next = new Int32Array(new SharedArrayBuffer(4));
		const done = this.workers.map(async (worker) => {
			let results: (T | undefined)[] = [];
			const failure = await converse(worker, { ...t, next }, (m: (T | undefined)[]) => ((results = m), true));
			if (!failure) return results;
			this.drop(worker);
			const why = (failure as { code?: string }).code ?? failure.message;
			process.stderr.write(`transport-lint: a lint worker stopped (${why}); its files are linted on the main thread\n`);
			return [];
		});
		const parts = [runTask(t, next) as (T | undefined)[], ...(await Promise.all(done))];
		const out = t.files.map((_, i) => parts.find((p) => p[i] !== undefined)?.[i]);
		const missing = out.flatMap((r, i) => (r === undefined ? [i] : []));
		if (missing.length) {
			const again = runTask({ ...t, files: missing.map((i) => t.files[i]!) }) as T[];
			missing.forEach((i, k) => (out[i] = again[k]));
		}
		return out as T[];
	}
}

/** Runs a task on the workers, or on this thread alone. */
async function run<T>(workers: Workers | undefined, t: Task): Promise<T[]> {
	return workers ? workers.run<T>(t) : (runTask(t) as T[]);
}

/**
 * Values defined in other files: the index of what files offer (constants, class constants, functions that pass a
 * parameter on to a sink), built only when some file asked for a name it does not define or defines such a function;
 * then the files that asked, and the callers of those functions, are linted again with it. No fixpoint.
 */
async function crossFile(files: string[], linted: Linted[], job: LintJob, workers: Workers | undefined): Promise<void> {
	const index = new WorkspaceSymbols();
	const asked = new Set<string>();
	linted.forEach((l, i) => {
		if (l.exports) index.set(shownPath(files[i]!), l.exports);
		for (const a of l.asked ?? []) asked.add(a);
	});
	const wanted = declaringNames(asked);
	const calls = callsOf(index.sinkFunctionNames());
	// (callsOf: `name(`, `Class::name(`, `new Class(` for the functions, methods and constructors that pass a value on.)
	if (!wanted.length && !calls) return;
	const php = files.filter((f) => fileKind(f) === 'php');
	const scans = await run<SymbolScan>(workers, {
		task: 'symbols',
		files: php,
		maxFileSize: job.settings.maxFileSize,
		wanted,
		...(calls && { calls: calls.source }),
	});
	const again = new Set<string>();
	scans.forEach((s, i) => {
		if (s.exports) index.set(shownPath(php[i]!), s.exports);
		if (s.calls) again.add(php[i]!);
	});
	linted.forEach((l, i) => {
		if (l.asked?.some((a) => index.answers(a))) again.add(files[i]!);
	});
	if (!again.size) return;
	const revisit = files.filter((f) => again.has(f));
	const relinted = await run<Linted>(workers, {
		task: 'lint',
		files: revisit,
		job: { ...job, index: index.toRecord() },
	});
	const at = new Map(files.map((f, i) => [f, i]));
	revisit.forEach((f, k) => (linted[at.get(f)!] = relinted[k]!));
}

/** The --baseline SARIF log, read before any work (a wrong path is a usage error, not a late surprise). */
async function readBaseline(file: string): Promise<unknown> {
	let text: string;
	try {
		text = await fs.readFile(file, 'utf8');
	} catch {
		throw new UsageError(`--baseline: cannot read ${file}`);
	}
	try {
		const log = JSON.parse(text) as { runs?: unknown };
		if (!Array.isArray(log?.runs)) throw new Error();
		return log;
	} catch {
		throw new UsageError(`--baseline: ${file} is not a SARIF log`);
	}
}

async function main(argv: string[]): Promise<number> {
	if (argv[0] === 'probe') return probeMain(argv.slice(1), () => loadSettings(undefined));
	const parsed = parseArgs(argv);
	if (parsed === 'help') return (void console.log(USAGE), 0);
	if (parsed === 'version') return (void console.log(version), 0);
	const settings = await loadSettings(parsed.config);
	const baseline = parsed.baseline === undefined ? undefined : await readBaseline(parsed.baseline);
	const filter = filterOf(settings);
	const seen = new Set<string>();
	let php: PhpEnvironment | undefined;
	if (parsed.phpVersion) php = { version: parsed.phpVersion, source: `--php-version ${parsed.phpVersion}` };
	else if (parsed.php) {
		const binary = await resolveExecutable(parsed.php);
		if (!binary) throw new UsageError(`--php: ${parsed.php} is not an executable file`);
		try {
			php = await askPhp(binary);
		} catch (e) {
			throw new UsageError(`--php: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
	const files: string[] = [];
	const threads = parsed.fix ? 1 : threadCount();
	let workers: Workers | undefined;
	try {
		for (const p of parsed.paths) {
			if (!statOrUndefined(p)) throw new UsageError(`no such file or directory: ${p}`);
			for (const file of walk(p, filter, seen)) {
				files.push(file);
				// Enough files to be worth a worker: start them now, they load while the walk goes on.
				if (files.length === PARALLEL_FROM && threads > 1) workers = new Workers(threads - 1);
			}
		}
	} catch (e) {
		void workers?.dismiss();
		throw e;
	}
	const job: LintJob = { settings, php, fix: parsed.fix };
	let linted: Linted[];
	try {
		linted = await run<Linted>(workers, { task: 'lint', files, job });
		// --fix writes files as it lints them: values from other files are not followed there.
		if (!parsed.fix) await crossFile(files, linted, job, workers);
	} finally {
		void workers?.dismiss();
	}
	let results: FileFindings[] = [];
	for (const l of linted) {
		if ('skipped' in l) console.error(`${l.uri}: skipped, ${l.skipped}`);
		else results.push(l);
	}
	if (baseline !== undefined) {
		const left = withoutBaseline(results, baseline);
		results = left.files;
		if (left.known) console.error(`${left.known} finding${left.known === 1 ? '' : 's'} in the baseline left out`);
	}
	print(parsed.format, results);
	return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function print(format: Options['format'], results: FileFindings[]): void {
	if (format === 'sarif')
		return void process.stdout.write(JSON.stringify(toSarif(results, version, DOCS_BASE), null, 2) + '\n');
	if (format === 'json') {
		const out = results.flatMap((r) => r.findings.map(({ fingerprint: _, ...f }) => ({ file: r.uri, ...f })));
		return void process.stdout.write(JSON.stringify(out, null, 2) + '\n');
	}
	let errors = 0;
	let warnings = 0;
	let lines = '';
	for (const r of results) {
		for (const f of r.findings) {
			if (f.severity === 'error') errors++;
			else if (f.severity === 'warning') warnings++;
			lines += `${r.uri}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}\n`;
		}
	}
	const total = results.reduce((n, r) => n + r.findings.length, 0);
	const summary = `${counted(results.length, 'file')} checked, ${counted(total, 'problem')} (${counted(errors, 'error')}, ${counted(warnings, 'warning')})\n`;
	// stdout is asynchronous on a pipe and stderr is not: the summary goes once the findings are written, so that one
	// pipe for both (a CI log) does not glue it to the last finding.
	process.stdout.write(lines, () => process.stderr.write(summary));
}

if (!isMainThread && (workerData as { transportLintWorker?: boolean } | null)?.transportLintWorker) {
	parentPort!.on('message', (t: Task & { next: Int32Array }) => parentPort!.postMessage(runTask(t, t.next)));
} else
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(e: unknown) => {
			if (e instanceof UsageError || e instanceof ProbeUsageError) {
				console.error(`transport-lint: ${e.message}\n\n${e instanceof ProbeUsageError ? PROBE_USAGE : USAGE}`);
				process.exitCode = 2;
			} else {
				console.error(`transport-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
				process.exitCode = 3;
			}
		},
	);
