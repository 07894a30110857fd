//! Hover on a transport URL: the problems found there first, with their long story (PHP's or the library's exact
//! error, which the diagnostic's one or two sentences leave out), then what the URL means to PHP, from the engine's
//! describe(); on a mail or Redis client setting: what its library will do with it (implicit TLS or STARTTLS, which
//! host and port).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { describe, probeTarget, type ClientConfig, type Finding, type ProjectFacts } from '../engine/index';
import { toRange } from './convert';
import type { Analysed } from './diagnostics';

export function hover(analysed: Analysed, position: Position): Hover | null {
	const { doc, targets } = analysed;
	const offset = doc.offsetAt(position);
	const problems = analysed.findings.filter((f) => f.start <= offset && offset <= f.end);
	const t = targets.find(
		(x) => x.candidate.start <= offset && offset <= Math.max(x.candidate.end, x.candidate.partial?.suffixStart ?? 0),
	);
	const client = analysed.clients.find((c) =>
		[c, c.modeAt, c.portAt].some((r) => r && r.start <= offset && offset <= r.end),
	);
	const lead = problems.length ? problems.map(problem).join('\n\n') + '\n\n---\n\n' : '';
	if (client && (!t || client.start > t.candidate.start)) {
		const about = clientHover(client, analysed.project);
		if (about) return { contents: { kind: MarkupKind.Markdown, value: lead + about } };
	}
	if (!t) {
		if (!problems.length) return null;
		const f = problems[0]!;
		return {
			contents: { kind: MarkupKind.Markdown, value: problems.map(problem).join('\n\n') },
			range: toRange(doc, f.start, f.end),
		};
	}
	const known = analysed.project?.php;
	const php = known
		? `_Verdict for PHP ${known.version} (${known.source})._`
		: '_Verdict for PHP 8.2+ with OpenSSL 3 (no PHP configured or detected)._';
	return {
		contents: { kind: MarkupKind.Markdown, value: `${lead}${describe(t)}\n\n${php}` },
		range: toRange(doc, t.candidate.start, t.candidate.end),
	};
}

/** A problem in the hover: its rule and the long story (the diagnostic already shows the short one). */
function problem(f: Finding): string {
	return `**${f.ruleId}** (${f.severity}): ${escapeMarkdown(f.detail ?? f.message)}`;
}

/** Text shown as it is in Markdown: `MAIL_*`, `<x>` or a backtick in a message must not turn into markup. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()<>#+!|~-]/g, '\\$&');
}

function clientHover(c: ClientConfig, project: ProjectFacts | undefined): string | undefined {
	const p = probeTarget(c);
	if (!p) return undefined;
	const lines = [
		`**${p.says}**`,
		'',
		`Test ${p.protocol} connection opens \`${p.target}\`${p.starttls ? ' and sends STARTTLS' : ''}.`,
	];
	if (c.library === 'laravel-mail')
		lines.push(
			'',
			c.version === undefined
				? 'Laravel version unknown (neither composer.lock nor composer.json names laravel/framework): Laravel 9+ behaviour shown.'
				: project?.from === 'composer.json'
					? `For Laravel ${c.version} (composer.json requires ${escapeMarkdown(project.packages['laravel/framework'] ?? '')}).`
					: `For Laravel ${c.version} (composer.lock).`,
		);
	return lines.join('\n');
}
