//! What Test connection can test: a target whose host and port (or socket path) are fully known and that PHP can
//! parse, or a mail or Redis client configuration with its host, port and TLS mode; and why not, otherwise.
import type { AnalyzeResult } from './analyze';
import { probeTarget, type ClientProtocol, type ClientStarttls } from './clients/model';
import { RULES_BY_ID } from './rules/index';
import type { Target } from './target';
import type { Finding } from './types';

/** What to test for a target, or why not. */
export function testableTarget(t: Target, findings: Finding[]): { target: string } | { refused: string } {
	if (t.partial) return { refused: 'Part of this target is computed at run time; type the full URL to test it.' };
	const c = t.candidate;
	const end = c.call?.port?.end ?? c.end;
	const blocking = findings.find(
		(f) => f.severity === 'error' && f.start >= c.start && f.end <= end && RULES_BY_ID.get(f.ruleId)?.meta.syntax,
	);
	if (blocking) return { refused: blocking.message };
	return { target: t.url.raw };
}

/** A connection a file makes that can be tested as written: where it is, and what to connect to. */
export interface TestTarget {
	start: number;
	target: string;
	starttls?: ClientStarttls;
	/** The library configuration it comes from, when it is one (e.g. "PHPMailer"), and what it speaks. */
	client?: string;
	protocol?: ClientProtocol;
}

/**
 * Every target of an analysed file that can be tested as written: complete (host and port, or a socket path),
 * parsed by PHP without a syntax error, not a stream_socket_server() listen address, and mail or Redis
 * configurations with host, port and TLS mode.
 */
export function testTargets(result: Pick<AnalyzeResult, 'targets' | 'clients' | 'findings'>): TestTarget[] {
	const out: TestTarget[] = [];
	for (const c of result.clients) {
		const p = probeTarget(c);
		if (p)
			out.push({
				start: c.start,
				target: p.target,
				...(p.starttls && { starttls: p.starttls }),
				client: c.label,
				protocol: p.protocol,
			});
	}
	for (const t of result.targets) {
		// A listen address is where this program waits for others: there is nothing to connect to.
		if (t.candidate.call?.fn === 'stream_socket_server') continue;
		const r = testableTarget(t, result.findings);
		const complete =
			t.url.info?.family === 'unix' ? !!t.url.path : !!t.url.host && t.url.port !== undefined && t.url.port > 0;
		if ('target' in r && complete) out.push({ start: t.candidate.start, target: r.target });
	}
	return out.sort((a, b) => a.start - b.start);
}
