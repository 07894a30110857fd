//! Mail and IMAP settings as frameworks write them, judged by what each framework does with them (read from its
//! source; the lines are quoted in the rules' tests). A framework's settings are a group: an array literal's entries
//! (Yii 2's 'transport' component, CakePHP's EmailTransport, php-imap's accounts, CodeIgniter's initialize()),
//! `$config['key'] = …;` statements on one variable (CodeIgniter 3's config/email.php, Roundcube's config.inc.php),
//! a class's properties (CodeIgniter 4's Config\Email), a file's define()s (WP Mail SMTP in wp-config.php) or a config
//! file's variables (.env, docker-compose `environment:`: laravel-imap's IMAP_*, the Roundcube image's
//! ROUNDCUBEMAIL_*, CodeIgniter 4's `email.SMTPPort`). Each
//! reader recognises its framework by the keys and values that identify it, and stays quiet on anything else.
import { basename, entryPort, entryText, partOf, withMode, type Entry, type Literal } from './literal';
import { symfonyAutoMode } from './laravel';
import type { ClientConfig, Setting, TlsMode } from './model';
import { phpmailer, type MailerProp } from './phpmailer';
import { REDIS_PLAIN_PORT, redisSchemeMode } from './redis';
import { REDIS_URL } from './urls';
import { swift, swiftMode } from './swift';
import { isTlsTransport } from '../transports';

/** Settings written together (see the module comment). */
export interface SettingsGroup {
	from: 'array' | 'assign' | 'class' | 'define' | 'env';
	/** array: the key it is the value of; assign: the variable (`$config`); class: the class's name. */
	name?: string;
	/** array: the keys of the arrays around it, outermost first. */
	keys: readonly string[];
	entries: ReadonlyMap<string, Entry>;
	/**
	 * The library is made from these settings alone, so an unset one takes the library's default (CodeIgniter 3's
	 * `$this->load->library('email', $config)`); else it may come from elsewhere (a config file) and is unknown.
	 */
	alone?: boolean;
	start: number;
	end: number;
}

/** Every framework configuration a group holds (usually none, at most one per protocol). */
export function frameworkConfigs(g: SettingsGroup): ClientConfig[] {
	const out: ClientConfig[] = [];
	for (const read of READERS) {
		const c = read(g);
		if (Array.isArray(c)) out.push(...c);
		else if (c) out.push(c);
	}
	return out;
}

type Reader = (g: SettingsGroup) => ClientConfig | ClientConfig[] | undefined;

/** A string literal's text, or undefined (absent, or not a string). */
function str(e: Entry | undefined): string | undefined {
	return e !== undefined && e !== 'other' && e.kind === 'str' ? e.setting.text : undefined;
}

/** Whether a class is named: 'Swift_SmtpTransport', '\\Swift_SmtpTransport', Swift_SmtpTransport::class. */
function names(e: Entry | undefined, ...classes: string[]): boolean {
	if (e === undefined || e === 'other') return false;
	const text = e.kind === 'const' ? e.setting.text.replace(/::class$/, '') : e.kind === 'str' ? e.setting.text : '';
	return classes.includes(basename(text));
}

const lit = (e: Entry | undefined): Literal | undefined => (e === undefined || e === 'other' ? undefined : e);

/**
 * Yii 2's yii\swiftmailer\Mailer: `'transport' => ['class' => 'Swift_SmtpTransport', 'host' => …, 'port' => …,
 * 'encryption' => …]`. Yii::createObject() makes the transport and sets each key through its setter
 * (setHost/setPort/setEncryption), so SwiftMailer's own semantics apply.
 */
const yiiSwift: Reader = (g) => {
	if (g.from !== 'array' || !names(g.entries.get('class'), 'Swift_SmtpTransport')) return undefined;
	const { entries } = g;
	const port = lit(entries.get('port'));
	return swift({
		start: g.start,
		end: g.end,
		values: { host: entries.get('host'), port: entries.get('port'), security: entries.get('encryption') },
		...(port && {
			addEncryption: {
				after: port,
				text: { implicit: ", 'encryption' => 'ssl'", starttls: ", 'encryption' => 'tls'" },
			},
		}),
	}).map((c) => ({ ...c, label: "Yii 2 'transport'" }));
};

/**
 * Yii 2's yii\symfonymailer\Mailer: `'transport' => ['scheme' => 'smtps', 'host' => …, 'port' => …]` makes
 * `new Dsn($config['scheme'], $config['host'], …, $config['port'] ?? null)` (Mailer::createTransport()), read as
 * Symfony Mailer reads a DSN: smtps = TLS at once; smtp = TLS at once on 465, STARTTLS when offered elsewhere.
 */
const yiiSymfony: Reader = (g) => {
	const { entries } = g;
	if (g.from !== 'array' || !entries.has('scheme') || !entries.has('host') || entries.has('dsn')) return undefined;
	if (entries.has('transport') || entries.has('driver') || entries.has('class')) return undefined;
	const scheme = lit(entries.get('scheme'));
	const schemeText = str(scheme);
	if (!scheme || (schemeText !== 'smtp' && schemeText !== 'smtps')) return undefined;
	const host = entryText(entries.get('host'));
	const port = entryPort(entries.get('port'));
	if (host === 'other' || port === 'other') return undefined;
	// As urls.ts reads a DSN: no port is port 0, which EsmtpTransport resolves (TLS at once to a remote host, on 465).
	const written = port ?? 0;
	const mode = schemeText === 'smtps' ? 'implicit' : symfonyAutoMode(written, host);
	return {
		library: 'symfony-mailer',
		label: "Yii 2 'transport'",
		host: host || undefined,
		port: written || (mode === 'implicit' ? 465 : 25),
		portAt: lit(entries.get('port'))?.setting,
		mode,
		modeAt: scheme.setting,
		modeText: { implicit: 'smtps', opportunistic: 'smtp' },
		start: g.start,
		end: g.end,
	};
};

/**
 * CodeIgniter 3 (system/libraries/Email.php _smtp_connect()): `smtp_crypto` 'ssl' opens ssl://, 'tls' connects in
 * plaintext and sends STARTTLS, anything else (compared exactly: 'SSL' too) is no encryption; a scheme written
 * in `smtp_host` reaches fsockopen() as it is. Default port 25.
 * CodeIgniter 4 (system/Email/Email.php SMTPConnect(), since 4.0.5): port 465 opens tls:// by itself and
 * SMTPCrypto 'ssl' opens ssl://; then SMTPCrypto 'tls' sends STARTTLS, also on 465, where the server already speaks
 * TLS. app/Config/Email.php: "Connection on port 465 should set this to ''".
 */
const codeIgniter: Reader = (g) => {
	const e = g.from === 'env' ? unprefixed(g.entries, 'email.') : g.entries;
	const four = e.has('SMTPPort') || e.has('SMTPCrypto');
	if (!four && ((!e.has('smtp_port') && !e.has('smtp_crypto')) || isRoundcube(g))) return undefined;
	const key = four
		? { host: 'SMTPHost', port: 'SMTPPort', crypto: 'SMTPCrypto', protocol: 'protocol' }
		: { host: 'smtp_host', port: 'smtp_port', crypto: 'smtp_crypto', protocol: 'protocol' };
	const protocol = entryText(e.get(key.protocol));
	if (protocol !== undefined && protocol !== 'smtp') return undefined;
	const port = entryPort(e.get(key.port));
	const hostText = entryText(e.get(key.host));
	const crypto = entryText(e.get(key.crypto));
	if (port === 'other' || hostText === 'other' || crypto === 'other') return undefined;
	const p = port ?? 25;
	// CodeIgniter 4 tests `$this->SMTPPort === 465`: Config\Email's typed property (and .env, read into it) holds an
	// int, but initialize() copies an array's value as written, so '465' (a string) opens no TLS by itself.
	const portLit = lit(e.get(key.port));
	const tlsOn465 = four && p === 465 && (g.from === 'class' || g.from === 'env' || portLit?.kind === 'num');
	const cryptoAt = lit(e.get(key.crypto))?.setting;
	const known = crypto === undefined || crypto === '' || crypto === 'ssl' || crypto === 'tls';
	const prefix = hostText ? /^([A-Za-z0-9+.-]+):\/\//.exec(hostText) : null;
	const hostLit = lit(e.get(key.host));
	const prefixAt = prefix && partOf(hostLit!, 0, prefix[1]!.length, `${key.host} scheme`);
	let mode: TlsMode;
	let modeAt: Setting | undefined = cryptoAt;
	let starttlsInsideTls = false;
	// CodeIgniter writes its own scheme before SMTPHost ($ssl . $this->SMTPHost) for 'ssl', and (4) on port 465.
	const added = crypto === 'ssl' ? 'ssl' : tlsOn465 ? 'tls' : undefined;
	const schemeTwice = prefix && added ? { at: partOf(hostLit!, 0, prefix[0].length, key.host)!, added } : undefined;
	if (crypto === 'ssl') mode = 'implicit';
	else if (prefix && isTlsTransport(prefix[1]!)) {
		mode = 'implicit';
		modeAt = prefixAt ?? undefined;
		starttlsInsideTls = crypto === 'tls';
	} else if (tlsOn465) {
		mode = 'implicit';
		modeAt = undefined;
		starttlsInsideTls = crypto === 'tls';
	} else if (crypto === undefined && (!four || p === 465) && !(g.alone && !four)) {
		// An unset smtp_crypto / SMTPCrypto comes from config/email.php or Config\Email: not known here (unless the
		// library is made from this array alone: then it is Email.php's `public $smtp_crypto = '';`).
		return undefined;
	} else mode = crypto === 'tls' ? 'starttls' : 'plain';
	return {
		library: 'codeigniter',
		label: four ? 'CodeIgniter 4 Config\\Email' : 'CodeIgniter 3 smtp_* settings',
		host: hostText ? hostText.slice(prefix?.[0].length ?? 0) || undefined : undefined,
		port: p,
		portAt: portLit?.setting,
		mode,
		modeAt,
		modeText: four ? { implicit: '', starttls: 'tls', plain: '' } : { implicit: 'ssl', starttls: 'tls', plain: '' },
		// Made from this array alone, without smtp_crypto: the fix writes it after the port.
		...(g.alone &&
			!four &&
			crypto === undefined &&
			withMode(portLit, 'after', {
				implicit: `, '${key.crypto}' => 'ssl'`,
				starttls: `, '${key.crypto}' => 'tls'`,
			})),
		...(starttlsInsideTls && { starttlsInsideTls, starttlsAt: cryptoAt }),
		...(!known && cryptoAt && { unknownValue: cryptoAt }),
		...(schemeTwice && { schemeTwice }),
		version: four ? 4 : 3,
		start: g.start,
		end: g.end,
	};
};

/** The entries whose name starts with `prefix`, under the rest of their name (CodeIgniter 4's `email.SMTPPort`). */
function unprefixed(entries: ReadonlyMap<string, Entry>, prefix: string): Map<string, Entry> {
	const out = new Map<string, Entry>();
	for (const [k, v] of entries) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
	return out;
}

/**
 * CakePHP's SmtpTransport (src/Mailer/Transport/SmtpTransport.php _connect(), src/Network/Socket.php connect()): a
 * `scheme://` in 'host' becomes the socket's transport (ssl:// = TLS at once); 'tls' => true sends STARTTLS after
 * EHLO. Defaults: host localhost, port 25, tls false. Read only where 'className' (CakePHP 3+) or 'transport'
 * (CakePHP 2, lib/Cake/Network/Email/SmtpTransport.php, the same connect()) names the SMTP transport.
 */
const cakePhp: Reader = (g) => {
	const e = g.entries;
	// CakePHP 3+: 'className' => 'Smtp' (or SmtpTransport::class); CakePHP 2's EmailConfig: 'transport' => 'Smtp'.
	const smtp = names(e.get('className'), 'Smtp', 'SmtpTransport') || str(e.get('transport')) === 'Smtp';
	if (g.from !== 'array' || !smtp) return undefined;
	const port = entryPort(e.get('port'));
	const hostText = entryText(e.get('host'));
	const tls = e.get('tls');
	if (port === 'other' || hostText === 'other' || tls === 'other') return undefined;
	if (tls && tls.kind !== 'bool') return undefined;
	return cakeSmtp(
		{ text: hostText, at: lit(e.get('host')) },
		{ value: port, at: lit(e.get('port'))?.setting },
		{ starttls: tls?.setting.text === 'true', at: tls?.setting, off: 'false' },
		{ label: 'SmtpTransport', start: g.start, end: g.end },
	);
};

/**
 * The SmtpTransport CakePHP makes (src/Network/Socket.php connect(): a `scheme://` in the host is the socket's
 * transport, ssl:// TLS at once; SmtpTransport::_connect(): STARTTLS `if ($config['tls'])`; port 25 by default), from
 * the host as written, the port, and whether 'tls' asks for STARTTLS (`off`: how 'tls' is written off). Undefined for
 * a prefix that is neither a TLS transport nor tcp://.
 */
function cakeSmtp(
	host: { text: string | undefined; at: Literal | undefined },
	port: { value: number | undefined; at: Setting | undefined },
	tls: { starttls: boolean; at: Setting | undefined; off: string },
	where: { label: string; start: number; end: number },
): ClientConfig | undefined {
	const hostText = host.text ?? 'localhost';
	const prefix = /^([A-Za-z0-9+.-]+):\/\//.exec(hostText);
	const implicit = !!prefix && isTlsTransport(prefix[1]!);
	if (prefix && !implicit && prefix[1]!.toLowerCase() !== 'tcp') return undefined;
	const prefixAt =
		prefix && host.at ? partOf(host.at, 0, prefix[0].length, `${host.at.setting.name} prefix`) : undefined;
	return {
		library: 'cakephp',
		label: where.label,
		host: hostText.slice(prefix?.[0].length ?? 0) || undefined,
		port: port.value ?? 25,
		portAt: port.at,
		mode: implicit ? 'implicit' : tls.starttls ? 'starttls' : 'plain',
		modeAt: implicit ? prefixAt : tls.at,
		modeText: implicit ? {} : { starttls: 'true', plain: tls.off },
		// Where ssl:// goes for TLS at once (with 'tls' => false: see the rule).
		...(!prefix && withMode(host.at, 'value start', { implicit: 'ssl://' })),
		...(implicit && tls.starttls && tls.at && { starttlsInsideTls: true, starttlsAt: tls.at }),
		start: where.start,
		end: where.end,
	};
}

/**
 * Roundcube (program/lib/Roundcube/rcube_smtp.php connect(), rcube_utils::parse_host_uri()): `smtp_host` and
 * `imap_host` are `[ssl://|tls://]host[:port]`, ssl:// = implicit TLS, tls:// = STARTTLS, neither = plaintext;
 * without a port, 465 / 993 for ssl://, else 587 / 143. Before 1.6: `smtp_server` + `smtp_port`, `default_host` +
 * `default_port`.
 */
const roundcube: Reader = (g) => {
	const e = g.entries;
	if (!isRoundcube(g)) return undefined;
	const out: ClientConfig[] = [];
	const smtp = e.has('smtp_host') ? 'smtp_host' : e.has('smtp_server') ? 'smtp_server' : undefined;
	const imap = e.has('imap_host') ? 'imap_host' : e.has('default_host') ? 'default_host' : undefined;
	if (smtp) push(out, roundcubeHost(g, smtp, smtp === 'smtp_server' ? 'smtp_port' : undefined, 'SMTP'));
	if (imap) push(out, roundcubeHost(g, imap, imap === 'default_host' ? 'default_port' : undefined, 'IMAP'));
	return out;
};

/**
 * Roundcube's config.inc.php: `$config[…]` (or 1.x's `$rcmail_config[…]`) with an IMAP host or the old smtp_server,
 * or an smtp_host that carries its own port and scheme (CodeIgniter 3's comes with smtp_port or smtp_crypto).
 */
function isRoundcube(g: SettingsGroup): boolean {
	if (g.from !== 'assign' || (g.name !== '$config' && g.name !== '$rcmail_config')) return false;
	const e = g.entries;
	if (e.has('imap_host') || e.has('default_host') || e.has('smtp_server')) return true;
	return e.has('smtp_host') && !e.has('smtp_port') && !e.has('smtp_crypto');
}

/**
 * The roundcube/roundcubemail docker image (docker-entrypoint.sh): `$config['imap_host'] =
 * '${ROUNDCUBEMAIL_DEFAULT_HOST}:${ROUNDCUBEMAIL_DEFAULT_PORT}'` and the same for smtp_host with
 * ROUNDCUBEMAIL_SMTP_SERVER and ROUNDCUBEMAIL_SMTP_PORT; the ports default to 143 and 587.
 */
const roundcubeDocker: Reader = (g) => {
	if (g.from !== 'env') return undefined;
	const out: ClientConfig[] = [];
	push(out, roundcubeHost(g, 'ROUNDCUBEMAIL_SMTP_SERVER', 'ROUNDCUBEMAIL_SMTP_PORT', 'SMTP'));
	push(out, roundcubeHost(g, 'ROUNDCUBEMAIL_DEFAULT_HOST', 'ROUNDCUBEMAIL_DEFAULT_PORT', 'IMAP'));
	return out;
};

function push(out: ClientConfig[], c: ClientConfig | undefined): void {
	if (c) out.push(c);
}

function roundcubeHost(
	g: SettingsGroup,
	hostKey: string,
	portKey: string | undefined,
	protocol: 'SMTP' | 'IMAP',
): ClientConfig | undefined {
	const host = lit(g.entries.get(hostKey));
	if (!host || host.kind !== 'str') return undefined;
	const m = /^(?:(ssl|tls):\/\/)?([^:/]*)(?::(\d{1,5}))?$/i.exec(host.setting.text);
	if (!m) return undefined;
	const scheme = m[1]?.toLowerCase();
	const portEntry = portKey ? g.entries.get(portKey) : undefined;
	const written = entryPort(portEntry);
	if (written === 'other') return undefined;
	const implicit = scheme === 'ssl';
	let port: number;
	let portAt: Setting | undefined;
	if (m[3] !== undefined) {
		port = Number(m[3]);
		portAt = partOf(host, host.setting.text.length - m[3].length, host.setting.text.length, `${hostKey} port`);
	} else if (written !== undefined) {
		port = written;
		portAt = lit(portEntry)!.setting;
	} else if (portKey) port = protocol === 'SMTP' ? 587 : 143;
	else port = protocol === 'SMTP' ? (implicit ? 465 : 587) : implicit ? 993 : 143;
	const prefixAt = m[1] ? partOf(host, 0, m[1].length, `${hostKey} prefix`) : undefined;
	return {
		library: 'roundcube',
		label: hostKey,
		protocol,
		host: m[2] && !m[2].includes('%') ? m[2] : undefined,
		port,
		portAt,
		mode: implicit ? 'implicit' : scheme === 'tls' ? 'starttls' : 'plain',
		modeAt: prefixAt,
		modeText: { implicit: 'ssl', starttls: 'tls' },
		...(!prefixAt && withMode(host, 'value start', { implicit: 'ssl://', starttls: 'tls://' })),
		start: host.setting.start,
		end: host.setting.end,
	};
}

/**
 * webklex/php-imap (src/Connection/Protocols/ImapProtocol.php connect()): 'ssl' and 'tls' open that transport (TLS
 * at once: 'tls' is not STARTTLS here), 'starttls' connects with tcp:// and upgrades, anything else is plaintext;
 * the port defaults to 993 with 'ssl'/'tls', else 143. An account is an array with 'encryption' and 'port' that is
 * an IMAP account by its 'protocol' (imap; the legacy-* protocols use imap_open() flags instead), its
 * 'validate_cert', or its place under 'accounts'.
 */
const imapAccount: Reader = (g) => {
	const e = g.entries;
	if (g.from !== 'array' || !e.has('encryption') || !e.has('host')) return undefined;
	if (e.has('transport') || e.has('driver') || e.has('class') || e.has('className') || e.has('scheme'))
		return undefined;
	const protocol = entryText(e.get('protocol'));
	if (protocol === undefined && !e.has('validate_cert') && !g.keys.includes('accounts')) return undefined;
	return imapConfig(g, { encryption: 'encryption', port: 'port', host: 'host', protocol: 'protocol' }, 'account');
};

/** laravel-imap's .env: IMAP_HOST, IMAP_PORT, IMAP_ENCRYPTION, IMAP_PROTOCOL (config/imap.php reads them by env()). */
const imapEnv: Reader = (g) => {
	if (g.from !== 'env' || !g.entries.has('IMAP_ENCRYPTION')) return undefined;
	const keys = { encryption: 'IMAP_ENCRYPTION', port: 'IMAP_PORT', host: 'IMAP_HOST', protocol: 'IMAP_PROTOCOL' };
	return imapConfig(g, keys, 'IMAP_* in .env');
};

function imapConfig(
	g: SettingsGroup,
	key: { encryption: string; port: string; host: string; protocol: string },
	label: string,
): ClientConfig | undefined {
	const e = g.entries;
	const protocol = entryText(e.get(key.protocol));
	// The default protocol is imap; the legacy-* ones use imap_open() flags, where /tls means STARTTLS.
	if (protocol === 'other' || (protocol !== undefined && !/^imap(4|4rev1)?$/i.test(protocol))) return undefined;
	const enc = lit(e.get(key.encryption));
	const port = entryPort(e.get(key.port));
	const host = entryText(e.get(key.host));
	if (!enc || port === 'other' || host === 'other') return undefined;
	const raw = enc.kind === 'str' ? enc.setting.text : enc.kind === 'bool' || enc.kind === 'null' ? '' : undefined;
	if (raw === undefined) return undefined;
	// php-imap 2+ (ImapProtocol::connect(): `$encryption = strtolower($this->encryption); if (in_array($encryption,
	// ['ssl', 'tls'])) { $transport = $encryption; }`, and 'starttls' upgrades).
	const value = raw.toLowerCase();
	const modern: TlsMode = value === 'ssl' || value === 'tls' ? 'implicit' : value === 'starttls' ? 'starttls' : 'plain';
	// php-imap 1 and laravel-imap 1 (Client::getAddress(), exact values): imap_open() flags, where /tls is STARTTLS,
	// /notls none, and without a flag c-client upgrades when the server offers STARTTLS.
	const legacy: TlsMode =
		raw === 'ssl'
			? 'implicit'
			: raw === 'tls' || raw === 'starttls'
				? 'starttls'
				: raw === 'notls'
					? 'plain'
					: 'opportunistic';
	return {
		library: 'imap',
		label,
		host: host || undefined,
		port: port ?? (modern === 'implicit' ? 993 : 143),
		portAt: lit(e.get(key.port))?.setting,
		mode: legacy,
		modern,
		modernSince: 2,
		modeAt: enc.setting,
		modeText:
			enc.kind === 'str'
				? { implicit: 'ssl', starttls: 'starttls', plain: 'notls' }
				: { implicit: "'ssl'", starttls: "'starttls'" },
		start: g.start,
		end: g.end,
	};
}

/**
 * Passbolt (a CakePHP application; config/app.default.php, and the passbolt/passbolt docker image's documented
 * variables): `'host' => env('EMAIL_TRANSPORT_DEFAULT_HOST', 'localhost')`, `'port' => env('…_PORT', 25)`,
 * `'tls' => env('EMAIL_TRANSPORT_DEFAULT_TLS', null)`, handed to CakePHP's SmtpTransport unconverted. CakePHP's env()
 * returns the variable's string as it is, and SmtpTransport tests `if ($config['tls'])`, so every value but '' and '0'
 * sends STARTTLS: 'false' and 'null' too (passbolt/passbolt-helm#9, passbolt/passbolt_docker#151).
 */
export const PASSBOLT_LABEL = 'Passbolt EMAIL_TRANSPORT_DEFAULT_*';

const passboltEnv: Reader = (g) => {
	if (g.from !== 'env') return undefined;
	const e = g.entries;
	const key = (k: string) => `EMAIL_TRANSPORT_DEFAULT_${k}`;
	if (!e.has(key('HOST')) && !e.has(key('PORT')) && !e.has(key('TLS'))) return undefined;
	// A transport URL overrides the other keys (TransportFactory parses it over them); another class ignores them.
	if (str(e.get(key('URL')))) return undefined;
	const className = str(e.get(key('CLASS_NAME')));
	if (className !== undefined && className !== 'Smtp') return undefined;
	const port = entryPort(e.get(key('PORT')));
	if (port === 'other') return undefined;
	const hostLit = lit(e.get(key('HOST')));
	const tls = lit(e.get(key('TLS')));
	const tlsText = tls?.setting.text.trim();
	const starttls = tlsText !== undefined && tlsText !== '' && tlsText !== '0';
	const c = cakeSmtp(
		{ text: hostLit?.setting.text, at: hostLit },
		{ value: port, at: lit(e.get(key('PORT')))?.setting },
		{ starttls, at: tls?.setting, off: '' },
		// The file's other variables are not this configuration's: its range (the lens's line) is the host's.
		{ label: PASSBOLT_LABEL, start: hostLit?.setting.start ?? g.start, end: hostLit?.setting.end ?? g.end },
	);
	// A value that reads as "no" but is a non-empty string, so true: STARTTLS.
	return c && tls && starttls && /^(false|null|no|off|none)$/i.test(tlsText!) ? { ...c, unknownValue: tls.setting } : c;
};

/**
 * WP Mail SMTP's constants in wp-config.php (WPMS_ON, WPMS_MAILER 'smtp', WPMS_SMTP_HOST, WPMS_SMTP_PORT, WPMS_SSL
 * '' / 'ssl' / 'tls', WPMS_SMTP_AUTOTLS): the plugin hands them to PHPMailer's Host, Port, SMTPSecure and
 * SMTPAutoTLS, so PHPMailer's semantics apply. Read when WPMS_ON is not false and the mailer is SMTP.
 */
const wpMailSmtp: Reader = (g) => {
	const e = g.entries;
	if (g.from !== 'define' || !e.has('WPMS_SMTP_PORT')) return undefined;
	const on = e.get('WPMS_ON');
	const mailer = entryText(e.get('WPMS_MAILER'));
	if ((on && (on === 'other' || on.setting.text === 'false')) || (mailer !== undefined && mailer !== 'smtp'))
		return undefined;
	const props = new Map<string, MailerProp>();
	const prop = (name: string, key: string) => {
		const v = e.get(key);
		if (v !== undefined) props.set(name, { lit: lit(v), indent: '' });
	};
	prop('Host', 'WPMS_SMTP_HOST');
	prop('Port', 'WPMS_SMTP_PORT');
	prop('SMTPAutoTLS', 'WPMS_SMTP_AUTOTLS');
	const ssl = lit(e.get('WPMS_SSL'));
	if (e.has('WPMS_SSL') && !ssl) return undefined;
	// The plugin's "none" is PHPMailer's ''.
	if (ssl)
		props.set('SMTPSecure', {
			lit: ssl.setting.text === 'none' ? { ...ssl, kind: 'str', setting: { ...ssl.setting, text: '' } } : ssl,
			indent: '',
		});
	return phpmailer({ receiver: 'WP Mail SMTP (WPMS_*)', created: true, smtp: true, props }).map((c) => ({
		...c,
		modeText: c.modeAt?.name === 'WPMS_SSL' ? { implicit: 'ssl', starttls: 'tls' } : c.modeText,
		addMode: undefined,
	}));
};

/**
 * Nextcloud's config.php (`$CONFIG = array('mail_smtpmode' => 'smtp', 'mail_smtphost' => …, 'mail_smtpport' => …,
 * 'mail_smtpsecure' => …)`). Nextcloud 26 and later (lib/private/Mail/Mailer.php getSmtpInstance()) pass
 * `mail_smtpsecure === 'ssl' ? true : null` to Symfony Mailer's EsmtpTransport: 'ssl' is TLS at once, anything else
 * lets Symfony choose (TLS at once on 465, STARTTLS when offered elsewhere). Older ones gave mail_smtpsecure to
 * SwiftMailer's setEncryption() ('tls' = STARTTLS required). The file's own 'version' tells which.
 */
const nextcloud: Reader = (g) => {
	const e = g.entries;
	if (g.from !== 'array' || (!e.has('mail_smtpsecure') && !e.has('mail_smtpport'))) return undefined;
	const smtpMode = entryText(e.get('mail_smtpmode'));
	if (smtpMode !== undefined && smtpMode !== 'smtp') return undefined;
	const port = entryPort(e.get('mail_smtpport'));
	const host = entryText(e.get('mail_smtphost'));
	const secure = e.get('mail_smtpsecure');
	if (port === 'other' || host === 'other' || secure === 'other') return undefined;
	const p = port ?? 25;
	const version = /^(\d+)\./.exec(str(e.get('version')) ?? '');
	const major = version ? Number(version[1]) : undefined;
	const value = secure ? entryText(secure)! : '';
	const swiftMailer = major !== undefined && major < 26;
	return {
		library: 'nextcloud',
		label: 'config.php',
		host: host || '127.0.0.1',
		port: p,
		portAt: lit(e.get('mail_smtpport'))?.setting,
		mode: swiftMailer ? swiftMode(value) : value === 'ssl' ? 'implicit' : symfonyAutoMode(p, host || '127.0.0.1'),
		modeAt: lit(secure)?.setting,
		modeText: swiftMailer ? { implicit: 'ssl', starttls: 'tls' } : { implicit: 'ssl', opportunistic: '' },
		// Without mail_smtpsecure (before 26: no encryption), the fix writes it after the port.
		...(swiftMailer &&
			!secure &&
			withMode(lit(e.get('mail_smtpport')), 'after', {
				implicit: ", 'mail_smtpsecure' => 'ssl'",
				starttls: ", 'mail_smtpsecure' => 'tls'",
			})),
		...(major !== undefined && { version: major }),
		start: g.start,
		end: g.end,
	};
};

/**
 * Redis Object Cache (rhubarbgroup/redis-cache)'s constants in wp-config.php. includes/object-cache.php
 * build_parameters() starts from `'scheme' => 'tcp', 'host' => '127.0.0.1', 'port' => 6379` and overrides each with
 * WP_REDIS_SCHEME, WP_REDIS_HOST, WP_REDIS_PORT, WP_REDIS_PATH when defined; phpredis then gets
 * connect('tls://' . host, port) for scheme tls, connect(path, -1) for unix, else connect(host, port), and Predis the
 * parameters (host and port dropped for unix). A cluster is read by redisCluster(); shards and replication
 * (WP_REDIS_SHARDS, _SERVERS, _SENTINEL) are built otherwise and are not read here.
 */
const redisObjectCache: Reader = (g) => {
	const e = g.entries;
	if (g.from !== 'define' || !(e.has('WP_REDIS_HOST') || e.has('WP_REDIS_SCHEME'))) return undefined;
	if (e.has('WP_REDIS_CLUSTER')) return redisCluster(e);
	if (['WP_REDIS_SHARDS', 'WP_REDIS_SERVERS', 'WP_REDIS_SENTINEL'].some((k) => e.has(k))) return undefined;
	const schemeLit = lit(e.get('WP_REDIS_SCHEME'));
	const hostLit = lit(e.get('WP_REDIS_HOST'));
	const scheme = e.has('WP_REDIS_SCHEME') ? str(e.get('WP_REDIS_SCHEME')) : 'tcp';
	const host = e.has('WP_REDIS_HOST') ? str(e.get('WP_REDIS_HOST')) : '127.0.0.1';
	const port = e.has('WP_REDIS_PORT') ? entryPort(e.get('WP_REDIS_PORT')) : REDIS_PLAIN_PORT;
	// Not a literal (a constant of another file, getenv()): not known, not judged.
	if (scheme === undefined || host === undefined || port === undefined || port === 'other') return undefined;
	const mode = redisSchemeMode(scheme);
	// The unix scheme reads WP_REDIS_PATH (and drops host and port); a host with a scheme of its own is not read.
	if (mode === undefined || host.includes('://')) return undefined;
	const at = hostLit?.setting ?? schemeLit!.setting;
	const base = {
		library: 'redis' as const,
		label: 'Redis Object Cache (WP_REDIS_*)',
		host,
		port,
		portAt: lit(e.get('WP_REDIS_PORT'))?.setting,
		start: at.start,
		end: at.end,
	};
	if (host.startsWith('/')) {
		// phpredis reads a path as a socket only with a port below 1; Predis never with scheme tcp. Which client runs is
		// WP_REDIS_CLIENT, else phpredis when the extension is loaded: a port below 1 is judged only for Predis. Relay's
		// reading of a path is not known here.
		const client = str(e.get('WP_REDIS_CLIENT'))?.toLowerCase();
		if ((port < 1 && client !== 'predis') || client === 'relay') return undefined;
		return { ...base, modeText: {}, socketPath: { at: hostLit!.setting, reader: 'wp-redis' } };
	}
	return {
		...base,
		mode,
		modeAt: schemeLit?.setting,
		modeText: { implicit: 'tls', plain: 'tcp' },
	};
};

/**
 * Redis Object Cache's WP_REDIS_CLUSTER, a list of node URLs: build_cluster_connection_array() writes each node as
 * `$components['scheme']` if the node has one, else WP_REDIS_SCHEME —
 *     if ( ! empty( $components['scheme'] ) ) { $scheme = $components['scheme']; } elseif ( defined( 'WP_REDIS_SCHEME' ) ) {
 * so a node's own tcp:// wins over WP_REDIS_SCHEME 'tls'. Such a node is a configuration that `overrides` the
 * constant; the other nodes are what the constant says, and are not read.
 */
function redisCluster(e: ReadonlyMap<string, Entry>): ClientConfig[] {
	const schemeLit = lit(e.get('WP_REDIS_SCHEME'));
	const wanted = schemeLit && schemeLit.kind === 'str' ? redisSchemeMode(schemeLit.setting.text) : undefined;
	if (wanted !== 'implicit') return [];
	const out: ClientConfig[] = [];
	for (let k = 0; e.has(`WP_REDIS_CLUSTER[${k}]`); k++) {
		const node = lit(e.get(`WP_REDIS_CLUSTER[${k}]`));
		if (!node || node.kind !== 'str') continue;
		// Read as any Redis URL of the connection-string pass is (a node without a port is not judged: the plugin writes
		// `%d` of no port, 0).
		const m = REDIS_URL.exec(node.setting.text);
		if (!m || redisSchemeMode(m[1]!) !== 'plain') continue;
		const scheme = partOf(node, 0, m[1]!.length, "the node's scheme");
		if (!scheme) continue;
		out.push({
			library: 'redis',
			label: 'Redis Object Cache (WP_REDIS_CLUSTER)',
			host: m[2]!,
			port: Number(m[3]),
			mode: 'plain',
			modeAt: scheme,
			modeText: { implicit: 'tls', plain: 'tcp' },
			overrides: { at: schemeLit!.setting, mode: wanted },
			start: node.setting.start,
			end: node.setting.end,
		});
	}
	return out;
}

const READERS: readonly Reader[] = [
	roundcubeDocker,
	passboltEnv,
	imapEnv,

	yiiSwift,
	yiiSymfony,
	codeIgniter,
	cakePhp,
	roundcube,
	imapAccount,
	wpMailSmtp,
	nextcloud,
	redisObjectCache,
];
