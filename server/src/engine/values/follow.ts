//! When and how analyze() asks the value layer: only in PHP files with a sink it must follow (a socket call whose
//! argument is not a literal written in place, a library sink, a weak crypto constant), and what the followed
//! values' findings look like: on the literal that fails, with the call as related information.
import { type PhpScan, type Reuse } from '../scan/php';
import { mentions } from '../text';
import type { Token } from '../scan/php-lexer';
import type { Finding, Flow, TextSource } from '../types';
import { readValues, type ValueAnalysis } from './resolve';
import { SINKS } from './sinks';
import type { SymbolLookup } from './symbols';

/** Library sinks are classes: a file that names none cannot construct one. */
const LIBRARY_SINK = new RegExp(SINKS.flatMap((s) => ('new' in s.call ? [s.call.new] : [])).join('|'));
const WEAK = /^STREAM_CRYPTO_METHOD_(SSLv2|SSLv3|SSLv23|TLSv1_0|TLSv1_1)_/;

export function needsValues(
	text: string | TextSource,
	scanned: Pick<PhpScan, 'constants'> & Partial<Pick<PhpScan, 'unresolved'>>,
	reuse: Reuse | undefined,
	symbols: SymbolLookup | undefined,
): boolean {
	const library = mentions(text, LIBRARY_SINK, 24, reuse, reuse?.prevNamesSink);
	if (reuse) reuse.namesSink = library;
	return (
		library ||
		(scanned.unresolved?.length ?? 0) > 0 ||
		scanned.constants.some((c) => WEAK.test(c.name)) ||
		callsSinkFunction(text, reuse, symbols)
	);
}

/**
 * Whether the text calls a function of another file that passes a parameter on to a sink. Only an index that knows
 * such functions has anything to look for; after a keystroke in a document that called none with the same index,
 * only the text around the edit is read (reading the whole text of a large open document on every keystroke cost more
 * than the rest of the analysis: 5–10 ms in a 1 MB file in a workspace with such functions).
 */
function callsSinkFunction(
	text: string | TextSource,
	reuse: Reuse | undefined,
	symbols: SymbolLookup | undefined,
): boolean {
	const calls = symbols?.sinkCalls();
	if (!calls) return false;
	const prev = reuse?.prevCallsSink;
	const found = mentions(text, calls, CALL_PAD, reuse, prev?.calls === calls.source ? prev.found : undefined);
	if (reuse) reuse.callsSink = { calls: calls.source, found };
	return found;
}

/**
 * How far around an edit a call is looked for: a call is a name, blanks and `(` (callsOf), so one that the edit makes
 * overlaps it and is shorter than this unless a kilobyte of blanks or namespace separates its parts.
 */
const CALL_PAD = 1024;

export function followValues(tokens: Token[], symbols: SymbolLookup | undefined): ValueAnalysis {
	return readValues(tokens, symbols);
}

/**
 * A followed value's findings, placed: a range is kept inside one of the literals the value is made of (else it
 * moves to where the value is received), a fix that would edit across literals is dropped, and the call that
 * receives the value is related information.
 */
export function placed(found: Finding[], flow: Flow): Finding[] {
	const within = (s: number, e: number) => flow.spans.find((x) => s >= x.start && e <= x.end);
	const out: Finding[] = [];
	for (const f of found) {
		let { start, end } = f;
		if (!within(start, end)) {
			const head = flow.spans.find((x) => start >= x.start && start < x.end);
			const tail = flow.spans.find((x) => end > x.start && end <= x.end);
			if (head) end = head.end;
			else if (tail) start = tail.start;
			else ({ start, end } = flow.at);
		}
		const fixes = f.fixes.filter((x) => x.edits.every((e) => !e.across && within(e.start, e.end)));
		const atCall = start >= flow.at.start && end <= flow.at.end;
		const related = [...(f.related ?? [])];
		const of = flow.of ? ` (one of the ${flow.of} values it can take)` : '';
		if (!atCall) related.push({ ...flow.at, message: `${flow.receiver} receives this value here${of}.` });
		else if (flow.socket && !flow.inner)
			related.push({ ...flow.at, message: `${flow.receiver} passes this value to ${flow.socket}${of}.` });
		else if (flow.from !== undefined)
			related.push({ ...flow.at, message: `${flow.receiver} receives this value, written in ${flow.from}${of}.` });
		const inner = flow.inner;
		if (inner)
			related.push({
				start: inner.start,
				end: inner.end,
				message: `${flow.receiver} passes it to ${inner.name} here.`,
			});
		out.push({ ...f, start, end, fixes, ...(related.length && { related }) });
	}
	return out;
}

/** One finding per rule, range and message: a literal that reaches several calls is reported once, related to each. */
export function mergeSame(findings: Finding[]): Finding[] {
	const byKey = new Map<string, Finding>();
	const out: Finding[] = [];
	for (const f of findings) {
		const key = `${f.ruleId}\0${f.start}\0${f.end}\0${f.message}`;
		const was = byKey.get(key);
		if (!was) {
			byKey.set(key, f);
			out.push(f);
			continue;
		}
		for (const r of f.related ?? [])
			if (!was.related?.some((x) => x.start === r.start && x.end === r.end)) (was.related ??= []).push(r);
	}
	return out;
}
