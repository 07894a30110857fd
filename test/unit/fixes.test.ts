import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits, diffEdit, fixAll, suppressionEdit } from '../../server/src/engine/index';
import { ROOT } from '../helpers/paths';

interface Entry {
	fn: string;
	target: string;
	port?: number;
}
const FN: Record<string, string> = {
	client: 'stream_socket_client',
	fsockopen: 'fsockopen',
	server: 'stream_socket_server',
};
const corpus = readFileSync(path.join(ROOT, 'test/corpus/transports.jsonl'), 'utf8')
	.trim()
	.split('\n')
	.map((l) => JSON.parse(l) as Entry)
	.filter((e) => !e.target.includes('\0'));
const php = (e: Entry) =>
	`<?php\n$s = ${FN[e.fn]}('${e.target.replace(/[\\']/g, (c) => '\\' + c)}'${e.port !== undefined ? `, ${e.port}` : ''});\n`;

test('every fix stays inside the literal or the port argument it names', () => {
	for (const e of corpus) {
		const src = php(e);
		const literal = { start: src.indexOf("'") + 1, end: src.lastIndexOf("'") };
		const port = e.port !== undefined ? { start: src.lastIndexOf(', ') + 2, end: src.lastIndexOf(')') } : undefined;
		for (const f of analyze(src, 'php').findings) {
			for (const fix of f.fixes) {
				for (const edit of fix.edits) {
					const inside = (r?: { start: number; end: number }) =>
						r !== undefined && edit.start >= r.start && edit.end <= r.end;
					assert.ok(inside(literal) || inside(port), `${f.ruleId} "${fix.title}" edits outside the literal in ${src}`);
				}
			}
		}
	}
});

test('fix-all over the whole corpus: twice gives the same text as once, and fixed strings stay fixed', () => {
	const src = corpus.map(php).join('');
	const once = fixAll(src, 'php').text;
	assert.notEqual(once, src);
	assert.equal(fixAll(once, 'php').text, once);
});

test('valid URLs are never changed', () => {
	const valid = [
		'fsockopen("127.0.0.1", 80);',
		'fsockopen("www.example.com", 80);',
		'fsockopen("[fe80::1]", 80);',
		'stream_socket_client("tcp://127.0.0.1:80");',
		'stream_socket_client("tcp://[fe80::1]:80");',
		'stream_socket_client("tcp://www.example.com:80");',
		'stream_socket_client("udp://127.0.0.1:53");',
		'stream_socket_client("ssl://smtp.example.com:465");',
		'stream_socket_client("tls://imap.example.com:993");',
		'stream_socket_client("unix:///run/php.sock");',
		'stream_socket_server("tcp://0.0.0.0:8000"); stream_socket_server("udp://[::]:53", $e, $s, STREAM_SERVER_BIND);',
		'$mail->Host = "tls://smtp.gmail.com:587";',
	].map((s) => `<?php ${s}`);
	for (const src of valid) assert.equal(fixAll(src, 'php').text, src);
	const env = 'REDIS=tcp://redis:6379\nMAIL=smtp://u:p@mail:587\nSOCK=unix:///run/redis.sock\nURL=https://x/y?z=1\n';
	assert.equal(fixAll(env, 'env').text, env);
});

test('applyEdits refuses overlapping edit sets and keeps each set whole', () => {
	const r = applyEdits('abcdef', [
		[{ start: 1, end: 3, text: 'X' }],
		[
			{ start: 2, end: 4, text: 'Y' },
			{ start: 5, end: 6, text: 'Z' },
		],
		[{ start: 4, end: 5, text: 'W' }],
	]);
	assert.deepEqual(r, { text: 'aXdWf', applied: 2, skipped: 1 });
});

test('diffEdit gives one minimal edit', () => {
	assert.deepEqual(diffEdit('tcp://fe80::1:80', 'tcp://[fe80::1]:80'), { start: 6, end: 13, text: '[fe80::1]' });
	assert.equal(diffEdit('same', 'same'), undefined);
});

test('suppression comments in each syntax, with indentation and line endings kept', () => {
	const php = '<?php\n    $s = stream_socket_client("tcp://127.0.0.1");\n';
	const at = php.indexOf('tcp');
	const edit = suppressionEdit(php, 'php', at, 'missing-port')!;
	const fixed = applyEdits(php, [[edit]]).text;
	assert.equal(
		fixed,
		'<?php\n    // transport-lint-disable-next-line missing-port\n    $s = stream_socket_client("tcp://127.0.0.1");\n',
	);
	assert.deepEqual(analyze(fixed, 'php').findings, []);
	assert.equal(
		suppressionEdit('A=tpc://h:1\r\n', 'env', 2, 'unknown-transport')!.text,
		'# transport-lint-disable-next-line unknown-transport\r\n',
	);
	assert.match(suppressionEdit('k = tpc://h:1', 'ini', 4, 'x')!.text, /^; /);
	assert.match(suppressionEdit('<a>tpc://h:1</a>', 'xml', 3, 'x')!.text, /^<!-- .* -->\n$/);
	assert.equal(suppressionEdit('{"a":"tpc://h:1"}', 'json', 6, 'x'), undefined);
});
