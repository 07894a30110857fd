//! A probe report as text: the target, each step with its time, then the verdict (CLI and output channel).
import type { ProbeReport } from './types';

export function formatReport(r: ProbeReport): string {
	const lines = r.library ? [r.library, r.target] : [r.target];
	for (const s of r.steps)
		lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(9)} ${String(s.ms).padStart(5)} ms  ${s.detail}`);
	if (r.php) {
		const p = r.php;
		lines.push(
			`  PHP ${p.version ?? ''} (${p.php}): ${p.failure ?? (p.ok ? 'connected' : 'failed')}${p.ms !== undefined ? ` in ${p.ms} ms` : ''}`,
		);
		if (p.crypto?.protocol)
			lines.push(`    ${p.crypto.protocol}${p.crypto.cipher_name ? `, ${p.crypto.cipher_name}` : ''}`);
		for (const w of p.warnings) lines.push(...w.split('\n').map((l) => `    ${l}`));
	}
	lines.push(`${r.ok ? '✓' : '✗'} ${r.verdict}`);
	return lines.join('\n') + '\n';
}

/**
 * A verdict for a notification: its first two sentences, at most about 200 characters (the rest is in the output,
 * behind "Show details"). A sentence ends at ". " before a capital letter or a quote; "e.g." or a version does not.
 */
export function briefVerdict(verdict: string, max = 200): string {
	const ends = [...verdict.matchAll(/[.!?] (?=[A-Z"'(])/g)].map((m) => m.index + 1);
	let cut = verdict.length;
	if (ends.length >= 2) cut = ends[1]!;
	if (cut > max) cut = ends.find((e) => e <= max) ?? cut;
	let text = verdict.slice(0, cut).trim();
	if (text.length > max) text = text.slice(0, max - 2).trimEnd();
	return text.length < verdict.trim().length ? `${text} …` : text;
}
