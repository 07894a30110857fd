import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan } from '../../server/src/engine/index';

const values = (src: string) => scan(src, 'php').candidates.map((c) => [c.value, c.origin, c.call?.fn ?? '']);

test('string forms: single, double, heredoc, nowdoc, with escapes mapped to offsets', () => {
	assert.deepEqual(values(`<?php stream_socket_client('tcp://a:1');`), [['tcp://a:1', 'call', 'stream_socket_client']]);
	assert.deepEqual(values(`<?php stream_socket_client("tcp:\\/\\/a:1");`), [
		['tcp:\\/\\/a:1', 'call', 'stream_socket_client'],
	]);
	assert.deepEqual(values(`<?php stream_socket_client("tcp://\\x61:1");`), [
		['tcp://a:1', 'call', 'stream_socket_client'],
	]);
	const heredoc = `<?php\n$a = <<<EOT\n    tcp://fe80::1:80\n    EOT;\n$b = <<<'EOT'\n  tls://h:443\n  EOT;\n`;
	assert.deepEqual(values(heredoc), [
		['tcp://fe80::1:80', 'literal', ''],
		['tls://h:443', 'literal', ''],
	]);
	const src = `<?php stream_socket_client("tcp://\\x66e80::1:80");`;
	const c = scan(src, 'php').candidates[0]!;
	assert.equal(src.slice(c.map![6]!, c.map![7]!), '\\x66');
});

test('comments, inline HTML and method calls are not targets', () => {
	assert.deepEqual(
		values(
			`<p>fsockopen("fe80::1", 80)</p><?php // fsockopen("x")\n# tcp://a\n/* "tcp://b:1" */ $o->fsockopen("c"); Foo::fsockopen("d");`,
		),
		[],
	);
	assert.deepEqual(values(`<?php ?> "tcp://a:1" <?php "tcp://b:2";`), [['tcp://b:2', 'literal', '']]);
});

test('names outside calls: callees in any case and with a leading backslash; words that forbid a call after them', () => {
	// The lexer looks closely only at names starting with f, p, s (callees) or n, c, f (new, const, function, fn).
	assert.deepEqual(values(`<?php Stream_Socket_Client("tcp://a:1"); \\PFSOCKOPEN("b", 1);`), [
		['tcp://a:1', 'call', 'stream_socket_client'],
		['b', 'call', 'pfsockopen'],
	]);
	assert.deepEqual(
		values(
			`<?php NEW fsockopen("tcp://a:1"); CONST fsockopen = 1; FN fsockopen("tcp://b:1"); Function fsockopen("tcp://c:1") {}`,
		),
		[
			['tcp://a:1', 'literal', ''],
			['tcp://b:1', 'literal', ''],
			['tcp://c:1', 'literal', ''],
		],
	);
	// Names that only contain or end in a callee, or are qualified, are not calls; a name after them is not blocked.
	assert.deepEqual(
		values(
			`<?php my_fsockopen("tcp://a:1"); Foo\\fsockopen("tcp://b:1"); éfsockopen("tcp://c:1"); newish fsockopen("d", 1);`,
		),
		[
			['tcp://a:1', 'literal', ''],
			['tcp://b:1', 'literal', ''],
			['tcp://c:1', 'literal', ''],
			['d', 'call', 'fsockopen'],
		],
	);
	// A name after a concatenation dot is an operand: the URL is only a known prefix.
	assert.deepEqual(
		[`'tcp://' . Config::HOST . ':80'`, `'tls://' . $h`, `'ssl://' . 465`, `'tcp://h:1' + $x`].map(
			(e) => scan(`<?php $u = ${e};`, 'php').candidates[0]!.partial !== undefined,
		),
		[true, true, true, false],
	);
});

test('arguments: fsockopen port, named arguments, server flags, nested calls', () => {
	const [c] = scan(`<?php fsockopen(port: 587, hostname: "tls://h");`, 'php').candidates;
	assert.equal(c!.call!.port!.int, 587);
	const [d] = scan(`<?php \\FSOCKOPEN("h", -0x10);`, 'php').candidates;
	assert.equal(d!.call!.port!.int, -16);
	const [e] = scan(
		`<?php stream_socket_server("udp://0:1", $e, $s, STREAM_SERVER_BIND | \\STREAM_SERVER_LISTEN);`,
		'php',
	).candidates;
	assert.deepEqual(e!.call!.flags!.constants, ['STREAM_SERVER_BIND', 'STREAM_SERVER_LISTEN']);
	assert.deepEqual(values(`<?php fclose(fsockopen(trim("x"), 1)); fsockopen("h", intval($p));`), [
		['h', 'call', 'fsockopen'],
	]);
	const [f] = scan(`<?php fsockopen("h", intval($p));`, 'php').candidates;
	assert.equal(f!.call!.port!.known, false);
});

test('interpolation and concatenation keep the known prefix and suffix', () => {
	const [c] = scan(`<?php stream_socket_client("tls://{$cfg['host']}:587");`, 'php').candidates;
	assert.deepEqual([c!.value, c!.partial!.suffix], ['tls://', ':587']);
	const [d] = scan(`<?php stream_socket_client('ssl://' . $host . ':465');`, 'php').candidates;
	assert.deepEqual([d!.value, d!.partial!.suffix], ['ssl://', ':465']);
	assert.deepEqual(values(`<?php stream_socket_client($proto . '://h:1');`), []);
	// Outside calls the lexer keeps only the strings the scanner reads (a scheme, or after "."): the others are not
	// tokens, and a concatenation still ends where its statement does, at ";" or a closing tag.
	for (const end of [';', ' ?>\n<p>x</p>\n<?php']) {
		const [e] = scan(
			`<?php $u = 'tcp://h:' . $port${end} 'abc' . 'def'; $v = ['k' => 'x'] . 'tls://g:1';`,
			'php',
		).candidates;
		assert.deepEqual([e!.value, e!.partial!.suffix], ['tcp://h:', ''], end);
	}
	const strings = scan(
		`<?php $a = 'plain'; $b = "also $plain"; $c = 'tcp://h:1' . 'x'; f('in', 'call');`,
		'php',
	).strings!.map((t) => t.text);
	assert.deepEqual(strings, ['tcp://h:1', 'x']);
});

test('crypto constants are collected with their call', () => {
	const { constants } = scan(`<?php stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);`, 'php');
	assert.deepEqual(
		constants.map((c) => [c.name, c.fn]),
		[['STREAM_CRYPTO_METHOD_TLS_CLIENT', 'stream_socket_enable_crypto']],
	);
});
