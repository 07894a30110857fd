//! The open documents: vscode-languageserver's TextDocuments over the byte-buffer document (text-buffer.ts: texts
//! kept in buffers and made into strings when read), and for each the span its text changed in since the analysis
//! last asked. The changes' ranges say where, as the library's `update` hook applies them, so a keystroke in a 10 MB
//! document needs no comparison of the whole text to find it.
import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextEdit } from '../engine/index';
import { BufferedTextDocument } from './text-buffer';

/** What changed in a document since its span was last taken. */
interface Tracked {
	/** Length of the text when the span was last taken; undefined until it is taken once. */
	takenLength?: number;
	/** Since then: this many leading and trailing characters are unchanged (undefined: nothing changed). */
	prefix?: number;
	suffix?: number;
}

const tracked = new WeakMap<BufferedTextDocument, Tracked>();

function update(doc: BufferedTextDocument, changes: TextDocumentContentChangeEvent[], version: number) {
	let t = tracked.get(doc);
	if (!t) tracked.set(doc, (t = {}));
	for (const change of changes) {
		const length = doc.length;
		let start = 0;
		let end = length;
		if ('range' in change) {
			start = doc.offsetAt(change.range.start);
			end = Math.max(start, doc.offsetAt(change.range.end));
		}
		// Characters before `start` and after `end` are untouched by this change.
		t.prefix = Math.min(t.prefix ?? start, start);
		t.suffix = Math.min(t.suffix ?? length - end, length - end);
		doc.update([change], version);
	}
	return doc;
}

export class Documents extends TextDocuments<BufferedTextDocument> {
	constructor() {
		super({
			create: (uri, languageId, version, text) => new BufferedTextDocument(uri, languageId, version, text),
			update,
		});
	}

	/**
	 * The span the text changed in since the last call (offsets in that text and in the current one), and marks the
	 * current text as taken. Undefined on the first call for a document: nothing is known to compare with.
	 */
	takeEdit(uri: string): TextEdit | undefined {
		const doc = this.get(uri);
		if (!doc) return undefined;
		let t = tracked.get(doc);
		if (!t) tracked.set(doc, (t = {}));
		const before = t.takenLength;
		const length = doc.length;
		const { prefix, suffix } = t;
		t.takenLength = length;
		t.prefix = t.suffix = undefined;
		if (before === undefined) return undefined;
		if (prefix === undefined || suffix === undefined) return { start: length, oldEnd: length, newEnd: length };
		return { start: prefix, oldEnd: before - suffix, newEnd: length - suffix };
	}
}
