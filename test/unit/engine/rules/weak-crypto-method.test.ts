import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'weak-crypto-method';

test('weak constants in enable_crypto and contexts', () => {
	check(R, 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv3_CLIENT»);');
	check(R, 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv23_CLIENT»);');
	check(R, '$c = stream_context_create(["ssl" => ["crypto_method" => «STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT»]]);');
	check(
		R,
		'stream_socket_enable_crypto($s, true, \\«STREAM_CRYPTO_METHOD_TLSv1_1_SERVER» | STREAM_CRYPTO_METHOD_TLSv1_2_SERVER);',
	);
	check(R, 'stream_socket_enable_crypto($s, true, «STREAM_CRYPTO_METHOD_SSLv2_CLIENT»);');
});

test('quiet on modern constants and in strings or comments', () => {
	quiet(R, 'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);');
	quiet(
		R,
		'stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT);',
	);
	quiet(R, '// STREAM_CRYPTO_METHOD_SSLv3_CLIENT\n$x = "STREAM_CRYPTO_METHOD_SSLv3_CLIENT";');
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
