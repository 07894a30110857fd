//! tlsv1.0:// and tlsv1.1:// pin one protocol version (ext/openssl/xp_ssl.c php_openssl_ssl_socket_factory()).
//! RFC 8996 deprecates both, and OpenSSL 3's default security level refuses them ("tlsv1 alert internal error").
import { editSpan } from '../target';
import { ALL_ORIGINS, defineRule } from './rule';

export const outdatedTls = defineRule({
	meta: {
		id: 'outdated-tls',
		defaultSeverity: 'warning',
		summary: 'tlsv1.0:// or tlsv1.1://: deprecated by RFC 8996 and refused by OpenSSL 3 defaults.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			ssl: '{{scheme}}:// is {{what}}, broken{{attack}} and refused by current servers; PHP 8 with OpenSSL 3 no longer has it. Use tls://.',
			tlsVersion:
				'{{scheme}}:// allows only {{version}}, refused by OpenSSL 3 defaults ("unsupported protocol"). Use tls:// (1.3 when offered) or tlsv1.2://.',
		},
	},
	checkUrl(t, ctx) {
		const { scheme, schemeSpan } = t.url;
		if ((scheme === 'sslv3' || scheme === 'sslv2') && schemeSpan && ctx.project?.php?.transports?.includes(scheme))
			return [
				{
					...editSpan(t, schemeSpan, ''),
					messageId: 'ssl',
					data: { scheme, what: scheme === 'sslv3' ? 'SSL 3' : 'SSL 2', attack: scheme === 'sslv3' ? ' (POODLE)' : '' },
					detail: `${scheme}:// is registered by the PHP in use (${ctx.project.php.source}), but ${scheme === 'sslv3' ? 'SSL 3 is broken (POODLE, RFC 7568)' : 'SSL 2 is broken (RFC 6176)'} and refused by current servers; PHP 8 with OpenSSL 3 no longer has it. Use tls://.`,
					fixes: [{ title: 'Use tls://', edits: [editSpan(t, schemeSpan, 'tls')], preferred: true }],
				},
			];
		if ((scheme !== 'tlsv1.0' && scheme !== 'tlsv1.1') || !schemeSpan) return [];
		return [
			{
				...editSpan(t, schemeSpan, ''),
				messageId: 'tlsVersion',
				data: { scheme, version: scheme === 'tlsv1.0' ? 'TLS 1.0' : 'TLS 1.1' },
				detail: `${scheme}:// allows only ${scheme === 'tlsv1.0' ? 'TLS 1.0' : 'TLS 1.1'}, deprecated by RFC 8996; with OpenSSL 3 defaults the handshake fails ("tlsv1 alert internal error" or "unsupported protocol"). Use tls:// (TLS 1.0–1.3, 1.3 when offered) or tlsv1.2:// / tlsv1.3://.`,
				fixes: [
					{
						title: 'Use tls:// (negotiates the best version)',
						edits: [editSpan(t, schemeSpan, 'tls')],
						preferred: true,
					},
					{ title: 'Use tlsv1.2://', edits: [editSpan(t, schemeSpan, 'tlsv1.2')] },
					{ title: 'Use tlsv1.3://', edits: [editSpan(t, schemeSpan, 'tlsv1.3')] },
				],
			},
		];
	},
});
