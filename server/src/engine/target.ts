//! A candidate as PHP will see it: fsockopen() appends ":port" to its host when port > 0 (ext/standard/fsock.c
//! php_fsockopen_stream()), and the spans of the parse map back to document offsets in the literal or the port argument.
import { parseTransportUrl, port16, type Span, type TransportUrl } from './parse';
import type { Candidate, Edit, FileKind } from './types';
import type { SslOptions } from './clients/model';
import type { PhpEnvironment } from './php-env';
import type { Settings } from './settings';

export interface Target {
	candidate: Candidate;
	url: TransportUrl;
	/** Interpolated or concatenated: only the prefix (and `suffixPort`) is known. */
	partial: boolean;
	/** A port known from a literal suffix (`"tls://$host:587"`) or from fsockopen's port argument. */
	knownPort?: { port: number; start: number; end: number; fromArgument: boolean };
	/** fsockopen was given a port argument that is not a literal: PHP may append ":port", we cannot tell. */
	portArgumentUnknown: boolean;
	/** Length of the part of `url.raw` written in the literal; the rest is fsockopen's appended ":port". */
	literalLength: number;
	/** The literal ssl options of the context passed to the call (`$ctx`), created in the same function. */
	context?: SslOptions;
}

/**
 * What the project's composer files say (package name → installed version from composer.lock, or the constraint
 * from composer.json; "php" is the platform requirement), and the PHP that will run the code, when known.
 */
export interface ProjectFacts {
	packages: Record<string, string>;
	/** Where the versions were read: installed ones (composer.lock) or constraints (composer.json). */
	from?: 'composer.lock' | 'composer.json';
	php?: PhpEnvironment;
}

export interface RuleContext {
	settings: Settings;
	kind: FileKind;
	project?: ProjectFacts;
}

/** The major version of a package from a version or constraint ("v10.48.2", "^8.75|^9.0" → 8), if any. */
export function majorVersion(project: ProjectFacts | undefined, name: string): number | undefined {
	const v = project?.packages[name];
	const m = v === undefined ? null : /(\d+)/.exec(v);
	return m ? Number(m[1]) : undefined;
}

export function makeTarget(c: Candidate): Target {
	const portArg = c.call?.port;
	const appended = portArg?.known && portArg.int !== undefined && portArg.int > 0 ? portArg.int : undefined;
	const url = parseTransportUrl(appended === undefined ? c.value : `${c.value}:${appended}`);
	const fromArgument = (port: number): Target['knownPort'] =>
		portArg && { port: port16(port), start: portArg.start, end: portArg.end, fromArgument: true };
	let knownPort: Target['knownPort'];
	if (c.partial) {
		const m = /^:(\d{1,5})$/.exec(c.partial.suffix);
		if (appended !== undefined) knownPort = fromArgument(appended);
		else if (m) {
			const map = c.partial.suffixMap;
			const start = map ? map[1]! : c.partial.suffixStart + 1;
			const end = map ? map[1 + m[1]!.length]! : start + m[1]!.length;
			knownPort = { port: Number(m[1]), start, end, fromArgument: false };
		}
	} else if (appended !== undefined) {
		const own = parseTransportUrl(c.value);
		const digits = own.portDigits;
		knownPort =
			own.port !== undefined && !own.error && digits && digits.end > digits.start
				? { port: own.port, ...docSpanOf(c, c.value.length, digits), fromArgument: false }
				: fromArgument(appended);
	} else if (url.port !== undefined) {
		knownPort = { port: url.port, ...docSpanOf(c, c.value.length, url.portDigits!), fromArgument: false };
	}
	return {
		candidate: c,
		url,
		partial: c.partial !== undefined,
		knownPort,
		portArgumentUnknown: portArg !== undefined && !portArg.known,
		literalLength: c.value.length,
	};
}

function docSpanOf(c: Candidate, literalLength: number, span: Span): { start: number; end: number; across?: boolean } {
	const at = (k: number): number => {
		if (k > literalLength) return c.call?.port?.end ?? c.end;
		return c.map ? c.map[k]! : c.start + k;
	};
	// A followed value is made of literals written in different places: a span is cut at the end of its literal.
	const piece = c.flow?.pieces.find((p) => span.start >= p.from && span.start < p.to);
	if (piece && span.end > piece.to) return { start: at(span.start), end: at(piece.to - 1) + 1, across: true };
	return { start: at(span.start), end: Math.max(at(span.end), at(span.start)) };
}

/** Document range of a span of `url.raw`; the appended fsockopen port maps to the port argument. */
export function docRange(t: Target, span: Span): { start: number; end: number; across?: boolean } {
	const c = t.candidate;
	if (span.start >= t.literalLength && c.call?.port) return { start: c.call.port.start, end: c.call.port.end };
	const end = Math.min(span.end, t.literalLength);
	return docSpanOf(c, t.literalLength, { start: span.start, end });
}

/** The whole literal (what a diagnostic about the target as a whole underlines). */
export function wholeRange(t: Target): { start: number; end: number } {
	return docRange(t, { start: 0, end: t.literalLength });
}

/** An edit replacing a span of `url.raw` that lies inside the literal. */
export function editSpan(t: Target, span: Span, text: string): Edit {
	const r = docRange(t, span);
	return r.across ? { start: r.start, end: r.end, text, across: true } : { start: r.start, end: r.end, text };
}
