//! scan → parse → rules → severity overrides → inline suppressions. Never throws: a rule that fails is reported
//! in `errors` and the other rules still run (rust-analyzer's (T, errors)).
import { lineIndex } from './lines';
import { scanConfigClients } from './clients/config';
import type { ClientConfig, SslOptions } from './clients/model';
import { scanPhpClients, scopeOf, type PhpClientScan } from './clients/php';
import { majorVersion, makeTarget, type ProjectFacts, type RuleContext, type Target } from './target';
import { RULES } from './rules/index';
import type { Rule, RuleFinding } from './rules/rule';
import { scanConfig } from './scan/config';
import { firstAt } from './sorted';
import { mentions, scanPhp, wholeText, type Reuse, type TargetFindings } from './scan/php';
import { DEFAULTS, type Settings } from './settings';
import type { ArgValue, Candidate, FileKind, Finding, ScanResult, TextSource } from './types';

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
}

export function scan(text: string | TextSource, kind: FileKind, reuse?: Reuse): ScanResult {
	return kind === 'php' ? scanPhp(text, reuse) : scanConfig(wholeText(text), kind);
}

export function scanClients(
	text: string | TextSource,
	kind: FileKind,
	scanned?: ScanResult,
	reuse?: Reuse,
): PhpClientScan {
	return kind === 'php'
		? scanPhpClients(text, (scanned ?? scanPhp(text)).strings, reuse)
		: { configs: scanConfigClients(wholeText(text), kind), ssl: [], functionStarts: [] };
}

/**
 * `text` may be a TextSource (the language server's open documents): on a keystroke in PHP, with `reuse`, only the
 * text around the edit is read, unless a pass needs all of it (the mail-library pass, suppression comments).
 */
export function analyze(
	text: string | TextSource,
	kind: FileKind,
	settings: Settings = DEFAULTS,
	project?: ProjectFacts,
	reuse?: Reuse,
): AnalyzeResult {
	const errors: string[] = [];
	if (!settings.enable) return { findings: [], targets: [], clients: [], errors };
	if (text.length > settings.maxFileSize) {
		return {
			findings: [],
			targets: [],
			clients: [],
			errors,
			skipped: `larger than transportLint.maxFileSize (${text.length} > ${settings.maxFileSize})`,
		};
	}
	if (text.slice(0, 8192).includes('\0'))
		return { findings: [], targets: [], clients: [], errors, skipped: 'binary file (NUL bytes)' };
	const ctx: RuleContext = { settings, kind, project };
	const findings: Finding[] = [];
	const active = RULES.filter((r) => settings.rules[r.meta.id] !== 'off');
	const run = (rule: Rule, check: () => RuleFinding[]): RuleFinding[] => {
		try {
			return check();
		} catch (e) {
			errors.push(`${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`);
			return [];
		}
	};
	const add = (rule: Rule, found: RuleFinding[]): void => {
		for (const f of found) {
			const level = settings.rules[rule.meta.id] ?? f.severity ?? rule.meta.defaultSeverity;
			// Every finding is built with its fields in one order (whatever order a rule wrote them in): findings of all
			// rules then share a shape, and the code that moves them on every keystroke stays optimised.
			const finding: Finding = {
				ruleId: rule.meta.id,
				severity: level === 'off' ? 'info' : level,
				start: f.start,
				end: f.end,
				message: f.message,
				fixes: f.fixes,
			};
			if (f.related) finding.related = f.related;
			findings.push(finding);
		}
	};
	let scanned: ScanResult;
	try {
		scanned = scan(text, kind, reuse);
	} catch (e) {
		errors.push(`scan: ${e instanceof Error ? e.message : String(e)}`);
		return { findings, targets: [], clients: [], errors };
	}
	const targets = carriedTargets(scanned, reuse) ?? scanned.candidates.map(makeTarget);
	if (reuse && kind === 'php') reuse.targets = targets;
	const clientRules = active.filter((r) => r.checkClient || r.checkSsl);
	let clientScan: PhpClientScan = { configs: [], ssl: [], functionStarts: [] };
	try {
		clientScan = scanClients(text, kind, scanned, reuse);
	} catch (e) {
		errors.push(`clients: ${e instanceof Error ? e.message : String(e)}`);
	}
	const usedBy = linkContexts(targets, clientScan);
	// A target's findings depend only on the target and the rule context: a target seen in the previous version (or
	// earlier in this one) with the same text and shape gets its findings again, moved to where it is now.
	const context = `${kind}\0${JSON.stringify(settings)}\0${JSON.stringify(project ?? null)}`;
	const last = reuse?.prevTargetFindings?.context === context ? reuse.prevTargetFindings : undefined;
	// The map by key lives on from version to version, and starts again when it has grown well past the targets.
	const byTarget = last && last.byTarget.size <= Math.max(1024, 4 * targets.length) ? last.byTarget : new Map();
	const perTarget: (Finding[] | undefined)[] = new Array(targets.length);
	const known: TargetFindings = { context, byTarget, perTarget };
	// A target carried from the previous version (same text and shape, moved with its candidate) has its findings.
	const splice = last?.perTarget && !reuse?.uncached ? reuse?.splice : undefined;
	for (let k = 0; k < targets.length; k++) {
		const target = targets[k]!;
		const candidate = target.candidate;
		if (splice && !target.context) {
			const { before, fresh, from, delta } = splice;
			const own =
				k < before
					? last!.perTarget![k]
					: k >= before + fresh
						? last!.perTarget![k - before - fresh + from]
						: undefined;
			if (own) {
				// The previous version's findings are consumed, as its targets are: each object is this target's own.
				if (delta !== 0 && k >= before) for (const f of own) moveInPlace(f, delta);
				perTarget[k] = own;
				for (const f of own) findings.push(f);
				continue;
			}
		}
		const key = target.context || reuse?.uncached ? undefined : targetKey(candidate);
		const cached = key === undefined ? undefined : byTarget.get(key);
		if (cached) {
			const now = cached.map((f: Finding) => moved(f, candidate.start));
			perTarget[k] = now;
			for (const f of now) findings.push(f);
			continue;
		}
		const first = findings.length;
		const failures = errors.length;
		let blocked = false;
		for (const rule of active) {
			if (blocked) break;
			if (!rule.checkUrl || !rule.meta.origins.includes(candidate.origin)) continue;
			const found = run(rule, () => rule.checkUrl!(target, ctx));
			add(rule, found);
			if (found.length && rule.meta.syntax) blocked = true;
		}
		if (key !== undefined && errors.length === failures) {
			// Without a next version (the CLI), nothing is carried: no copies.
			perTarget[k] = reuse ? ownFrom(findings, first) : findings.slice(first);
			byTarget.set(
				key,
				perTarget[k]!.map((f) => moved(f, -candidate.start)),
			);
		}
	}
	if (reuse) reuse.targetFindings = known;
	for (const constant of scanned.constants) {
		for (const rule of active)
			if (rule.checkConstant)
				add(
					rule,
					run(rule, () => rule.checkConstant!(constant, ctx)),
				);
	}
	const clients: ClientConfig[] = clientScan.configs;
	const laravel = majorVersion(project, 'laravel/framework');
	// A configuration carried from the previous version (a connection string's, moved with it) has its findings:
	// they depend only on it and the rule context, and move with it.
	const lastByClient = reuse && !reuse.uncached ? last?.byClient : undefined;
	const byClient = reuse && !reuse.uncached ? new Map<object, { start: number; findings: Finding[] }>() : undefined;
	for (const c of clients) {
		if (c.library === 'laravel-mail' && laravel !== undefined) c.version = laravel;
		const was = lastByClient?.get(c);
		if (was) {
			if (c.start !== was.start) for (const f of was.findings) moveInPlace(f, c.start - was.start);
			was.start = c.start;
			byClient!.set(c, was);
			for (const f of was.findings) findings.push(f);
			continue;
		}
		const first = findings.length;
		const failures = errors.length;
		for (const rule of clientRules)
			if (rule.checkClient)
				add(
					rule,
					run(rule, () => rule.checkClient!(c, ctx)),
				);
		if (byClient && errors.length === failures) {
			byClient.set(c, { start: c.start, findings: ownFrom(findings, first) });
		}
	}
	if (byClient) known.byClient = byClient;
	for (const o of clientScan.ssl)
		for (const rule of clientRules)
			if (rule.checkSsl)
				add(
					rule,
					run(rule, () => rule.checkSsl!(o, usedBy.get(o) ?? [], ctx)),
				);
	findings.sort((a, b) => a.start - b.start || a.end - b.end);
	const suppresses = mentions(text, DIRECTIVE_WORD, DIRECTIVE_WORD.source.length, reuse, reuse?.prevSuppresses);
	if (reuse) reuse.suppresses = suppresses;
	return {
		findings: suppresses ? suppress(wholeText(text), findings) : findings,
		targets,
		clients,
		contexts: clientScan.ssl,
		errors,
	};
}

/**
 * Everything a rule can read of a target's candidate, with document offsets relative to its start. Offsets live in
 * fields named start, end, suffixStart and map (test/unit/target-cache.test.ts checks that no other field exists).
 */
function targetKey(c: Candidate): string {
	const at = c.start;
	const arg = (a: (ArgValue & { known: boolean }) | undefined) =>
		a ? `${+a.known},${a.start - at},${a.end - at},${a.int ?? ''},${a.constants?.join('|') ?? ''}` : '';
	const call = c.call;
	return [
		c.origin,
		c.end - at,
		c.map ? c.map.map((x) => x - at).join(',') : '',
		c.partial ? `${c.partial.suffixStart - at},${c.partial.suffix}` : '',
		call ? call.fn : '',
		arg(call?.port),
		arg(call?.flags),
		call?.context ? `${call.context.var},${call.context.start - at},${call.context.end - at}` : '',
		c.value,
	].join('\0');
}

/**
 * Replaces findings[first..] by copies and returns them, for carrying to the next version: no object is then both a
 * rule's (which may share parts between findings) and carried, where it may be moved in place.
 */
function ownFrom(findings: Finding[], first: number): Finding[] {
	for (let j = first; j < findings.length; j++) findings[j] = moved(findings[j]!, 0);
	return findings.slice(first);
}

/** A copy of a finding (its fixes and related spans too) with every offset moved by `delta`. */
function moved(f: Finding, delta: number): Finding {
	const m: Finding = {
		...f,
		start: f.start + delta,
		end: f.end + delta,
		fixes: f.fixes.map((x) => ({
			...x,
			edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })),
		})),
	};
	if (f.related) m.related = f.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
	return m;
}

/** Moves a finding (its fixes and related spans too) by `delta` in place: it belongs to one target of one version. */
function moveInPlace(f: Finding, delta: number): void {
	f.start += delta;
	f.end += delta;
	for (const x of f.fixes)
		for (const e of x.edits) {
			e.start += delta;
			e.end += delta;
		}
	if (f.related)
		for (const r of f.related) {
			r.start += delta;
			r.end += delta;
		}
}

/**
 * The targets of a scan that carried the previous version's candidates: the previous targets of those (moved with
 * them, in place; their context links are made again), new ones for the rest.
 */
function carriedTargets(scanned: ScanResult, reuse: Reuse | undefined): Target[] | undefined {
	const splice = reuse?.splice;
	const prev = reuse?.prevTargets;
	if (!splice || !prev) return undefined;
	const { before, fresh, from, delta } = splice;
	const after = prev.slice(from);
	for (const t of after) {
		if (delta !== 0 && t.knownPort) {
			t.knownPort.start += delta;
			t.knownPort.end += delta;
		}
		if (t.context) delete t.context;
	}
	for (let k = 0; k < before; k++) if (prev[k]!.context) delete prev[k]!.context;
	return prev.slice(0, before).concat(scanned.candidates.slice(before, before + fresh).map(makeTarget), after);
}

/**
 * Links socket calls that pass `$ctx` to the literal ssl options of `$ctx = stream_context_create(...)` (or
 * stream_context_set_option($ctx, ...)) written before them in the same function; returns the reverse links.
 */
function linkContexts(targets: Target[], scan: PhpClientScan): Map<SslOptions, Target[]> {
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
	for (const t of targets) {
		const v = t.candidate.call?.context?.var;
		const g = v && groups.get(`${v}\0${scopeOf(scan.functionStarts, t.candidate.start)}`);
		if (!g) continue;
		const before = firstAt(g.length, (k) => g[k]!.start >= t.candidate.start);
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
