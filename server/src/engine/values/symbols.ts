//! What the value layer can ask of the rest of the workspace: constants, class constants and functions defined in
//! other files (the project index made by the CLI and the language server).
import type { Value } from './value';
import type { SerialFunction } from './workspace';

export interface SymbolLookup {
	/** A `define()` or `const` constant of another file; its text is foreign (not in this document). */
	constant(name: string): Value | undefined;
	/** `Class::NAME` of a class declared in another file (by the class's basename). */
	classConstant(cls: string, name: string): Value | undefined;
	/** What a function of another file returns for these arguments, when its summary says. */
	functionValue(name: string, args: (Value | undefined)[]): Value | undefined;
	/** A function (lower-case name, or `class::method`) of another file, with its summary. */
	function(name: string): { file: string; fn: SerialFunction } | undefined;
	/** Whether a function of another file (by lower-case name) passes a parameter on to a sink. */
	isSinkFunction(name: string): boolean;
	/** Whether any function of another file passes a parameter on to a sink (else mentionedIn is always false). */
	hasSinkFunctions(): boolean;
	/** Whether the text names a constant, class or function the index knows (then the value layer must run). */
	mentionedIn(text: string): boolean;
}
