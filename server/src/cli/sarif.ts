//! Findings → SARIF 2.1.0 (what GitHub code scanning accepts). Columns are UTF-16 code units, SARIF's default.
//! Each result has a partial fingerprint that survives lines moving (the rule, the flagged text, its line's text and
//! which occurrence of those in the file it is), so code scanning tracks a finding across commits, and `--baseline`
//! can leave out the findings a previous run already had.
import { createHash } from 'node:crypto';
import { RULES, lineIndex, type Finding, type Severity } from '../engine/index';

/** A finding with its 1-based line and UTF-16 column range, as the CLI prints it. */
export type LocatedFinding = { line: number; column: number; endLine: number; endColumn: number } & Finding & {
		/** The fingerprint's material, before the occurrence count (see fingerprints()). */
		fingerprint?: string;
	};

/** The key partialFingerprints uses; a new version if what is hashed ever changes. */
export const FINGERPRINT_KEY = 'transportLint/v1';

export interface FileFindings {
	/** Path relative to the directory the CLI ran in, with forward slashes. */
	uri: string;
	findings: LocatedFinding[];
}

/** Adds line and column ranges to a file's findings (the file's text is not needed after this). */
export function locate(text: string, findings: Finding[]): LocatedFinding[] {
	if (findings.length === 0) return [];
	const at = lineIndex(text);
	return findings.map((f) => {
		const s = at(f.start);
		const e = at(f.end);
		const line = text.slice(f.start - s.character, text.indexOf('\n', f.start) >>> 0).trim();
		const fingerprint = createHash('sha256')
			.update(`${f.ruleId}\0${text.slice(f.start, f.end)}\0${line.slice(0, 400)}`)
			.digest('hex')
			.slice(0, 16);
		return {
			line: s.line + 1,
			column: s.character + 1,
			endLine: e.line + 1,
			endColumn: e.character + 1,
			...f,
			fingerprint,
		};
	});
}

/** Each finding's partial fingerprint: its material and which occurrence of that material in the file it is. */
export function fingerprints(findings: LocatedFinding[]): string[] {
	const seen = new Map<string, number>();
	return findings.map((f) => {
		const material = f.fingerprint ?? `${f.ruleId}:${f.line}:${f.column}`;
		const k = seen.get(material) ?? 0;
		seen.set(material, k + 1);
		return `${material}:${k}`;
	});
}

/**
 * The findings of `files` not in the baseline (a SARIF log from an earlier run), matched by file, rule and partial
 * fingerprint; and how many were left out.
 */
export function withoutBaseline(files: FileFindings[], baseline: unknown): { files: FileFindings[]; known: number } {
	const known = new Set<string>();
	const runs = (baseline as { runs?: { results?: unknown[] }[] } | null)?.runs;
	if (!Array.isArray(runs)) throw new Error('not a SARIF log (no "runs")');
	for (const run of runs)
		for (const r of run.results ?? []) {
			const result = r as {
				ruleId?: string;
				partialFingerprints?: Record<string, string>;
				locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
			};
			const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
			const print = result.partialFingerprints?.[FINGERPRINT_KEY];
			if (uri && result.ruleId && print) known.add(`${uri}\0${result.ruleId}\0${print}`);
		}
	let left = 0;
	const out = files.map((file) => {
		const prints = fingerprints(file.findings);
		const findings = file.findings.filter((f, k) => !known.has(`${file.uri}\0${f.ruleId}\0${prints[k]}`));
		left += file.findings.length - findings.length;
		return { ...file, findings };
	});
	return { files: out, known: left };
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(files: FileFindings[], version: string, docsBase: string): object {
	const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
	const results = files.flatMap((file) => {
		const prints = fingerprints(file.findings);
		return file.findings.map((f, k) => ({
			ruleId: f.ruleId,
			ruleIndex: ruleIndex.get(f.ruleId),
			level: LEVEL[f.severity],
			message: { text: f.message },
			partialFingerprints: { [FINGERPRINT_KEY]: prints[k] },
			locations: [
				{
					physicalLocation: {
						artifactLocation: { uri: file.uri, uriBaseId: '%SRCROOT%' },
						region: {
							startLine: f.line,
							startColumn: f.column,
							endLine: f.endLine,
							endColumn: f.endColumn,
						},
					},
				},
			],
		}));
	});
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'transport-lint',
						version,
						informationUri: docsBase,
						rules: RULES.map((r) => ({
							id: r.meta.id,
							// ipv6-brackets → Ipv6Brackets: the "friendly name" SARIF asks for.
							name: r.meta.id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase()),
							shortDescription: { text: r.meta.summary },
							// GitHub code scanning requires both (the Multitool's GH2012).
							fullDescription: { text: r.meta.summary },
							help: {
								text: `${r.meta.summary} See ${docsBase}${r.meta.id}.md`,
								markdown: `${r.meta.summary} [${r.meta.id}](${docsBase}${r.meta.id}.md)`,
							},
							helpUri: `${docsBase}${r.meta.id}.md`,
							defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
						})),
					},
				},
				columnKind: 'utf16CodeUnits',
				results,
			},
		],
	};
}
