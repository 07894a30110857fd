//! The target rules' findings, with the cache that carries them from one version of an open document to the next:
//! a target's findings depend only on the target and the rule context, so a target carried with its candidate (or
//! seen before with the same text and shape) gets its findings again, moved to where it is now.
import type { Reuse, TargetFindings } from './scan/php';
import { makeTarget, type Target } from './target';
import { replaceRange } from './arrays';
import type { RuleRunner } from './rule-runner';
import type { ArgValue, Candidate, Finding, ScanResult } from './types';

/**
 * The findings of every scanned target, in order. A target whose candidate the value layer replaced (`replaced`) is
 * still analysed and carried, but its findings are not reported: the followed value's are.
 */
export function targetFindings(
	targets: Target[],
	runner: RuleRunner,
	context: string,
	reuse: Reuse | undefined,
	replaced: (c: Candidate) => boolean,
): Finding[] {
	const findings: Finding[] = [];
	const last = reuse?.prevTargetFindings?.context === context ? reuse.prevTargetFindings : undefined;
	// The map by key lives on from version to version, and starts again when it has grown well past the targets.
	const byTarget = last && last.byTarget.size <= Math.max(1024, 4 * targets.length) ? last.byTarget : new Map();
	const perTarget: (Finding[] | undefined)[] = new Array(targets.length);
	const known: TargetFindings = { context, byTarget, perTarget };
	/** A target not carried: its findings from the cache by key, else from the rules. */
	const fresh = (k: number): void => {
		const target = targets[k]!;
		const candidate = target.candidate;
		const report = !replaced(candidate);
		const key = target.context || reuse?.uncached ? undefined : targetKey(candidate);
		const cached = key === undefined ? undefined : byTarget.get(key);
		if (cached) {
			const now = cached.map((f: Finding) => moved(f, candidate.start));
			perTarget[k] = now;
			if (report) for (const f of now) findings.push(f);
			return;
		}
		const failures = runner.errors.length;
		const found = runner.url(target);
		if (key !== undefined && runner.errors.length === failures) {
			// Without a next version (the CLI), nothing is carried: no copies.
			perTarget[k] = reuse ? found.map((f) => moved(f, 0)) : found;
			byTarget.set(
				key,
				found.map((f) => moved(f, -candidate.start)),
			);
		}
		if (report) for (const f of perTarget[k] ?? found) findings.push(f);
	};
	// A target carried from the previous version (same text and shape, moved with its candidate) has its findings.
	const splice = last?.perTarget && !reuse?.uncached ? reuse?.splice : undefined;
	if (!splice) {
		for (let k = 0; k < targets.length; k++) fresh(k);
	} else {
		// On a keystroke this loop runs for every target of the document: it makes nothing (a loop of its own, apart
		// from the rules' path, measured at 0.2 MB a keystroke over 13,500 targets instead of 0.7 MB).
		const { before, fresh: made, from, delta } = splice;
		const previous = last!.perTarget!;
		for (let k = 0; k < targets.length; k++) {
			const own =
				targets[k]!.context || (k >= before && k < before + made)
					? undefined
					: previous[k < before ? k : k - before - made + from];
			if (!own) {
				fresh(k);
				continue;
			}
			// The previous version's findings are consumed, as its targets are: each object is this target's own.
			perTarget[k] = own;
			if (own.length === 0) continue;
			if (delta !== 0 && k >= before) for (let i = 0; i < own.length; i++) moveInPlace(own[i]!, delta);
			if (!replaced(targets[k]!.candidate)) for (let i = 0; i < own.length; i++) findings.push(own[i]!);
		}
	}
	if (reuse) reuse.targetFindings = known;
	return findings;
}

/**
 * Everything a rule can read of a target's candidate, with document offsets relative to its start. Offsets live in
 * fields named start, end, suffixStart and map (test/unit/target-cache.test.ts checks that no other field exists).
 */
function targetKey(c: Candidate): string {
	const at = c.start;
	const arg = (a: (ArgValue & { known: boolean }) | undefined) =>
		a ? `${+a.known},${a.start - at},${a.end - at},${a.int ?? ''},${a.constants?.join('|') ?? ''}` : '';
	const call = c.call;
	return [
		c.origin,
		c.end - at,
		c.map ? c.map.map((x) => x - at).join(',') : '',
		c.partial ? `${c.partial.suffixStart - at},${c.partial.suffix}` : '',
		call ? call.fn : '',
		arg(call?.port),
		arg(call?.flags),
		call?.context ? `${call.context.var},${call.context.start - at},${call.context.end - at}` : '',
		c.value,
	].join('\0');
}

/** A copy of a finding (its fixes and related spans too) with every offset moved by `delta`. */
export function moved(f: Finding, delta: number): Finding {
	const m: Finding = {
		...f,
		start: f.start + delta,
		end: f.end + delta,
		fixes: f.fixes.map((x) => ({
			...x,
			edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })),
		})),
	};
	if (f.related) m.related = f.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
	return m;
}

/** Moves a finding (its fixes and related spans too) by `delta` in place: it belongs to one target of one version. */
export function moveInPlace(f: Finding, delta: number): void {
	f.start += delta;
	f.end += delta;
	for (const x of f.fixes)
		for (const e of x.edits) {
			e.start += delta;
			e.end += delta;
		}
	if (f.related)
		for (const r of f.related) {
			r.start += delta;
			r.end += delta;
		}
}

/**
 * The targets of a scan that carried the previous version's candidates: the previous targets of those (moved with
 * them, in place; their context links are made again), new ones for the rest.
 */
export function scannedTargets(scanned: ScanResult, reuse: Reuse | undefined): Target[] {
	const splice = reuse?.splice;
	const prev = reuse?.prevTargets;
	if (!splice || !prev) return scanned.candidates.map(makeTarget);
	const { before, fresh, from, delta } = splice;
	for (let k = from; k < prev.length; k++) {
		const t = prev[k]!;
		if (delta !== 0 && t.knownPort) {
			t.knownPort.start += delta;
			t.knownPort.end += delta;
		}
		if (t.context) delete t.context;
	}
	for (let k = 0; k < before; k++) if (prev[k]!.context) delete prev[k]!.context;
	// In place, as the scan's arrays: the previous targets are consumed.
	return replaceRange(prev, before, from, scanned.candidates.slice(before, before + fresh).map(makeTarget));
}
