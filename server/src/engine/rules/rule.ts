//! The shape of a rule (ESLint's meta + check, rust-analyzer's fixes born with their finding).
import type { RuleContext, Target } from '../target';
import type { ClientConfig, SslOptions } from '../clients/model';
import type { ConstantUse, Fix, Origin, Related, Severity } from '../types';

export interface RuleMeta<Id extends string = string> {
	id: string;
	defaultSeverity: Severity;
	/** One line for the docs index and the settings description. */
	summary: string;
	/** Where the rule looks. Outside socket calls a literal is judged only on what holds for every reader. */
	origins: readonly Origin[];
	/** A syntax rule reports what stops PHP before it ever connects; once one fires, the later rules stay quiet. */
	syntax?: boolean;
	/**
	 * Whether its findings come with fixes: on every one, on some (when an edit can be known), or never (the fix
	 * is outside the text: a PHP build, a certificate, a shorter directory). Checked by registry.test.ts.
	 */
	fixes: 'always' | 'sometimes' | 'none';
	/**
	 * The rule's messages by id, as ESLint's `meta.messages`: one or two sentences, at most 160 characters once filled
	 * in (what PHP or the library will do, and the fix), with `{{name}}` filled from the finding's `data`. Every id is
	 * produced somewhere in the samples, checked by registry.test.ts.
	 */
	messages: Readonly<Record<Id, string>>;
}

/** What fills a message's `{{name}}`s; an undefined value is not given (one data for a message with and without it). */
export type MessageData = Readonly<Record<string, string | number | undefined>>;

/** A finding before analyze() adds the rule id and the configured severity. Offsets are document offsets. */
export interface RuleFinding<Id extends string = string> {
	start: number;
	end: number;
	/** Which of the rule's messages this finding says, and what fills it in. */
	messageId: Id;
	data?: MessageData;
	/** The long story (PHP's exact error, the OpenSSL transcript), for the hover and the JSON output. */
	detail?: string;
	fixes: Fix[];
	related?: Related[];
	/** A severity for this finding when the rule's default does not fit it (the configured level still wins). */
	severity?: Severity;
}

export interface Rule<Id extends string = string> {
	meta: RuleMeta<Id>;
	checkUrl?(t: Target, ctx: RuleContext): RuleFinding<Id>[];
	checkConstant?(c: ConstantUse, ctx: RuleContext): RuleFinding<Id>[];
	/** Mail and Redis client configurations, judged by what their library will do. */
	checkClient?(c: ClientConfig, ctx: RuleContext): RuleFinding<Id>[];
	/** Literal 'ssl' stream context options, with the socket calls that use them (same function). */
	checkSsl?(o: SslOptions, usedBy: Target[], ctx: RuleContext): RuleFinding<Id>[];
}

/**
 * A rule whose findings can name only the message ids it declares (checked by the compiler): the ids are read from
 * `meta.messages` alone, and every finding's `messageId` must be one of them.
 */
export function defineRule<Id extends string>(rule: {
	meta: RuleMeta<Id>;
	checkUrl?(t: Target, ctx: RuleContext): RuleFinding<NoInfer<Id>>[];
	checkConstant?(c: ConstantUse, ctx: RuleContext): RuleFinding<NoInfer<Id>>[];
	checkClient?(c: ClientConfig, ctx: RuleContext): RuleFinding<NoInfer<Id>>[];
	checkSsl?(o: SslOptions, usedBy: Target[], ctx: RuleContext): RuleFinding<NoInfer<Id>>[];
}): Rule {
	return rule;
}

/**
 * A rule's message filled in: `{{name}}` from `data`. A name without data, or data the template does not use, is
 * the rule's bug and throws (the runner reports it as the rule's error).
 */
export function formatMessage(template: string, data: MessageData = {}): string {
	const used = new Set<string>();
	const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
		const v = data[name];
		if (v === undefined) throw new Error(`message "${template}" has no data for {{${name}}}`);
		used.add(name);
		return String(v);
	});
	for (const [name, v] of Object.entries(data))
		if (v !== undefined && !used.has(name)) throw new Error(`message "${template}" has no {{${name}}}`);
	return text;
}

export const ALL_ORIGINS: readonly Origin[] = ['call', 'literal', 'config'];
export const CALLS_ONLY: readonly Origin[] = ['call'];

/** A value quoted in a message, cut to `max` characters (a message stays one or two sentences). */
export function brief(s: string, max = 40): string {
	return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** The name of the function a target is passed to, for messages. */
export function callName(t: Target): string {
	return t.candidate.call ? `${t.candidate.call.fn}()` : 'PHP';
}

export function isServer(t: Target): boolean {
	return t.candidate.call?.fn === 'stream_socket_server';
}

export function isFsockopen(t: Target): boolean {
	const fn = t.candidate.call?.fn;
	return fn === 'fsockopen' || fn === 'pfsockopen';
}

/** The target with its scheme, as PHP resolved it, for messages: `tcp://fe80::1:80`. */
export function shown(t: Target): string {
	const raw = t.url.raw.length > 80 ? t.url.raw.slice(0, 77) + '...' : t.url.raw;
	return JSON.stringify(raw).slice(1, -1);
}
