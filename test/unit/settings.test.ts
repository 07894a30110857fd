import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, DEFAULTS, normalizeSettings } from '../../server/src/engine/index';
import { settingsProblems } from '../../server/src/engine/settings-check';
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

test('settingsProblems says what is invalid and what is used instead, once per entry; valid settings give none', () => {
	assert.deepEqual(settingsProblems(undefined), []);
	assert.deepEqual(
		settingsProblems({
			enable: true,
			rules: { 'tls-port-mismatch': 'warning', 'ipv6-brackets': 'off' },
			starttlsPorts: [2525],
			implicitTlsPorts: [],
			maxFileSize: 1000,
			include: ['**/*.php'],
			exclude: [],
			codeLens: { enable: false },
			probe: { timeoutMs: 3000, caFile: 'ca.pem' },
			php: { executablePath: 'php', version: '8.1' },
		}),
		[],
	);
	assert.deepEqual(
		settingsProblems({
			enable: 'yes',
			rules: { 'tls-port-missmatch': 'warning', 'ipv6-brackets': 'warn', 'unknown-transport': 3 },
			starttlsPorts: [587, 70000, 'x'],
			maxFileSize: -1,
			include: '**/*.php',
			probe: { timeoutMs: 5 },
			php: { version: 'latest' },
		}),
		[
			'transportLint.enable is "yes", not true or false; it stays on.',
			'transportLint.rules: there is no rule "tls-port-missmatch" (did you mean "tls-port-mismatch"?); the entry is ignored.',
			'transportLint.rules: "ipv6-brackets" is set to "warn", not one of off, hint, info, warning, error (did you mean "warning"?); the rule keeps its default.',
			'transportLint.rules: "unknown-transport" is set to 3, not one of off, hint, info, warning, error; the rule keeps its default.',
			'transportLint.starttlsPorts: 70000, "x" is not a port (a whole number from 1 to 65535); ignored.',
			'transportLint.maxFileSize is -1, not a number of bytes above 0; the default is used.',
			'transportLint.include is "**/*.php", not a list of glob patterns; the default is used.',
			'transportLint.probe.timeoutMs is 5, not a number from 100 to 60000; the default is used.',
			'transportLint.php.version is "latest", not a version such as "8.1"; it is ignored.',
		],
	);
	// What normalizeSettings does with the same entries: the defaults the messages promise.
	const s = normalizeSettings({ rules: { 'ipv6-brackets': 'warn' }, maxFileSize: -1, probe: { timeoutMs: 5 } });
	assert.deepEqual([s.rules, s.maxFileSize, s.probe.timeoutMs], [{}, DEFAULTS.maxFileSize, DEFAULTS.probe.timeoutMs]);
});
