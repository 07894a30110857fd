//! scan → parse → rules → severity overrides → inline suppressions. Never throws: a rule that fails is reported
//! in `errors` and the other rules still run (rust-analyzer's (T, errors)).
import { lineIndex } from './lines';
import { makeTarget, type RuleContext, type Target } from './target';
import { RULES } from './rules/index';
import type { Rule, RuleFinding } from './rules/rule';
import { scanConfig } from './scan/config';
import { scanPhp } from './scan/php';
import { DEFAULTS, type Settings } from './settings';
import type { FileKind, Finding, ScanResult } from './types';

export interface AnalyzeResult {
	findings: Finding[];
	/** Every transport target found, as the rules saw it (for hovers, code lenses and Test connection). */
	targets: Target[];
	/** Why the file was not scanned (binary, too large), when it was not. */
	skipped?: string;
	errors: string[];
}

export function scan(text: string, kind: FileKind): ScanResult {
	return kind === 'php' ? scanPhp(text) : scanConfig(text, kind);
}

export function analyze(text: string, kind: FileKind, settings: Settings = DEFAULTS): AnalyzeResult {
	const errors: string[] = [];
	if (!settings.enable) return { findings: [], targets: [], errors };
	if (text.length > settings.maxFileSize) {
		return {
			findings: [],
			targets: [],
			errors,
			skipped: `larger than transportLint.maxFileSize (${text.length} > ${settings.maxFileSize})`,
		};
	}
	if (text.slice(0, 8192).includes('\0'))
		return { findings: [], targets: [], errors, skipped: 'binary file (NUL bytes)' };
	const ctx: RuleContext = { settings, kind };
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
		const severity = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
		for (const f of found)
			findings.push({ ruleId: rule.meta.id, severity: severity === 'off' ? 'info' : severity, ...f });
	};
	let scanned: ScanResult;
	try {
		scanned = scan(text, kind);
	} catch (e) {
		errors.push(`scan: ${e instanceof Error ? e.message : String(e)}`);
		return { findings, targets: [], errors };
	}
	const targets = scanned.candidates.map(makeTarget);
	for (const target of targets) {
		const candidate = target.candidate;
		let blocked = false;
		for (const rule of active) {
			if (blocked) break;
			if (!rule.checkUrl || !rule.meta.origins.includes(candidate.origin)) continue;
			const found = run(rule, () => rule.checkUrl!(target, ctx));
			add(rule, found);
			if (found.length && rule.meta.syntax) blocked = true;
		}
	}
	for (const constant of scanned.constants) {
		for (const rule of active)
			if (rule.checkConstant)
				add(
					rule,
					run(rule, () => rule.checkConstant!(constant, ctx)),
				);
	}
	findings.sort((a, b) => a.start - b.start || a.end - b.end);
	return { findings: suppress(text, findings), targets, errors };
}

const DIRECTIVE = /transport-lint-disable-next-line(?:[ \t]+([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*))?/g;
const COMMENT_BEFORE = /(\/\/|#|;|\/\*|<!--|\*)[^\n]*$/;

/** `transport-lint-disable-next-line [rule, ...]` in a comment silences the next line. */
function suppress(text: string, findings: Finding[]): Finding[] {
	if (!findings.length || !text.includes('transport-lint-disable-next-line')) return findings;
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
