//! What the value layer can ask of the rest of the workspace: constants, class constants and functions defined in
//! other files (the project index made by the CLI and the language server), and the plain data a file's exports are
//! made of.
import type { Value } from './value';

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
	/**
	 * What a call of a function of another file that passes a parameter on to a sink looks like (callsOf): a text that
	 * it matches needs the value layer. Undefined when the index knows no such function.
	 */
	sinkCalls(): RegExp | undefined;
}

/** Text, a parameter of the function being summarised, or a hole. */
export type SerialPart = string | { p: string } | 0;
/** The alternatives of a string value. */
export type SerialValue = SerialPart[][];

export interface SerialFunction {
	params: string[];
	returns?: SerialValue;
	/** Sinks in the body whose arguments hold parameters: the sink (its function or class name) and its arguments. */
	sinks: { call: string; args: (SerialValue | null)[] }[];
}

export interface FileSymbols {
	constants: Record<string, SerialValue>;
	/** `Class::NAME` → value. */
	classConstants: Record<string, SerialValue>;
	/** A function's lower-case name, or `class::method`, → its summary. */
	functions: Record<string, SerialFunction>;
}
