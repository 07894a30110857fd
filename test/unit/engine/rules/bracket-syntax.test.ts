import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../../server/src/engine/index';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'bracket-syntax';

ruleTester(R, 'brackets without a port, in calls', {
	valid: [
		'fsockopen("[fe80::1]", 80);',
		'fsockopen("[fe80::1]", $port);',
		{ code: 'queue: tcp://[::1]', kind: 'yaml' },
	],
	invalid: [{ code: 'stream_socket_client("tcp://«[fe80::1]»");', errors: ['noPort'] }],
});

ruleTester(R, 'unclosed, doubled, junk between ] and :', {
	invalid: [
		{ code: 'stream_socket_client("tcp://«[::1:18080»");', errors: ['unclosed'] },
		{
			code: 'stream_socket_client("tcp://«[[::1]]»:18080");',
			errors: ['doubled'],
			output: 'stream_socket_client("tcp://[::1]:18080");',
		},
		{
			code: 'stream_socket_client("tcp://[::1]« :»18080");',
			errors: ['textAfter'],
			output: 'stream_socket_client("tcp://[::1]:18080");',
		},
		{
			code: 'stream_socket_client("tcp://[::1]«18080»");',
			errors: ['textAfter'],
			output: 'stream_socket_client("tcp://[::1]:18080");',
		},
		{
			code: 'stream_socket_client("tcp://«::1]»:18080");',
			errors: ['noOpening'],
			output: 'stream_socket_client("tcp://[::1]:18080");',
		},
		{ code: 'A="tcp://«[::1:6379»"', kind: 'env', errors: ['unclosed'] },
	],
});

ruleTester(R, 'an empty port after "]:" is port 0', {
	invalid: [{ code: 'stream_socket_client("tcp://[::1]«:»");', errors: ['emptyPort'] }],
});

ruleTester(R, 'quiet on well-formed brackets', {
	valid: [
		'stream_socket_client("tcp://[::1]:80"); stream_socket_client("tcp://[127.0.0.1]:80");',
		'stream_socket_server("tcp://[::]:8000");',
	],
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
