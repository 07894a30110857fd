//! Findings → SARIF 2.1.0 (what GitHub code scanning accepts). Columns are UTF-16 code units, SARIF's default.
import { RULES, lineIndex, type Finding, type Severity } from './engine/index';

export interface FileFindings {
	/** Path relative to the directory the CLI ran in, with forward slashes. */
	uri: string;
	text: string;
	findings: Finding[];
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(files: FileFindings[], version: string, docsBase: string): object {
	const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
	const results = files.flatMap((file) => {
		const at = lineIndex(file.text);
		return file.findings.map((f) => {
			const s = at(f.start);
			const e = at(f.end);
			return {
				ruleId: f.ruleId,
				ruleIndex: ruleIndex.get(f.ruleId),
				level: LEVEL[f.severity],
				message: { text: f.message },
				locations: [
					{
						physicalLocation: {
							artifactLocation: { uri: file.uri, uriBaseId: '%SRCROOT%' },
							region: {
								startLine: s.line + 1,
								startColumn: s.character + 1,
								endLine: e.line + 1,
								endColumn: e.character + 1,
							},
						},
					},
				],
			};
		});
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
