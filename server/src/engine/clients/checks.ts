//! What the mail and Redis client rules share: which ports want which first byte, and a finding that sits on the
//! setting that decides TLS, points at the port (relatedInformation), and offers to change either.
import { protocolOf, type ClientConfig, type Setting, type TlsMode } from './model';
import type { RuleContext } from '../target';
import type { Fix, Related, Severity } from '../types';
import type { MessageData, RuleFinding } from '../rules/rule';
import { IMPLICIT_TLS_PORTS, STARTTLS_PORTS } from '../transports';

/** SMTP ports where the server greets in plaintext (and may offer STARTTLS). */
export const SMTP_PLAIN_PORTS: ReadonlyMap<number, string> = new Map([
	[25, 'SMTP relay (plaintext, then STARTTLS)'],
	[587, 'SMTP submission (plaintext, then STARTTLS)'],
	[2525, 'an alternative submission port (plaintext, then STARTTLS)'],
	[1025, 'a local test server such as MailHog or Mailpit (plaintext)'],
]);
export const SMTPS_PORT = 465;
const SMTP_TLS_PORTS: readonly number[] = [SMTPS_PORT];
/** IMAPS and POP3S: the mail-reading ports that expect TLS at once. */
export const IMAP_TLS_PORTS: readonly number[] = [993, 995];

/**
 * The well-known ports of the other mail protocols, by the protocol a client speaks (an SMTP client given POP3's or
 * IMAP's port, an IMAP client given SMTP's or POP3's), with the service's name for messages.
 */
const OTHER_MAIL_PORTS: Record<'SMTP' | 'IMAP', ReadonlyMap<number, string>> = {
	SMTP: new Map([
		[110, 'POP3'],
		[143, 'IMAP'],
		[993, 'IMAPS'],
		[995, 'POP3S'],
	]),
	IMAP: new Map([
		[25, 'SMTP'],
		[587, 'SMTP submission'],
		[465, 'SMTPS'],
		[110, 'POP3'],
		[995, 'POP3S'],
	]),
};

/**
 * The other mail protocol's service at the port written in a mail configuration, if it is one; `tls`: the service
 * expects TLS at once (IMPLICIT_TLS_PORTS).
 */
export function otherMailService(c: ClientConfig): { service: string; tls: boolean } | undefined {
	const protocol = protocolOf(c);
	if (protocol === 'Redis' || c.port === undefined || !c.portAt) return undefined;
	const service = OTHER_MAIL_PORTS[protocol].get(c.port);
	return service === undefined ? undefined : { service, tls: IMPLICIT_TLS_PORTS.has(c.port) };
}

/**
 * Public submission servers that take no mail and no login before STARTTLS (their EHLO offers AUTH only after it):
 * Gmail answers "530 5.7.0 Must issue a STARTTLS command first.", Microsoft 365 and Outlook.com "530 5.7.57 Client not
 * authenticated to send mail" (or "504 5.7.4 Unrecognized authentication type" to an AUTH).
 */
export const STARTTLS_ONLY_HOSTS = /^smtp\.(gmail|googlemail|office365)\.com$|^smtp-mail\.outlook\.com$/i;

/** What one of STARTTLS_ONLY_HOSTS answers a client that has not sent STARTTLS. */
function starttlsRefusal(host: string): string {
	return /gmail|googlemail/i.test(host)
		? '530 5.7.0 Must issue a STARTTLS command first'
		: '530 5.7.57 Client not authenticated to send mail';
}

/**
 * A library that never sends STARTTLS by itself (mode `plain`) pointed at one of STARTTLS_ONLY_HOSTS on a port that
 * greets in plaintext (25, 587), both written, fails every message. The finding sits on the setting that decides TLS
 * (else on the port), with the fix that asks for STARTTLS (preferred) and the one that moves to implicit TLS on 465,
 * where the configuration can say either; `say` words it, given the server's answer.
 */
export function starttlsOnlyHostFinding<Id extends string>(
	c: ClientConfig,
	mode: TlsMode | undefined,
	say: (reply: string) => { messageId: Id; data?: MessageData; detail: string },
	titles: { starttls: string; implicit: string },
): RuleFinding<Id> | undefined {
	if (mode !== 'plain' || !c.portAt || (c.port !== 25 && c.port !== 587)) return undefined;
	if (c.host === undefined || !STARTTLS_ONLY_HOSTS.test(c.host)) return undefined;
	const at = c.modeAt ?? c.portAt;
	const fixes: Fix[] = [];
	const starttls = modeEdits(c, 'starttls');
	if (starttls) fixes.push({ title: titles.starttls, edits: starttls, preferred: true });
	const implicit = modeEdits(c, 'implicit');
	if (implicit)
		fixes.push({
			title: titles.implicit,
			edits: [...implicit, { start: c.portAt.start, end: c.portAt.end, text: '465' }].sort((x, y) => x.start - y.start),
		});
	const rel = [
		...related(c.portAt, `The port (${c.portAt.name}) is set here.`, at),
		...(c.modeAt === at ? [] : related(c.modeAt, `TLS is decided here (${c.modeAt?.name}).`, at)),
	];
	return { start: at.start, end: at.end, ...say(starttlsRefusal(c.host)), fixes, ...(rel.length && { related: rel }) };
}

/**
 * The edits that make the configuration ask for `mode`: the setting that decides TLS rewritten, else the setting
 * that asks for it inserted (ClientConfig.addMode); undefined when it cannot say that mode.
 */
export function modeEdits(c: ClientConfig, mode: TlsMode): Fix['edits'] | undefined {
	const text = c.modeText[mode];
	if (c.modeAt && text !== undefined) return [{ start: c.modeAt.start, end: c.modeAt.end, text }];
	const add = c.addMode?.text[mode];
	return add === undefined ? undefined : [{ start: c.addMode!.at, end: c.addMode!.at, text: add }];
}

export type Mismatch = 'tls-on-plain-port' | 'plaintext-on-tls-port';

/** The mail mismatch of a configuration, if any. */
export function mailMismatch(
	c: ClientConfig,
	mode: TlsMode | undefined,
	ctx: RuleContext,
	tlsPorts: readonly number[] = SMTP_TLS_PORTS,
): Mismatch | undefined {
	// Only a port written in the configuration: a library default may be overridden where we cannot see.
	if (c.port === undefined || !mode || (!c.portAt && c.library !== 'symfony-mailer')) return undefined;
	// Another mail protocol's port (POP3's to a mailer, SMTP's to php-imap): no TLS setting helps (mail-port-protocol).
	if (otherMailService(c)) return undefined;
	const plainPort =
		SMTP_PLAIN_PORTS.has(c.port) || STARTTLS_PORTS.has(c.port) || ctx.settings.starttlsPorts.includes(c.port);
	const tlsPort = tlsPorts.includes(c.port);
	if (mode === 'implicit' && plainPort) return 'tls-on-plain-port';
	if (mode !== 'implicit' && tlsPort) return 'plaintext-on-tls-port';
	return undefined;
}

export function portName(port: number): string {
	const other = STARTTLS_PORTS.get(port);
	return (
		SMTP_PLAIN_PORTS.get(port) ??
		(port === SMTPS_PORT ? 'SMTPS (implicit TLS)' : other ? `${other}, a plaintext greeting` : `port ${port}`)
	);
}

/** `host:port` for messages. */
export function hostPort(c: ClientConfig): string {
	return `${c.host ?? 'localhost'}:${c.port}`;
}

/** Related information at `at`, unless the finding is there already. */
export function related(at: Setting | undefined, message: string, finding: { start: number; end: number }): Related[] {
	if (!at || (at.start === finding.start && at.end === finding.end)) return [];
	return [{ start: at.start, end: at.end, message }];
}

/**
 * A finding on the setting that decides TLS (else on the port, else on the configuration), with a fix that
 * changes the mode to `toMode` and one that changes the port to `toPort`. Neither fix is preferred: which side is
 * wrong is the user's call.
 */
export function pairFinding<Id extends string>(
	c: ClientConfig,
	said: { messageId: Id; data?: MessageData; detail?: string },
	toMode: { mode: TlsMode; title: string } | undefined,
	toPort: { port: number; title: string } | undefined,
	severity?: Severity,
): RuleFinding<Id> {
	const { messageId, data, detail } = said;
	const at = c.modeAt ?? c.portAt ?? { start: c.start, end: c.end };
	const fixes: Fix[] = [];
	const modeFix = toMode && modeEdits(c, toMode.mode);
	if (modeFix) fixes.push({ title: toMode!.title, edits: modeFix });
	if (toPort && c.portAt)
		fixes.push({
			title: toPort.title,
			edits: [{ start: c.portAt.start, end: c.portAt.end, text: String(toPort.port) }],
		});
	const rel = [
		...related(c.portAt, `The port (${c.portAt?.name}) is set here.`, at),
		...(c.modeAt === at ? [] : related(c.modeAt, `TLS is decided here (${c.modeAt?.name}).`, at)),
	];
	return {
		start: at.start,
		end: at.end,
		messageId,
		...(data && { data }),
		...(detail && { detail }),
		fixes,
		...(rel.length && { related: rel }),
		...(severity && { severity }),
	};
}

/** How a setting reads in a message: `SMTPSecure 'ssl'`, `MAIL_PORT=587`. */
export function written(at: Setting | undefined): string {
	if (!at) return '';
	if (at.text.includes('::')) return `${at.name} = ${at.text}`;
	return /^[A-Z_]+$/.test(at.name) ? `${at.name}=${at.text}` : `${at.name} '${at.text}'`;
}

/**
 * The finding for a scheme the library writes again before the host's own (ClientConfig.schemeTwice): on the host's
 * scheme, with the fix that removes it (preferred: the library's own setting already says what it meant).
 */
export function schemeTwiceFinding<Id extends string>(
	c: ClientConfig,
	messageId: Id,
	library: string,
): RuleFinding<Id> | undefined {
	const twice = c.schemeTwice;
	if (!twice) return undefined;
	const scheme = twice.at.text.replace(/:\/\/$/, '');
	return {
		start: twice.at.start,
		end: twice.at.end,
		messageId,
		data: { added: twice.added, scheme },
		detail: `${library} (${c.label}) writes ${twice.added}:// before the host, which already starts with ${twice.at.text}: PHP is given "${twice.added}://${twice.at.text}${c.host ?? ''}", reads the host as "${scheme}" and fails ("php_network_getaddresses: getaddrinfo for ${scheme} failed: Name or service not known"). Remove ${twice.at.text} from the host: the library's own setting already chooses the transport.`,
		fixes: [
			{
				title: `Remove ${twice.at.text} from the host`,
				edits: [{ start: twice.at.start, end: twice.at.end, text: '' }],
				preferred: true,
			},
		],
	};
}

/**
 * The finding for a library that starts TLS and then sends STARTTLS too (ClientConfig.starttlsInsideTls): on the
 * setting that asks for STARTTLS, with the port as related information and the fix that turns STARTTLS off.
 */
export function starttlsInsideTlsFinding<Id extends string>(
	c: ClientConfig,
	said: { messageId: Id; data?: MessageData; detail: string },
	off: { title: string; text: string },
): RuleFinding<Id> | undefined {
	const at = c.starttlsAt;
	if (!c.starttlsInsideTls || !at) return undefined;
	const rel = related(c.portAt, `The port (${c.portAt?.name}) is set here.`, at);
	return {
		start: at.start,
		end: at.end,
		...said,
		fixes: [{ title: off.title, edits: [{ start: at.start, end: at.end, text: off.text }] }],
		...(rel.length && { related: rel }),
	};
}
