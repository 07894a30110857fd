import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../../server/src/engine/index';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'bracket-syntax';

test('brackets without a port, in calls', () => {
	check(R, 'stream_socket_client("tcp://«[fe80::1]»");');
	quiet(R, 'fsockopen("[fe80::1]", 80);');
	quiet(R, 'fsockopen("[fe80::1]", $port);');
	quiet(R, 'queue: tcp://[::1]', 'yaml');
});

test('unclosed, doubled, junk between ] and :', () => {
	check(R, 'stream_socket_client("tcp://«[::1:18080»");');
	check(R, 'stream_socket_client("tcp://«[[::1]]»:18080");');
	check(R, 'stream_socket_client("tcp://[::1]« :»18080");');
	check(R, 'stream_socket_client("tcp://[::1]«18080»");');
	check(R, 'stream_socket_client("tcp://«::1]»:18080");');
	check(R, 'A="tcp://«[::1:6379»"', 'env');
});

test('an empty port after "]:" is port 0', () => {
	check(R, 'stream_socket_client("tcp://[::1]«:»");');
});

test('quiet on well-formed brackets', () => {
	quiet(R, 'stream_socket_client("tcp://[::1]:80"); stream_socket_client("tcp://[127.0.0.1]:80");');
	quiet(R, 'stream_socket_server("tcp://[::]:8000");');
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("tcp://[::1] :18080");', 'stream_socket_client("tcp://[::1]:18080");');
	checkFix(R, 'stream_socket_client("tcp://[::1]18080");', 'stream_socket_client("tcp://[::1]:18080");');
	checkFix(R, 'stream_socket_client("tcp://[[::1]]:18080");', 'stream_socket_client("tcp://[::1]:18080");');
	checkFix(R, 'stream_socket_client("tcp://::1]:18080");', 'stream_socket_client("tcp://[::1]:18080");');
});

test('brackets without a port get a placeholder fix', () => {
	const src = '<?php stream_socket_client("tcp://[::1]");';
	const f = analyze(src, 'php').findings.find((x) => x.ruleId === R)!;
	assert.equal(applyEdits(src, [f.fixes[0]!.edits]).text, '<?php stream_socket_client("tcp://[::1]:PORT");');
});
