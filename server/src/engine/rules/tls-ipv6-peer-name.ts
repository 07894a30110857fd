//! php_openssl_get_url_name() (ext/openssl/xp_ssl.c) runs php_url_parse_ex() on "[::1]:443", which yields no host,
//! so peer verification has no name and fails with only "Failed to enable crypto" unless 'peer_name' is set.
import { editSpan } from '../target';
import { CALLS_ONLY, defineRule } from './rule';

export const tlsIpv6PeerName = defineRule({
	meta: {
		id: 'tls-ipv6-peer-name',
		defaultSeverity: 'warning',
		summary: 'TLS to a bracketed IPv6 literal: PHP cannot derive the peer name to verify without the peer_name option.',
		origins: CALLS_ONLY,
		fixes: 'none',
		messages: {
			noPeerName:
				'PHP takes no peer name from an IPv6 address: certificate verification fails ("Failed to enable crypto"). Set \'peer_name\' in the ssl context, or connect by name.',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (t.partial || url.info?.tls !== 'implicit' || !url.bracketed || !url.host?.includes(':') || !url.hostSpan)
			return [];
		// The context passed to the call (created in the same function) may already name the peer.
		const ctx = t.context;
		if (ctx?.entries.has('peer_name') || ctx?.entries.get('verify_peer_name')?.text === 'false') return [];
		return [
			{
				...editSpan(t, { start: url.hostSpan.start - 1, end: url.hostSpan.end + 1 }, ''),
				messageId: 'noPeerName',
				detail: `PHP cannot take a peer name from "[${url.host}]": certificate verification fails with only "Failed to enable crypto" / "(Unknown error)". Set the ssl context option 'peer_name' to the name on the certificate${ctx ? ' in the context passed here' : ''}, or connect by host name.`,
				fixes: [],
				...(ctx && {
					related: [
						{
							start: ctx.start,
							end: ctx.end,
							message: "The 'ssl' options of the context passed here: no 'peer_name'.",
						},
					],
				}),
			},
		];
	},
});
