//! `transport-lint probe <url>`: the Test connection command for terminals and CI, printing each step with its time.
//! `transport-lint probe --all [paths]`: Test connection on every target of a project that is fully known.
import { promises as fs } from 'node:fs';
import { analyze, fileKind, lineIndex, testTargets, type Settings } from '../engine/index';
import { filterOf, readTextSync, shownPath, statOrUndefined, walk } from '../node/files';
import { ProjectFactsCache } from '../node/project';
import { probe } from '../probe/probe';
import { formatReport } from '../probe/format';
import type { ProbeReport, StarttlsProtocol } from '../probe/types';
import { certificatesIn } from '../probe/net';

export const PROBE_USAGE = `Usage: transport-lint probe [options] <url>
       transport-lint probe --all [options] [paths...]

Connects to a transport URL's target the way PHP would and explains what it finds. With --all, does that for every
target in the files under paths (default: the current directory) whose host and port are fully known, and for every
mail or Redis client configuration with its host, port and TLS mode: each once, 4 at a time, one line each.

Options:
  --all                            test every fully known target of the files under paths
  --starttls[=smtp|imap|pop3|ftp]  upgrade a plain connection with STARTTLS (protocol guessed when not given)
  --timeout <ms>                   per-step timeout (default 5000)
  --ca <file>                      also trust the CA certificates in this PEM file
  --format <text|json>             output format (default: text)

Exit status: 0 the target works (with --all: every one does), 1 it does not, 2 bad usage.`;

/** How many targets --all tests at once. */
const CONCURRENCY = 4;

export class ProbeUsageError extends Error {}

/** `settings`: the CLI's settings (which files to read, their size limit), for --all. */
export async function probeMain(argv: string[], settings?: () => Promise<Settings>): Promise<number> {
	let all = false;
	const paths: string[] = [];
	let starttls: StarttlsProtocol | 'auto' | undefined;
	let timeoutMs = 5000;
	let ca: string[] = [];
	let format = 'text';
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		const value = () =>
			argv[++i] ??
			(() => {
				throw new ProbeUsageError(`${a} needs a value`);
			})();
		if (a === '--help' || a === '-h') {
			process.stdout.write(PROBE_USAGE + '\n');
			return 0;
		}
		if (a === '--all') all = true;
		else if (a === '--starttls') starttls = 'auto';
		else if (a.startsWith('--starttls=')) {
			const p = a.slice(11);
			if (!['smtp', 'imap', 'pop3', 'ftp'].includes(p)) throw new ProbeUsageError(`unknown STARTTLS protocol "${p}"`);
			starttls = p as StarttlsProtocol;
		} else if (a === '--timeout') {
			timeoutMs = Number(value());
			if (!Number.isFinite(timeoutMs) || timeoutMs < 1)
				throw new ProbeUsageError('--timeout needs a number of milliseconds');
		} else if (a === '--ca') {
			const file = value();
			const pem = await fs.readFile(file, 'utf8').catch(() => {
				throw new ProbeUsageError(`cannot read ${file}`);
			});
			ca = certificatesIn(pem);
		} else if (a === '--format') {
			format = value();
			if (format !== 'text' && format !== 'json')
				throw new ProbeUsageError(`unknown format "${format}" (use text or json)`);
		} else if (a.startsWith('-')) throw new ProbeUsageError(`unknown option ${a}`);
		else paths.push(a);
	}
	if (all) {
		if (!settings) throw new ProbeUsageError('--all needs the CLI settings');
		return probeAll(paths.length ? paths : ['.'], { timeoutMs, starttls, ca, format }, await settings());
	}
	if (paths.length > 1) throw new ProbeUsageError('probe takes one URL (or --all and paths)');
	const target = paths[0];
	if (target === undefined) throw new ProbeUsageError('probe needs a URL, e.g. tls://smtp.example.com:465');
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	const report = await probe(target, { timeoutMs, starttls, ca, signal: controller.signal });
	process.off('SIGINT', stop);
	process.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
	return report.ok ? 0 : 1;
}

interface Found {
	target: string;
	starttls?: StarttlsProtocol | 'auto';
	/** Where it is written: "path:line", each place. */
	where: string[];
	report?: ProbeReport;
}

async function probeAll(
	paths: string[],
	opts: { timeoutMs: number; starttls?: StarttlsProtocol | 'auto'; ca: string[]; format: string },
	settings: Settings,
): Promise<number> {
	const filter = filterOf(settings);
	const seen = new Set<string>();
	const found = new Map<string, Found>();
	// The package versions some configurations depend on (Laravel's mail settings), as the lint reads them.
	const project = new ProjectFactsCache();
	for (const p of paths) {
		if (!statOrUndefined(p)) throw new ProbeUsageError(`no such file or directory: ${p}`);
		for (const file of walk(p, filter, seen)) {
			const read = readTextSync(file, settings.maxFileSize);
			if ('skipped' in read) continue;
			const result = analyze(read.text, fileKind(file)!, settings, project.forFile(file));
			const at = lineIndex(read.text);
			for (const t of testTargets(result)) {
				const starttls = t.starttls ?? opts.starttls;
				const key = `${t.target}\0${starttls ?? ''}`;
				const where = `${shownPath(file)}:${at(t.start).line + 1}`;
				const f = found.get(key);
				if (f) f.where.push(where);
				else found.set(key, { target: t.target, ...(starttls && { starttls }), where: [where] });
			}
		}
	}
	const list = [...found.values()];
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	let next = 0;
	const worker = async () => {
		for (let k = next++; k < list.length; k = next++) {
			const f = list[k]!;
			f.report = await probe(f.target, {
				timeoutMs: opts.timeoutMs,
				starttls: f.starttls,
				ca: opts.ca,
				signal: controller.signal,
			});
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
	process.off('SIGINT', stop);
	const failed = list.filter((f) => !f.report!.ok).length;
	if (opts.format === 'json') {
		const out = list.map((f) => ({ target: f.report!.target, starttls: f.starttls, where: f.where, report: f.report }));
		process.stdout.write(JSON.stringify(out, null, 2) + '\n');
	} else {
		let text = '';
		for (const f of list) {
			const more = f.where.length > 1 ? ` and ${f.where.length - 1} more` : '';
			const shown = `${f.report!.target}${f.starttls ? ' + STARTTLS' : ''}`;
			// One line per target: a verdict quoting OpenSSL may hold line breaks.
			const verdict = f.report!.verdict.replace(/\s*\n\s*/g, ' ').trim();
			text += `${f.report!.ok ? 'ok  ' : 'FAIL'} ${shown}  ${verdict}  (${f.where[0]}${more})\n`;
		}
		const summary = list.length
			? `${list.length} target${list.length === 1 ? '' : 's'} tested, ${failed} failed\n`
			: 'no target with a fully known host and port\n';
		process.stdout.write(text, () => process.stderr.write(summary));
	}
	return failed ? 1 : 0;
}
