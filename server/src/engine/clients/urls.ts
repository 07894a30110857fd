//! Connection strings: Symfony Mailer DSNs (smtp://, smtps://; Transport\Dsn::fromString() and
//! EsmtpTransportFactory), SwiftmailerBundle's MAILER_URL (`?encryption=ssl|tls`), and Redis URIs that name the
//! usual ports (tcp://, tls://, redis://, rediss:// with 6379 or 6380).
import type { ClientConfig, ClientNote, Setting } from './model';
import { symfonyAutoMode } from './laravel';
import { REDIS_PLAIN_PORT, REDIS_TLS_PORT, redisSchemeMode } from './redis';
import { swiftMode } from './swift';

/** The schemes of the connection strings read here (Symfony Mailer DSNs and Redis URIs), lower case. */
export const CONNECTION_SCHEMES: readonly string[] = ['smtp', 'smtps', 'tcp', 'tls', 'ssl', 'redis', 'rediss'];
/** A Symfony Mailer bridge's SMTP scheme (mailgun+smtp, sendgrid+smtps): the bridge chooses host, port and TLS. */
const BRIDGE = '[A-Za-z0-9-]+\\+smtps?';
const BRIDGE_SCHEME = new RegExp(`^${BRIDGE}$`, 'i');
const BRIDGE_START = new RegExp(`^${BRIDGE}`);
/** The connection schemes as a pattern (for the scanners' expressions): the bridges' and CONNECTION_SCHEMES. */
export const CONNECTION_SCHEME_PATTERN = `${BRIDGE}|${CONNECTION_SCHEMES.join('|')}`;

/** Whether a scheme (as written) is one of a connection string read here. */
export function isConnectionScheme(scheme: string): boolean {
	return CONNECTION_SCHEMES.includes(scheme.toLowerCase()) || BRIDGE_SCHEME.test(scheme);
}

// The user info runs to the last "@", as parse_url() reads it (CakePHP's own example: smtp://my@gmail.com:secret@…).
const DSN =
	/^((?:[A-Za-z0-9-]+\+)?smtps?):\/\/(?:[^/?#\s]*@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#\s@]+)(?::(\d{1,5}))?\/?(\?[^#\s]*)?$/;
/** A Redis URL: scheme, host (bracketed IPv6 too) and port; user info and a path or query may follow. */
export const REDIS_URL =
	/^(tcp|tls|ssl|redis|rediss):\/\/(?:[^@/?#\s]*@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#\s@]+):(\d{1,5})(?:[/?#]\S*)?$/i;
/** Keys whose URL SwiftmailerBundle (Symfony 3/4) reads, with `encryption` meaning something. */
const SWIFT_KEYS = /^(MAILER_URL|SWIFTMAILER_URL|swiftmailer\.url)$/i;
/**
 * CakePHP's transport URLs (config/.env.example: `EMAIL_TRANSPORT_DEFAULT_URL="smtp://…:587?tls=true"`): parsed by
 * TransportFactory into an SmtpTransport config, the query giving its options ('tls' => true is STARTTLS).
 */
const CAKE_KEYS = /^EMAIL_TRANSPORT_[A-Z0-9_]*URL$/;
/** Laravel's MAIL_URL goes through ConfigurationUrlParser into the mail config: not a Symfony DSN. */
const NOT_A_DSN_KEYS = /^(MAIL_URL)$/i;

/**
 * `value` starts with the scheme; `at(i)` is the document offset of value index i; `key` is the setting or
 * variable that holds the string ('' when unknown).
 */
export function urlString(value: string, at: (i: number) => number, key: string): ClientConfig | undefined {
	if (value.length > 2000) return undefined;
	const lower = value.slice(0, 8).toLowerCase();
	if (lower.startsWith('smtp') || BRIDGE_START.test(value.slice(0, 40))) return dsn(value, at, key);
	if (/^(tcp|tls|ssl|redis)/.test(lower)) return redisUrl(value, at);
	return undefined;
}

function span(value: string, at: (i: number) => number, from: number, to: number, name: string): Setting {
	return { text: value.slice(from, to), start: at(from), end: at(to), name };
}

/** `as`: read as a Symfony Mailer DSN whatever the key (MAILER_URL's other reading). */
function dsn(value: string, at: (i: number) => number, key: string, as?: 'symfony'): ClientConfig | undefined {
	if (NOT_A_DSN_KEYS.test(key)) return undefined;
	const m = DSN.exec(value);
	if (!m) return undefined;
	const scheme = m[1]!;
	const host = m[2]!;
	const port = m[3] === undefined ? 0 : Number(m[3]);
	const query = m[4] ?? '';
	const queryStart = value.length - query.length;
	const portStart = m[3] === undefined ? -1 : queryStart - (value[queryStart - 1] === '/' ? 1 : 0) - m[3].length;
	const portAt = portStart < 0 ? undefined : span(value, at, portStart, portStart + m[3]!.length, 'port');
	const schemeAt = span(value, at, 0, scheme.length, 'scheme');
	const options = new Map<string, DsnOption>();
	let from = queryStart + 1;
	for (const part of query.slice(1).split('&')) {
		const eq = part.indexOf('=');
		const name = decodeURIComponentSafe(eq < 0 ? part : part.slice(0, eq));
		options.set(name, {
			value: decodeURIComponentSafe(eq < 0 ? '' : part.slice(eq + 1)),
			from,
			to: from + part.length,
			valueFrom: eq < 0 ? from + part.length : from + eq + 1,
		});
		from += part.length + 1;
	}
	/** The span that removes `name=value` with one of its separators. */
	const removal = (o: { from: number; to: number }): { start: number; end: number } => {
		const onlyOne = options.size === 1;
		if (onlyOne) return { start: at(queryStart), end: at(value.length) };
		return value[o.to] === '&' ? { start: at(o.from), end: at(o.to + 1) } : { start: at(o.from - 1), end: at(o.to) };
	};
	const notes: ClientNote[] = [];
	if (CAKE_KEYS.test(key)) {
		if (scheme !== 'smtp') return undefined;
		const tls = options.get('tls');
		const on = tls !== undefined && /^(1|true)$/i.test(tls.value);
		return {
			library: 'cakephp',
			label: key,
			host,
			port: port || 25,
			portAt,
			mode: on ? 'starttls' : 'plain',
			modeAt: tls ? span(value, at, tls.valueFrom, tls.to, 'tls') : undefined,
			modeText: { starttls: 'true', plain: 'false' },
			start: at(0),
			end: at(value.length),
		};
	}
	const underSwiftKey = as !== 'symfony' && SWIFT_KEYS.test(key);
	const encryption = options.get('encryption');
	// SwiftmailerBundle reads only smtp:// (SwiftmailerTransportFactory: another scheme is "Not a built-in Swiftmailer
	// transport"); an smtps:// or bridge MAILER_URL can only be a Symfony Mailer DSN (Kimai's).
	if (underSwiftKey && scheme === 'smtp') {
		const enc = encryption?.value;
		const effectivePort = port || (enc === 'ssl' ? 465 : 25);
		return {
			library: 'swiftmailer',
			label: key,
			host,
			port: effectivePort,
			portAt,
			mode: swiftMode(enc),
			modeAt: encryption ? span(value, at, encryption.valueFrom, encryption.to, 'encryption') : undefined,
			modeText: { implicit: 'ssl', starttls: 'tls' },
			...withSymfonyReading(dsn(value, at, key, 'symfony')),
			start: at(0),
			end: at(value.length),
		};
	}
	const rejects = underSwiftKey ? { swiftmailerRejects: true } : {};
	if (scheme.includes('+')) {
		// A bridge (MailgunSmtpTransport, SendgridSmtpTransport, ...) connects to its provider's host and port with its
		// own TLS choice, whatever the DSN's host says; only the stream options still reach the socket.
		const verify = verifyPeerOff(options, value, at, removal);
		const hostFrom = /^[^:]+:\/\/(?:[^/?#\s]*@)?/.exec(value)![0].length;
		return {
			library: 'symfony-mailer',
			label: key || 'DSN',
			host: undefined,
			modeText: {},
			bridge: {
				scheme: schemeAt,
				host: span(value, at, hostFrom, hostFrom + host.length + (m[3] ? m[3].length + 1 : 0), 'host'),
				options: new Map([...options].map(([name, o]) => [name, o.value])),
				...(hostFrom > scheme.length + 4 && { user: span(value, at, scheme.length + 3, hostFrom - 1, 'user') }),
			},
			...(verify && { notes: [verify] }),
			...rejects,
			start: at(0),
			end: at(value.length),
		};
	}
	if (encryption)
		notes.push({
			kind: 'ignored-option',
			at: span(value, at, encryption.from, encryption.to, 'encryption'),
			remove: removal(encryption),
		});
	const verify = verifyPeerOff(options, value, at, removal);
	if (verify) notes.push(verify);
	const autoTls = options.get('auto_tls');
	let mode = scheme === 'smtps' ? ('implicit' as const) : symfonyAutoMode(port, host);
	if (mode === 'opportunistic' && autoTls && /^(0|false|off|no)$/i.test(autoTls.value)) mode = 'plain';
	return {
		library: 'symfony-mailer',
		label: key || 'DSN',
		host,
		port: port || (mode === 'implicit' ? 465 : 25),
		portAt,
		mode,
		modeAt: scheme === 'smtps' ? schemeAt : undefined,
		modeText: { implicit: 'smtps', opportunistic: 'smtp' },
		notes,
		...rejects,
		start: at(0),
		end: at(value.length),
	};
}

const withSymfonyReading = (c: ClientConfig | undefined) => (c ? { asSymfonyMailer: c } : {});

type DsnOption = { value: string; from: number; to: number; valueFrom: number };

/** `verify_peer=0` (or false, off, no): the note that certificate checks are off. */
function verifyPeerOff(
	options: Map<string, DsnOption>,
	value: string,
	at: (i: number) => number,
	removal: (o: DsnOption) => { start: number; end: number },
): ClientNote | undefined {
	const verify = options.get('verify_peer');
	if (!verify || verify.value === '' || /^(1|true|on|yes)$/i.test(verify.value)) return undefined;
	return {
		kind: 'verify-peer-off',
		at: span(value, at, verify.from, verify.to, 'verify_peer'),
		remove: removal(verify),
	};
}

function redisUrl(value: string, at: (i: number) => number): ClientConfig | undefined {
	const m = REDIS_URL.exec(value);
	if (!m) return undefined;
	const port = Number(m[3]);
	if (port !== REDIS_PLAIN_PORT && port !== REDIS_TLS_PORT) return undefined;
	const scheme = m[1]!;
	const portStart = value.indexOf(`:${m[3]}`, scheme.length + 3 + m[2]!.length) + 1;
	const lowerScheme = scheme.toLowerCase();
	return {
		library: 'redis',
		label: 'connection URI',
		host: m[2],
		port,
		portAt: span(value, at, portStart, portStart + m[3]!.length, 'port'),
		mode: redisSchemeMode(lowerScheme),
		modeAt: span(value, at, 0, scheme.length, 'scheme'),
		modeText:
			lowerScheme === 'redis' || lowerScheme === 'rediss'
				? { implicit: 'rediss', plain: 'redis' }
				: { implicit: 'tls', plain: 'tcp' },
		start: at(0),
		end: at(value.length),
	};
}

function decodeURIComponentSafe(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}
