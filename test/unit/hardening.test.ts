import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, lineIndex } from '../../server/src/engine/index';
import { decode } from '../../server/src/files';
import { caseArb, violation } from '../fuzz/arbitraries';

test('property: on random and mutated input the engine never throws, ranges stay on literals, fix-all is idempotent', () => {
	fc.assert(
		fc.property(caseArb, ([text, kind]) => {
			const v = violation(text, kind);
			if (v) throw new Error(v);
		}),
		{ numRuns: 3000, seed: 20261124 },
	);
});

test('encodings: UTF-8 BOM removed, UTF-16 LE/BE with BOM decoded, invalid UTF-8 replaced, binary refused', () => {
	const text = 'A=tpc://h:1\r\n';
	assert.deepEqual(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), { text });
	assert.deepEqual(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), { text });
	const be = Buffer.from(text, 'utf16le').swap16();
	assert.deepEqual(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text });
	const invalid = decode(Buffer.concat([Buffer.from('A=\xff'), Buffer.from([0xc3]), Buffer.from(' tpc://h:1')]));
	assert.ok('text' in invalid);
	const f = analyze((invalid as { text: string }).text, 'env').findings[0]!;
	assert.equal((invalid as { text: string }).text.slice(f.start, f.end), 'tpc');
	assert.deepEqual(decode(Buffer.from([0x3c, 0x3f, 0, 0x70])), { skipped: 'binary file (NUL bytes)' });
});

test('line breaks: CRLF and lone CR count as one break each, astral characters as two UTF-16 units', () => {
	const text = 'a\r\nb\rc\n😀tcp';
	const at = lineIndex(text);
	assert.deepEqual(at(text.indexOf('b')), { line: 1, character: 0 });
	assert.deepEqual(at(text.indexOf('c')), { line: 2, character: 0 });
	assert.deepEqual(at(text.indexOf('tcp')), { line: 3, character: 2 });
	const php = '<?php\r\n$x = "😀"; stream_socket_client("tcp://[::1]");\r';
	const f = analyze(php, 'php').findings[0]!;
	assert.equal(php.slice(f.start, f.end), '[::1]');
});
