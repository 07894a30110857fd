import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../helpers/paths';
import { writeTree } from '../helpers/tree';
import { freePort, greeter, listen, makePki, tlsServer } from '../helpers/peers';
import { RULES } from '../../server/src/engine/index';

const CLI = path.join(ROOT, 'server/out/cli.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'transport-lint-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = ROOT, env?: Record<string, string>) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		cwd,
		encoding: 'utf8',
		timeout: 60_000,
		maxBuffer: 64 << 20,
		...(env && { env: { ...process.env, ...env } }),
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

test('text output on examples/: compiler-style lines, exit 1 on errors', () => {
	const r = run(['examples']);
	assert.equal(r.code, 1, r.err);
	const lines = r.out.trim().split('\n');
	assert.ok(lines.length >= 10);
	for (const l of lines) assert.match(l, /^examples\/\S+:\d+:\d+ (error|warning|info|hint) [a-z0-9-]+ .+/);
	assert.ok(lines.some((l) => l.startsWith('examples/mailer.php:7:58 warning tls-port-mismatch ')));
	assert.ok(
		lines.some((l) =>
			l.startsWith('examples/.env:11:17 error unknown-transport Unable to find the socket transport "tpc"'),
		),
	);
	assert.ok(!r.out.includes('APP_URL'), 'https URLs are not candidates');
	assert.match(r.err, /files checked, \d+ problems/);
});

test('JSON output has file, 1-based positions, rule and fixes', () => {
	const r = run(['--format', 'json', 'examples/mailer.php']);
	const out = JSON.parse(r.out) as { file: string; line: number; column: number; ruleId: string; fixes: unknown[] }[];
	assert.ok(out.length > 0);
	assert.ok(out.every((f) => f.file === 'examples/mailer.php'));
	const ipv6 = out.find((f) => f.ruleId === 'ipv6-brackets')! as (typeof out)[number] & { detail?: string };
	assert.deepEqual([ipv6.line, ipv6.column], [22, 38]);
	assert.match(ipv6.detail!, /PHP splits host and port at the first colon/);
	assert.ok(ipv6.fixes.length >= 1);
	// Every finding has the same fields, and only those (a rule's spread edit once added a stray "text").
	const fields = [
		'file',
		'line',
		'column',
		'endLine',
		'endColumn',
		'ruleId',
		'severity',
		'start',
		'end',
		'message',
		'messageId',
		'fixes',
	];
	for (const f of JSON.parse(run(['--format', 'json', 'examples']).out) as Record<string, unknown>[])
		assert.deepEqual(
			// `related` and `detail` (the long story) only where there is one.
			Object.keys(f).filter((k) => k !== 'related' && k !== 'detail'),
			fields,
			JSON.stringify(f),
		);
});

test('SARIF output is 2.1.0 with every rule and the results', () => {
	const r = run(['--format=sarif', 'examples']);
	const log = JSON.parse(r.out) as {
		version: string;
		runs: { tool: { driver: { rules: unknown[] } }; results: unknown[] }[];
	};
	assert.equal(log.version, '2.1.0');
	assert.equal(log.runs[0]!.tool.driver.rules.length, RULES.length);
	assert.equal(log.runs[0]!.results.length, run(['--format', 'json', 'examples']).out.match(/"ruleId"/g)!.length);
});

test('exit 0 on a clean tree; 2 on bad usage with a message', () => {
	const clean = path.join(tmp, 'clean');
	mkdirSync(clean);
	writeFileSync(
		path.join(clean, 'ok.php'),
		'<?php fsockopen("[fe80::1]", 80); stream_socket_client("tls://smtp.example.com:465");',
	);
	writeFileSync(path.join(clean, '.env'), 'REDIS=tcp://redis:6379\nURL=https://x');
	assert.equal(run([clean]).code, 0);
	const warnOnly = path.join(tmp, 'warn');
	mkdirSync(warnOnly);
	writeFileSync(path.join(warnOnly, 'w.php'), '<?php stream_socket_client("tls://smtp.example.com:587");');
	assert.equal(run([warnOnly]).code, 0);
	for (const bad of [['--format', 'xml'], ['--nope'], ['/no/such/path'], ['--format']]) {
		const r = run(bad);
		assert.equal(r.code, 2, bad.join(' '));
		assert.match(r.err, /^transport-lint: .+\n\nUsage:/);
	}
	assert.equal(run(['--help']).code, 0);
	assert.match(run(['--version']).out, /^\d+\.\d+\.\d+/);
});

test('settings file: rules off and severity overrides', () => {
	const dir = path.join(tmp, 'cfg');
	mkdirSync(dir);
	writeFileSync(path.join(dir, 'a.php'), '<?php stream_socket_client("tcp://127.0.0.1");');
	assert.equal(run(['.'], dir).code, 1);
	writeFileSync(path.join(dir, '.transportlintrc.json'), JSON.stringify({ rules: { 'missing-port': 'warning' } }));
	const r = run(['.'], dir);
	assert.equal(r.code, 0);
	assert.match(r.out, /warning missing-port/);
	writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ rules: { 'missing-port': 'off' } }));
	assert.equal(run(['--config', 'other.json', 'a.php'], dir).out, '');
	rmSync(path.join(dir, '.transportlintrc.json'));
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'x', transportLint: { rules: { 'missing-port': 'info' } } }),
	);
	assert.match(run(['a.php'], dir).out, /info missing-port/);
	// An entry that is not valid is said on stderr, with what is used instead; the rest still applies.
	writeFileSync(
		path.join(dir, 'bad.json'),
		JSON.stringify({ rules: { 'missing-prot': 'off', 'missing-port': 'warn' } }),
	);
	const bad = run(['--config', 'bad.json', 'a.php'], dir);
	assert.equal(bad.code, 1, 'missing-port keeps its default severity, an error');
	assert.equal(
		bad.err,
		[
			'transport-lint: bad.json: rules: there is no rule "missing-prot" (did you mean "missing-port"?); the entry is ignored.',
			'transport-lint: bad.json: rules: "missing-port" is set to "warn", not one of off, hint, info, warning, error (did you mean "warning"?); the rule keeps its default.',
			'1 file checked, 1 problem (1 error, 0 warnings)',
			'',
		].join('\n'),
	);
});

test('--fix writes the preferred fixes to a copy of examples/ and is idempotent', () => {
	const copy = path.join(tmp, 'examples');
	cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
	run(['--fix', '.'], copy);
	const php = readFileSync(path.join(copy, 'mailer.php'), 'utf8');
	assert.match(php, /'tcp:\/\/\[fd00::6379\]:6379'/);
	// Changing the port is a choice, not a fix: --fix leaves it.
	assert.match(php, /'tls:\/\/smtp\.example\.com:587'/);
	assert.match(php, /fsockopen\('unix:\/\/\/var\/run\/redis\/redis\.sock', -1\)/);
	assert.match(php, /STREAM_CRYPTO_METHOD_TLS_CLIENT/);
	assert.match(php, /\$mail->Host = 'tls:\/\/smtp\.gmail\.com:587'/);
	const env = readFileSync(path.join(copy, '.env'), 'utf8');
	assert.match(env, /REDIS_CACHE_URL=tcp:\/\/cache:6379/);
	const before = readFileSync(path.join(copy, 'mailer.php'), 'utf8');
	run(['--fix', '.'], copy);
	assert.equal(readFileSync(path.join(copy, 'mailer.php'), 'utf8'), before);
});

test('skips binary and oversized files with a message', () => {
	const dir = path.join(tmp, 'bad');
	mkdirSync(dir);
	writeFileSync(path.join(dir, 'bin.php'), Buffer.from([0x3c, 0x3f, 0, 1, 2]));
	writeFileSync(path.join(dir, 'big.env'), 'A=tpc://h:1\n'.repeat(10));
	writeFileSync(path.join(dir, '.transportlintrc.json'), JSON.stringify({ maxFileSize: 50 }));
	const r = run(['.'], dir);
	assert.match(r.err, /bin\.php: skipped, binary file/);
	assert.match(r.err, /big\.env: skipped, larger than the size limit/);
	assert.equal(r.code, 0);
});

test('probe subcommand: text and JSON, exit codes', async () => {
	const net = await import('node:net');
	const server = net.createServer((s) => s.end());
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as { port: number }).port;
	try {
		const { spawn } = await import('node:child_process');
		const runAsync = (args: string[]) =>
			new Promise<{ code: number | null; out: string }>((resolve) => {
				const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
				let out = '';
				p.stdout.on('data', (d: Buffer) => (out += d.toString()));
				p.on('close', (code) => resolve({ code, out }));
			});
		const ok = await runAsync(['probe', `tcp://127.0.0.1:${port}`]);
		assert.equal(ok.code, 0);
		assert.match(ok.out, /ok {3}connect .* ms {2}connected to 127\.0\.0\.1/);
		const json = await runAsync(['probe', '--format', 'json', '--timeout', '500', 'tcp://127.0.0.1:1']);
		assert.equal(json.code, 1);
		assert.equal((JSON.parse(json.out) as { ok: boolean }).ok, false);
	} finally {
		server.close();
	}
	assert.equal(run(['probe']).code, 2);
	assert.equal(run(['probe', '--starttls=xmpp', 'tcp://h:1']).code, 2);
});

test('the packed npm tarball runs with npx in an empty directory, the CLI and the language server', () => {
	const dest = mkdtempSync(path.join(tmpdir(), 'tl-pack-'));
	try {
		const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dest], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 120_000,
		});
		assert.equal(pack.status, 0, pack.stderr);
		const tgz = path.join(dest, pack.stdout.trim().split('\n').pop()!);
		const work = path.join(dest, 'work');
		cpSync(path.join(ROOT, 'examples'), work, { recursive: true });
		const r = spawnSync('npm', ['exec', '--yes', `--package=${tgz}`, '--', 'transport-lint', '.'], {
			cwd: work,
			encoding: 'utf8',
			timeout: 120_000,
		});
		assert.equal(r.status, 1, r.stderr);
		assert.match(r.stdout, /^mailer\.php:7:58 warning tls-port-mismatch /m);
		// The language server's bin, for editors other than VS Code.
		const server = spawnSync('npm', ['exec', '--yes', `--package=${tgz}`, '--', 'transport-lint-server', '--help'], {
			cwd: work,
			encoding: 'utf8',
			timeout: 120_000,
		});
		assert.equal(server.status, 0, server.stderr);
		assert.match(server.stdout, /^Usage: transport-lint-server --stdio \| --node-ipc \| --socket=PORT/m);
	} finally {
		rmSync(dest, { recursive: true, force: true });
	}
});

test('symlink loops end and dangling links are skipped', () => {
	const dir = path.join(tmp, 'links');
	mkdirSync(path.join(dir, 'a'), { recursive: true });
	writeFileSync(path.join(dir, 'a', 'x.env'), 'A=tpc://h:1\n');
	symlinkSync('..', path.join(dir, 'a', 'loop'));
	symlinkSync(path.join(dir, 'missing.php'), path.join(dir, 'dangling.php'));
	const r = run(['.'], dir);
	assert.equal(r.code, 1, r.err);
	assert.equal(r.out.trim().split('\n').length, 1, r.out);
	assert.match(r.out, /^a\/x\.env:1:3 error unknown-transport/);
});

test('--php asks a binary, --php-version and composer.json require.php set the version the rules judge for', () => {
	const dir = path.join(tmp, 'php-env');
	mkdirSync(dir);
	writeFileSync(
		path.join(dir, 'a.php'),
		"<?php\nstream_socket_client('ssl://h:465');\nstream_socket_client('tlsv1.3://h:443');\n",
	);
	const fake = path.join(tmp, 'php-without-openssl');
	writeFileSync(
		fake,
		`#!/bin/sh\necho '{"version":"8.1.2","transports":["tcp","udp","unix","udg"],"openssl":null,"constants":[]}'\n`,
	);
	chmodSync(fake, 0o755);
	const codes = (args: string[]) =>
		run([...args, '--format', 'json', dir]).out.length
			? (JSON.parse(run([...args, '--format', 'json', dir]).out) as { line: number; ruleId: string }[]).map(
					(f) => `${f.line} ${f.ruleId}`,
				)
			: [];
	assert.deepEqual(codes(['--php', fake]), ['2 transport-unavailable', '3 transport-unavailable']);
	assert.deepEqual(codes(['--php', '/usr/bin/php']), []);
	assert.deepEqual(codes(['--php-version', '7.3']), ['3 transport-unavailable']);
	assert.deepEqual(codes([]), []);
	writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ require: { php: '^7.2 || ^8.0' } }));
	assert.deepEqual(codes([]), ['3 transport-unavailable']);
	const bad = run(['--php', path.join(tmp, 'nope'), dir]);
	assert.equal(bad.code, 2);
	assert.match(bad.err, /--php: .*nope is not an executable file/);
	const notPhp = run(['--php', '/bin/true', dir]);
	assert.equal(notPhp.code, 2);
	assert.match(notPhp.err, /is not a working PHP CLI/);
});

test('a large tree is linted on several threads with the same output, in the same order', () => {
	const dir = path.join(tmp, 'many');
	for (let i = 0; i < 260; i++) {
		mkdirSync(path.join(dir, `d${i % 7}`), { recursive: true });
		writeFileSync(
			path.join(dir, `d${i % 7}`, `f${i}.php`),
			`<?php\n// ${i}\nstream_socket_client('tcp://fe80::${i}:80');\n${i % 3 ? "fsockopen('tls://h', 587);" : ''}\n`,
		);
	}
	const runWith = (threads: string) =>
		spawnSync(process.execPath, [CLI, '--format', 'json', dir], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 60_000,
			maxBuffer: 64 << 20,
			env: { ...process.env, TRANSPORT_LINT_THREADS: threads },
		});
	const one = runWith('1');
	const three = runWith('3');
	assert.equal(one.status, 1, one.stderr);
	assert.equal(three.status, one.status);
	assert.equal(three.stdout, one.stdout);
	assert.equal((JSON.parse(one.stdout) as unknown[]).length, 260 + 173);
});

test('output names files relative to the working directory, however the paths were written', () => {
	const names = (arg: string) =>
		(JSON.parse(run(['--format', 'json', arg]).out) as { file: string }[]).map((f) => f.file).sort();
	const plain = names('examples');
	assert.ok(plain.length > 0 && plain.every((f) => f.startsWith('examples/')), plain.join(' '));
	for (const arg of [
		path.join(ROOT, 'examples'),
		`${ROOT}/./examples`,
		`${ROOT}//examples`,
		`${ROOT}/examples/../examples`,
		'./examples',
	])
		assert.deepEqual(names(arg), plain, arg);
});

test('values defined in other files are followed: constants, class constants, and functions that pass a parameter on', () => {
	for (const filler of [0, 240]) {
		const dir = path.join(tmp, `cross-file-${filler}`);
		writeTree(dir, {
			'src/Config.php':
				"<?php\nnamespace App;\nclass Config {\n    const SMTP_URL = 'ssl://mx.example.org:25';\n}\ndefine('MEMCACHE_SOCK', 'unix:///run/memcached.sock');\n",
			'src/Net.php': "<?php\nfunction open_smtp($host) {\n    return fsockopen('tcp://' . $host . ':25');\n}\n",
			'src/use.php':
				"<?php\nuse App\\Config;\n$a = fsockopen(Config::SMTP_URL, -1);\n$c = fsockopen(MEMCACHE_SOCK, 11211);\nopen_smtp('fd00::25');\n",
		});
		// Enough other files to lint on worker threads (the index is then built across threads).
		for (let i = 0; i < filler; i++) writeFileSync(path.join(dir, `f${i}.php`), `<?php echo ${i};\n`);
		const r = run(['--format', 'json', '.'], dir);
		const got = (
			JSON.parse(r.out) as { file: string; line: number; ruleId: string; related?: { message: string }[] }[]
		).map((f) => [f.file, f.line, f.ruleId, f.related?.[0]?.message]);
		assert.deepEqual(
			got,
			[
				['src/use.php', 3, 'tls-port-mismatch', 'fsockopen() receives this value, written in src/Config.php.'],
				['src/use.php', 4, 'fsockopen-port', 'fsockopen() receives this value here.'],
				['src/use.php', 5, 'ipv6-brackets', 'open_smtp() in src/Net.php passes this value to fsockopen().'],
			],
			`with ${filler} other files`,
		);
		// A fix never edits the use site of a value written elsewhere.
		const fixes = (JSON.parse(r.out) as { ruleId: string; fixes: { edits: { text: string }[] }[] }[]).flatMap((f) =>
			f.ruleId === 'tls-port-mismatch' ? f.fixes : [],
		);
		assert.deepEqual(fixes, []);
	}
});

test("WordPress's SMTP constants in wp-config.php, read by a phpmailer_init hook in the theme: judged at the hook, not edited", () => {
	const dir = path.join(tmp, 'wp-constants');
	writeTree(dir, {
		'wp-config.php':
			"<?php\ndefine( 'SMTP_HOST', 'smtp.example.com' );\ndefine( 'SMTP_PORT', '465' );\ndefine( 'SMTP_SECURE', 'tls' );\n",
		'wp-content/themes/site/functions.php':
			"<?php\nadd_action( 'phpmailer_init', 'send_smtp_email' );\nfunction send_smtp_email( $phpmailer ) {\n\t$phpmailer->isSMTP();\n\t$phpmailer->Host = SMTP_HOST;\n\t$phpmailer->Port = SMTP_PORT;\n\t$phpmailer->SMTPSecure = SMTP_SECURE;\n}\n",
	});
	const r = run(['--format', 'json', '.'], dir);
	const found = JSON.parse(r.out) as {
		file: string;
		line: number;
		ruleId: string;
		fixes: unknown[];
		related?: { message: string }[];
	}[];
	assert.deepEqual(
		found.map((f) => [f.file, f.line, f.ruleId, f.fixes.length, f.related?.map((x) => x.message)]),
		[
			[
				'wp-content/themes/site/functions.php',
				7,
				'phpmailer-encryption',
				0,
				[
					'The port (Port) is set here.',
					"SMTP_SECURE is 'tls', written in wp-config.php.",
					"SMTP_PORT is '465', written in wp-config.php.",
				],
			],
		],
	);
});

test('with stdout and stderr on one pipe (a CI log), the summary comes after the last finding, on its own line', () => {
	const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" examples 2>&1`], { cwd: ROOT, encoding: 'utf8' });
	const lines = r.stdout.trimEnd().split('\n');
	assert.match(lines.at(-1)!, /^\d+ files checked, \d+ problems/);
	assert.ok(
		lines.slice(0, -1).every((l) => /^examples\/\S+:\d+:\d+ /.test(l)),
		r.stdout,
	);
});

test('--baseline: a team adopting the tool sees only new findings, and the exit status counts only those', () => {
	const dir = path.join(tmp, 'baseline');
	mkdirSync(path.join(dir, 'src'), { recursive: true });
	writeFileSync(path.join(dir, 'src/old.php'), '<?php\nstream_socket_client("tcp://fe80::1:80");\n');
	const first = run(['--format', 'sarif', '.'], dir);
	assert.equal(first.code, 1);
	writeFileSync(path.join(dir, 'baseline.sarif'), first.out);
	// The old finding moved down two lines; nothing new: exit 0, nothing printed, the count on stderr.
	writeFileSync(path.join(dir, 'src/old.php'), '<?php\n// moved\n\nstream_socket_client("tcp://fe80::1:80");\n');
	const same = run(['--baseline', 'baseline.sarif', '.'], dir);
	assert.equal(same.code, 0, same.out + same.err);
	assert.equal(same.out, '');
	assert.match(same.err, /1 finding in the baseline left out/);
	assert.match(same.err, /0 problems/);
	// A new finding beside it is reported, and fails the run.
	writeFileSync(path.join(dir, 'src/new.php'), '<?php\nstream_socket_client("tcp://127.0.0.1");\n');
	const added = run(['--baseline=baseline.sarif', '--format', 'json', '.'], dir);
	assert.equal(added.code, 1);
	assert.deepEqual(
		(JSON.parse(added.out) as { file: string; ruleId: string }[]).map((f) => [f.file, f.ruleId]),
		[['src/new.php', 'missing-port']],
	);
	const bad = run(['--baseline', 'src/old.php', '.'], dir);
	assert.equal(bad.code, 2);
	assert.match(bad.err, /--baseline: src\/old.php is not a SARIF log/);
});

test("SARIF output passes Microsoft's SARIF Multitool validation, GitHub code scanning's rules included", () => {
	// @microsoft/sarif-multitool's self-contained Linux build; npm may not have run its postinstall (chmod).
	const multitool = path.join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
	chmodSync(multitool, 0o755);
	const dir = path.join(tmp, 'sarif-validate');
	mkdirSync(dir, { recursive: true });
	const sarif = run(['--format', 'sarif', 'examples']);
	assert.equal(sarif.code, 1);
	writeFileSync(path.join(dir, 'examples.sarif'), sarif.out);
	// In a network namespace of its own (no interface up): its SARIF2006 rule tries an HTTP GET on every URI in the log.
	const r = spawnSync(
		'unshare',
		[
			'--net',
			multitool,
			'validate',
			'--level',
			'Error;Warning',
			'--rule-kind',
			'Sarif;Gh',
			'-o',
			path.join(dir, 'validation.sarif'),
			path.join(dir, 'examples.sarif'),
		],
		{ encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
	);
	assert.equal(r.status, 0, r.stdout + r.stderr);
	const validation = JSON.parse(readFileSync(path.join(dir, 'validation.sarif'), 'utf8')) as {
		runs: { results?: { ruleId: string; message: { arguments?: string[] } }[] }[];
	};
	assert.deepEqual(
		validation.runs.flatMap((x) => x.results ?? []).map((x) => `${x.ruleId} ${x.message.arguments?.join(' ')}`),
		[],
	);
	// What the validation read: results with fingerprints, rules with what GitHub requires.
	const log = JSON.parse(sarif.out) as {
		runs: { results: { partialFingerprints: object }[]; tool: { driver: { rules: { help: object }[] } } }[];
	};
	assert.ok(log.runs[0]!.results.length >= 10);
	assert.ok(log.runs[0]!.results.every((x) => Object.keys(x.partialFingerprints).length === 1));
});

test("the pre-commit hook (.pre-commit-hooks.yaml) run by Debian's pre-commit on a temporary repository", () => {
	const repo = path.join(tmp, 'pre-commit-repo');
	const bin = path.join(tmp, 'pre-commit-bin');
	mkdirSync(repo, { recursive: true });
	mkdirSync(bin, { recursive: true });
	// The hook runs the `transport-lint` on PATH (language: system): here, this checkout's CLI.
	symlinkSync(CLI, path.join(bin, 'transport-lint'));
	const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
	const git = (...args: string[]) => {
		const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
			cwd: repo,
			encoding: 'utf8',
		});
		assert.equal(r.status, 0, r.stderr);
	};
	git('init', '-q');
	writeFileSync(path.join(repo, 'a.php'), "<?php\nstream_socket_client('tcp://fe80::1:80');\n");
	writeFileSync(path.join(repo, 'README.txt'), 'tcp://fe80::1:80 in a file the hook does not look at\n');
	writeFileSync(
		path.join(repo, '.pre-commit-config.yaml'),
		`repos:\n  - repo: ${ROOT}\n    rev: ${head}\n    hooks:\n      - id: transport-lint\n`,
	);
	git('add', '-A');
	const env = {
		...process.env,
		PATH: `${bin}${path.delimiter}${process.env.PATH}`,
		PRE_COMMIT_HOME: path.join(tmp, 'pc'),
	};
	const preCommit = (...args: string[]) =>
		spawnSync('pre-commit', ['run', ...args], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
	const failed = preCommit('--all-files');
	assert.equal(failed.status, 1, failed.stdout + failed.stderr);
	assert.match(failed.stdout, /Transport Lint\.+Failed/);
	assert.match(failed.stdout, /a\.php:2:29 error ipv6-brackets /);
	assert.doesNotMatch(failed.stdout, /README\.txt/);
	// Fixed and staged: the hook passes.
	writeFileSync(path.join(repo, 'a.php'), "<?php\nstream_socket_client('tcp://[fe80::1]:80');\n");
	git('add', 'a.php');
	const passed = preCommit();
	assert.equal(passed.status, 0, passed.stdout + passed.stderr);
	assert.match(passed.stdout, /Transport Lint\.+Passed/);
});

test('probe --all: every fully known target once, 4 at a time, one line each; exit 1 when one fails', async () => {
	const pki = makePki();
	const plaintext = greeter();
	const tlsPeer = tlsServer(pki.cert, pki.key);
	const greeterPort = await listen(plaintext);
	const tlsPort = await listen(tlsPeer);
	const closed = await freePort();
	const dir = path.join(tmp, 'probe-all');
	mkdirSync(path.join(dir, 'config'), { recursive: true });
	writeFileSync(path.join(dir, 'ca.pem'), pki.caCert);
	writeFileSync(
		path.join(dir, 'mail.php'),
		[
			'<?php',
			`$a = stream_socket_client('ssl://127.0.0.1:${greeterPort}', $errno, $errstr, 5);`,
			`$b = stream_socket_client('tls://localhost:${tlsPort}', $errno, $errstr, 5);`,
			`$c = fsockopen('127.0.0.1', ${closed});`,
			`$d = stream_socket_client("tcp://$host:${closed}");`,
			`$e = stream_socket_client('tls://localhost:${tlsPort}');`,
			'',
		].join('\n'),
	);
	writeFileSync(path.join(dir, 'config/.env'), `REDIS_URL=tcp://127.0.0.1:${closed}\n`);
	const { spawn } = await import('node:child_process');
	const runAsync = (args: string[]) =>
		new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
			const p = spawn(process.execPath, [CLI, ...args], { cwd: dir });
			let out = '';
			let err = '';
			p.stdout.on('data', (d: Buffer) => (out += d.toString()));
			p.stderr.on('data', (d: Buffer) => (err += d.toString()));
			p.on('close', (code) => resolve({ code, out, err }));
		});
	try {
		const all = await runAsync(['probe', '--all', '--timeout', '2000', '--ca', 'ca.pem', '.']);
		assert.equal(all.code, 1, all.out + all.err);
		const lines = all.out.trim().split('\n').sort();
		assert.equal(lines.length, 4, all.out);
		// `$d` is computed at run time: not tested. The TLS peer is written twice: tested once.
		assert.match(
			lines.find((l) => l.includes(`127.0.0.1:${greeterPort}`))!,
			/^FAIL ssl:\/\/127\.0\.0\.1:\d+ .*\(mail\.php:2\)$/,
		);
		assert.match(
			lines.find((l) => l.includes(`localhost:${tlsPort}`))!,
			/^ok {3}tls:\/\/localhost:\d+ .*\(mail\.php:3 and 1 more\)$/,
		);
		assert.match(
			lines.find((l) => l.startsWith(`FAIL 127.0.0.1:${closed}`))!,
			/refused.*\(mail\.php:4\)$/,
		);
		assert.match(
			lines.find((l) => l.startsWith(`FAIL tcp://127.0.0.1:${closed}`))!,
			/\(config\/\.env:1\)$/,
		);
		assert.match(all.err, /4 targets tested, 3 failed/);
		// Only the TLS peer: everything works, exit 0.
		const one = await runAsync(['probe', '--all', '--ca', 'ca.pem', '--format', 'json', 'mail.php']);
		const report = JSON.parse(one.out) as { target: string; where: string[]; report: { ok: boolean } }[];
		assert.equal(one.code, 1, 'mail.php still has the failing ones');
		assert.deepEqual(
			report.map((r) => [r.target.replace(/\d+$/, 'N'), r.report.ok]),
			[
				['ssl://127.0.0.1:N', false],
				['tls://localhost:N', true],
				['127.0.0.1:N', false],
			],
		);
		writeFileSync(path.join(dir, 'ok.php'), `<?php\nstream_socket_client('tls://localhost:${tlsPort}');\n`);
		const ok = await runAsync(['probe', '--all', '--ca', 'ca.pem', 'ok.php']);
		assert.equal(ok.code, 0, ok.out + ok.err);
		assert.equal(run(['probe', '--all', 'no-such-dir'], dir).code, 2);
	} finally {
		plaintext.close();
		tlsPeer.close();
	}
});

test('a lint worker that runs out of memory is dropped and its files are linted on the main thread: the same output', () => {
	// 210 files of 12 KB of URLs (more than PARALLEL_FROM, so a worker starts); their results fill more than the worker's 16 MB.
	const dir = path.join(tmp, 'oom');
	const files: Record<string, string> = {};
	for (let k = 0; k < 210; k++) {
		let s = '<?php\n';
		for (let i = 0; s.length < 12_000; i++)
			s += `$fp${i} = stream_socket_client("ssl://h${k}x${i}.example.com:587");\n`;
		files[`f${String(k).padStart(3, '0')}.php`] = s;
	}
	writeTree(dir, files);
	const small = run([dir], ROOT, { TRANSPORT_LINT_WORKER_HEAP_MB: '16', TRANSPORT_LINT_THREADS: '2' });
	const one = run([dir], ROOT, { TRANSPORT_LINT_THREADS: '1' });
	assert.match(
		small.err,
		/a lint worker stopped \(ERR_WORKER_OUT_OF_MEMORY\); its files are linted on the main thread/,
	);
	assert.equal(small.code, one.code);
	assert.equal(small.out, one.out);
	assert.match(small.err, /210 files checked/);
});
