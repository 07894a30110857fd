import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, DEFAULTS, normalizeSettings } from '../../server/src/engine/index';
import { findings } from '../helpers/marked';

test('normalizeSettings keeps only well-formed values', () => {
	assert.deepEqual(normalizeSettings(undefined), DEFAULTS);
	assert.deepEqual(normalizeSettings('x'), DEFAULTS);
	const s = normalizeSettings({
		enable: false,
		rules: { 'ipv6-brackets': 'off', 'missing-port': 'loud', x: 3 },
		starttlsPorts: [2525, 'x', 70000, 1.5],
		maxFileSize: -1,
		include: ['**/*.php'],
		exclude: [1],
	});
	assert.equal(s.enable, false);
	assert.deepEqual(s.rules, { 'ipv6-brackets': 'off' });
	assert.deepEqual(s.starttlsPorts, [2525]);
	assert.equal(s.maxFileSize, DEFAULTS.maxFileSize);
	assert.deepEqual(s.include, ['**/*.php']);
	assert.deepEqual(s.exclude, DEFAULTS.exclude);
});

test('per-rule levels and enable change what analyze reports', () => {
	const src = 'stream_socket_client("tcp://fe80::1:80");';
	assert.equal(findings(src)[0]!.severity, 'error');
	assert.equal(findings(src, 'php', { rules: { 'ipv6-brackets': 'info' } })[0]!.severity, 'info');
	assert.deepEqual(
		findings(src, 'php', { rules: { 'ipv6-brackets': 'off' } }).map((f) => f.ruleId),
		['port-value'],
	);
	assert.deepEqual(findings(src, 'php', { enable: false }), []);
});

test('inline suppression with transport-lint-disable-next-line', () => {
	const src = '// transport-lint-disable-next-line\nstream_socket_client("tcp://fe80::1:80");';
	assert.deepEqual(findings(src), []);
	const one =
		'# transport-lint-disable-next-line missing-port\nstream_socket_client("tcp://127.0.0.1");\nstream_socket_client("tcp://127.0.0.1");';
	const kept = findings(one);
	assert.equal(kept.length, 1);
	assert.ok(kept[0]!.start > one.lastIndexOf('\n') + '<?php '.length, 'only the third line is reported');
	const other =
		'# transport-lint-disable-next-line ipv6-brackets, outdated-tls\nstream_socket_client("tcp://127.0.0.1");';
	assert.deepEqual(
		findings(other).map((f) => f.ruleId),
		['missing-port'],
	);
	const env = '# transport-lint-disable-next-line unknown-transport\nA=tpc://h:1\nB=tpc://h:1';
	assert.equal(findings(env, 'env').length, 1);
	const notComment = '$x = "transport-lint-disable-next-line";\nstream_socket_client("tcp://fe80::1:80");';
	assert.equal(findings(notComment).length, 1);
});

test('binary and oversized files are skipped with a reason', () => {
	assert.match(analyze('a\0b tcp://fe80::1:80', 'env').skipped ?? '', /binary/);
	assert.match(analyze('A=tpc://h:1', 'env', normalizeSettings({ maxFileSize: 3 })).skipped ?? '', /maxFileSize/);
});
