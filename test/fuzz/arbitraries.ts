//! Inputs for property tests and the fuzz run: random text biased toward the pieces transport URLs, PHP calls and
//! config files are made of, so mutations reach deep into the scanners, the parser, the rules and the fixes.
import fc from 'fast-check';
import { analyze, fixAll, normalizeSettings, type FileKind } from '../../server/src/engine/index';

export const PIECES = [
	'tcp',
	'udp',
	'ssl',
	'tls',
	'tlsv1.0',
	'tlsv1.3',
	'unix',
	'udg',
	'TCP',
	'tpc',
	'sslv3',
	'http',
	'://',
	':',
	'::',
	'[',
	']',
	'80',
	'587',
	'465',
	'99999',
	'-1',
	'fe80',
	'::1',
	'127.0.0.1',
	'localhost',
	'@',
	'user:pass@',
	'/',
	'?',
	'#',
	'%',
	'$',
	'${',
	'}',
	'{',
	'"',
	"'",
	'\\',
	'\\/',
	'(',
	')',
	',',
	'.',
	';',
	' ',
	'\t',
	'\n',
	'\r\n',
	'\r',
	'<?php ',
	'?>',
	'fsockopen(',
	'stream_socket_client(',
	'stream_socket_server(',
	'stream_socket_enable_crypto($s, true, ',
	'STREAM_CRYPTO_METHOD_SSLv3_CLIENT',
	'STREAM_SERVER_BIND',
	'<<<EOT\n',
	'\nEOT;',
	"<<<'X'\n",
	'//',
	'/*',
	'*/',
	'<!--',
	'-->',
	'=',
	'KEY=',
	'😀',
	'é',
	'\u200b',
	'\0',
	'transport-lint-disable-next-line',
	'port:',
	// Mail and Redis client configurations.
	'$mail = new PHPMailer;',
	'$mail->SMTPSecure = ',
	'$mail->Port = ',
	'$mail->Host = ',
	'PHPMailer::ENCRYPTION_SMTPS',
	"'ssl'",
	"'tls'",
	'new Swift_SmtpTransport(',
	'->setEncryption(',
	'smtps',
	'smtp',
	'rediss',
	'6379',
	'6380',
	'?encryption=ssl&verify_peer=0',
	'$redis->connect(',
	"['scheme' => ",
	"'port' => ",
	'=>',
	"env('MAIL_PORT', ",
	'MAIL_PORT=',
	'MAIL_ENCRYPTION=',
	'MAIL_SCHEME=',
	'REDIS_SCHEME=',
	'MAILER_DSN=',
	'<env name="MAIL_PORT" value="',
	"stream_context_create(['ssl' => [",
	"'verify_peer' => false, ",
	"'allow_self_signed' => 1",
	"'ciphers' => 'DEFAULT:@SECLEVEL=0'",
	"stream_context_set_option($c, 'ssl', 'verify_peer', ",
	', STREAM_CLIENT_CONNECT, $ctx)',
	'$ctx = ',
	'0x1F',
	// What the value layer follows: variables, constants, properties, calls, branches, loops, sprintf.
	'$v = ',
	'$v .= ',
	'$v',
	'$v |= ',
	"define('X', ",
	'const X = ',
	'X',
	'class K { ',
	'function f($h) { ',
	'fn ($h) => ',
	'return ',
	'f(',
	'self::X',
	'K::X',
	'private $t = ',
	'$this->t',
	'$this->f(',
	'new K(',
	'sprintf(',
	'vsprintf(',
	'%s',
	'%05d',
	'%1$s',
	'if ($c) { ',
	' } else { ',
	'foreach ($a as $v) { ',
	'while ($x) { ',
	'switch ($x) { case 1: ',
	'match ($x) { 1 => ',
	' ? ',
	' : ',
	' ?? ',
	'[',
	'extract($a);',
	'new SocketHandler(',
	'use Monolog\\Handler\\SocketHandler;',
	'new AMQPStreamConnection(',
];

export const KINDS: FileKind[] = ['php', 'env', 'ini', 'yaml', 'json', 'xml', 'neon', 'toml', 'conf'];

const piece = fc.constantFrom(...PIECES);
const maybe = (a: fc.Arbitrary<string>) =>
	fc.oneof(
		a,
		fc.constant(''),
		fc.array(piece, { maxLength: 3 }).map((x) => x.join('')),
	);

/** A transport URL assembled from parts, each part possibly replaced by noise: most inputs reach the rules. */
const urlArb = fc
	.tuple(
		maybe(
			fc.constantFrom(
				'tcp',
				'udp',
				'ssl',
				'tls',
				'tlsv1.0',
				'tlsv1.2',
				'unix',
				'udg',
				'TCP',
				'tpc',
				'sslv3',
				'http',
				'a',
			),
		),
		maybe(fc.constantFrom('://', ':/', ':', '//', ':///')),
		maybe(
			fc.constantFrom(
				'127.0.0.1',
				'[::1]',
				'fe80::1',
				'[fe80::1',
				'localhost',
				'smtp.example.com',
				'127.0.0.256',
				'user:pw@h',
				' h',
				'*',
				'',
				'/tmp/x.sock',
				'tmp/x.sock',
			),
		),
		maybe(fc.constantFrom(':80', ':587', ':465', ':99999', ':-1', ':abc', '::80', ':', ':80/p', ':80:81', '')),
	)
	.map((parts) => parts.join(''));

const PHP_WRAP = [
	"fsockopen('%', 587);",
	'stream_socket_client("%");',
	"stream_socket_server('%', $e, $s, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN);",
	"$x = '%';",
	'$y = "% $z";',
	"fsockopen('%', $p);",
	"stream_socket_client('%' . $h . ':25');",
];
const CONFIG_WRAP = ['KEY=%', 'k: "%"', 'k = %', '{"k": "%"}', '<a href="%">%</a>', 'k: [%, %]'];

const CONFIG_KINDS: FileKind[] = ['env', 'ini', 'yaml', 'json', 'xml', 'neon', 'toml', 'conf'];

/** [text, kind] pairs: assembled PHP and config texts in their own kind, and free-form noise in any kind. */
export const caseArb: fc.Arbitrary<[string, FileKind]> = fc.oneof(
	fc
		.tuple(fc.constantFrom(...PHP_WRAP), urlArb, fc.array(piece, { maxLength: 4 }))
		.map(([w, u, noise]): [string, FileKind] => [`<?php ${w.replaceAll('%', u)}${noise.join('')}`, 'php']),
	fc
		.tuple(fc.constantFrom(...CONFIG_WRAP), urlArb, fc.array(piece, { maxLength: 4 }), fc.constantFrom(...CONFIG_KINDS))
		.map(([w, u, noise, kind]): [string, FileKind] => [`${w.replaceAll('%', u)}\n${noise.join('')}`, kind]),
	fc.tuple(
		fc.array(piece, { maxLength: 60 }).map((a) => a.join('')),
		fc.constantFrom(...KINDS),
	),
	fc.tuple(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...KINDS)),
);

const BIG = normalizeSettings({ maxFileSize: 1 << 30 });

/** Every invariant the engine promises, checked on one input; returns a description of the first broken one. */
export function violation(text: string, kind: FileKind): string | undefined {
	const r = analyze(text, kind, BIG);
	if (r.errors.length) return `rule errors: ${r.errors.join('; ')}`;
	if (r.skipped) return undefined;
	const allowed = r.targets.flatMap((t) => {
		const c = t.candidate;
		const spans = [
			{ start: c.start, end: Math.max(c.end, c.partial ? c.partial.suffixStart + c.partial.suffix.length : 0) },
		];
		if (c.call?.port) spans.push(c.call.port);
		if (c.call?.flags) spans.push(c.call.flags);
		return spans;
	});
	for (const o of r.contexts ?? []) allowed.push({ start: o.start, end: o.end });
	// Mail and Redis client rules report on the settings they read.
	for (const c of r.clients)
		allowed.push(
			{ start: c.start, end: c.end },
			...[c.modeAt, c.portAt, ...(c.notes ?? []).map((n) => n.at)].filter((x) => x !== undefined),
		);
	const inside = (a: number, b: number) =>
		allowed.some((s) => a >= s.start && b <= s.end) || /^\\?STREAM_CRYPTO_METHOD_\w+$/.test(text.slice(a, b));
	for (const f of r.findings) {
		if (!(f.start >= 0 && f.start <= f.end && f.end <= text.length))
			return `${f.ruleId} range ${f.start}-${f.end} outside the text`;
		if (!inside(f.start, f.end))
			return `${f.ruleId} range ${f.start}-${f.end} (${JSON.stringify(text.slice(f.start, f.end))}) is not on a literal`;
		for (const fix of f.fixes)
			for (const e of fix.edits)
				if (!inside(e.start, e.end)) return `${f.ruleId} fix "${fix.title}" edits outside the literal`;
	}
	const once = fixAll(text, kind, BIG).text;
	const twice = fixAll(once, kind, BIG).text;
	if (twice !== once) return `fix-all is not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`;
	return undefined;
}

/**
 * Where in a text an edit goes, as a fraction of its length: uniform, with the two ends now and then.
 * (fc.double is uniform over the representable doubles, so between 0 and 1 it is nearly always about 0.)
 */
export const placeArb: fc.Arbitrary<number> = fc.oneof(
	{ weight: 1, arbitrary: fc.constantFrom(0, 1) },
	{ weight: 9, arbitrary: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000) },
);
