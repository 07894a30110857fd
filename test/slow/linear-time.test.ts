import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, normalizeSettings, type FileKind } from '../../server/src/engine/index';

/**
 * The fastest of `runs` runs, in ms: the run least disturbed by the machine and by where the collector happened to
 * run (a median of three caught collections in the larger size and not in the smaller: 6.5× for a chain of variables
 * that takes 4.0–4.3× when each size runs alone; seen in CI).
 */
function fastest(run: () => void, runs: number): number {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const s = performance.now();
		run();
		best = Math.min(best, performance.now() - s);
	}
	return best;
}

test('pathological inputs: growing the input at most roughly grows the work as much (against a linear reference)', (t) => {
	const BIG = normalizeSettings({ maxFileSize: 1 << 30 });
	const MB = 1 << 20;
	// [name, kind, generator, size of the smaller input]: sizes keep each run in the tens of milliseconds or more.
	// An optional fifth element: grow the input by this factor instead of 2 (a quadratic part that only shows once it
	// dominates: 4× the input is 16× the time there).
	const cases: [string, FileKind, (n: number) => string, number, number?][] = [
		[':', 'php', (n) => '<?php ' + ':'.repeat(n), 8 * MB],
		['[', 'php', (n) => '<?php ' + '['.repeat(n), 8 * MB],
		['tcp:// without end', 'php', (n) => '<?php "' + 'tcp://'.repeat(n / 6), 8 * MB],
		['tcp:// without end', 'env', (n) => 'A=' + 'tcp://'.repeat(n / 6), 4 * MB],
		['tcp:// without end', 'json', (n) => '"' + 'tcp://'.repeat(n / 6), 4 * MB],
		['literals', 'php', (n) => '<?php ' + "'tcp://a:1' ".repeat(n / 12), MB / 4],
		['one line of URLs', 'yaml', (n) => 'k: ' + 'tcp://fe80::1:80,'.repeat(n / 17), MB / 4],
		['one line of calls', 'php', (n) => '<?php ' + "fsockopen('fe80::1', 80);".repeat(n / 25), MB / 4],
		// The mail and Redis client pass: long chains, unclosed calls, assignments and URLs on one line.
		[
			'one line of PHPMailer',
			'php',
			(n) => '<?php ' + "$m->SMTPSecure = 'ssl'; $m->Port = 587; ".repeat(n / 40),
			MB / 4,
		],
		['nested connect(', 'php', (n) => '<?php ' + '$redis->connect('.repeat(n / 16), MB / 4],
		['a long -> chain', 'php', (n) => '<?php $a' + '->b'.repeat(n / 3) + ' = 1;', MB],
		['unclosed arrays', 'php', (n) => "<?php ['scheme' => 'tls', 'port' => 6379, " + '['.repeat(n), MB],
		['one line of DSNs', 'env', (n) => 'MAILER_DSN=' + 'smtp://h:587?a=1 '.repeat(n / 17), MB / 4],
		[
			'contexts and the calls that use them',
			'php',
			(n) =>
				'<?php ' +
				"stream_context_set_option($c, 'ssl', 'verify_peer', false); stream_socket_client('tls://h:1', $e, $m, 1, 4, $c); ".repeat(
					n / 110,
				),
			MB / 4,
		],
		['unclosed <env', 'xml', (n) => '<env <env name="MAIL_PORT"'.repeat(n / 26), MB / 4],
		// The frameworks' settings groups: one variable's statements, a file's define()s, a class's properties, YAML.
		[
			'one line of $config statements',
			'php',
			(n) => '<?php ' + "$config['smtp_port'] = 465; $config['smtp_crypto'] = 'tls'; ".repeat(n / 60),
			MB / 4,
		],
		['one line of define()s', 'php', (n) => '<?php ' + "define('WPMS_SMTP_PORT', 587); ".repeat(n / 31), MB / 4],
		// Each array looks ahead (bounded) for the load->library('email', $config) that would make it the whole config.
		[
			'CodeIgniter arrays never loaded',
			'php',
			(n) => '<?php ' + "$config = array('smtp_port' => 465); $x = SMTP_PORT; ".repeat(n / 52),
			MB / 4,
		],
		[
			'a class of properties',
			'php',
			(n) =>
				'<?php class Email { ' + "public int $SMTPPort = 465; public string $SMTPCrypto = 'tls'; ".repeat(n / 64) + '}',
			MB / 4,
		],
		[
			'swiftmailer: with many mailers',
			'yaml',
			(n) =>
				'swiftmailer:\n    mailers:\n' +
				Array.from(
					{ length: n / 70 },
					(_, i) => `        m${i}: { transport: smtp, port: 587, encryption: ssl }\n`,
				).join(''),
			MB / 8,
		],
		[
			'<swiftmailer:config> with many mailers',
			'xml',
			(n) =>
				'<swiftmailer:config>' +
				'<swiftmailer:mailer name="m" transport="smtp" port="587" encryption="ssl"/>'.repeat(n / 75) +
				'</swiftmailer:config>',
			MB / 8,
		],
		// The value layer: a function full of closures, assignments and branches around a sink that needs values.
		[
			'closures around a sink that needs values',
			'php',
			(n) =>
				'<?php function f($h) { ' +
				'$t = array_map(fn ($x) => $x * 2, $i); $f = function () use ($h) { return 1; }; '.repeat(n / 80) +
				'stream_socket_client($u); }',
			MB / 4,
			4,
		],
		[
			'assignments and branches before a sink',
			'php',
			(n) =>
				"<?php $u = 'tcp://a'; " +
				"if ($c) { $u = 'tcp://b:1'; } else { $u .= ':2'; } $p = $u; ".repeat(n / 60) +
				'stream_socket_client($u);',
			MB / 4,
		],
		[
			'a long chain of variables, each the last one and more',
			'php',
			(n) =>
				"<?php $a0 = 'tcp://'; " +
				Array.from({ length: n / 30 }, (_, i) => `$a${i + 1} = $a${i} . 'x'; `).join('') +
				`fsockopen($a${Math.floor(n / 30)}, 1);`,
			// Half a megabyte and up: below it the chain's values fit the caches and 4× the input took 4.5–6.5× the
			// time; from here on the time per character stays flat (one process per size: 321, 340, 337, 351 ns at
			// 0.5, 1, 2, 4 MB).
			MB / 2,
			4,
		],
		[
			'loops nested deep around a sink',
			'php',
			(n) =>
				"<?php $u = 'tcp://a:1'; " +
				'foreach ($x as $y) { if ($y) { $u = $y; } '.repeat(n / 45) +
				'}'.repeat(n / 45) +
				' fsockopen($u, 1);',
			MB / 8,
			4,
		],
		[
			'methods writing the property a sink reads',
			'php',
			(n) =>
				"<?php class C { private $u = 'tcp://a:1'; function open() { return fsockopen($this->u, -1); } " +
				Array.from({ length: n / 60 }, (_, i) => `function m${i}() { $this->u = 'tcp://b:${i}'; } `).join('') +
				'}',
			MB / 4,
		],
	];
	// Four passes of a hash over the text: long enough that its own ratio is near 2 (one pass's is noise).
	const reference = (text: string) => () => {
		let h = 0;
		for (let pass = 0; pass < 4; pass++) for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
		return h;
	};
	for (const [name, kind, make, size, factor = 2] of cases) {
		if (process.env.LINEAR_ONLY && !name.includes(process.env.LINEAR_ONLY)) continue;
		const small = make(size);
		const large = make(factor * size);
		const limit = (refRatio: number) => Math.max(1.4 * factor, refRatio * 1.4);
		// Warm up first (the JIT), so that the large input, timed first, does not pay for it.
		analyze(small, kind, BIG);
		reference(small)();
		// One measurement can be thrown off (GC, a busy machine); a super-linear scan fails every attempt.
		let ratio = Infinity;
		let refRatio = 0;
		let attempts = 0;
		for (; attempts < 5 && !(ratio < limit(refRatio)); attempts++) {
			ratio = fastest(() => analyze(large, kind, BIG), 3) / fastest(() => analyze(small, kind, BIG), 3);
			// The reference runs for a few milliseconds: the fastest of many runs, or its ratio is noise (seen: 5.4×).
			refRatio = fastest(reference(large), 9) / fastest(reference(small), 9);
		}
		t.diagnostic(`${name} (${kind}): ${ratio.toFixed(2)}× (reference ${refRatio.toFixed(2)}×), attempts: ${attempts}`);
		assert.ok(
			ratio < limit(refRatio),
			`${name} (${kind}): ${factor}× input took ${ratio.toFixed(2)}× the time (reference ${refRatio.toFixed(2)}×)`,
		);
	}
});
