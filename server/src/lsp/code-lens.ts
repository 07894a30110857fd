//! "Test connection" lenses (off with transportLint.codeLens.enable): one above each connection Test connection can
//! test as written (the engine's testTargets: complete, parsed by PHP, not a stream_socket_server() listen address;
//! mail and Redis configurations with host, port and TLS mode). Cheap on keystrokes: a lens is sent as its position
//! and offset, and gets its title and command only when the editor resolves it (VS Code resolves the lenses on
//! screen). The standard request's whole list is kept with the analysis (asked again for the same version, it costs
//! nothing); transportLint/codeLens, which VS Code's client sends, looks only at the lines it names.
import type { CodeLens } from 'vscode-languageserver-protocol';
import { testTargets, type TestTarget } from '../engine/index';
import { Commands } from '../protocol';
import type { Analysed } from './diagnostics';

/** What a lens carries until it is resolved. */
interface LensData {
	uri: string;
	offset: number;
	/** What a mail or Redis configuration's lens tests. */
	protocol?: TestTarget['protocol'];
}

/** What each analysis can test, found once (a keystroke makes a new analysis; asking again for it is free). */
const testable = new WeakMap<Analysed, TestTarget[]>();
const made = new WeakMap<Analysed, CodeLens[]>();

function targetsOf(analysed: Analysed): TestTarget[] {
	let t = testable.get(analysed);
	if (!t) testable.set(analysed, (t = testTargets(analysed)));
	return t;
}

function lens(analysed: Analysed, t: TestTarget): CodeLens {
	const at = analysed.doc.positionAt(t.start);
	const data: LensData = { uri: analysed.doc.uri, offset: t.start, ...(t.protocol && { protocol: t.protocol }) };
	return { range: { start: at, end: at }, data };
}

/** Every lens of the document (the standard request, for clients that show them all). */
export function codeLenses(analysed: Analysed): CodeLens[] {
	let lenses = made.get(analysed);
	if (!lenses) made.set(analysed, (lenses = targetsOf(analysed).map((t) => lens(analysed, t))));
	return lenses;
}

/**
 * The lenses on the given lines (inclusive): only the targets and configurations that start there are looked at and
 * placed, so the cost follows the lines asked for, not the document's URLs.
 */
export function codeLensesOn(analysed: Analysed, lines: readonly { start: number; end: number }[]): CodeLens[] {
	const { doc } = analysed;
	const spans = lines.map(({ start, end }) => ({
		lo: doc.offsetAt({ line: start, character: 0 }),
		hi: doc.offsetAt({ line: end + 1, character: 0 }),
	}));
	const on = (offset: number) => spans.some((s) => offset >= s.lo && offset < s.hi);
	const visible = {
		targets: analysed.targets.filter((t) => on(t.candidate.start)),
		clients: analysed.clients.filter((c) => on(c.start)),
		findings: analysed.findings,
	};
	return testTargets(visible).map((t) => lens(analysed, t));
}

/** The title and command of a lens codeLenses made (a lens it did not make is returned as it is). */
export function resolveCodeLens(lens: CodeLens): CodeLens {
	const data = lens.data as Partial<LensData> | undefined;
	if (typeof data?.uri !== 'string' || typeof data.offset !== 'number') return lens;
	return {
		...lens,
		command: {
			title: data.protocol ? `Test ${data.protocol} connection` : 'Test connection',
			command: Commands.testConnection,
			arguments: [{ uri: data.uri, offset: data.offset, ...(data.protocol && { client: true }) }],
		},
	};
}
