//! The workspace index on plain strings: one file's exports, read by another file's value layer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, lexPhp, WorkspaceSymbols } from '../../../server/src/engine/index';
import { readValues } from '../../../server/src/engine/values/resolve';

const exportsOf = (src: string) => readValues(lexPhp(src, true)).exports();

function lint(files: Record<string, string>, src: string) {
	const index = new WorkspaceSymbols();
	for (const [name, text] of Object.entries(files)) index.set(name, exportsOf(text));
	const text = `<?php ${src}`;
	return analyze(text, 'php', undefined, undefined, undefined, index).findings.map((f) => [
		f.ruleId,
		text.slice(f.start, f.end),
	]);
}

test('a file exports its constants, class constants and the summaries of functions that pass a parameter on', () => {
	const e = exportsOf(
		"<?php define('A', 'tcp://a'); const B = 'tls://b:' . 465; class K { const U = 'ssl://k:25'; public static function open($h) { return fsockopen('tcp://' . $h . ':25'); } }\nfunction url() { return 'tcp://c:1'; }",
	);
	assert.deepEqual(e.constants, { A: [['tcp://a']], B: [['tls://b:', '465']] });
	assert.deepEqual(e.classConstants, { 'K::U': [['ssl://k:25']] });
	assert.deepEqual(e.functions['k::open']?.sinks, [{ call: 'fsockopen', args: [[['tcp://', { p: '$h' }, ':25']]] }]);
	assert.deepEqual(e.functions['url']?.returns, [['tcp://c:1']]);
});

test('another file reads them; the finding sits at the use, never on text of the other file', () => {
	const files = {
		'Config.php': "<?php class Config { const URL = 'ssl://mx.example.org:25'; } define('SOCK', 'unix:///s');",
	};
	assert.deepEqual(lint(files, 'fsockopen(Config::URL, -1);'), [['tls-port-mismatch', 'Config::URL']]);
	assert.deepEqual(lint(files, 'fsockopen(SOCK, 80);'), [['fsockopen-port', '80']]);
	const net = {
		'Net.php': "<?php class Net { static function open($h) { return fsockopen('tcp://' . $h . ':25'); } }",
	};
	assert.deepEqual(lint(net, "Net::open('fd00::1');"), [['ipv6-brackets', 'fd00::1']]);
});

test('a name defined differently in two files is unknown; one defined the same way in both is known', () => {
	const two = { 'a.php': "<?php define('U', 'tcp://a');", 'b.php': "<?php define('U', 'tcp://b:1');" };
	assert.deepEqual(lint(two, 'stream_socket_client(U);'), []);
	const same = { 'a.php': "<?php define('U', 'tcp://a');", 'b.php': "<?php define('U', 'tcp://a');" };
	assert.deepEqual(lint(same, 'stream_socket_client(U);'), [['missing-port', 'U']]);
	// The message names the first file by name, in whatever order the index read them (found by the lifecycle model).
	for (const order of [
		['a.php', 'b.php'],
		['b.php', 'a.php'],
	]) {
		const index = new WorkspaceSymbols();
		for (const name of order) index.set(name, exportsOf(same[name as keyof typeof same]));
		const f = analyze('<?php stream_socket_client(U);', 'php', undefined, undefined, undefined, index).findings;
		assert.match(f[0]!.related![0]!.message, /written in a\.php/);
	}
});

test('a file says which names of other files its sinks need, and the index answers them once it has them', () => {
	const index = new WorkspaceSymbols();
	const needs = analyze(
		'<?php $x = E_USER_DEPRECATED; fsockopen(Config::URL, -1); stream_socket_client(X); stream_socket_client(helper($h));' +
			' stream_socket_client($u, $n, $s, 5, STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT);',
		'php',
		undefined,
		undefined,
		undefined,
		index,
	).needs;
	// E_USER_DEPRECATED reaches no sink: not needed; PHP defines STREAM_CLIENT_CONNECT: never asked of the workspace.
	const asked = [...(needs ?? [])].sort();
	assert.deepEqual(asked, ['Config::URL', 'X', 'helper()']);
	index.set('Config.php', exportsOf("<?php class Config { const URL = 'tcp://h:1'; }"));
	assert.deepEqual(
		asked.map((a) => index.answers(a)),
		[true, false, false],
	);
});

test('constructors pass values on too, in the same file and from another', () => {
	const agent = "class Agent { function __construct($address) { $this->s = fsockopen('unix://' . $address, 0); } }";
	assert.deepEqual(lint({}, `${agent} new Agent('tmp/agent.sock');`), [['unix-relative-path', 'tmp/agent.sock']]);
	assert.deepEqual(lint({ 'Agent.php': `<?php ${agent}` }, "$a = new Agent('tmp/agent.sock');"), [
		['unix-relative-path', 'tmp/agent.sock'],
	]);
	// A method called on an object of unknown class is not followed.
	assert.deepEqual(lint({ 'Agent.php': `<?php ${agent}` }, "$x->__construct('tmp/a.sock');"), []);
});

test("a mailer setting that names another file's constant is read as it (wp-config.php's SMTP_*): said, not edited", () => {
	const index = new WorkspaceSymbols();
	index.set(
		'wp-config.php',
		exportsOf(
			"<?php define( 'SMTP_HOST', 'smtp.example.com' ); define( 'SMTP_PORT', '465' ); define( 'SMTP_SECURE', 'tls' );",
		),
	);
	const hook =
		"<?php add_action( 'phpmailer_init', 'send_smtp_email' );\nfunction send_smtp_email( $phpmailer ) {\n\t$phpmailer->isSMTP();\n\t$phpmailer->Host = SMTP_HOST;\n\t$phpmailer->Port = SMTP_PORT;\n\t$phpmailer->SMTPSecure = SMTP_SECURE;\n}";
	// Without the index, the names are unknown and asked for.
	const alone = analyze(hook, 'php');
	assert.deepEqual(alone.findings, []);
	assert.deepEqual([...(alone.needs ?? [])].sort(), ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE']);
	const [f, ...rest] = analyze(hook, 'php', undefined, undefined, undefined, index).findings;
	assert.deepEqual(rest, []);
	assert.equal(f!.ruleId, 'phpmailer-encryption');
	assert.equal(hook.slice(f!.start, f!.end), 'SMTP_SECURE');
	assert.deepEqual(f!.fixes, []);
	assert.deepEqual(
		f!.related!.map((r) => [hook.slice(r.start, r.end), r.message]),
		[
			['SMTP_PORT', 'The port (Port) is set here.'],
			['SMTP_SECURE', "SMTP_SECURE is 'tls', written in wp-config.php."],
			['SMTP_PORT', "SMTP_PORT is '465', written in wp-config.php."],
		],
	);
});

test("a part of another file's constant (a scheme in a host) sits at the name too, and no fix cuts into the name", () => {
	const index = new WorkspaceSymbols();
	index.set('config.php', exportsOf("<?php define('SMTP_HOST', 'ssl://smtp.example.com');"));
	const src = "<?php $t = new Swift_SmtpTransport(SMTP_HOST, 465, 'ssl');";
	const found = analyze(src, 'php', undefined, undefined, undefined, index).findings;
	assert.deepEqual(
		found.map((f) => [f.ruleId, src.slice(f.start, f.end), f.fixes.length, f.related?.map((r) => r.message)]),
		[['swiftmailer-encryption', 'SMTP_HOST', 0, ["SMTP_HOST is 'ssl://smtp.example.com', written in config.php."]]],
	);
});
