//! A probe report as text: the target, each step with its time, then the verdict (CLI and output channel).
import type { ProbeReport } from './types';

export function formatReport(r: ProbeReport): string {
	const lines = r.library ? [r.library, r.target] : [r.target];
	for (const s of r.steps)
		lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(9)} ${String(s.ms).padStart(5)} ms  ${s.detail}`);
	lines.push(`${r.ok ? '✓' : '✗'} ${r.verdict}`);
	return lines.join('\n') + '\n';
}
