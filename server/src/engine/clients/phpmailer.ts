//! PHPMailer's reading of Host, Port, SMTPSecure and SMTPAutoTLS (src/PHPMailer.php smtpConnect()): Host is a
//! ";"-separated list of `[ssl://|tls://]host[:port]`; a prefix overrides SMTPSecure for its host ("ssl" = implicit
//! TLS through ssl://, "tls" = STARTTLS); a port in the entry overrides Port (default 25); with neither,
//! SMTPAutoTLS (default true) upgrades with STARTTLS when the server offers it.
import { partOf, type Literal } from './literal';
import type { ClientConfig, ModeText, Setting, TlsMode } from './model';

export interface MailerProp {
	lit: Literal | undefined;
	/** The end of the assignment's ";", when the statement is only the assignment. */
	statementEnd?: number;
	indent: string;
}

export interface MailerGroup {
	receiver: string;
	/** `$x = new PHPMailer(...)` was seen. */
	created: boolean;
	/** `$x->isSMTP()` was seen. */
	smtp: boolean;
	props: Map<string, MailerProp>;
}

const ENTRY = /^(?:(ssl|tls):\/\/)?(.+?)(?::(\d+))?$/;

function secureMode(lit: Literal): TlsMode | undefined | 'unknown' {
	const v = lit.setting.text;
	if (lit.kind === 'const') {
		if (v.endsWith('::ENCRYPTION_SMTPS')) return 'implicit';
		if (v.endsWith('::ENCRYPTION_STARTTLS')) return 'starttls';
		return 'unknown';
	}
	if (lit.kind === 'null' || (lit.kind === 'bool' && v === 'false') || (lit.kind === 'str' && v === ''))
		return undefined;
	if (lit.kind === 'str' && v === 'ssl') return 'implicit';
	if (lit.kind === 'str' && v === 'tls') return 'starttls';
	return 'unknown';
}

export function phpmailer(g: MailerGroup): ClientConfig[] {
	const host = g.props.get('Host');
	const port = g.props.get('Port');
	const secure = g.props.get('SMTPSecure');
	const autoTls = g.props.get('SMTPAutoTLS');
	if (!g.created && !g.smtp && !secure) return [];
	if (host && (!host.lit || host.lit.kind !== 'str')) return [];
	if (port && (!port.lit || !/^\d+$/.test(port.lit.setting.text))) return [];
	let mode: TlsMode | undefined;
	let modeAt: Setting | undefined;
	let modeText: ModeText = {};
	if (secure) {
		if (!secure.lit) return [];
		const m = secureMode(secure.lit);
		if (m === 'unknown') return [];
		mode = m;
		if (m) {
			modeAt = secure.lit.setting;
			modeText =
				secure.lit.kind === 'const'
					? { implicit: 'ENCRYPTION_SMTPS', starttls: 'ENCRYPTION_STARTTLS' }
					: { implicit: 'ssl', starttls: 'tls' };
		}
	}
	if (!mode) {
		if (autoTls?.lit?.setting.text === 'false') mode = 'plain';
		else if (autoTls && !autoTls.lit) return [];
		else mode = 'opportunistic';
	}
	const defaultPort = port ? Number(port.lit!.setting.text) : 25;
	// Where a `$mail->SMTPSecure = ...;` line can go when none is written.
	const after = secure ? undefined : (port ?? host);
	const addMode =
		after?.statementEnd !== undefined
			? {
					at: after.statementEnd,
					text: {
						implicit: `\n${after.indent}${g.receiver}->SMTPSecure = 'ssl';`,
						starttls: `\n${after.indent}${g.receiver}->SMTPSecure = 'tls';`,
					},
				}
			: undefined;
	const base = {
		library: 'phpmailer' as const,
		label: g.receiver,
	};
	if (!host) {
		const at = port?.lit?.setting ?? secure?.lit?.setting;
		if (!at) return [];
		return [
			{
				...base,
				host: undefined,
				port: defaultPort,
				portAt: port?.lit?.setting,
				mode,
				modeAt,
				modeText,
				addMode,
				start: at.start,
				end: at.end,
			},
		];
	}
	const lit = host.lit!;
	const configs: ClientConfig[] = [];
	let from = 0;
	for (const raw of lit.setting.text.split(';')) {
		const entryStart = from + (raw.length - raw.trimStart().length);
		from += raw.length + 1;
		const entry = raw.trim();
		const m = ENTRY.exec(entry);
		if (!m) continue;
		const part = (a: number, b: number, name: string) => partOf(lit, entryStart + a, entryStart + b, name)!;
		let entryMode = mode;
		let entryModeAt = modeAt;
		let entryModeText = modeText;
		let entryAdd = addMode;
		if (m[1]) {
			entryMode = m[1] === 'ssl' ? 'implicit' : 'starttls';
			entryModeAt = part(0, m[1].length, 'Host prefix');
			entryModeText = { implicit: 'ssl', starttls: 'tls' };
			entryAdd = undefined;
		}
		let entryPort = defaultPort;
		let entryPortAt = port?.lit?.setting;
		const digits = m[3];
		if (digits !== undefined && Number(digits) > 0 && Number(digits) < 65536) {
			entryPort = Number(digits);
			entryPortAt = part(entry.length - digits.length, entry.length, 'Host port');
		}
		const whole = part(0, entry.length, 'Host');
		configs.push({
			...base,
			host: m[2],
			port: entryPort,
			portAt: entryPortAt,
			mode: entryMode,
			modeAt: entryModeAt,
			modeText: entryModeText,
			addMode: entryAdd,
			start: whole.start,
			end: whole.end,
		});
	}
	return configs;
}
