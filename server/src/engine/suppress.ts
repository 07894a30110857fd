//! The "disable this rule on this line" edit: a `transport-lint-disable-next-line <rule>` comment above the line,
//! in the file's comment syntax and indentation. JSON has no comments, so it gets none.
import type { Edit, FileKind } from './types';

const COMMENT: Record<FileKind, ((s: string) => string) | undefined> = {
	php: (s) => `// ${s}`,
	env: (s) => `# ${s}`,
	yaml: (s) => `# ${s}`,
	neon: (s) => `# ${s}`,
	toml: (s) => `# ${s}`,
	conf: (s) => `# ${s}`,
	ini: (s) => `; ${s}`,
	xml: (s) => `<!-- ${s} -->`,
	json: undefined,
};

export function suppressionEdit(text: string, kind: FileKind, offset: number, ruleId: string): Edit | undefined {
	const comment = COMMENT[kind];
	if (!comment) return undefined;
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	return {
		start: lineStart,
		end: lineStart,
		text: `${indent}${comment(`transport-lint-disable-next-line ${ruleId}`)}${eol}`,
	};
}
