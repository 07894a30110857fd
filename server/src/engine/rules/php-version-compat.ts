//! What a transport or constant means on the PHP in use, when that is not PHP 8: tls:// and
//! STREAM_CRYPTO_METHOD_TLS_CLIENT meant TLS 1.0 only from 5.6.7 to 7.1 (bug #69195; TLS_ANY from 7.2, php-src
//! commit bec91e1), and the TLSv1_3 constants exist from 7.4 (or not at all in the binary that was asked).
import { editSpan } from '../target';
import { olderThan } from '../php-env';
import { brief, CALLS_ONLY, defineRule } from './rule';

const TLS_ONLY_1_0 = (v: string): boolean => !olderThan(v, '5.6.7') && olderThan(v, '7.2');

export const phpVersionCompat = defineRule({
	meta: {
		id: 'php-version-compat',
		defaultSeverity: 'warning',
		summary:
			'Meanings that depend on the PHP in use: tls:// is TLS 1.0 only on PHP 5.6.7–7.1; TLSv1_3 constants need PHP 7.4.',
		origins: CALLS_ONLY,
		fixes: 'sometimes',
		messages: {
			tlsIsTls10:
				'On PHP {{version}} ({{source}}) tls:// negotiates TLS 1.0 only, refused by current servers. Use tlsv1.2:// or ssl://.',
			undefinedWarns: '{{name}} is not defined on PHP {{version}}: PHP warns and passes its name as a string.',
			undefinedThrows: '{{name}} is not defined on PHP {{version}}: PHP throws Error "Undefined constant".',
			methodIsTls10:
				'On PHP {{version}} {{name}} means TLS 1.0 only (until PHP 7.2), which current servers refuse. Use STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT.',
		},
	},
	checkUrl(t, ctx) {
		const php = ctx.project?.php;
		const { scheme, schemeSpan } = t.url;
		if (!php || scheme !== 'tls' || !schemeSpan || !TLS_ONLY_1_0(php.version)) return [];
		return [
			{
				...editSpan(t, schemeSpan, ''),
				messageId: 'tlsIsTls10',
				data: { version: php.version, source: brief(php.source, 50) },
				detail: `On PHP ${php.version} (${php.source}) tls:// negotiates TLS 1.0 only: servers that dropped TLS 1.0 refuse the handshake ("unsupported protocol", "tlsv1 alert protocol version"). Use tlsv1.2:// there, or ssl:// (TLS 1.0–1.2 on that PHP); from PHP 7.2 tls:// negotiates the best version.`,
				fixes: [
					{ title: 'Use tlsv1.2://', edits: [editSpan(t, schemeSpan, 'tlsv1.2')] },
					{ title: 'Use ssl:// (TLS 1.0–1.2 on this PHP)', edits: [editSpan(t, schemeSpan, 'ssl')] },
				],
			},
		];
	},
	checkConstant(c, ctx) {
		const php = ctx.project?.php;
		if (!php) return [];
		const range = { start: c.start, end: c.end };
		const missing = php.cryptoConstants
			? !php.cryptoConstants.includes(c.name)
			: /_TLSv1_3_/.test(c.name) && olderThan(php.version, '7.4');
		if (missing) {
			const fails = olderThan(php.version, '8')
				? `PHP warns "Use of undefined constant ${c.name}" and passes the string "${c.name}"`
				: `PHP throws Error "Undefined constant "${c.name}""`;
			return [
				{
					...range,
					messageId: olderThan(php.version, '8') ? 'undefinedWarns' : 'undefinedThrows',
					data: { name: c.name, version: php.version },
					detail: `${c.name} is not defined by the PHP in use (${php.source}): ${fails}.${/_TLSv1_3_/.test(c.name) ? ' The TLSv1_3 constants exist from PHP 7.4 with OpenSSL 1.1.1.' : ''}`,
					fixes: [],
					severity: 'error',
				},
			];
		}
		if (/^STREAM_CRYPTO_METHOD_TLS_CLIENT$/.test(c.name) && TLS_ONLY_1_0(php.version))
			return [
				{
					...range,
					messageId: 'methodIsTls10',
					data: { version: php.version, name: c.name },
					detail: `On PHP ${php.version} (${php.source}) ${c.name} means TLS 1.0 only (bug #69195, until PHP 7.2): servers that dropped TLS 1.0 refuse the handshake. Use STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT there.`,
					fixes: [
						{
							title: 'Use STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT',
							edits: [{ ...range, text: 'STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT' }],
						},
					],
				},
			];
		return [];
	},
});
