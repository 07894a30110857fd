//! STREAM_CRYPTO_METHOD_* picks the protocol range (ext/openssl/xp_ssl.c php_openssl_get_min/max_proto_version):
//! SSLv2/SSLv3 bits fall outside what OpenSSL 3 offers and silently become TLS 1.3; SSLv23 excludes TLS 1.3.
import { ALL_ORIGINS, type Rule } from './rule';

const WEAK = /^STREAM_CRYPTO_METHOD_(SSLv2|SSLv3|SSLv23|TLSv1_0|TLSv1_1)_(CLIENT|SERVER)$/;

const WHY: Record<string, string> = {
	SSLv2:
		'SSL 2 does not exist in PHP 8 with OpenSSL 3: the bit falls outside the supported range and PHP silently negotiates TLS 1.3, so the code does not do what it says',
	SSLv3:
		'SSL 3 is not compiled into OpenSSL 3: the bit falls outside the supported range and PHP silently negotiates TLS 1.3, so the code does not do what it says',
	SSLv23: 'despite its name it means TLS 1.0 to 1.2 on the client side (never TLS 1.3) since PHP 5.6.7',
	TLSv1_0: 'TLS 1.0 is deprecated by RFC 8996 and refused by OpenSSL 3 defaults',
	TLSv1_1: 'TLS 1.1 is deprecated by RFC 8996 and refused by OpenSSL 3 defaults',
};

export const weakCryptoMethod: Rule = {
	meta: {
		id: 'weak-crypto-method',
		defaultSeverity: 'warning',
		summary: 'A STREAM_CRYPTO_METHOD_* constant for SSL 2/3, SSLv23 or TLS 1.0/1.1.',
		origins: ALL_ORIGINS,
	},
	checkConstant(c) {
		const m = WEAK.exec(c.name);
		if (!m) return [];
		const side = m[2]!;
		const range = { start: c.start, end: c.end };
		return [
			{
				...range,
				message: `${c.name}: ${WHY[m[1]!]}. Use STREAM_CRYPTO_METHOD_TLS_${side} (TLS 1.0–1.3; OpenSSL 3 refuses 1.0/1.1 itself) or TLSv1_2_${side} | TLSv1_3_${side}.`,
				fixes: [
					{
						title: `Use STREAM_CRYPTO_METHOD_TLS_${side}`,
						edits: [{ ...range, text: `STREAM_CRYPTO_METHOD_TLS_${side}` }],
						preferred: true,
					},
					{
						title: `Use TLS 1.2 or 1.3 only`,
						edits: [{ ...range, text: `STREAM_CRYPTO_METHOD_TLSv1_2_${side} | STREAM_CRYPTO_METHOD_TLSv1_3_${side}` }],
					},
				],
			},
		];
	},
};
