//! The open documents, kept in sync from didOpen / didChange / didClose (incremental or full-text changes), and for
//! each the span its text changed in since the analysis last asked: the ranges of the changes say where, so a
//! keystroke in a 10 MB document does not need a comparison of the whole text to find it. Texts are kept in byte
//! buffers (text-buffer.ts) and made into strings when read.
import type {
	DidChangeTextDocumentParams,
	DidCloseTextDocumentParams,
	DidOpenTextDocumentParams,
} from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../engine/index';
import { BufferedTextDocument } from './text-buffer';

type Listener<T> = (value: T) => unknown;

interface Tracked {
	doc: BufferedTextDocument;
	/** Length of the text when the span was last taken; undefined until it is taken once. */
	takenLength?: number;
	/** Since then: this many leading and trailing characters are unchanged (undefined: nothing changed). */
	prefix?: number;
	suffix?: number;
}

export class Documents {
	private readonly docs = new Map<string, Tracked>();
	private readonly openListeners: Listener<TextDocument>[] = [];
	private readonly changeListeners: Listener<TextDocument>[] = [];
	private readonly closeListeners: Listener<string>[] = [];

	get(uri: string): TextDocument | undefined {
		return this.docs.get(uri)?.doc;
	}
	all(): TextDocument[] {
		return [...this.docs.values()].map((t) => t.doc);
	}
	onDidOpen(l: Listener<TextDocument>): void {
		this.openListeners.push(l);
	}
	/** A document's text changed (not fired on open). */
	onDidChangeContent(l: Listener<TextDocument>): void {
		this.changeListeners.push(l);
	}
	onDidClose(l: Listener<string>): void {
		this.closeListeners.push(l);
	}

	/**
	 * The span the text changed in since the last call (offsets in that text and in the current one), and marks the
	 * current text as taken. Undefined on the first call for a document: nothing is known to compare with.
	 */
	takeEdit(uri: string): TextEdit | undefined {
		const t = this.docs.get(uri);
		if (!t) return undefined;
		const before = t.takenLength;
		const length = t.doc.length;
		const { prefix, suffix } = t;
		t.takenLength = length;
		t.prefix = t.suffix = undefined;
		if (before === undefined) return undefined;
		if (prefix === undefined || suffix === undefined) return { start: length, oldEnd: length, newEnd: length };
		return { start: prefix, oldEnd: before - suffix, newEnd: length - suffix };
	}

	opened(p: DidOpenTextDocumentParams): void {
		const d = p.textDocument;
		const doc = new BufferedTextDocument(d.uri, d.languageId, d.version, d.text);
		this.docs.set(d.uri, { doc });
		for (const l of this.openListeners) l(doc);
	}
	changed(p: DidChangeTextDocumentParams): void {
		const t = this.docs.get(p.textDocument.uri);
		if (!t || p.textDocument.version === null) return;
		for (const change of p.contentChanges) {
			const length = t.doc.length;
			let start = 0;
			let end = length;
			if ('range' in change) {
				start = t.doc.offsetAt(change.range.start);
				end = Math.max(start, t.doc.offsetAt(change.range.end));
			}
			// Characters before `start` and after `end` are untouched by this change.
			t.prefix = Math.min(t.prefix ?? start, start);
			t.suffix = Math.min(t.suffix ?? length - end, length - end);
			t.doc.update([change], p.textDocument.version);
		}
		for (const l of this.changeListeners) l(t.doc);
	}
	closed(p: DidCloseTextDocumentParams): void {
		if (!this.docs.delete(p.textDocument.uri)) return;
		for (const l of this.closeListeners) l(p.textDocument.uri);
	}
}
