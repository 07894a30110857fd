//! DocumentAnalysis: the engine's object for an open document keeps what one version leaves for the next; what it
//! finds equals a fresh analysis, and a changed span that does not fit the texts is ignored (read afresh).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, DocumentAnalysis } from '../../server/src/engine/index';

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
