//! Hover on a transport URL: what it means to PHP, from the engine's describe(); on a mail or Redis client setting:
//! what its library will do with it (implicit TLS or STARTTLS, which host and port).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { describe, probeTarget, type ClientConfig } from '../engine/index';
import { toRange } from './convert';
import type { Analysed } from './diagnostics';

export function hover(analysed: Analysed, position: Position): Hover | null {
	const { doc, targets } = analysed;
	const offset = doc.offsetAt(position);
	const t = targets.find(
		(x) => x.candidate.start <= offset && offset <= Math.max(x.candidate.end, x.candidate.partial?.suffixStart ?? 0),
	);
	const client = analysed.clients.find((c) =>
		[c, c.modeAt, c.portAt].some((r) => r && r.start <= offset && offset <= r.end),
	);
	if (client && (!t || client.start > t.candidate.start)) return clientHover(client);
	if (!t) return null;
	const php = analysed.php
		? `_Verdict for PHP ${analysed.php.version} (${analysed.php.source})._`
		: '_Verdict for PHP 8.2+ with OpenSSL 3 (no PHP configured or detected)._';
	return {
		contents: { kind: MarkupKind.Markdown, value: `${describe(t)}\n\n${php}` },
		range: toRange(doc, t.candidate.start, t.candidate.end),
	};
}

function clientHover(c: ClientConfig): Hover | null {
	const p = probeTarget(c);
	if (!p) return null;
	const lines = [
		`**${p.says}**`,
		'',
		`Test ${p.protocol} connection opens \`${p.target}\`${p.starttls ? ' and sends STARTTLS' : ''}.`,
	];
	if (c.library === 'laravel-mail')
		lines.push(
			'',
			c.version === undefined
				? 'Laravel version unknown (no composer.lock): Laravel 9+ behaviour shown.'
				: `For Laravel ${c.version} (composer.lock).`,
		);
	return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}
