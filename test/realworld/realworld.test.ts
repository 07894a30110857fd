//! Lints the real-world corpus (Debian packages of PHP projects, laid out by setup.sh) with the CLI and compares
//! every finding, at every severity, with expected.tsv, where each line has a reviewed reason. A new or a missing
//! finding fails, and so does an error or warning whose reason is not a true positive. Prints counts per rule.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths';
import { SINKS } from '../../server/src/engine/values/sinks';
import { analyze } from '../../server/src/engine/index';

interface Found {
	file: string;
	line: number;
	column: number;
	ruleId: string;
	severity: string;
	start: number;
	end: number;
}

/** package, path in the package, severity, rule, the text the finding covers: what a finding is, whatever its line. */
const key = (cols: string[]) => cols.join('\t');

test('the real-world corpus gives exactly the reviewed findings', (t) => {
	const tree = execFileSync('bash', [path.join(ROOT, 'test/realworld/setup.sh')], { encoding: 'utf8' }).trim();
	const run = spawnSync(process.execPath, [path.join(ROOT, 'server/out/cli.js'), '--format', 'json', tree], {
		encoding: 'utf8',
		maxBuffer: 1 << 28,
	});
	assert.ok(run.status === 0 || run.status === 1, run.stderr);
	const found = JSON.parse(run.stdout) as Found[];
	const got = new Map<string, string>();
	const counts = new Map<string, number>();
	for (const f of found) {
		const file = path.resolve(f.file);
		const rel = path.relative(tree, file).split(path.sep);
		const excerpt = JSON.stringify(readFileSync(file, 'utf8').slice(f.start, f.end).slice(0, 80));
		const k = key([rel[0]!, rel.slice(1).join('/'), f.severity, f.ruleId, excerpt]);
		got.set(k, `${k.split('\t').slice(0, 2).join('\t')}\t${f.line}:${f.column}\t${k.split('\t').slice(2).join('\t')}`);
		counts.set(`${f.ruleId} ${f.severity}`, (counts.get(`${f.ruleId} ${f.severity}`) ?? 0) + 1);
	}
	const expected = new Map<string, string>();
	for (const line of readFileSync(path.join(ROOT, 'test/realworld/expected.tsv'), 'utf8').split('\n')) {
		if (!line || line.startsWith('#')) continue;
		const [pkg, file, , severity, rule, excerpt, reason] = line.split('\t');
		assert.ok(reason, `expected.tsv: every line has a reviewed reason: ${line}`);
		if (severity === 'error' || severity === 'warning')
			assert.match(reason!, /^true positive/, `expected.tsv: an ${severity} must be a reviewed true positive: ${line}`);
		expected.set(key([pkg!, file!, severity!, rule!, excerpt!]), reason!);
	}
	const summary = [...counts].sort().map(([k, n]) => `${k}: ${n}`);
	t.diagnostic(`${found.length} findings in ${tree}: ${summary.join(', ') || 'none'}`);
	console.log(`real-world corpus: ${found.length} findings${summary.length ? ` (${summary.join(', ')})` : ''}`);
	const unexpected = [...got.keys()].filter((k) => !expected.has(k)).map((k) => `${got.get(k)}\tTODO: review`);
	const missing = [...expected.keys()].filter((k) => !got.has(k));
	assert.deepEqual(unexpected, [], 'new findings (add each to expected.tsv with a reviewed reason)');
	assert.deepEqual(missing, [], 'findings that are gone (remove them from expected.tsv, or find out why)');
});

test('each library sink rests on a line of the library, quoted in the sink table (the corpus holds the libraries)', () => {
	const tree = execFileSync('bash', [path.join(ROOT, 'test/realworld/setup.sh')], { encoding: 'utf8' }).trim();
	const files = execFileSync('find', [tree, '-name', '*.php', '-path', '*/usr/share/php/*'], {
		encoding: 'utf8',
		maxBuffer: 1 << 26,
	}).split('\n');
	const rows = SINKS.filter((s) => s.library);
	assert.ok(rows.length >= 5);
	for (const s of rows) {
		const { name, file, line } = s.library!;
		const found = files.find((f) => f.endsWith(`/${file}`));
		assert.ok(found, `${name}: ${file} is in the corpus`);
		assert.ok(readFileSync(found, 'utf8').includes(line), `${name} ${file} has: ${line}`);
	}
});

test("Roundcube's own files: its defaults are read as Roundcube settings, and the lines the rule rests on are there", () => {
	const tree = execFileSync('bash', [path.join(ROOT, 'test/realworld/setup.sh')], { encoding: 'utf8' }).trim();
	const root = path.join(tree, 'roundcube-core');
	const defaults = readFileSync(path.join(root, 'etc/roundcube/defaults.inc.php'), 'utf8');
	const result = analyze(defaults, 'php');
	const read = result.clients
		.filter((c) => c.library === 'roundcube')
		.map((c) => `${c.label} ${c.host}:${c.port} ${c.mode}`);
	assert.deepEqual(read, ['smtp_host localhost:587 plain', 'imap_host localhost:143 plain']);
	assert.deepEqual(
		result.findings.filter((f) => f.severity !== 'info'),
		[],
	);
	// The semantics of roundcube-host-prefix, as this version (1.6) writes them.
	assert.ok(
		defaults.includes(
			'// Enter hostname with prefix ssl:// to use Implicit TLS, or use\n// prefix tls:// to use STARTTLS.',
		),
	);
	const smtp = readFileSync(path.join(root, 'usr/share/roundcube/program/lib/Roundcube/rcube_smtp.php'), 'utf8');
	assert.ok(
		smtp.includes('list($smtp_host, $scheme, $smtp_port) = rcube_utils::parse_host_uri($smtp_host, 587, 465);'),
	);
	assert.ok(smtp.includes("$use_tls = $scheme === 'tls';"));
});

test("redis-socket-path: the corpus's Predis, run by PHP, fails on the parameters the rule flags as the rule says", () => {
	const tree = execFileSync('bash', [path.join(ROOT, 'test/realworld/setup.sh')], { encoding: 'utf8' }).trim();
	const autoload = path.join(tree, 'php-predis/usr/share/php/Predis/Autoloader.php');
	const cases = [
		{ params: "['host' => '/nonexistent/redis.sock', 'port' => 6379, 'timeout' => 1]", messageId: 'predisTcp' },
		{ params: "['scheme' => 'unix', 'host' => '/nonexistent/redis.sock']", messageId: 'predisUnixHost' },
	];
	for (const c of cases) {
		const code = `$client = new Predis\\Client(${c.params});`;
		const found = analyze(`<?php\n${code}\n`, 'php').findings.filter((f) => f.ruleId === 'redis-socket-path');
		assert.deepEqual(
			found.map((f) => f.messageId),
			[c.messageId],
			code,
		);
		// In a network namespace with no interface up: the host lookup of a path cannot leave the machine.
		const php = spawnSync(
			'unshare',
			[
				'--net',
				'php',
				'-r',
				`require '${autoload}'; Predis\\Autoloader::register(); ${code} try { $client->connect(); } catch (Throwable $e) { echo $e->getMessage(); }`,
			],
			{ encoding: 'utf8', timeout: 10_000 },
		);
		const said = found[0]!.detail!;
		const error = php.stdout.trim();
		if (c.messageId === 'predisTcp') {
			assert.match(
				error,
				/getaddrinfo for \/nonexistent\/redis\.sock failed.*\[tcp:\/\/\/nonexistent\/redis\.sock:6379\]/,
			);
			assert.ok(said.includes('"tcp:///nonexistent/redis.sock:6379"'), said);
		} else {
			assert.equal(error, 'Missing UNIX domain socket path.');
			assert.ok(said.includes(error), said);
		}
	}
});
