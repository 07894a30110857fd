//! The shape of a rule (ESLint's meta + check, rust-analyzer's fixes born with their finding).
import type { RuleContext, Target } from '../target';
import type { ClientConfig, SslOptions } from '../clients/model';
import type { ConstantUse, Fix, Origin, Related, Severity } from '../types';

export interface RuleMeta {
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
}

/** A finding before analyze() adds the rule id and the configured severity. Offsets are document offsets. */
export interface RuleFinding {
	start: number;
	end: number;
	/** One or two sentences, at most 160 characters: what PHP (or the library) will do, and the fix. */
	message: string;
	/** The long story (PHP's exact error, the OpenSSL transcript), for the hover and the JSON output. */
	detail?: string;
	fixes: Fix[];
	related?: Related[];
	/** A severity for this finding when the rule's default does not fit it (the configured level still wins). */
	severity?: Severity;
}

export interface Rule {
	meta: RuleMeta;
	checkUrl?(t: Target, ctx: RuleContext): RuleFinding[];
	checkConstant?(c: ConstantUse, ctx: RuleContext): RuleFinding[];
	/** Mail and Redis client configurations, judged by what their library will do. */
	checkClient?(c: ClientConfig, ctx: RuleContext): RuleFinding[];
	/** Literal 'ssl' stream context options, with the socket calls that use them (same function). */
	checkSsl?(o: SslOptions, usedBy: Target[], ctx: RuleContext): RuleFinding[];
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
