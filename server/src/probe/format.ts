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
