//! Handles TestConnectionRequest and ListTargetsRequest: picks the target PHP would get (fsockopen's port appended),
//! refuses what cannot work with the diagnostic's message, and runs probe() with the request's cancellation.
import type { CancellationToken } from 'vscode-jsonrpc';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { IMPLICIT_TLS_TWIN } from '../engine/transports';
import { probeTarget, testableTarget, type ClientConfig, type Target } from '../engine/index';
import type { ProbeReport, TargetItem, TestConnectionParams, TestConnectionResult } from '../protocol';
import { probe } from '../probe/probe';
import { testWithPhp, type PhpOutcome } from '../probe/php-run';
import type { Analysed } from './diagnostics';

export interface ProbeSettings {
	timeoutMs: number;
	ca: string[];
	udpPayload?: string;
	/** The PHP binary for params.php, or why there is none. */
	php?: { binary: string } | { refused: string };
}

export function listTargets(a: Analysed): TargetItem[] {
	const clients: TargetItem[] = [];
	for (const c of a.clients) {
		const p = probeTarget(c);
		if (!p) continue;
		const line = a.doc.positionAt(c.start).line;
		clients.push({
			offset: c.start,
			end: c.end,
			line,
			target: `${p.target}${p.starttls ? ' + STARTTLS' : ''} (${c.label})`,
			client: true,
		});
	}
	return clients.concat(
		a.targets.map((t) => {
			const r = testableTarget(t, a.findings);
			const line = a.doc.positionAt(t.candidate.start).line;
			const at = { offset: t.candidate.start, end: t.candidate.end, line };
			return 'target' in r ? { ...at, target: r.target } : { ...at, target: t.candidate.value, refused: r.refused };
		}),
	);
}

export async function testConnection(
	params: TestConnectionParams,
	analysed: Analysed | undefined,
	settings: ProbeSettings,
	token: CancellationToken,
): Promise<TestConnectionResult> {
	let target = params.target;
	let starttls = params.starttls;
	let library: string | undefined;
	let context: Record<string, unknown> | undefined;
	let config: ClientConfig | undefined;
	if (target === undefined && params.client) {
		const c = analysed?.clients.find((x) => x.start <= params.offset! && params.offset! <= x.end);
		const p = c && probeTarget(c);
		if (!p) return { refused: 'There is no complete mail or Redis configuration (host and port) at that position.' };
		target = p.target;
		starttls = p.starttls;
		library = p.says;
		config = c;
	} else if (target === undefined) {
		const t = analysed?.targets.find((x) => x.candidate.start <= params.offset! && params.offset! <= x.candidate.end);
		if (!t || !analysed) return { refused: 'There is no transport URL at that position.' };
		const r = testableTarget(t, analysed.findings);
		if ('refused' in r) return r;
		target = r.target;
		context = contextOptions(t);
	}
	if (params.php && (!settings.php || 'refused' in settings.php))
		return {
			refused: settings.php && 'refused' in settings.php ? settings.php.refused : 'No PHP binary is configured.',
		};
	const phpBinary = params.php && settings.php && 'binary' in settings.php ? settings.php.binary : undefined;
	const controller = new AbortController();
	const sub = token.onCancellationRequested(() => controller.abort());
	try {
		const docDir = params.uri ? path.dirname(URI.parse(params.uri).fsPath) : process.cwd();
		const phpRun = phpBinary
			? testWithPhp(phpBinary, target, {
					timeoutMs: settings.timeoutMs,
					starttls: starttls === 'smtp',
					...(context && { context }),
				})
			: undefined;
		const report = await probe(
			target,
			{
				timeoutMs: settings.timeoutMs,
				ca: settings.ca,
				udpPayload: settings.udpPayload,
				starttls,
				signal: controller.signal,
			},
			docDir,
		);
		const php = phpRun ? await phpRun : undefined;
		const said = (config && inConfigTerms(report, config)) ?? report.verdict;
		const verdict = php ? `${said} ${phpVerdict(php)}` : said;
		return { report: { ...report, verdict, ...(library && { library }), ...(php && { php }) } };
	} finally {
		sub.dispose();
	}
}

/**
 * A configuration's failed test, said in the terms of the setting the user edits (MAIL_ENCRYPTION, SMTPSecure, the
 * DSN's scheme) rather than in PHP's socket terms (tcp://, stream_socket_enable_crypto()): TLS from the first byte to
 * a port that greets in plaintext. Undefined when the report is not that case, or the configuration cannot say it.
 */
export function inConfigTerms(report: ProbeReport, c: ClientConfig): string | undefined {
	if (report.ok || !report.greeting || !report.steps.some((s) => s.step === 'tls' && !s.ok)) return undefined;
	if (!report.target.startsWith('tls://')) return undefined;
	const to = c.modeText.starttls ?? c.modeText.opportunistic;
	// A word is quoted ("tls"); code (PHPMailer::ENCRYPTION_STARTTLS, 'tls') is shown as written.
	const shown = to !== undefined && /^[\w.-]*$/.test(to) ? `"${to}"` : to;
	const setting = c.modeAt && to !== undefined ? `set ${c.modeAt.name} to ${shown} (STARTTLS)` : undefined;
	const twin = c.port !== undefined ? IMPLICIT_TLS_TWIN.get(c.port) : undefined;
	const port =
		twin !== undefined
			? `${c.portAt ? `set ${c.portAt.name} to` : 'use port'} ${twin} (TLS from the first byte)`
			: undefined;
	const ways = [setting, port].filter(Boolean);
	if (!ways.length) return undefined;
	const fix = ways.join(', or ');
	return `Port ${c.port} speaks plaintext first ("${report.greeting.slice(0, 60)}"), but ${c.label} starts TLS at once: it fails with "wrong version number". ${fix[0]!.toUpperCase()}${fix.slice(1)}.`;
}

/** One sentence on what the user's PHP got, for the notification. */
function phpVerdict(p: PhpOutcome): string {
	const who = `PHP ${p.version ?? ''}`.trim();
	if (p.failure) return `${who}: ${p.failure}.`;
	if (p.ok) return `${who} connected${p.crypto?.protocol ? ` (${p.crypto.protocol})` : ''}.`;
	const detail =
		p.warnings.find((w) => /OpenSSL Error|Connection refused|timed out|getaddrinfo/i.test(w)) ?? p.warnings[0];
	return `${who} failed: ${(detail ?? p.errstr ?? 'no detail').replace(/\s+/g, ' ')}`;
}

/** The literal 'ssl' options of the context the code passes to this call, as PHP values (constants left out). */
export function contextOptions(t: Target): Record<string, unknown> | undefined {
	if (!t.context) return undefined;
	const ssl: Record<string, unknown> = {};
	for (const [name, v] of t.context.entries) {
		if (!v || v.kind === 'const') continue;
		ssl[name] =
			v.kind === 'bool' ? v.text === 'true' : v.kind === 'null' ? null : v.kind === 'num' ? Number(v.text) : v.text;
	}
	return Object.keys(ssl).length ? { ssl } : undefined;
}
