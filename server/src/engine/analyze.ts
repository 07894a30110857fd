//! guard → scan → values → target rules → constant rules → client and context rules → suppressions. Never throws:
//! a rule that fails is reported in `errors` and the other rules still run (rust-analyzer's (T, errors)).
import { lineIndex } from './lines';
import { scanConfigClients } from './clients/config';
import { asProjectReads, foreignSettings, type ClientConfig, type SslOptions } from './clients/model';
import { scanPhpClients, scopeOf, type PhpClientScan } from './clients/php';
import { majorVersion, makeTarget, type ProjectFacts, type Target } from './target';
import { RuleRunner } from './rule-runner';
import { scanConfig } from './scan/config';
import { lexAllIncremental, lexPhp, ownTokens, type Token } from './scan/php-lexer';
import { firstAt } from './sorted';
import { scanPhp, type PhpScan, type Reuse } from './scan/php';
import { mentions, wholeText } from './text';
import { DEFAULTS, type Settings } from './settings';
import { moveInPlace, scannedTargets, targetFindings } from './target-findings';
import type { Candidate, FileKind, Finding, ScanResult, TextSource } from './types';
import { followValues, mergeSame, needsValues, placed } from './values/follow';
import type { ValueAnalysis } from './values/resolve';
import type { SymbolLookup } from './values/symbols';
import type { FileSymbols } from './values/workspace';

export interface AnalyzeResult {
	findings: Finding[];
	/** Every transport target found, as the rules saw it (for hovers, code lenses and Test connection). */
	targets: Target[];
	/** Mail and Redis client configurations found (for code lenses and Test connection). */
	clients: ClientConfig[];
	/** Literal 'ssl' stream context options found in PHP. */
	contexts?: SslOptions[];
	/** Why the file was not scanned (binary, too large), when it was not. */
	skipped?: string;
	errors: string[];
	/** What this PHP file offers the others (constants, class constants, function summaries), when values were read. */
	exports?: (sinksOnly?: boolean) => FileSymbols;
	/** Constants and functions of other files this file's sinks need (`NAME`, `Class::NAME`, `name()`), if any. */
	needs?: string[];
}

export function scan(text: string | TextSource, kind: FileKind, reuse?: Reuse): ScanResult {
	return kind === 'php' ? scanPhp(text, reuse) : scanConfig(wholeText(text), kind);
}

/** `full`: the file's full token stream, when it was lexed already; `values`: what the value layer found. */
export function scanClients(
	text: string | TextSource,
	kind: FileKind,
	scanned?: ScanResult,
	reuse?: Reuse,
	full?: () => Token[],
	values?: () => ValueAnalysis | undefined,
): PhpClientScan {
	return kind === 'php'
		? scanPhpClients(text, (scanned ?? scanPhp(text)).strings, reuse, full, values)
		: { configs: scanConfigClients(wholeText(text), kind), ssl: [], functionStarts: [] };
}

/**
 * `text` may be a TextSource (the language server's open documents): on a keystroke in PHP, with `reuse`, only the
 * text around the edit is read, unless a pass needs all of it (the value layer, the mail-library pass, suppression
 * comments). `symbols`: the workspace's constants and functions, for values defined in other files.
 */
export function analyze(
	text: string | TextSource,
	kind: FileKind,
	settings: Settings = DEFAULTS,
	project?: ProjectFacts,
	reuse?: Reuse,
	symbols?: SymbolLookup,
): AnalyzeResult {
	const errors: string[] = [];
	const skipped = guard(text, settings);
	if (skipped !== undefined) return { findings: [], targets: [], clients: [], errors, ...(skipped && { skipped }) };
	const scanned = attempt(errors, 'scan', () => scan(text, kind, reuse));
	if (!scanned) return { findings: [], targets: [], clients: [], errors };
	const passes = new LazyPasses(text, kind, reuse, symbols, errors);
	if (kind === 'php' && needsValues(text, scanned as PhpScan, reuse, symbols)) passes.follow();
	const targets = scannedTargets(scanned, reuse);
	if (reuse && kind === 'php') reuse.targets = targets;
	const scannedClients =
		attempt(errors, 'clients', () => scanClients(text, kind, scanned, reuse, passes.full, passes.follow)) ?? NO_CLIENTS;
	// A MAILER_URL read by the library the project's packages name (Kimai's is Symfony Mailer's).
	const clients = { ...scannedClients, configs: asProjectReads(scannedClients.configs, project?.packages) };
	// The value layer has run by now if anything needed it (the scan's sinks or the client pass).
	const values = passes.values;
	const valueTargets = values?.candidates.map(makeTarget) ?? [];
	const runner = new RuleRunner({ settings, kind, project }, errors);
	const context = `${kind}\0${JSON.stringify(settings)}\0${JSON.stringify(project ?? null)}`;
	// Socket calls that pass a context get its ssl options before the target rules read them.
	const usedBy = linkContexts(targets, clients, valueTargets);
	const findings = [
		...targetRules(targets, valueTargets, runner, context, reuse, values),
		...constantRules(scanned, values, runner),
		...clientFindings(clients.configs, runner, reuse, project),
		...clients.ssl.flatMap((o) => runner.ssl(o, usedBy.get(o) ?? [])),
	].sort((a, b) => a.start - b.start || a.end - b.end);
	return {
		findings: suppressions(text, findings, reuse),
		targets: valueTargets.length ? [...targets, ...valueTargets] : targets,
		clients: clients.configs,
		contexts: clients.ssl,
		errors,
		...(values && { exports: values.exports }),
		...(values?.needs.size && { needs: [...values.needs] }),
	};
}

const NO_CLIENTS: PhpClientScan = { configs: [], ssl: [], functionStarts: [] };

/** A pass's result, or undefined with its error recorded (one failing pass does not stop the others). */
function attempt<T>(errors: string[], pass: string, run: () => T): T | undefined {
	try {
		return run();
	} catch (e) {
		errors.push(`${pass}: ${e instanceof Error ? e.message : String(e)}`);
		return undefined;
	}
}

/**
 * The passes that read a PHP file's full token stream, each run at most once and only when asked: the lexer's full
 * stream (on a keystroke, made from the previous version's) and the value layer over it.
 */
class LazyPasses {
	private tokens: Token[] | undefined;
	private followed = false;
	values: ValueAnalysis | undefined;

	constructor(
		private readonly text: string | TextSource,
		private readonly kind: FileKind,
		private readonly reuse: Reuse | undefined,
		private readonly symbols: SymbolLookup | undefined,
		private readonly errors: string[],
	) {}

	readonly full = (): Token[] => {
		if (this.tokens) return this.tokens;
		const reuse = this.reuse;
		const prev = reuse?.prev && reuse.edit ? reuse.prevFull : undefined;
		if (reuse) reuse.prevFull = undefined; // consumed (its tokens move into this version's)
		let tokens = prev && lexAllIncremental(this.text, prev, reuse!.edit!);
		if (!tokens) {
			tokens = lexPhp(wholeText(this.text), true);
			// Kept for the next version: no token's text may keep this version's whole text alive.
			if (reuse) ownTokens(tokens);
		}
		if (reuse) reuse.full = tokens;
		return (this.tokens = tokens);
	};

	/** Values followed through variables, constants, properties and calls. */
	readonly follow = (): ValueAnalysis | undefined => {
		if (!this.followed && this.kind === 'php') {
			this.followed = true;
			this.values = attempt(this.errors, 'values', () => followValues(this.full(), this.symbols));
		}
		return this.values;
	};
}

/**
 * Target rules: each scanned target (its findings carried or cached where they can be, unless the value layer
 * follows it instead), then each followed value, its findings placed on the literals it is made of.
 */
function targetRules(
	targets: Target[],
	valueTargets: Target[],
	runner: RuleRunner,
	context: string,
	reuse: Reuse | undefined,
	values: ValueAnalysis | undefined,
): Finding[] {
	const findings = targetFindings(targets, runner, context, reuse, replacedBy(values));
	const followed: Finding[] = [];
	for (const t of valueTargets) followed.push(...placed(runner.url(t), t.candidate.flow!));
	findings.push(...mergeSame(followed));
	return findings;
}

/** Constant rules: a crypto method constant is judged with the set it is OR-ed into. */
function constantRules(scanned: ScanResult, values: ValueAnalysis | undefined, runner: RuleRunner): Finding[] {
	const findings: Finding[] = [];
	for (const c of scanned.constants) {
		const set = values?.constantSets.get(c.start);
		findings.push(...runner.constant(set ? { ...c, set: [...set] } : c));
	}
	return findings;
}

/** Suppressions: `transport-lint-disable-next-line`, looked for only where the text may have changed. */
function suppressions(text: string | TextSource, findings: Finding[], reuse: Reuse | undefined): Finding[] {
	const found = mentions(text, DIRECTIVE_WORD, DIRECTIVE_WORD.source.length, reuse, reuse?.prevSuppresses);
	if (reuse) reuse.suppresses = found;
	return found ? suppress(wholeText(text), findings) : findings;
}

/** Why a text is not analysed: '' when disabled, a reason when too large or binary; undefined to go on. */
function guard(text: string | TextSource, settings: Settings): string | undefined {
	if (!settings.enable) return '';
	if (text.length > settings.maxFileSize)
		return `larger than transportLint.maxFileSize (${text.length} > ${settings.maxFileSize})`;
	if (text.slice(0, 8192).includes('\0')) return 'binary file (NUL bytes)';
	return undefined;
}

/** Whether a scanned candidate is one the value layer follows instead (a call argument, or a literal it is made of). */
function replacedBy(values: ValueAnalysis | undefined): (c: Candidate) => boolean {
	if (!values || (!values.replaced.length && !values.literalStarts.size)) return () => false;
	const { replaced, literalStarts } = values;
	// Asked for every target on every keystroke: a loop, not some() with a closure made each time.
	return (c) => {
		if (c.origin === 'literal') return literalStarts.has(c.start);
		if (c.origin !== 'call') return false;
		for (let i = 0; i < replaced.length; i++)
			if (c.start >= replaced[i]!.start && c.start < replaced[i]!.end) return true;
		return false;
	};
}

/**
 * The client rules' findings. A configuration carried from the previous version (a connection string's, moved with
 * it) has its findings: they depend only on it and the rule context, and move with it.
 */
function clientFindings(
	clients: ClientConfig[],
	runner: RuleRunner,
	reuse: Reuse | undefined,
	project: ProjectFacts | undefined,
): Finding[] {
	const findings: Finding[] = [];
	const laravel = majorVersion(project, 'laravel/framework');
	// laravel-imap 2+ runs on php-imap; before, both called imap_open().
	const imap = majorVersion(project, 'webklex/php-imap') ?? majorVersion(project, 'webklex/laravel-imap');
	const known = reuse?.targetFindings;
	const lastByClient = reuse && !reuse.uncached ? reuse.prevTargetFindings?.byClient : undefined;
	const sameContext = reuse?.prevTargetFindings?.context === known?.context;
	const byClient = reuse && !reuse.uncached ? new Map<object, { start: number; findings: Finding[] }>() : undefined;
	for (const c of clients) {
		if (c.library === 'laravel-mail' && laravel !== undefined) c.version = laravel;
		if (c.library === 'imap' && imap !== undefined) c.version = imap;
		const was = sameContext ? lastByClient?.get(c) : undefined;
		if (was) {
			if (c.start !== was.start) for (const f of was.findings) moveInPlace(f, c.start - was.start);
			was.start = c.start;
			byClient!.set(c, was);
			findings.push(...was.findings);
			continue;
		}
		const failures = runner.errors.length;
		const found = fromOtherFiles(c, runner.client(c));
		findings.push(...found);
		if (byClient && runner.errors.length === failures) byClient.set(c, { start: c.start, findings: found });
	}
	if (byClient && known) known.byClient = byClient;
	return findings;
}

/**
 * A configuration whose settings name constants defined in another file: a finding on one says where its value was
 * written (related information at the name, as the value layer's findings do), and no fix edits it (the name is
 * here, the text there).
 */
function fromOtherFiles(c: ClientConfig, found: Finding[]): Finding[] {
	const foreign = foreignSettings(c);
	if (!foreign.length || !found.length) return found;
	// An insertion at either end of the name counts too (`ssl://SMTP_HOST` is no fix).
	const over = (s: { start: number; end: number }) =>
		foreign.filter((f) =>
			s.start === s.end ? f.start <= s.start && s.start <= f.end : s.start < f.end && f.start < s.end,
		);
	return found.map((f) => {
		const said = [...new Set(over(f).concat(f.related ? f.related.flatMap(over) : []))];
		const fixes = f.fixes.filter((x) => !x.edits.some((e) => over(e).length > 0));
		if (!said.length && fixes.length === f.fixes.length) return f;
		const related = said.map((x) => ({
			start: x.start,
			end: x.end,
			message: `${x.foreign!.constant} is '${x.foreign!.value}', written in ${x.foreign!.file}.`,
		}));
		return { ...f, fixes, ...((f.related || related.length) && { related: [...(f.related ?? []), ...related] }) };
	});
}

/**
 * Stream contexts: links socket calls that pass `$ctx` to the literal ssl options of `$ctx = stream_context_create(...)` (or
 * stream_context_set_option($ctx, ...)) written before them in the same function; returns the reverse links.
 */
function linkContexts(targets: Target[], scan: PhpClientScan, more: Target[]): Map<SslOptions, Target[]> {
	const usedBy = new Map<SslOptions, Target[]>();
	const groups = new Map<string, SslOptions[]>();
	for (const o of scan.ssl) {
		if (!o.context) continue;
		const key = `${o.context}\0${o.scope}`;
		const g = groups.get(key);
		if (g) g.push(o);
		else groups.set(key, [o]);
	}
	if (!groups.size) return usedBy;
	for (const g of groups.values()) g.sort((a, b) => a.start - b.start);
	for (const t of more.length ? targets.concat(more) : targets) {
		const call = t.candidate.call;
		const v = call?.context?.var;
		const g = v && groups.get(`${v}\0${scopeOf(scan.functionStarts, call.context!.start)}`);
		if (!g) continue;
		const before = firstAt(g.length, (k) => g[k]!.start >= call.context!.start);
		// Options set one after the other on the same context add up (a later value wins); the last few suffice.
		const found = g.slice(Math.max(0, before - MAX_LINKED), before);
		if (!found.length) continue;
		t.context = { ...found[0]!, entries: new Map(found.flatMap((o) => [...o.entries])) };
		for (const o of found) {
			const users = usedBy.get(o);
			if (users) users.push(t);
			else usedBy.set(o, [t]);
		}
	}
	return usedBy;
}

/** How many option sets of one context a call is linked to, at most (bounds pathological files). */
const MAX_LINKED = 32;

const DIRECTIVE_WORD = /transport-lint-disable-next-line/;
const DIRECTIVE = /transport-lint-disable-next-line(?:[ \t]+([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*))?/g;
const COMMENT_BEFORE = /(\/\/|#|;|\/\*|<!--|\*)[^\n]*$/;

/** `transport-lint-disable-next-line [rule, ...]` in a comment silences the next line. */
function suppress(text: string, findings: Finding[]): Finding[] {
	if (!findings.length) return findings;
	const lineOf = lineIndex(text);
	const silenced = new Map<number, Set<string> | 'all'>();
	for (const m of text.matchAll(DIRECTIVE)) {
		const { line, character } = lineOf(m.index);
		if (!COMMENT_BEFORE.test(text.slice(m.index - character, m.index))) continue;
		silenced.set(line + 1, m[1] ? new Set(m[1].split(',').map((s) => s.trim())) : 'all');
	}
	return findings.filter((f) => {
		const rules = silenced.get(lineOf(f.start).line);
		return !(rules === 'all' || rules?.has(f.ruleId));
	});
}
