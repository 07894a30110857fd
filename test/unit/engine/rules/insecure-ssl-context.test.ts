import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'insecure-ssl-context';

ruleTester(R, 'verification switched off in stream_context_create, stream_context_set_option and SMTPOptions', {
	invalid: [
		{
			code: "$ctx = stream_context_create(['ssl' => ['verify_peer' => «false», 'verify_peer_name' => «false»]]);",
			errors: ['verify_peer', 'verify_peer_name'],
		},
		{
			code: "$ctx = stream_context_create(array('ssl' => array('allow_self_signed' => «true»)));",
			errors: ['allow_self_signed'],
		},
		{ code: "stream_context_set_option($ctx, 'ssl', 'verify_peer', «0»);", errors: ['verify_peer'] },
		{
			code: "$mail->SMTPOptions = ['ssl' => ['verify_peer' => «false», 'verify_peer_name' => «false», 'allow_self_signed' => «true»]];",
			errors: ['verify_peer', 'verify_peer_name', 'allow_self_signed'],
		},
		{
			code: "return ['mailers' => ['smtp' => ['transport' => 'smtp', 'stream' => ['ssl' => ['verify_peer' => «false»]]]]];",
			errors: ['verify_peer'],
		},
		{ code: "$o = ['ssl' => ['ciphers' => '«DEFAULT:@SECLEVEL=0»']];", errors: ['seclevel0'] },
	],
});

test('verification switched off in stream_context_create, stream_context_set_option and SMTPOptions', () => {
	assert.match(
		findings("$c = stream_context_create(['ssl' => ['verify_peer' => false]]);")[0]!.detail ??
			findings("$c = stream_context_create(['ssl' => ['verify_peer' => false]]);")[0]!.message,
		/left in production/,
	);
});

ruleTester(R, 'safe values and non-literals are quiet', {
	valid: [
		"$ctx = stream_context_create(['ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => false, 'cafile' => '/etc/ssl/ca.pem']]);",
		"$ctx = stream_context_create(['ssl' => ['verify_peer' => $verify, 'ciphers' => 'HIGH:!aNULL']]);",
		"$ctx = stream_context_create(['http' => ['verify_peer' => false]]);",
		"$o = ['verify_peer' => false];",
	],
});

test('the fix writes the secure value; SECLEVEL=0 is removed', () => {
	const src =
		"<?php $c = stream_context_create(['ssl' => ['verify_peer' => false, 'allow_self_signed' => '1', 'ciphers' => 'DEFAULT:@SECLEVEL=0']]);";
	const got = findings(src).filter((f) => f.ruleId === R);
	assert.deepEqual(
		got.map((f) => applyEdits(src, [f.fixes[0]!.edits]).text.slice(33)),
		[
			"['ssl' => ['verify_peer' => true, 'allow_self_signed' => '1', 'ciphers' => 'DEFAULT:@SECLEVEL=0']]);",
			"['ssl' => ['verify_peer' => false, 'allow_self_signed' => false, 'ciphers' => 'DEFAULT:@SECLEVEL=0']]);",
			"['ssl' => ['verify_peer' => false, 'allow_self_signed' => '1', 'ciphers' => 'DEFAULT']]);",
		],
	);
});

test('a context is linked to the socket call that uses it in the same function', () => {
	const src = `<?php
function connect() {
	$ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);
	return stream_socket_client('tls://mail.example.com:465', $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx);
}
function other() {
	return stream_socket_client('tls://mail.example.com:465', $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx);
}`;
	const [f] = findings(src).filter((x) => x.ruleId === R);
	assert.deepEqual(
		f!.related?.map((r) => [src.slice(r.start, r.end), r.message]),
		[['tls://mail.example.com:465', 'This context is passed to stream_socket_client() here.']],
	);
});
