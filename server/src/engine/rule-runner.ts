//! Runs the rules that are on, each in isolation (a rule that throws is reported in `errors` and the others still
//! run), and builds their findings with the rule id and the configured severity.
import type { ClientConfig, SslOptions } from './clients/model';
import { formatMessage, type Rule, type RuleFinding } from './rules/rule';
import { RULES } from './rules/index';
import type { RuleContext, Target } from './target';
import type { ConstantUse, Finding } from './types';

export class RuleRunner {
	private readonly active: readonly Rule[];
	private readonly clientRules: readonly Rule[];

	constructor(
		readonly ctx: RuleContext,
		readonly errors: string[],
	) {
		this.active = RULES.filter((r) => ctx.settings.rules[r.meta.id] !== 'off');
		this.clientRules = this.active.filter((r) => r.checkClient || r.checkSsl);
	}

	/** The target rules that apply to the target's origin, in order; a syntax rule that fires stops the later ones. */
	url(target: Target): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.active) {
			if (!rule.checkUrl || !rule.meta.origins.includes(target.candidate.origin)) continue;
			const found = this.run(rule, () => rule.checkUrl!(target, this.ctx));
			out.push(...found);
			if (found.length && rule.meta.syntax) break;
		}
		return out;
	}

	constant(c: ConstantUse): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.active)
			if (rule.checkConstant) out.push(...this.run(rule, () => rule.checkConstant!(c, this.ctx)));
		return out;
	}

	client(c: ClientConfig): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.clientRules)
			if (rule.checkClient) out.push(...this.run(rule, () => rule.checkClient!(c, this.ctx)));
		return out;
	}

	ssl(o: SslOptions, usedBy: Target[]): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.clientRules)
			if (rule.checkSsl) out.push(...this.run(rule, () => rule.checkSsl!(o, usedBy, this.ctx)));
		return out;
	}

	private run(rule: Rule, check: () => RuleFinding[]): Finding[] {
		try {
			return this.built(rule, check());
		} catch (e) {
			this.errors.push(`${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`);
			return [];
		}
	}

	/** The findings with their messages filled in; a rule whose message cannot be filled in throws (its error). */
	private built(rule: Rule, found: RuleFinding[]): Finding[] {
		const out: Finding[] = [];
		for (const f of found) {
			const template = rule.meta.messages[f.messageId];
			if (template === undefined) throw new Error(`no message "${f.messageId}"`);
			const level = this.ctx.settings.rules[rule.meta.id] ?? f.severity ?? rule.meta.defaultSeverity;
			// Every finding is built with its fields in one order (whatever order a rule wrote them in): findings of all
			// rules then share a shape, and the code that moves them on every keystroke stays optimised.
			const finding: Finding = {
				ruleId: rule.meta.id,
				severity: level === 'off' ? 'info' : level,
				start: f.start,
				end: f.end,
				message: formatMessage(template, f.data),
				messageId: f.messageId,
				fixes: f.fixes,
			};
			if (f.related) finding.related = f.related;
			if (f.detail) finding.detail = f.detail;
			out.push(finding);
		}
		return out;
	}
}
