import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, RULES } from '../../server/src/engine/index';
import { locate, toSarif } from '../../server/src/cli/sarif';

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
