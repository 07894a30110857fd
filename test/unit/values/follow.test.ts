//! The value layer on plain strings: values followed into socket calls through variables, constants, properties,
//! sprintf, `.=`, branches and functions; each example of issue 20 ("Right on real code") is here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, findings, marked, quiet } from '../../helpers/marked';

/** The related information of the rule's first finding, as [text, message] pairs («» markers are ignored). */
const related = (input: string, rule: string) => {
	const src = marked(input).text;
	const text = src.includes('<?') ? src : `<?php ${src}`;
	const f = findings(src).find((x) => x.ruleId === rule);
	return f?.related?.map((r) => [text.slice(r.start, r.end), r.message]);
};

test('a variable: udp:// without a port is reported on the literal, related to the call', () => {
	check('missing-port', "$addr = 'udp://«192.0.2.7»'; stream_socket_client($addr, $errno, $errstr);");
	assert.deepEqual(
		related("$addr = 'udp://192.0.2.7'; stream_socket_client($addr, $errno, $errstr);", 'missing-port'),
		[['$addr', 'stream_socket_client() receives this value here.']],
	);
});

test('define(): a unix socket given a port', () => {
	check('fsockopen-port', "define('MEMCACHE_SOCK', 'unix:///run/memcached.sock'); fsockopen(MEMCACHE_SOCK, «11211»);");
});

test('a class constant read with self::', () => {
	check(
		'tls-port-mismatch',
		"class Relay { const URL = 'ssl://mx.example.org:«25»'; function open() { return fsockopen(self::URL, -1, $e, $m); } }",
	);
	check(
		'tls-port-mismatch',
		"class Relay { const URL = 'ssl://mx.example.org:«25»'; } function open() { return fsockopen(Relay::URL, -1); }",
	);
});

test("a protected property's default, read as $this->target", () => {
	check(
		'missing-port',
		"class Probe { protected $target = 'tcp://«192.0.2.1»'; function run() { return stream_socket_client($this->target); } }",
	);
	// Assigned in the constructor instead.
	check(
		'missing-port',
		"class Probe { private $t; function __construct() { $this->t = 'tcp://«192.0.2.1»'; } function run() { return stream_socket_client($this->t); } }",
	);
	// A public property can be set from anywhere: its default is not the value.
	quiet(
		'missing-port',
		"class P { public $t = 'tcp://192.0.2.1'; function run() { stream_socket_client($this->t); } }",
	);
});

test('interpolation of a variable holding the port', () => {
	check('tls-port-mismatch', '$p = «25»; stream_socket_client("ssl://mx.example.org:$p", $e, $m);');
	check('tls-port-mismatch', '$p = «25»; stream_socket_client("ssl://mx.example.org:{$p}", $e, $m);');
});

test('.= builds the URL from two literals', () => {
	check('tls-port-mismatch', "$s = 'ssl://'; $s .= 'mx.example.org:«25»'; stream_socket_client($s);");
});

test("an IPv6 address in a variable passed as fsockopen's host", () => {
	check('ipv6-brackets', "$ip = '«fd00::5»'; fsockopen($ip, 443);");
});

test('sprintf formats are not hosts: holes are unknown, literal arguments are known', () => {
	quiet('invalid-host', "stream_socket_client(sprintf('tcp://%s:%d', $host, $port));");
	for (const rule of ['invalid-host', 'port-value', 'missing-port'])
		quiet(rule, "$fmt = 'tcp://%s:%d'; $u = sprintf($fmt, $h, $p);");
	check('tls-port-mismatch', "stream_socket_client(sprintf('tls://%s:%d', 'mx.example.org', «587»));");
	check('tls-port-mismatch', "stream_socket_client(vsprintf('tls://%s:%s', ['mx.example.org', '«587»']));");
	check('tls-port-mismatch', "stream_socket_client(sprintf('%s://%s:%d', 'ssl', 'mx.example.org', «25»));");
	// %05d pads: the port PHP reads is still 25.
	check('tls-port-mismatch', "stream_socket_client(sprintf('ssl://h:%05d', «25»));");
});

test('several values: only the failing one is reported, saying it is one of several', () => {
	check('tls-port-mismatch', "$u = $ssl ? 'ssl://h:465' : 'ssl://h:«587»'; stream_socket_client($u);");
	assert.deepEqual(
		related("$u = $ssl ? 'ssl://h:465' : 'ssl://h:587'; stream_socket_client($u);", 'tls-port-mismatch'),
		[['$u', 'stream_socket_client() receives this value here (one of the 2 values it can take).']],
	);
	check(
		'tls-port-mismatch',
		"if ($secure) { $u = 'ssl://h:465'; } else { $u = 'ssl://h:«587»'; } stream_socket_client($u);",
	);
	check(
		'missing-port',
		"$url = match ($env) { 'prod' => 'tcp://«db»', default => 'tcp://localhost:5432' }; stream_socket_client($url);",
	);
	check('missing-port', "$url = $cfg['url'] ?? 'tcp://«localhost»'; stream_socket_client($url);");
});

test('independent choices are not combined (which scheme goes with which port is not known)', () => {
	quiet(
		'tls-port-mismatch',
		"$scheme = 'tcp'; if ($ssl) $scheme = 'ssl'; $port = 25; if ($ssl) $port = 465; stream_socket_client(\"$scheme://h:$port\");",
	);
	quiet('tls-port-mismatch', "$h = $a ? 'ssl://x' : 'tcp://x'; $p = $b ? 465 : 25; fsockopen($h, $p);");
});

test('arrays of literals, by key and in foreach', () => {
	check('missing-port', "$cfg = ['host' => 'tcp://«10.0.0.1»']; stream_socket_client($cfg['host']);");
	check('missing-port', "$cfg = []; $cfg['host'] = 'tcp://«10.0.0.1»'; stream_socket_client($cfg['host']);");
	check('missing-port', "foreach (['tcp://a:1', 'tcp://«b»'] as $s) { stream_socket_client($s); }");
	check(
		'missing-port',
		"class S { const ALL = ['tcp://a:1', 'tcp://«b»']; function f() { foreach (self::ALL as $s) stream_socket_client($s); } }",
	);
});

test('a function of the file that returns a constant value', () => {
	check('ipv6-brackets', "function dsn() { return 'tcp://«fe80::1:80»'; } fsockopen(dsn());");
	check(
		'ipv6-brackets',
		"class K { private function url() { return 'tcp://«fe80::1:80»'; } function go() { fsockopen($this->url()); } }",
	);
});

test('a function whose parameter reaches a socket call is a sink: its call sites are judged', () => {
	const src = "function smtp($host) { return fsockopen('tcp://' . $host . ':25'); } smtp('«fd00::1»');";
	check('ipv6-brackets', src);
	assert.deepEqual(related(src, 'ipv6-brackets'), [
		["'tcp://' . $host . ':25'", 'smtp() passes it to fsockopen() here.'],
	]);
	check(
		'ipv6-brackets',
		"class C { function open($h, $p) { return fsockopen($h, $p); } function go() { $this->open('«fd00::1»', 80); } }",
	);
});

test('a hole is never an error and nothing is guessed', () => {
	for (const rule of ['missing-port', 'invalid-host', 'port-value', 'ipv6-brackets', 'tls-port-mismatch']) {
		quiet(rule, 'stream_socket_client($address); fsockopen($host, $port);');
		quiet(rule, "$a = 'tcp://' . $host; stream_socket_client($a);");
		quiet(rule, 'function f($u) { return stream_socket_client($u); }');
		// A variable a loop changes, or one that include/extract may set, is unknown.
		quiet(rule, "$u = 'tcp://a'; foreach ($xs as $x) { $u .= $x; } stream_socket_client($u);");
		quiet(rule, "$u = 'tcp://a'; extract($cfg); stream_socket_client($u);");
		quiet(rule, "$u = 'tcp://a'; require 'config.php'; stream_socket_client($u);");
		quiet(rule, "$u = 'tcp://a'; preg_match('/x/', $s, $u); stream_socket_client($u);");
	}
	// After a branch that always returns, the other path's value is the only one.
	quiet(
		'missing-port',
		"function f($c) { $u = 'tcp://a'; if ($c) { return; } $u = 'tcp://a:1'; stream_socket_client($u); }",
	);
});

test('the literal itself is judged once, as the call sees it', () => {
	const got = findings("$a = 'tcp://fe80::1:80'; fsockopen($a);").filter((f) => f.ruleId === 'ipv6-brackets');
	assert.equal(got.length, 1);
	assert.ok(got[0]!.related);
	// A constant reaching two calls: one finding, related to both.
	const two = findings("const U = 'tcp://fe80::1:80'; fsockopen(U); stream_socket_client(U);").filter(
		(f) => f.ruleId === 'ipv6-brackets',
	);
	assert.equal(two.length, 1);
	assert.equal(two[0]!.related?.length, 2);
});

test('fixes edit one literal; a fix that would span two is not offered', () => {
	const [f] = findings("$s = 'ssl://'; $s .= 'mx.example.org:25'; stream_socket_client($s);").filter(
		(x) => x.ruleId === 'tls-port-mismatch',
	);
	// The port is in the second literal: the edit stays inside it.
	assert.deepEqual(
		f!.fixes.map((x) => [x.title, x.edits.map((e) => e.text)]),
		[['Use port 465 (implicit TLS)', ['465']]],
	);
	const [g] = findings("function smtp($h) { return fsockopen('tcp://' . $h . ':25'); } smtp('fd00::1');").filter(
		(x) => x.ruleId === 'ipv6-brackets',
	);
	assert.deepEqual(g!.fixes, []);
});

test('library sinks: Monolog SocketHandler, php-amqplib, phpseclib', () => {
	check('missing-port', "use Monolog\\Handler\\SocketHandler; $h = new SocketHandler('udp://«logs.example.com»');");
	check(
		'ipv6-brackets',
		"use PhpAmqpLib\\Connection\\AMQPStreamConnection; $c = new AMQPStreamConnection('«fd00::7»', 5672, 'guest', 'guest');",
	);
	check('ipv6-brackets', "use phpseclib3\\Net\\SSH2; $ssh = new SSH2('«2001:db8::22»');");
	// A class of the same name elsewhere is not the library's.
	quiet('missing-port', "$h = new SocketHandler('udp://logs.example.com');");
	quiet('missing-port', "use Monolog\\Handler\\SocketHandler; $h = new SocketHandler('udp://logs.example.com:514');");
});

test("a property a setter writes holds what callers give it: its default is not judged (Symfony Mailer's SocketStream)", () => {
	// Symfony/Component/Mailer/Transport/Smtp/Stream/SocketStream.php: private $host = 'localhost'; private $port = 465;
	// private $tls = true; setHost(), setPort(), disableTls(); initialize(): $this->url = $this->host.':'.$this->port;
	const stream =
		"final class SocketStream { private $url; private $host = 'localhost'; private $port = 465; private $tls = true;\n" +
		'public function setHost(string $host): self { $this->host = $host; return $this; }\n' +
		'public function setPort(int $port): self { $this->port = $port; return $this; }\n' +
		'public function disableTls(): self { $this->tls = false; return $this; }\n' +
		"public function initialize(): void { $this->url = $this->host.':'.$this->port; if ($this->tls) { $this->url = 'ssl://'.$this->url; }\n" +
		'$this->stream = stream_socket_client($this->url, $errno, $errstr, $timeout, \\STREAM_CLIENT_CONNECT, $streamContext); } }';
	assert.deepEqual(
		findings(stream).map((f) => f.ruleId),
		[],
	);
	// Without the setters, the defaults are the only values.
	check(
		'tls-port-mismatch',
		"class S { private $host = 'localhost'; private $port = «587»; function open() { return stream_socket_client('ssl://' . $this->host . ':' . $this->port); } }",
	);
});
