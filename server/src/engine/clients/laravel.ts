//! Laravel's mail and Redis settings, from config arrays ('transport' => 'smtp', 'port' => env('MAIL_PORT', 587))
//! or from .env (MAIL_MAILER, MAIL_PORT, ...). Illuminate\Mail\MailManager::createSmtpTransport(): Laravel 9+ takes
//! `scheme` when set, else turns encryption 'tls' on port 465 into smtps and leaves everything else to Symfony
//! Mailer (implicit TLS on 465, STARTTLS when offered elsewhere); Laravel 8 and older hand `encryption` to
//! Swift_SmtpTransport ('ssl' = implicit TLS, 'tls' = STARTTLS required).
import type { ClientConfig, Setting, TlsMode } from './model';
import { entryPort as portOf, entryText as text, type Entry, type Literal } from './literal';
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
	const encAt = enc ? (entries.get('encryption') as Literal).setting : undefined;
	const modern: TlsMode = enc === 'tls' && port === 465 ? 'implicit' : symfonyAutoMode(port, hostName);
	return {
		...base,
		mode: swiftMode(enc),
		modern,
		modeAt: encAt,
		modeText: { implicit: 'ssl', starttls: 'tls' },
	};
}

/** Predis parameters and Laravel's config/database.php connections: `scheme`, `host`, `port`. */
export function predisArray(entries: Entries, start: number, end: number, inRedis: boolean): ClientConfig | undefined {
	const scheme = text(entries.get('scheme'));
	const port = portOf(entries.get('port'));
	const host = text(entries.get('host'));
	if (scheme === 'other' || port === 'other' || host === 'other') return undefined;
	if (scheme === undefined && !(inRedis && port !== undefined)) return undefined;
	const prefixed = scheme ? undefined : /^(tls|ssl|tcp):\/\//i.exec(host ?? '');
	const mode = redisSchemeMode(scheme ?? prefixed?.[1] ?? '');
	if (!mode || scheme === 'unix') return undefined;
	const hostAt = entries.get('host') as Literal | undefined;
	const schemeAt: Setting | undefined = scheme
		? (entries.get('scheme') as Literal).setting
		: prefixed && hostAt
			? {
					text: prefixed[1]!,
					start: hostAt.setting.start,
					end: hostAt.setting.start + prefixed[1]!.length,
					name: 'host prefix',
				}
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
