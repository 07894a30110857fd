//! Reads mail and Redis client settings from config files: connection strings anywhere (Symfony Mailer DSNs,
//! MAILER_URL, Redis URIs), and Laravel's MAIL_* / REDIS_* variables in .env files, docker-compose
//! `environment:` entries and phpunit.xml `<env>` elements. Linear: one regex pass per kind of thing.
import { lineBefore } from '../lines';
import { escapeRegExp } from '../text';
import type { FileKind } from '../types';
import { frameworkConfigs } from './frameworks';
import { yamlMailers } from './yaml-mailers';
import { phpIniMail } from './php-ini';
import { xmlMailers } from './xml-mailers';
import { laravelMail, predisArray, type Entries } from './laravel';
import type { ClientConfig } from './model';
import type { Literal } from './literal';
import { CONNECTION_SCHEME_PATTERN, urlString } from './urls';

const URL_START = new RegExp(`(?<![A-Za-z0-9+.-])(?:${CONNECTION_SCHEME_PATTERN})://`, 'gi');
/** Laravel's MAIL_* and REDIS_*: read in every config file (JSON too: `"MAIL_PORT": 587`). */
const LARAVEL_PREFIXES: readonly string[] = ['MAIL_', 'REDIS_'];
/**
 * The frameworks' own variables, read in .env, docker-compose, INI and XML files but not JSON (twelve thousand JSON
 * files of a real tree would each be searched for them): laravel-imap's IMAP_*, the Roundcube docker image's
 * ROUNDCUBEMAIL_*, Passbolt's EMAIL_TRANSPORT_DEFAULT_*, CodeIgniter 4's `email.SMTP*` / `email.protocol`.
 */
const FRAMEWORK_PREFIXES: readonly string[] = [
	'IMAP_',
	'ROUNDCUBEMAIL_',
	'EMAIL_TRANSPORT_DEFAULT_',
	'email.SMTP',
	'email.protocol',
];
/** The prefixes of the variables read here. */
export const VARIABLE_PREFIXES: readonly string[] = [...LARAVEL_PREFIXES, ...FRAMEWORK_PREFIXES];

/**
 * What to search a file of this kind for: without one of these words it holds no variable read here. A prefix that
 * holds another (ROUNDCUBEMAIL_ holds MAIL_) is left to that one.
 */
export function variableWords(kind: FileKind): readonly string[] {
	return kind === 'json' ? LARAVEL_PREFIXES : VARIABLE_WORDS;
}
const VARIABLE_WORDS = VARIABLE_PREFIXES.filter((p) => !VARIABLE_PREFIXES.some((q) => q !== p && p.includes(q)));

const PLACEHOLDER = /\$\{|\$[A-Za-z_]|%env\(|%[A-Za-z_.]+%|\{\{/;
/** A variable's name, `MAIL_HOST`: one of the prefixes, then capitals, digits and underscores. */
const NAME = `(?:${VARIABLE_PREFIXES.map(escapeRegExp).join('|')})[A-Za-z0-9_]*`;
const VARIABLE = new RegExp(
	`^[ \\t]*(?:-[ \\t]*)?(?:export[ \\t]+)?(["']?)(${NAME})\\1[ \\t]*[=:][ \\t]*([^\\r\\n]{0,500})|<env\\b[^>\\n]{0,200}?\\bname="(${NAME})"[^>\\n]{0,200}?\\bvalue="([^"\\n]{0,500})"`,
	'gm',
);
const KEY_ON_LINE =
	/^[ \t]*(?:-[ \t]*)?(?:export[ \t]+)?["']?([A-Za-z0-9_.-]+)["']?[ \t]*[=:]|\bname="([A-Za-z0-9_.-]+)"/;

export function scanConfigClients(src: string, kind: FileKind): ClientConfig[] {
	const configs: ClientConfig[] = [];
	if (src.includes('://')) configs.push(...urls(src));
	if (variableWords(kind).some((p) => src.includes(p))) configs.push(...variables(src, kind));
	if (kind === 'yaml') configs.push(...yamlMailers(src));
	if (kind === 'ini') configs.push(...phpIniMail(src));
	if (kind === 'xml') configs.push(...xmlMailers(src));
	return configs;
}

function urls(src: string): ClientConfig[] {
	const out: ClientConfig[] = [];
	URL_START.lastIndex = 0;
	for (let m = URL_START.exec(src); m; m = URL_START.exec(src)) {
		const s = m.index;
		const quote = src[s - 1];
		const quoted = quote === '"' || quote === "'";
		let e = s;
		while (e < src.length && src[e] !== '\n' && src[e] !== '\r') {
			const ch = src[e]!;
			if (quoted ? ch === quote : /[\s"'`<>,;]/.test(ch)) break;
			e++;
		}
		URL_START.lastIndex = e;
		const value = src.slice(s, e);
		if (PLACEHOLDER.test(value)) continue;
		const k = KEY_ON_LINE.exec(lineBefore(src, s, 300));
		const c = urlString(value, (i) => s + i, k?.[1] ?? k?.[2] ?? '');
		if (c) out.push(c);
	}
	return out;
}

/** The value of `KEY=value` / `KEY: value` as dotenv and YAML read it, with its offsets. */
function valueOf(raw: string, at: number): { text: string; start: number; end: number } | undefined {
	const q = raw[0];
	if (q === '"' || q === "'") {
		const close = raw.indexOf(q, 1);
		if (close < 0) return undefined;
		return { text: raw.slice(1, close), start: at + 1, end: at + close };
	}
	const hash = raw.search(/\s#/);
	const text = (hash < 0 ? raw : raw.slice(0, hash)).trimEnd();
	return { text, start: at, end: at + text.length };
}

const MAIL_KEYS: Record<string, string> = {
	MAIL_MAILER: 'transport',
	MAIL_DRIVER: 'driver',
	MAIL_HOST: 'host',
	MAIL_PORT: 'port',
	MAIL_ENCRYPTION: 'encryption',
	MAIL_SCHEME: 'scheme',
};
const REDIS_KEYS: Record<string, string> = { REDIS_HOST: 'host', REDIS_PORT: 'port', REDIS_SCHEME: 'scheme' };

function variables(src: string, kind: FileKind): ClientConfig[] {
	const mail: Entries = new Map();
	const redis: Entries = new Map();
	let first = -1;
	let last = -1;
	let redisFirst = -1;
	let redisLast = -1;
	/** Every variable read, for the frameworks' own (IMAP_*, ROUNDCUBEMAIL_*, email.SMTP*). */
	const all: Entries = new Map();
	let allFirst = -1;
	let allLast = -1;
	VARIABLE.lastIndex = 0;
	for (let m = VARIABLE.exec(src); m; m = VARIABLE.exec(src)) {
		const name = m[2] ?? m[4]!;
		const raw = m[3] ?? m[5]!;
		const rawAt = m[5] !== undefined ? m.index + m[0].lastIndexOf('value="') + 7 : m.index + m[0].length - raw.length;
		const v = m[5] !== undefined ? { text: raw, start: rawAt, end: rawAt + raw.length } : valueOf(raw, rawAt);
		if (!v || PLACEHOLDER.test(v.text)) continue;
		const lit: Literal = {
			setting: { text: v.text, start: v.start, end: v.end, name },
			kind: /^\d+$/.test(v.text) ? 'num' : 'str',
			next: 0,
		};
		all.set(name, lit);
		if (allFirst < 0) allFirst = m.index;
		allLast = v.end;
		if (MAIL_KEYS[name]) {
			mail.set(MAIL_KEYS[name]!, lit);
			if (first < 0) first = m.index;
			last = v.end;
		} else if (REDIS_KEYS[name]) {
			redis.set(REDIS_KEYS[name]!, lit);
			if (redisFirst < 0) redisFirst = m.index;
			redisLast = v.end;
		}
	}
	const out: ClientConfig[] = [];
	const where = kind === 'env' ? 'in .env' : `in this ${kind === 'yaml' ? 'YAML' : kind.toUpperCase()} file`;
	// A .env without MAIL_MAILER is read with Laravel's default mailer (smtp) when it sets MAIL_PORT.
	if (mail.has('port') && !mail.has('transport') && !mail.has('driver'))
		mail.set('transport', { setting: { text: 'smtp', start: 0, end: 0, name: 'MAIL_MAILER' }, kind: 'str', next: 0 });
	const m = mail.size ? laravelMail(mail, first, last, `MAIL_* ${where}`) : undefined;
	if (m)
		out.push({
			...m,
			start: (mail.get('host') as Literal | undefined)?.setting.start ?? first,
			end: (mail.get('host') as Literal | undefined)?.setting.end ?? last,
		});
	const r = redis.size ? predisArray(redis, redisFirst, redisLast, true) : undefined;
	if (r) out.push({ ...r, label: `REDIS_* ${where}` });
	if (all.size) out.push(...frameworkConfigs({ from: 'env', keys: [], entries: all, start: allFirst, end: allLast }));
	return out;
}
