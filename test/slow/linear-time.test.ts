import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, normalizeSettings, type FileKind } from '../../server/src/engine/index';

/** Median of three runs, in ms. */
function timed(run: () => void): number {
	const t: number[] = [];
	for (let i = 0; i < 3; i++) {
		const s = performance.now();
		run();
		t.push(performance.now() - s);
	}
	return t.sort((a, b) => a - b)[1]!;
}

test('pathological inputs: doubling the input at most roughly doubles the work (against a linear reference)', () => {
	const BIG = normalizeSettings({ maxFileSize: 1 << 30 });
	const MB = 1 << 20;
	// [name, kind, generator, size of the smaller input]: sizes keep each run in the tens of milliseconds or more.
	const cases: [string, FileKind, (n: number) => string, number][] = [
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
	];
	const reference = (text: string) => () => {
		let h = 0;
		for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
		return h;
	};
	for (const [name, kind, make, size] of cases) {
		const small = make(size);
		const large = make(2 * size);
		// Warm up first (the JIT), so that the large input, timed first, does not pay for it.
		analyze(small, kind, BIG);
		// One measurement can be thrown off (GC, a busy machine); a super-linear scan fails every attempt.
		let ratio = Infinity;
		let refRatio = 0;
		for (let attempt = 0; attempt < 3 && !(ratio < Math.max(2.8, refRatio * 1.4)); attempt++) {
			ratio = timed(() => analyze(large, kind, BIG)) / timed(() => analyze(small, kind, BIG));
			refRatio = timed(reference(large)) / timed(reference(small));
		}
		assert.ok(
			ratio < Math.max(2.8, refRatio * 1.4),
			`${name} (${kind}): 2× input took ${ratio.toFixed(2)}× the time (reference ${refRatio.toFixed(2)}×)`,
		);
	}
});
