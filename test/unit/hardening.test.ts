import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, lineIndex } from '../../server/src/engine/index';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decode, readTextSync } from '../../server/src/node/files';
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
	const lf = 'a\nb\n\nc😀d\n';
	const atLf = lineIndex(lf);
	assert.deepEqual(
		['a', 'b', 'c', 'd'].map((ch) => atLf(lf.indexOf(ch))),
		[
			{ line: 0, character: 0 },
			{ line: 1, character: 0 },
			{ line: 3, character: 0 },
			{ line: 3, character: 3 },
		],
	);
	assert.deepEqual(atLf(lf.length), { line: 4, character: 0 });
	const php = '<?php\r\n$x = "😀"; stream_socket_client("tcp://[::1]");\r';
	const f = analyze(php, 'php').findings[0]!;
	assert.equal(php.slice(f.start, f.end), '[::1]');
});

test('reading files: the size limit is checked on the open file, files whose size is not known in advance are read whole', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'tl-read-'));
	const file = (name: string, body: string | Buffer): string => {
		writeFileSync(path.join(dir, name), body);
		return path.join(dir, name);
	};
	assert.deepEqual(readTextSync(file('empty.env', ''), 10), { text: '' });
	assert.deepEqual(readTextSync(file('ten.env', 'A=tcp://h:'), 10), { text: 'A=tcp://h:' });
	assert.deepEqual(readTextSync(file('eleven.env', 'A=tcp://h:1'), 10), {
		skipped: 'larger than the size limit (11 > 10 bytes)',
	});
	assert.deepEqual(readTextSync(path.join(dir, 'missing.env'), 10), { skipped: 'cannot be read (ENOENT)' });
	assert.deepEqual(readTextSync(dir, 1 << 20), { skipped: 'cannot be read (EISDIR)' });
	// /proc files report size 0 and have content: the read goes on to the end of the file.
	const status = readTextSync('/proc/self/status', 1 << 20);
	if (process.platform === 'linux') {
		assert.match('text' in status ? status.text : '', /^Name:[\s\S]*\nPid:/);
		// And the limit holds for them while they are read.
		assert.deepEqual(readTextSync('/proc/self/status', 100), { skipped: 'cannot be read (EFBIG)' });
	}
	// One read buffer serves file after file: a short file read after a longer one is itself.
	assert.deepEqual(readTextSync(file('long.env', 'A=tcp://h:1\n'.repeat(3000)), 1 << 20), {
		text: 'A=tcp://h:1\n'.repeat(3000),
	});
	assert.deepEqual(readTextSync(file('short.env', 'B=1'), 10), { text: 'B=1' });
});
