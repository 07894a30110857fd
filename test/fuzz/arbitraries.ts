//! Inputs for property tests and the fuzz run: random text biased toward the pieces transport URLs, PHP calls and
//! config files are made of, so mutations reach deep into the scanners, the parser, the rules and the fixes.
import fc from 'fast-check';
import { analyze, fixAll, normalizeSettings, type FileKind } from '../../server/src/engine/index';

const PIECES = [
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
	'0x1F',
];

export const KINDS: FileKind[] = ['php', 'env', 'ini', 'yaml', 'json', 'xml', 'neon', 'toml', 'conf'];

export const textArb = fc.oneof(
	fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc
		.tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.string({ maxLength: 40 }))
		.map(([a, s]) => a.join('') + s),
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
