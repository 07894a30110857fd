import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, RULES } from '../../server/src/engine/index';
import { FINGERPRINT_KEY, locate, toSarif, withoutBaseline } from '../../server/src/cli/sarif';

test('SARIF 2.1.0 with rules, levels and 1-based UTF-16 regions', () => {
	const text = '<?php\n$a = "😀"; stream_socket_client("tcp://fe80::1:80");';
	const findings = analyze(text, 'php').findings;
	const log = toSarif([{ uri: 'src/a.php', findings: locate(text, findings) }], '1.2.3', 'file:///docs/') as {
		version: string;
		runs: {
			tool: { driver: { rules: { id: string; helpUri: string }[]; version: string } };
			results: Record<string, unknown>[];
		}[];
	};
	assert.equal(log.version, '2.1.0');
	const run = log.runs[0]!;
	assert.equal(run.tool.driver.version, '1.2.3');
	assert.deepEqual(
		run.tool.driver.rules.map((r) => r.id),
		RULES.map((r) => r.meta.id),
	);
	assert.equal(run.tool.driver.rules[0]!.helpUri, `file:///docs/${RULES[0]!.meta.id}.md`);
	const result = run.results[0] as {
		ruleId: string;
		level: string;
		locations: { physicalLocation: { region: Record<string, number>; artifactLocation: { uri: string } } }[];
	};
	assert.equal(result.ruleId, 'ipv6-brackets');
	assert.equal(result.level, 'error');
	assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uri, 'src/a.php');
	// Line 2: '$a = "😀"; stream_socket_client("tcp://' is 39 UTF-16 units (the emoji counts 2).
	assert.deepEqual(result.locations[0]!.physicalLocation.region, {
		startLine: 2,
		startColumn: 40,
		endLine: 2,
		endColumn: 50,
	});
});

test('partial fingerprints survive lines moving and tell identical findings apart; other text is another finding', () => {
	const prints = (text: string) => {
		const log = toSarif([{ uri: 'a.php', findings: locate(text, analyze(text, 'php').findings) }], '1', 'x/') as {
			runs: { results: { partialFingerprints: Record<string, string> }[] }[];
		};
		return log.runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
	};
	const call = 'stream_socket_client("tcp://fe80::1:80");';
	const before = prints(`<?php\n${call}\n${call}\n`);
	assert.equal(before.length, 2);
	assert.notEqual(before[0], before[1]);
	assert.match(before[0]!, /^[0-9a-f]{16}:0$/);
	// Lines added above and CRLF line ends: the same fingerprints.
	assert.deepEqual(prints(`<?php\r\n// a comment\r\n\r\n${call}\r\n${call}\r\n`), before);
	// Another port in the flagged text: another finding.
	assert.notDeepEqual(prints(`<?php\nstream_socket_client("tcp://fe80::1:81");\n`)[0], before[0]);
});

test('--baseline: findings matched by file, rule and fingerprint are left out', () => {
	const text = '<?php\nstream_socket_client("tcp://fe80::1:80");\n';
	const old = toSarif([{ uri: 'a.php', findings: locate(text, analyze(text, 'php').findings) }], '1', 'x/');
	const now = `<?php\n\nstream_socket_client("tcp://fe80::1:80");\nstream_socket_client("tcp://127.0.0.1");\n`;
	const files = [
		{ uri: 'a.php', findings: locate(now, analyze(now, 'php').findings) },
		{ uri: 'b.php', findings: locate(text, analyze(text, 'php').findings) },
	];
	const left = withoutBaseline(files, old);
	assert.equal(left.known, 1);
	assert.deepEqual(
		left.files.map((f) => f.findings.map((x) => [f.uri, x.ruleId, x.line])),
		[[['a.php', 'missing-port', 4]], [['b.php', 'ipv6-brackets', 2]]],
	);
	assert.throws(() => withoutBaseline(files, { version: '2.1.0' }), /not a SARIF log/);
});
