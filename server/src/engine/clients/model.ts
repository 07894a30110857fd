//! Mail and Redis client configurations as their library reads them: which host, which port, and whether the
//! library starts TLS at once (implicit), upgrades with STARTTLS, or stays in plaintext. Plain data.

export type Library =
	| 'phpmailer'
	| 'swiftmailer'
	| 'symfony-mailer'
	| 'laravel-mail'
	| 'redis'
	| 'codeigniter'
	| 'cakephp'
	| 'roundcube'
	| 'nextcloud'
	| 'php-mail'
	| 'imap';

/** What a client speaks, and the STARTTLS it sends: what Test connection needs to connect as it would. */
export type ClientProtocol = 'SMTP' | 'IMAP' | 'Redis';
export type ClientStarttls = 'smtp' | 'imap';

/** The libraries that speak SMTP (the others: Redis, IMAP). */
export function isMailer(library: Library): boolean {
	return library !== 'redis' && library !== 'imap';
}

/** The protocol a configuration speaks: Roundcube's says it per setting, php-imap IMAP, the other mailers SMTP. */
export function protocolOf(c: { library: Library; protocol?: 'SMTP' | 'IMAP' }): ClientProtocol {
	return c.protocol ?? (c.library === 'imap' ? 'IMAP' : isMailer(c.library) ? 'SMTP' : 'Redis');
}

/**
 * implicit: TLS from the first byte (ssl://); starttls: plaintext, then STARTTLS, failing when it is refused;
 * opportunistic: STARTTLS when the server offers it, else plaintext; plain: never TLS.
 */
export type TlsMode = 'implicit' | 'starttls' | 'opportunistic' | 'plain';

/** Where a value is written: `start`/`end` cover the text a fix replaces (inside the quotes for strings). */
export interface Setting {
	text: string;
	start: number;
	end: number;
	/** Written as `env('NAME', default)`: the default applies only when NAME is unset. */
	envName?: string;
	/** The key or property that holds it, for messages: "SMTPSecure", "MAIL_PORT", "scheme". */
	name: string;
	/**
	 * The value was written in another file (this file names a constant defined there, whose whole value is `value`):
	 * `start`/`end` are the name's here, and no fix edits it.
	 */
	foreign?: { file: string; constant: string; value: string };
}

/** Text to write at a setting to get another mode, e.g. { starttls: 'tls', implicit: 'ssl' } for SMTPSecure. */
export type ModeText = Partial<Record<TlsMode, string>>;

export interface ClientConfig {
	library: Library;
	/** How messages name this configuration: "$mail", "Swift_SmtpTransport", "MAILER_DSN". */
	label: string;
	host?: string;
	/** The port the library will use; undefined when it is not a literal. */
	port?: number;
	/** Where the port is written; absent when it is the library's default. */
	portAt?: Setting;
	/** The mode the library will use; undefined when it is not known. */
	mode?: TlsMode;
	/**
	 * The mode from version `modernSince` on, when `mode` is the older versions' and the two differ: Laravel 9+
	 * (Symfony Mailer) against Laravel 8 (SwiftMailer), php-imap 2+ (its own IMAP client) against php-imap 1
	 * (imap_open() flags). Which one applies depends on `version`; unknown, the modern one.
	 */
	modern?: TlsMode;
	/** The major version `modern` starts at (default 9, Laravel's). */
	modernSince?: number;
	/** Where the mode is decided (SMTPSecure, a host prefix, a scheme, MAIL_ENCRYPTION); absent for a default. */
	modeAt?: Setting;
	/** What to write at `modeAt` for the other modes. */
	modeText: ModeText;
	/** Where to insert a statement or key that sets the mode when none is written, and what to insert. */
	addMode?: { at: number; text: ModeText };
	/** Options the library ignores or that switch checks off, found in the same configuration. */
	notes?: ClientNote[];
	/**
	 * The library starts TLS (`mode` implicit) and then sends STARTTLS too, which a server already speaking TLS refuses
	 * (CodeIgniter 4's SMTPCrypto 'tls' on port 465, CakePHP's 'tls' => true with an ssl:// host).
	 */
	starttlsInsideTls?: boolean;
	/** Where that STARTTLS is asked for (SMTPCrypto 'tls', 'tls' => true). */
	starttlsAt?: Setting;
	/**
	 * A scheme written in the host (`ssl://`, the span with its `://`) before which the library writes its own
	 * (`added`): PHP is then given "ssl://ssl://host" and looks up the host "ssl".
	 */
	schemeTwice?: { at: Setting; added: string };
	/**
	 * A unix socket path written where the library reads a host name (Redis clients), and what reads it: phpredis with
	 * a port, Predis with scheme tcp, Predis with scheme unix but no 'path', or a 'redis' configuration (Laravel with
	 * either client, Nextcloud) with a port. `removePort`: the span that deletes the port argument, when it is last.
	 */
	socketPath?: {
		at: Setting;
		reader: 'phpredis' | 'predis' | 'predis-unix' | 'config' | 'wp-redis';
		removePort?: { start: number; end: number };
	};
	/**
	 * A Symfony Mailer bridge DSN (`mailersend+smtp://USER:PASS@default`): the bridge's scheme and the DSN's host, which
	 * the bridge replaces with its provider's (rules judge a bridge by its package's version).
	 */
	bridge?: { scheme: Setting; user?: Setting; host: Setting; options: ReadonlyMap<string, string> };
	/**
	 * A setting written elsewhere that this configuration's own `modeAt` overrides: a Redis Object Cache cluster node's
	 * scheme over WP_REDIS_SCHEME (`at`, whose value asks for `mode`).
	 */
	overrides?: { at: Setting; mode: TlsMode };
	/** A value the library does not know, read as `mode` (CodeIgniter: 'TLS' is no encryption). */
	unknownValue?: Setting;
	/** The protocol the library speaks, when it is not the library's usual one (Roundcube: SMTP or IMAP). */
	protocol?: 'SMTP' | 'IMAP';
	/** A major version of the library or framework, when the project's composer files tell it. */
	version?: number;
	/**
	 * MAILER_URL is SwiftmailerBundle's variable, and Kimai passes it to Symfony Mailer as a DSN. `asSymfonyMailer`:
	 * the same smtp:// string read as a Symfony Mailer DSN, judged instead of this SwiftmailerBundle reading when the
	 * project has symfony/mailer and not symfony/swiftmailer-bundle (readerOf).
	 */
	asSymfonyMailer?: ClientConfig;
	/**
	 * An smtps:// or bridge scheme under MAILER_URL, which SwiftmailerBundle refuses ("Not a built-in Swiftmailer
	 * transport"): read as a Symfony Mailer DSN, unless the project has symfony/swiftmailer-bundle and not symfony/mailer.
	 */
	swiftmailerRejects?: boolean;
	/** The range a code lens and Test connection use. */
	start: number;
	end: number;
}

export interface ClientNote {
	kind: 'ignored-option' | 'verify-peer-off';
	at: Setting;
	/** The whole `name=value` span to remove, including its separator. */
	remove: { start: number; end: number };
}

/**
 * Moves a configuration by `delta` characters, in place: every offset it holds (its range, its settings', the insertion
 * point's and its notes'). Its parts must be its own (the connection strings' are: urls.ts makes each span anew).
 */
export function moveConfig(c: ClientConfig, delta: number): void {
	const span = (s: { start: number; end: number } | undefined) => {
		if (!s) return;
		s.start += delta;
		s.end += delta;
	};
	span(c);
	for (const s of settingsOf(c)) span(s);
	span(c.socketPath?.removePort);
	if (c.addMode) c.addMode.at += delta;
	for (const n of c.notes ?? []) span(n.remove);
	// Its own spans (made anew for it).
	if (c.asSymfonyMailer) moveConfig(c.asSymfonyMailer, delta);
}

/**
 * Which library reads MAILER_URL in this project, from its packages: Symfony Mailer with symfony/mailer and without
 * symfony/swiftmailer-bundle, SwiftmailerBundle the other way round; undefined when they do not tell.
 */
export function mailerUrlReader(packages: Record<string, string> | undefined): 'symfony' | 'swift' | undefined {
	const symfony = packages?.['symfony/mailer'] !== undefined;
	const swift = packages?.['symfony/swiftmailer-bundle'] !== undefined;
	return symfony === swift ? undefined : symfony ? 'symfony' : 'swift';
}

/**
 * The configurations as the project's libraries read them: a MAILER_URL judged as Symfony Mailer reads it where the
 * project uses Symfony Mailer, and an smtps:// one dropped where only SwiftmailerBundle would read it.
 */
export function asProjectReads(configs: ClientConfig[], packages: Record<string, string> | undefined): ClientConfig[] {
	if (!configs.some((c) => c.asSymfonyMailer || c.swiftmailerRejects)) return configs;
	const reader = mailerUrlReader(packages);
	const out: ClientConfig[] = [];
	for (const c of configs) {
		if (c.swiftmailerRejects && reader === 'swift') continue;
		out.push(c.asSymfonyMailer && reader === 'symfony' ? c.asSymfonyMailer : c);
	}
	return out;
}

/** Every setting a configuration points at, once each (one may serve twice: CodeIgniter's SMTPCrypto). */
function settingsOf(c: ClientConfig): Set<Setting> {
	const all = [c.portAt, c.modeAt, c.starttlsAt, c.schemeTwice?.at, c.unknownValue, c.socketPath?.at, c.overrides?.at];
	if (c.bridge) all.push(c.bridge.scheme, c.bridge.user, c.bridge.host);
	for (const n of c.notes ?? []) all.push(n.at);
	return new Set(all.filter((s): s is Setting => s !== undefined));
}

/** The settings whose value was written in another file (a constant defined there). */
export function foreignSettings(c: ClientConfig): Setting[] {
	return [...settingsOf(c)].filter((s) => s.foreign !== undefined);
}

/** The mode the library will use: the modern one unless composer says an older version (Laravel 8, php-imap 1). */
export function effectiveMode(c: ClientConfig): TlsMode | undefined {
	if (c.modern !== undefined && !(c.version !== undefined && c.version < (c.modernSince ?? 9))) return c.modern;
	return c.mode;
}

export const LIBRARY_NAMES: Record<Library, string> = {
	phpmailer: 'PHPMailer',
	swiftmailer: 'SwiftMailer',
	'symfony-mailer': 'Symfony Mailer',
	'laravel-mail': 'Laravel',
	redis: 'Redis client',
	codeigniter: 'CodeIgniter',
	cakephp: 'CakePHP',
	roundcube: 'Roundcube',
	nextcloud: 'Nextcloud',
	'php-mail': 'mail()',
	imap: 'php-imap',
};

const HOW: Record<TlsMode, string> = {
	implicit: 'TLS from the first byte',
	starttls: 'plaintext, then STARTTLS (required)',
	opportunistic: 'plaintext, then STARTTLS if offered',
	plain: 'plaintext only',
};

/** What Test connection should open for a configuration, in the probe's terms, and how to say it. */
export function probeTarget(
	c: ClientConfig,
): { target: string; starttls?: ClientStarttls; protocol: ClientProtocol; says: string } | undefined {
	const mode = effectiveMode(c);
	if (!c.host || c.port === undefined || !mode) return undefined;
	if (!/^[A-Za-z0-9._-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(c.host)) return undefined;
	const protocol = protocolOf(c);
	const upgrades = protocol !== 'Redis' && (mode === 'starttls' || mode === 'opportunistic');
	const starttls = upgrades ? (protocol === 'IMAP' ? 'imap' : 'smtp') : undefined;
	return {
		target: `${mode === 'implicit' ? 'tls' : 'tcp'}://${c.host}:${c.port}`,
		...(starttls && { starttls }),
		protocol,
		says: `${LIBRARY_NAMES[c.library]} (${c.label}) connects to ${c.host}:${c.port} with ${HOW[mode]}.`,
	};
}

/** A literal option value; `whole` is the literal with its quotes, what a fix replaces. */
export interface SslValue {
	text: string;
	kind: 'str' | 'num' | 'bool' | 'null' | 'const';
	start: number;
	end: number;
	whole: { start: number; end: number };
}

/** The 'ssl' options of a stream context written as literals (stream_context_create, SMTPOptions, 'stream' keys). */
export interface SslOptions {
	/** Option name → its literal value (undefined: not a literal). */
	entries: Map<string, SslValue | undefined>;
	start: number;
	end: number;
	/** `$ctx = stream_context_create(...)` / `stream_context_set_option($ctx, ...)`: the variable, when there is one. */
	context?: string;
	/** Which function body holds it (an index into the file's function starts), to link it to socket calls. */
	scope: number;
}
