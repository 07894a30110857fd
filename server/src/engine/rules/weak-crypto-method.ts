//! STREAM_CRYPTO_METHOD_* picks the protocol range (ext/openssl/xp_ssl.c php_openssl_get_min/max_proto_version):
//! SSLv2/SSLv3 bits fall outside what OpenSSL 3 offers and silently become TLS 1.3; SSLv23 excludes TLS 1.3. In a set
//! (`A | B`, `$m |= C`) the range spans every bit, so an old bit beside TLS 1.2+ changes nothing.
import { ALL_ORIGINS, defineRule } from './rule';

const WEAK = /^STREAM_CRYPTO_METHOD_(SSLv2|SSLv3|SSLv23|TLSv1_0|TLSv1_1)_(CLIENT|SERVER)$/;
/** Methods whose range reaches TLS 1.2 (SSLv23: 1.0–1.2), and TLS 1.3. */
const REACHES_1_2 = /^STREAM_CRYPTO_METHOD_(TLS|TLSv1_2|TLSv1_3|ANY|SSLv23)_(CLIENT|SERVER)$/;
const REACHES_1_3 = /^STREAM_CRYPTO_METHOD_(TLS|TLSv1_3|ANY)_(CLIENT|SERVER)$/;

const WHY: Record<string, string> = {
	SSLv2: 'SSL 2 does not exist with OpenSSL 3: PHP silently negotiates TLS 1.3 instead',
	SSLv3: 'SSL 3 is not compiled into OpenSSL 3: PHP silently negotiates TLS 1.3 instead',
	SSLv23: 'despite its name it means TLS 1.0 to 1.2 on the client side (never TLS 1.3)',
	TLSv1_0: 'TLS 1.0 is deprecated (RFC 8996) and refused by OpenSSL 3 defaults',
	TLSv1_1: 'TLS 1.1 is deprecated (RFC 8996) and refused by OpenSSL 3 defaults',
};
const NAME: Record<string, string> = {
	SSLv2: 'SSL 2',
	SSLv3: 'SSL 3',
	SSLv23: 'SSLv23',
	TLSv1_0: 'TLS 1.0',
	TLSv1_1: 'TLS 1.1',
};

export const weakCryptoMethod = defineRule({
	meta: {
		id: 'weak-crypto-method',
		defaultSeverity: 'warning',
		summary:
			'A STREAM_CRYPTO_METHOD_* constant for SSL 2/3 or TLS 1.0/1.1 (an information beside TLS 1.2+), or SSLv23 (never TLS 1.3).',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			harmless:
				'{{method}} only widens a method set that already allows TLS {{best}}, which is what PHP negotiates. Harmless; remove it to say what the code does.',
			weak: '{{name}}: {{why}}. Use STREAM_CRYPTO_METHOD_TLS_{{side}}.',
		},
	},
	checkConstant(c) {
		const m = WEAK.exec(c.name);
		if (!m) return [];
		const [, version, side] = m as unknown as [string, string, string];
		// SSLv23_SERVER is TLS_SERVER's value (TLS 1.0–1.3): nothing to say.
		if (version === 'SSLv23' && side === 'SERVER') return [];
		const range = { start: c.start, end: c.end };
		const others = (c.set ?? []).filter((x) => x !== c.name);
		// A compatibility idiom (PHPMailer, SwiftMailer, Symfony Mailer): the set negotiates what its best member allows.
		const covered =
			version === 'SSLv23' ? others.some((x) => REACHES_1_3.test(x)) : others.some((x) => REACHES_1_2.test(x));
		const fixes = [
			{
				title: `Use STREAM_CRYPTO_METHOD_TLS_${side}`,
				edits: [{ ...range, text: `STREAM_CRYPTO_METHOD_TLS_${side}` }],
				preferred: !covered,
			},
		];
		if (covered)
			return [
				{
					...range,
					severity: 'info',
					messageId: 'harmless',
					data: { method: NAME[version]!, best: version === 'SSLv23' ? '1.3' : '1.2+' },
					fixes,
				},
			];
		return [
			{
				...range,
				// SSLv23 works (TLS 1.2 at most): it only never gets TLS 1.3. The others fail or do not do what they say.
				...(version === 'SSLv23' && { severity: 'info' as const }),
				messageId: 'weak',
				data: { name: c.name, why: WHY[version]!, side },
				detail: `${c.name}: ${WHY[version]}. Use STREAM_CRYPTO_METHOD_TLS_${side}, or TLSv1_2_${side} | TLSv1_3_${side}.`,
				fixes: [
					...fixes,
					{
						title: `Use TLS 1.2 or 1.3 only`,
						edits: [{ ...range, text: `STREAM_CRYPTO_METHOD_TLSv1_2_${side} | STREAM_CRYPTO_METHOD_TLSv1_3_${side}` }],
					},
				],
			},
		];
	},
});
