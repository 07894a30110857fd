//! Runs the rules that are on, each in isolation (a rule that throws is reported in `errors` and the others still
//! run), and builds their findings with the rule id and the configured severity.
import type { ClientConfig, SslOptions } from './clients/model';
import type { Rule, RuleFinding } from './rules/rule';
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
			this.add(rule, found, out);
			if (found.length && rule.meta.syntax) break;
		}
		return out;
	}

	constant(c: ConstantUse): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.active)
			if (rule.checkConstant)
				this.add(
					rule,
					this.run(rule, () => rule.checkConstant!(c, this.ctx)),
					out,
				);
		return out;
	}

	client(c: ClientConfig): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.clientRules)
			if (rule.checkClient)
				this.add(
					rule,
					this.run(rule, () => rule.checkClient!(c, this.ctx)),
					out,
				);
		return out;
	}

	ssl(o: SslOptions, usedBy: Target[]): Finding[] {
		const out: Finding[] = [];
		for (const rule of this.clientRules)
			if (rule.checkSsl)
				this.add(
					rule,
					this.run(rule, () => rule.checkSsl!(o, usedBy, this.ctx)),
					out,
				);
		return out;
	}

	private run(rule: Rule, check: () => RuleFinding[]): RuleFinding[] {
		try {
			return check();
		} catch (e) {
			this.errors.push(`${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`);
			return [];
		}
	}

	private add(rule: Rule, found: RuleFinding[], out: Finding[]): void {
		for (const f of found) {
			const level = this.ctx.settings.rules[rule.meta.id] ?? f.severity ?? rule.meta.defaultSeverity;
			// Every finding is built with its fields in one order (whatever order a rule wrote them in): findings of all
			// rules then share a shape, and the code that moves them on every keystroke stays optimised.
			const finding: Finding = {
				ruleId: rule.meta.id,
				severity: level === 'off' ? 'info' : level,
				start: f.start,
				end: f.end,
				message: f.message,
				fixes: f.fixes,
			};
			if (f.related) finding.related = f.related;
			if (f.detail) finding.detail = f.detail;
			out.push(finding);
		}
	}
}
