//! Findings → SARIF 2.1.0 (what GitHub code scanning accepts). Columns are UTF-16 code units, SARIF's default.
import { RULES, lineIndex, type Finding, type Severity } from '../engine/index';

/** A finding with its 1-based line and UTF-16 column range, as the CLI prints it. */
export type LocatedFinding = { line: number; column: number; endLine: number; endColumn: number } & Finding;

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
		return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, ...f };
	});
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(files: FileFindings[], version: string, docsBase: string): object {
	const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
	const results = files.flatMap((file) =>
		file.findings.map((f) => ({
			ruleId: f.ruleId,
			ruleIndex: ruleIndex.get(f.ruleId),
			level: LEVEL[f.severity],
			message: { text: f.message },
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
		})),
	);
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
							shortDescription: { text: r.meta.summary },
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
