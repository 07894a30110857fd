//! What is wrong with a settings object, one sentence per problem: what was written, and what is used instead.
//! normalizeSettings keeps only well-formed values (an invalid one falls back to its default); this says so, so that
//! a misspelt rule id or severity does not change nothing in silence. The editor shows each once, with a way to the
//! settings; the CLI prints them for its --config file.
import { RULES_BY_ID } from './rules/index';
import { editDistance } from './scan/schemes';
import {
	isFileSize,
	isLevel,
	isPhpVersion,
	isPort,
	isRecord,
	isStringList,
	isTimeout,
	LEVEL_NAMES as LEVELS,
} from './settings';

/** The rule ids nearest a misspelt one (case and a few edits). */
function nearestRule(id: string): string | undefined {
	let best: [string, number] | undefined;
	for (const known of RULES_BY_ID.keys()) {
		const d = editDistance(id.toLowerCase(), known, 3);
		if (d <= 3 && (!best || d < best[1])) best = [known, d];
	}
	return best?.[0];
}

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/** `prefix`: how the settings are named where the user wrote them ("transportLint." in the editor). */
export function settingsProblems(raw: unknown, prefix = 'transportLint.'): string[] {
	if (raw === undefined || raw === null) return [];
	if (!isRecord(raw)) return [`The settings are ${show(raw)}, not an object; the defaults are used.`];
	const out: string[] = [];
	const name = (key: string) => `${prefix}${key}`;
	const has = (key: string) => raw[key] !== undefined && raw[key] !== null;
	if (has('enable') && typeof raw.enable !== 'boolean')
		out.push(`${name('enable')} is ${show(raw.enable)}, not true or false; it stays on.`);
	if (has('rules')) {
		if (!isRecord(raw.rules))
			out.push(`${name('rules')} is ${show(raw.rules)}, not an object of rule ids and severities; it is ignored.`);
		else
			for (const [id, level] of Object.entries(raw.rules)) {
				if (!RULES_BY_ID.has(id)) {
					const near = nearestRule(id);
					out.push(
						`${name('rules')}: there is no rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}; the entry is ignored.`,
					);
				} else if (!isLevel(level)) {
					const near =
						typeof level === 'string' ? LEVELS.find((l) => l.startsWith(level.toLowerCase().slice(0, 3))) : undefined;
					out.push(
						`${name('rules')}: "${id}" is set to ${show(level)}, not one of ${LEVELS.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}; the rule keeps its default.`,
					);
				}
			}
	}
	for (const key of ['starttlsPorts', 'implicitTlsPorts']) {
		if (!has(key)) continue;
		const v = raw[key];
		const bad = Array.isArray(v) ? v.filter((p) => !isPort(p)) : [v];
		if (bad.length)
			out.push(`${name(key)}: ${bad.map(show).join(', ')} is not a port (a whole number from 1 to 65535); ignored.`);
	}
	if (has('maxFileSize') && !isFileSize(raw.maxFileSize))
		out.push(`${name('maxFileSize')} is ${show(raw.maxFileSize)}, not a number of bytes above 0; the default is used.`);
	for (const key of ['include', 'exclude']) {
		const v = raw[key];
		if (has(key) && !isStringList(v))
			out.push(`${name(key)} is ${show(v)}, not a list of glob patterns; the default is used.`);
	}
	if (has('codeLens') && !(isRecord(raw.codeLens) && typeof (raw.codeLens.enable ?? true) === 'boolean'))
		out.push(`${name('codeLens.enable')} is not true or false; lenses stay on.`);
	if (isRecord(raw.probe)) {
		const t = raw.probe.timeoutMs;
		if (t !== undefined && t !== null && !isTimeout(t))
			out.push(`${name('probe.timeoutMs')} is ${show(t)}, not a number from 100 to 60000; the default is used.`);
	}
	if (isRecord(raw.php)) {
		const v = raw.php.version;
		if (typeof v === 'string' && v.trim() !== '' && !isPhpVersion(v))
			out.push(`${name('php.version')} is ${show(v)}, not a version such as "8.1"; it is ignored.`);
	}
	return out;
}
