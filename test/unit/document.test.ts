//! DocumentAnalysis: the engine's object for an open document keeps what one version leaves for the next; what it
//! finds equals a fresh analysis, and a changed span that does not fit the texts is ignored (read afresh).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, DocumentAnalysis, lexPhp, WorkspaceSymbols } from '../../server/src/engine/index';
import { readValues } from '../../server/src/engine/values/resolve';
import type { SymbolLookup } from '../../server/src/engine/values/symbols';

test('version after version, the findings equal a fresh analysis; the span used is reported', () => {
	const doc = new DocumentAnalysis('php');
	let text = "<?php\n$a = 1;\nstream_socket_client('tcp://fe80::1:80');\n" + '$b = 2;\n'.repeat(400);
	assert.equal(doc.update(text, undefined).edit, undefined);
	for (const [at, insert] of [
		[6, 'x'],
		[20, "fsockopen('ssl://mx.example.org', 25);\n"],
		[text.length - 3, ':'],
	] as const) {
		const edit = { start: at, oldEnd: at, newEnd: at + insert.length };
		text = text.slice(0, at) + insert + text.slice(at);
		const r = doc.update(text, edit);
		assert.deepEqual(r.edit, edit);
		assert.deepEqual(r.findings, analyze(text, 'php').findings);
	}
	// A span that does not fit the lengths (the editor's bookkeeping went wrong): ignored, the text read afresh.
	text = text + '// end\n';
	const wrong = doc.update(text, { start: 0, oldEnd: 0, newEnd: 1 });
	assert.equal(wrong.edit, undefined);
	assert.deepEqual(wrong.findings, analyze(text, 'php').findings);
});

test('a call of a function of another file that passes a parameter on: found when a keystroke makes it or removes it', () => {
	const index = new WorkspaceSymbols();
	index.set(
		'Net.php',
		readValues(
			lexPhp("<?php class Net { static function open($h) { return fsockopen('tcp://' . $h . ':25'); } }", true),
		).exports(),
	);
	// The expression the index looks for calls with, recording how much text it is given each time.
	const read: number[] = [];
	const calls = new (class extends RegExp {
		override test(s: string): boolean {
			read.push(s.length);
			return super.test(s);
		}
	})(index.sinkCalls()!);
	const lookup: SymbolLookup = Object.assign(Object.create(index) as WorkspaceSymbols, { sinkCalls: () => calls });
	const doc = new DocumentAnalysis('php');
	const filler = '$b = 2;\n'.repeat(2000);
	// A document with a socket call (so it is lexed, and the lexing carried from version to version).
	let text = `<?php\nfsockopen('tcp://127.0.0.1', 80);\n${filler}$x = 1;\n${filler}`;
	const fresh = () => analyze(text, 'php', undefined, undefined, undefined, index).findings;
	assert.deepEqual(doc.update(text, undefined, undefined, undefined, lookup).findings, []);
	assert.deepEqual(read, [text.length]);
	const type = (at: number, insert: string, remove = 0) => {
		const edit = { start: at, oldEnd: at + remove, newEnd: at + insert.length };
		text = text.slice(0, at) + insert + text.slice(at + remove);
		return doc.update(text, edit, undefined, undefined, lookup).findings;
	};
	// Typed in the middle of the document, far from both ends: only the text around the edit is read, and found.
	const at = text.indexOf('$x = 1;');
	assert.deepEqual(
		type(at, "Net::open('fd00::1');").map((f) => f.ruleId),
		['ipv6-brackets'],
	);
	assert.ok(read[1]! <= 2 * 1024 + "Net::open('fd00::1');".length, `read ${read[1]} characters`);
	assert.deepEqual(type(0, '//'), fresh());
	// Made by the keystroke that completes it ("Net::open" existed, the "(" is typed).
	const open = text.indexOf("Net::open('fd00::1');");
	type(open, '', "Net::open('fd00::1');".length);
	assert.deepEqual(type(open, "Net::open 'fd00::1');"), []);
	assert.deepEqual(
		type(open + 'Net::open '.length, '(').map((f) => f.ruleId),
		['ipv6-brackets'],
	);
	// Removed by a keystroke: nothing left to report.
	assert.deepEqual(type(open + 'Net::open '.length, '', 1), []);
	assert.deepEqual(fresh(), []);
});
