//! The server's document store: texts follow the changes, and the change span it reports since the last take is
//! exact enough for incremental lexing (the text outside it is unchanged), over random batches of changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lexPhp, lexPhpIncremental, type Lexed } from '../../server/src/engine/index';
import { Documents } from '../../server/src/lsp/documents';

const URI = 'file:///t.php';
const CHUNKS = ["fsockopen('tcp://[::1]', 80);\n", '/* x */', '"', "'", '\n', '<?php ', '?>', 'ab', '', '\r\n', '😀'];

/** A change as a client sends it: a range in line/character (UTF-16) of the current text, or the whole text. */
const changeArb = fc.record({
	full: fc.nat({ max: 9 }).map((n) => n === 0),
	at: fc.double({ min: 0, max: 1, noNaN: true }),
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
				docs.opened({ textDocument: { uri: URI, languageId: 'php', version: 1, text: start } });
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
					docs.changed({ textDocument: { uri: URI, version: ++version }, contentChanges });
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
	const closed: string[] = [];
	docs.onDidClose((uri) => closed.push(uri));
	docs.opened({ textDocument: { uri: URI, languageId: 'php', version: 1, text: 'abc' } });
	docs.takeEdit(URI);
	assert.deepEqual(docs.takeEdit(URI), { start: 3, oldEnd: 3, newEnd: 3 });
	docs.closed({ textDocument: { uri: URI } });
	assert.deepEqual(closed, [URI]);
	assert.equal(docs.get(URI), undefined);
	assert.equal(docs.takeEdit(URI), undefined);
});
