//! Laravel's mail and Redis settings, from config arrays ('transport' => 'smtp', 'port' => env('MAIL_PORT', 587))
//! or from .env (MAIL_MAILER, MAIL_PORT, ...). Illuminate\Mail\MailManager::createSmtpTransport(): Laravel 9+ takes
//! `scheme` when set, else turns encryption 'tls' on port 465 into smtps and leaves everything else to Symfony
//! Mailer (implicit TLS on 465, STARTTLS when offered elsewhere); Laravel 8 and older hand `encryption` to
//! Swift_SmtpTransport ('ssl' = implicit TLS, 'tls' = STARTTLS required).
import type { ClientConfig, Setting, TlsMode } from './model';
import { entryPort as portOf, entryText as text, partOf, type Entry, type Literal } from './literal';
import { REDIS_PLAIN_PORT, redisSchemeMode } from './redis';
import { swiftMode } from './swift';

export type Entries = Map<string, Entry>;

/** Symfony Mailer's choice for a smtp:// DSN without an explicit scheme decision (EsmtpTransport::__construct). */
export function symfonyAutoMode(port: number, host: string | undefined): TlsMode {
	if (port === 465) return 'implicit';
	if (port === 0) return host !== 'localhost' ? 'implicit' : 'plain';
	return 'opportunistic';
}

export function laravelMail(
	entries: Entries,
	start: number,
	end: number,
	label = "config 'mailers.smtp'",
): ClientConfig | undefined {
	const transport = text(entries.get('transport') ?? entries.get('driver'));
	if (transport === undefined || transport === 'other' || transport.toLowerCase() !== 'smtp') return undefined;
	// CakePHP 2's EmailConfig: 'transport' => 'Smtp' with a 'tls' flag, not a Laravel mailer (frameworks.ts reads it).
	if (transport === 'Smtp' && !entries.has('encryption') && !entries.has('scheme')) return undefined;
	const port = portOf(entries.get('port'));
	const host = text(entries.get('host'));
	const enc = text(entries.get('encryption'));
	const scheme = text(entries.get('scheme'));
	if (port === undefined || port === 'other' || enc === 'other' || scheme === 'other') return undefined;
	const hostName = host === 'other' ? undefined : host;
	const base = {
		library: 'laravel-mail' as const,
		label,
		host: hostName,
		port,
		portAt: (entries.get('port') as Literal).setting,
		start,
		end,
	};
	if (scheme) {
		const mode = scheme.toLowerCase() === 'smtps' ? 'implicit' : symfonyAutoMode(port, hostName);
		const modeAt = (entries.get('scheme') as Literal).setting;
		return { ...base, mode, modeAt, modeText: { implicit: 'smtps', opportunistic: 'smtp' } };
	}
	// Written as null or '' (MAIL_ENCRYPTION=null): no encryption, and the place a fix writes one.
	const encEntry = entries.get('encryption');
	const encAt = encEntry && encEntry !== 'other' ? encEntry.setting : undefined;
	const modern: TlsMode = enc === 'tls' && port === 465 ? 'implicit' : symfonyAutoMode(port, hostName);
	return {
		...base,
		mode: swiftMode(enc),
		modern,
		modeAt: encAt,
		modeText: { implicit: 'ssl', starttls: 'tls' },
	};
}

/**
 * Predis parameters and Laravel's config/database.php connections: `scheme`, `host`, `port`. `predisCall`: the array
 * is `new Predis\Client([...])`'s argument, so it is Predis's even without a scheme.
 */
export function predisArray(
	entries: Entries,
	start: number,
	end: number,
	inRedis: boolean,
	predisCall = false,
): ClientConfig | undefined {
	const scheme = text(entries.get('scheme'));
	const port = portOf(entries.get('port'));
	const host = text(entries.get('host'));
	if (scheme === 'other' || port === 'other' || host === 'other') return undefined;
	if (host?.startsWith('/')) return socketHost(entries, { start, end }, { scheme, port, inRedis, predisCall });
	if (scheme === undefined && !(inRedis && port !== undefined)) return undefined;
	const prefixed = scheme ? undefined : /^(tls|ssl|tcp):\/\//i.exec(host ?? '');
	const mode = redisSchemeMode(scheme ?? prefixed?.[1] ?? '');
	if (!mode || scheme === 'unix') return undefined;
	const hostAt = entries.get('host') as Literal | undefined;
	const schemeAt: Setting | undefined = scheme
		? (entries.get('scheme') as Literal).setting
		: prefixed && hostAt
			? partOf(hostAt, 0, prefixed[1]!.length, 'host prefix')
			: undefined;
	const portAt: Setting | undefined = port === undefined ? undefined : (entries.get('port') as Literal).setting;
	return {
		library: 'redis',
		label: inRedis ? "config 'redis'" : 'Predis parameters',
		host: (prefixed ? host!.slice(prefixed[0].length) : host) || undefined,
		port: port ?? REDIS_PLAIN_PORT,
		portAt,
		mode,
		modeAt: schemeAt,
		modeText: { implicit: 'tls', plain: 'tcp' },
		start,
		end,
	};
}

/**
 * A unix socket path as the host. Predis reads a socket only from 'path' with scheme unix (StreamConnection::
 * unixStreamInitializer(): `if (!isset($parameters->path)) throw ... 'Missing UNIX domain socket path.'`); with
 * scheme tcp it opens "tcp://$parameters->host:$parameters->port", and the host lookup fails. Laravel hands host and
 * port to phpredis or Predis (config 'client'), Nextcloud to phpredis: with a port of 1 or more both open
 * tcp:///path:port. With scheme unix, or without a port, the client decides (phpredis opens a socket for a port below
 * 1; Predis reads a 'path' the project's config may add): left alone.
 */
function socketHost(
	entries: Entries,
	range: { start: number; end: number },
	how: { scheme: string | undefined; port: number | undefined; inRedis: boolean; predisCall: boolean },
): ClientConfig | undefined {
	const { scheme, port, inRedis, predisCall } = how;
	const s = scheme?.toLowerCase();
	const at = (entries.get('host') as Literal).setting;
	const portAt = port === undefined ? undefined : (entries.get('port') as Literal).setting;
	let reader: 'predis' | 'predis-unix' | 'config';
	if (s === 'unix') {
		if (inRedis || entries.has('path')) return undefined;
		reader = 'predis-unix';
	} else if (s !== undefined && s !== 'tcp' && s !== 'redis') return undefined;
	else if (inRedis) {
		if (port === undefined || port < 1) return undefined;
		reader = 'config';
	} else if (s !== undefined || predisCall) reader = 'predis';
	else return undefined;
	return {
		library: 'redis',
		label: inRedis ? "config 'redis'" : 'Predis parameters',
		host: at.text,
		port: port ?? REDIS_PLAIN_PORT,
		...(portAt && { portAt }),
		modeText: {},
		socketPath: { at, reader },
		...range,
	};
}
