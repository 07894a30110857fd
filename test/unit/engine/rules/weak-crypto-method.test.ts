import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkFix, findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'weak-crypto-method';

ruleTester(R, 'weak constants in enable_crypto and contexts', {
	invalid: [
		{
			code: 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv3_CLIENT»);',
			errors: ['weak'],
			output: 'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);',
		},
		{
			code: 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv23_CLIENT»);',
			errors: ['weak'],
			output: 'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);',
		},
		{
			code: '$c = stream_context_create(["ssl" => ["crypto_method" => «STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT»]]);',
			errors: ['weak'],
			output: '$c = stream_context_create(["ssl" => ["crypto_method" => STREAM_CRYPTO_METHOD_TLS_CLIENT]]);',
		},
		{
			code: 'stream_socket_enable_crypto($s, true, \\«STREAM_CRYPTO_METHOD_TLSv1_1_SERVER» | STREAM_CRYPTO_METHOD_TLSv1_2_SERVER);',
			errors: ['harmless'],
		},
		{
			code: 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv2_CLIENT»);',
			errors: ['weak'],
			output: 'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);',
		},
	],
});

ruleTester(R, 'quiet on modern constants and in strings or comments', {
	valid: [
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);',
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT);',
		'// STREAM_CRYPTO_METHOD_SSLv3_CLIENT\n$x = "STREAM_CRYPTO_METHOD_SSLv3_CLIENT";',
	],
});

test('fix picks the side', () => {
	checkFix(
		R,
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_SSLv23_CLIENT);',
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);',
	);
	checkFix(
		R,
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_SSLv3_SERVER);',
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_SERVER);',
	);
});

test('inside a stream context too (crypto_method), where other linters do not look', () => {
	check(
		'weak-crypto-method',
		"$c = stream_context_create(['ssl' => ['crypto_method' => «STREAM_CRYPTO_METHOD_SSLv3_CLIENT»]]);",
	);
	check(
		'weak-crypto-method',
		"stream_context_set_option($c, 'ssl', 'crypto_method', «STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT»);",
	);
});

const severities = (src: string) =>
	findings(src)
		.filter((f) => f.ruleId === R)
		.map((f) => f.severity);

test('a set that also allows TLS 1.2+ negotiates 1.2+: an old bit in it is an information, never a warning', () => {
	// PHPMailer src/SMTP.php startTLS() (also wp-includes/PHPMailer/SMTP.php in WordPress):
	//     $crypto_method = STREAM_CRYPTO_METHOD_TLS_CLIENT;
	//     $crypto_method |= STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT;
	//     $crypto_method |= STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT;
	const phpmailer =
		"$crypto_method = STREAM_CRYPTO_METHOD_TLS_CLIENT;\nif (defined('STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT')) {\n    $crypto_method |= STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT;\n    $crypto_method |= «STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT»;\n}\n$crypto_ok = stream_socket_enable_crypto($this->smtp_conn, true, $crypto_method);";
	check(R, `function startTLS() { ${phpmailer} }`);
	assert.deepEqual(severities(`function startTLS() { ${phpmailer.replace(/[«»]/g, '')} }`), ['info']);
	// SwiftMailer 6.3 Swift/Transport/StreamBuffer.php startTLS():
	//     return stream_socket_enable_crypto($this->stream, true, STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT);
	assert.deepEqual(
		severities(
			'function startTLS() { return stream_socket_enable_crypto($this->stream, true, STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT); }',
		),
		['info', 'info'],
	);
	// Symfony Mailer 5.4 Transport/Smtp/Stream/SocketStream.php initialize():
	//     $options['ssl']['crypto_method'] = $options['ssl']['crypto_method'] ?? \STREAM_CRYPTO_METHOD_TLS_CLIENT | \STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | \STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT;
	assert.deepEqual(
		severities(
			"$options['ssl']['crypto_method'] = $options['ssl']['crypto_method'] ?? \\STREAM_CRYPTO_METHOD_TLS_CLIENT | \\STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | \\STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT;",
		),
		['info'],
	);
	// Newer Symfony Mailer builds the same set with |= in a variable.
	assert.deepEqual(
		severities(
			'$cryptoMethod = \\STREAM_CRYPTO_METHOD_TLS_CLIENT; $cryptoMethod |= \\STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT; $cryptoMethod |= \\STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT; stream_socket_enable_crypto($this->stream, true, $cryptoMethod);',
		),
		['info'],
	);
	assert.deepEqual(
		severities(
			'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLSv1_1_SERVER | STREAM_CRYPTO_METHOD_TLSv1_2_SERVER);',
		),
		['info'],
	);
});

test('alone, or in a set that never reaches TLS 1.2, it stays a warning; SSLv23 is an information', () => {
	assert.deepEqual(severities('$m = STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT; stream_socket_enable_crypto($s, true, $m);'), [
		'warning',
	]);
	assert.deepEqual(
		severities(
			'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT);',
		),
		['warning', 'warning'],
	);
	// SSLv23 works (TLS 1.2 at most), even beside TLSv1_2: an information that it never gets TLS 1.3.
	assert.deepEqual(
		severities(
			'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_SSLv23_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT);',
		),
		['info'],
	);
	// The PHP manual's stream_socket_enable_crypto() example (reference/stream/functions/stream-socket-enable-crypto.xml).
	assert.deepEqual(severities('stream_socket_enable_crypto($fp, true, STREAM_CRYPTO_METHOD_SSLv23_CLIENT);'), ['info']);
	// SSLv23_SERVER is TLS_SERVER's value (120): TLS 1.0 to 1.3.
	assert.deepEqual(severities('stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_SSLv23_SERVER);'), []);
});
