import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type PhpEnvironment } from '../../../../server/src/engine/index';

const R = 'php-version-compat';
const mine = (php: PhpEnvironment | undefined, text: string) =>
	analyze(`<?php ${text}`, 'php', undefined, { packages: {}, php }).findings.filter((f) => f.ruleId === R);

test('tls:// and STREAM_CRYPTO_METHOD_TLS_CLIENT mean TLS 1.0 only on PHP 5.6.7 to 7.1', () => {
	const php71 = { version: '7.1.33', source: 'php 7.1.33' };
	const [f] = mine(php71, "stream_socket_client('tls://smtp.example.com:465');");
	assert.match(f!.detail ?? f!.message, /^On PHP 7\.1\.33 \(php 7\.1\.33\) tls:\/\/ negotiates TLS 1\.0 only/);
	assert.deepEqual(
		f!.fixes.map((x) => x.title),
		['Use tlsv1.2://', 'Use ssl:// (TLS 1.0–1.2 on this PHP)'],
	);
	assert.equal(mine(php71, 'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);').length, 1);
	for (const v of ['7.2.0', '8.2.36', '5.6.6'])
		assert.deepEqual(mine({ version: v, source: v }, "stream_socket_client('tls://h:465');"), [], v);
	// Outside socket calls tls:// may mean STARTTLS (PHPMailer): quiet.
	assert.deepEqual(mine(php71, "$mail->Host = 'tls://smtp.gmail.com:587';"), []);
});

test('constants the PHP in use does not define', () => {
	const [f] = mine(
		{ version: '7.3', source: 'composer.json require.php' },
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT);',
	);
	assert.equal(f!.severity, 'error');
	assert.match(f!.detail ?? f!.message, /Use of undefined constant STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT/);
	const binary = { version: '8.1.2', source: 'php 8.1.2', cryptoConstants: ['STREAM_CRYPTO_METHOD_TLS_CLIENT'] };
	assert.match(
		mine(binary, '$m = STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT;')[0]!.message,
		/PHP throws Error "Undefined constant/,
	);
	assert.deepEqual(mine({ version: '7.4.33', source: 'x' }, '$m = STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT;'), []);
	assert.deepEqual(mine(undefined, '$m = STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT;'), []);
});
