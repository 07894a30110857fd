//! The server's document store: texts follow the changes, and the change span it reports since the last take is
//! exact enough for incremental lexing (the text outside it is unchanged), over random batches of changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lexPhp, lexPhpIncremental, type Lexed } from '../../server/src/engine/index';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
	DidChangeTextDocumentParams,
	DidCloseTextDocumentParams,
	DidOpenTextDocumentParams,
} from 'vscode-languageserver-protocol';
import { Documents } from '../../server/src/lsp/documents';
import { placeArb } from '../fuzz/arbitraries';
import { BufferedTextDocument } from '../../server/src/lsp/text-buffer';

const URI = 'file:///t.php';

/** The document notifications TextDocuments.listen registers for, driven by hand (no server process here). */
function listening(docs: Documents) {
	const on: Record<string, (p: unknown) => void> = {};
	const register = (name: string) => (h: (p: unknown) => void) => ((on[name] = h), { dispose() {} });
	docs.listen({
		onDidOpenTextDocument: register('open'),
		onDidChangeTextDocument: register('change'),
		onDidCloseTextDocument: register('close'),
		onWillSaveTextDocument: register('willSave'),
		onWillSaveTextDocumentWaitUntil: register('willSaveWaitUntil'),
		onDidSaveTextDocument: register('save'),
	} as unknown as Parameters<Documents['listen']>[0]);
	return {
		opened: (p: DidOpenTextDocumentParams) => on.open!(p),
		changed: (p: DidChangeTextDocumentParams) => on.change!(p),
		closed: (p: DidCloseTextDocumentParams) => on.close!(p),
	};
}
const CHUNKS = ["fsockopen('tcp://[::1]', 80);\n", '/* x */', '"', "'", '\n', '<?php ', '?>', 'ab', '', '\r\n', '😀'];

/** A change as a client sends it: a range in line/character (UTF-16) of the current text, or the whole text. */
const changeArb = fc.record({
	full: fc.nat({ max: 9 }).map((n) => n === 0),
	at: placeArb,
	remove: fc.nat({ max: 30 }),
	insert: fc.array(fc.constantFrom(...CHUNKS), { maxLength: 4 }).map((a) => a.join('')),
});

/** LSP lines end at \n, \r\n or a lone \r. */
function position(text: string, offset: number) {
	const before = text.slice(0, offset).split(/\r\n|\r|\n/);
	return { line: before.length - 1, character: before[before.length - 1]!.length };
}
/** A client's offsets never split a surrogate pair or a CRLF. */
const inside = (text: string, i: number) =>
	/[\uDC00-\uDFFF]/.test(text[i] ?? '') || (text[i] === '\n' && text[i - 1] === '\r');

test('takeEdit spans every change since the last take, and incremental lexing on it equals a full lexing', () => {
	fc.assert(
		fc.property(
			fc.array(fc.constantFrom(...CHUNKS), { minLength: 20, maxLength: 400 }).map((a) => '<?php\n' + a.join('')),
			fc.array(fc.tuple(fc.array(changeArb, { minLength: 1, maxLength: 4 }), fc.boolean()), {
				minLength: 1,
				maxLength: 8,
			}),
			(start, batches) => {
				const docs = new Documents();
				const client = listening(docs);
				client.opened({ textDocument: { uri: URI, languageId: 'php', version: 1, text: start } });
				assert.equal(docs.takeEdit(URI), undefined);
				let taken = start;
				let lexed: Lexed = lexPhpIncremental(taken);
				let text = start;
				let version = 1;
				for (const [changes, take] of batches) {
					const contentChanges = [];
					for (const c of changes) {
						let s = Math.floor(c.at * text.length);
						while (s > 0 && inside(text, s)) s--;
						let e = Math.min(text.length, s + c.remove);
						while (e < text.length && inside(text, e)) e++;
						if (c.full) {
							contentChanges.push({ text: c.insert });
							text = c.insert;
						} else {
							contentChanges.push({ range: { start: position(text, s), end: position(text, e) }, text: c.insert });
							text = text.slice(0, s) + c.insert + text.slice(e);
						}
					}
					client.changed({ textDocument: { uri: URI, version: ++version }, contentChanges });
					assert.equal(docs.get(URI)!.getText(), text);
					if (!take) continue;
					const edit = docs.takeEdit(URI)!;
					assert.ok(edit.start <= edit.oldEnd && edit.start <= edit.newEnd, JSON.stringify(edit));
					assert.equal(taken.slice(0, edit.start), text.slice(0, edit.start));
					assert.equal(taken.slice(edit.oldEnd), text.slice(edit.newEnd));
					lexed = lexPhpIncremental(text, lexed, edit);
					assert.deepEqual(lexed.tokens, lexPhp(text));
					taken = text;
				}
			},
		),
		{ numRuns: 300 },
	);
});

test('a take with no change in between reports an empty span at the end; closing forgets the document', () => {
	const docs = new Documents();
	const client = listening(docs);
	const closed: string[] = [];
	docs.onDidClose((e) => closed.push(e.document.uri));
	client.opened({ textDocument: { uri: URI, languageId: 'php', version: 1, text: 'abc' } });
	docs.takeEdit(URI);
	assert.deepEqual(docs.takeEdit(URI), { start: 3, oldEnd: 3, newEnd: 3 });
	client.closed({ textDocument: { uri: URI } });
	assert.deepEqual(closed, [URI]);
	assert.equal(docs.get(URI), undefined);
	assert.equal(docs.takeEdit(URI), undefined);
});

test('the buffered document agrees with vscode-languageserver-textdocument: text, positions, offsets, lines', () => {
	// Code units below 256, above (two bytes per unit from then on), astral pairs; every kind of line end.
	const pieces = ['a', 'é', 'Ā', '😀', '\n', '\r\n', '\r', ' ', 'xyz'];
	const pos = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
	const change = fc.oneof(
		{ weight: 1, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => ({ text: a.join('') })) },
		{
			weight: 6,
			arbitrary: fc.record({
				range: fc.record({ start: pos, end: pos }),
				text: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((a) => a.join('')),
			}),
		},
	);
	fc.assert(
		fc.property(
			fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')),
			fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
			(start, batches) => {
				const ours = new BufferedTextDocument(URI, 'php', 1, start);
				const theirs = TextDocument.create(URI, 'php', 1, start);
				let version = 1;
				const same = (): void => {
					const text = theirs.getText();
					assert.equal(ours.getText(), text);
					assert.equal(ours.length, text.length);
					assert.equal(ours.lineCount, theirs.lineCount);
					assert.equal(ours.version, theirs.version);
					for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(ours.positionAt(o), theirs.positionAt(o));
					for (let line = -1; line <= theirs.lineCount; line++) {
						assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
						assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line));
						for (let character = -1; character < 8; character++) {
							assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }));
							const range = { start: { line: 0, character: 1 }, end: { line, character } };
							assert.equal(ours.getText(range), theirs.getText(range));
						}
					}
				};
				same();
				for (const changes of batches) {
					version++;
					// Clients send lines that exist (characters past a line's end are clamped by both); the library
					// leaves holes in its line table for lines past the end, which this document does not copy.
					const sent = changes.map((c) => {
						const clamp = (p: { line: number; character: number }) => ({
							line: Math.min(Math.max(p.line, 0), theirs.lineCount - 1),
							character: p.character,
						});
						const n =
							'range' in c ? { range: { start: clamp(c.range.start), end: clamp(c.range.end) }, text: c.text } : c;
						TextDocument.update(theirs, [n], version);
						return n;
					});
					ours.update(sent, version);
					// Read a range before the whole text once, so the unmaterialized path is compared too.
					const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 2 } };
					assert.equal(ours.getText(range), theirs.getText(range));
					same();
				}
			},
		),
		{ numRuns: 400 },
	);
});

test('a long buffered document keeps its lines across blocks of the line table: edits anywhere, lines added and removed', () => {
	// The line table shifts whole blocks of 512 lines at once (text-buffer.ts LineTable): documents of a few
	// thousand lines, edited at lines all over them, compared with vscode-languageserver-textdocument.
	const pieces = ['a', 'é', '\n', '\r\n', '\r', 'xyz', ''];
	const change = fc.record({
		line: fc.nat({ max: 4000 }),
		character: fc.nat({ max: 6 }),
		span: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
		text: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((a) => a.join('')),
	});
	fc.assert(
		fc.property(
			fc.integer({ min: 500, max: 3000 }),
			fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
			fc.nat(),
			(lines, batches, seed) => {
				const start = Array.from(
					{ length: lines },
					(_, i) => (i % 7 === 0 ? 'é' : 'ab') + (i % 5 ? '\n' : '\r\n'),
				).join('');
				const ours = new BufferedTextDocument(URI, 'php', 1, start);
				const theirs = TextDocument.create(URI, 'php', 1, start);
				let version = 1;
				for (const changes of batches) {
					version++;
					const sent = changes.map((c) => {
						const line = c.line % theirs.lineCount;
						const from = theirs.offsetAt({ line, character: c.character });
						const n = {
							range: { start: theirs.positionAt(from), end: theirs.positionAt(from + c.span) },
							text: c.text,
						};
						TextDocument.update(theirs, [n], version);
						return n;
					});
					ours.update(sent, version);
					assert.equal(ours.lineCount, theirs.lineCount);
					const text = theirs.getText();
					for (let k = 0, o = seed % 97; k < 300; k++, o = (o * 31 + 17) % (text.length + 1))
						assert.deepEqual(ours.positionAt(o), theirs.positionAt(o));
					for (let line = 0; line < theirs.lineCount; line += 1 + (seed % 13)) {
						assert.equal(ours.offsetAt({ line, character: 1 }), theirs.offsetAt({ line, character: 1 }));
						assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
					}
				}
				assert.equal(ours.getText(), theirs.getText());
			},
		),
		{ numRuns: 60, seed: 20261126 },
	);
});

test('the buffered document grows, widens to two bytes per unit and clamps lines past the end', () => {
	let text = 'abc\n'.repeat(2500);
	const doc = new BufferedTextDocument(URI, 'php', 1, text);
	for (let k = 0; k < 200; k++) {
		const at = (k * 7919) % text.length;
		const insert = k === 100 ? 'Ā😀\r\n' : 'xy\n'.repeat(k % 7);
		const start = doc.positionAt(at);
		const end = doc.positionAt(at + (k % 3));
		const removed = doc.offsetAt(end) - doc.offsetAt(start);
		doc.update([{ range: { start, end }, text: insert }], k + 2);
		text = text.slice(0, doc.offsetAt(start)) + insert + text.slice(doc.offsetAt(start) + removed);
		if (k % 50 === 0 || k === 100) assert.equal(doc.getText(), text);
	}
	assert.equal(doc.getText(), text);
	assert.equal(doc.lineCount, text.split(/\r\n|\r|\n/).length);
	const empty = new BufferedTextDocument(URI, 'php', 1, '');
	empty.update([{ range: { start: { line: 10, character: 0 }, end: { line: 12, character: 0 } }, text: 'a\r\nb' }], 2);
	assert.deepEqual([empty.getText(), empty.lineCount, empty.positionAt(4)], ['a\r\nb', 2, { line: 1, character: 1 }]);
});
