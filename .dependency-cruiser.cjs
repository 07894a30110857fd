/** dependency-cruiser (npm run lint): no import cycles anywhere in the sources. */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment:
				'Modules that import each other, directly or through others: cut the cycle at its cause (docs: CONTRIBUTING.md).',
			from: {},
			to: { circular: true },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		exclude: { path: '^(out|node_modules|\\.vscode-test)/' },
	},
};
