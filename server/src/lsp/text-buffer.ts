//! An open document's text kept in a byte buffer: a change moves the bytes after it in place (memmove) and the
//! JavaScript string is made once, when the text is next read. Applying a change to a string instead
//! (`before + inserted + after`) leaves a rope that V8 copies flat on the next read, about five times slower than
//! making the string from a buffer (0.8 ms against 0.15 ms for 1 MB), and every keystroke pays it.
//! The analysis reads parts of it (the engine's TextSource: `slice`) without the whole string being made at all.
//! Positions follow LSP (UTF-16 code units; lines end at \n, \r\n or a lone \r), as vscode-languageserver-textdocument
//! computes them; a property test compares the two over random changes.
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextSource } from '../engine/index';
import { lineStarts } from '../engine/lines';

const LF = 10;
const CR = 13;

export class BufferedTextDocument implements TextDocument, TextSource {
	/** Code units: one byte each while every unit is below 256 (Latin-1), else two (UTF-16LE). */
	private buf: Buffer;
	private wide: boolean;
	private len = 0;
	/** The text as a string, made on demand after a change. */
	private cached: string | undefined;
	/** Offset of each line start; computed on demand, then kept up to date by the changes. */
	private lineOffsets: LineTable | undefined;

	constructor(
		readonly uri: string,
		readonly languageId: string,
		private ver: number,
		content: string,
	) {
		this.wide = false;
		this.buf = Buffer.alloc(0);
		this.replace(0, 0, content);
		this.cached = content;
	}

	get version(): number {
		return this.ver;
	}
	/** The whole text (the engine's TextSource). */
	text(): string {
		return this.getText();
	}
	/** The text's length in UTF-16 code units, without making the string. */
	get length(): number {
		return this.len;
	}
	get lineCount(): number {
		return this.offsets().count;
	}

	getText(range?: Range): string {
		if (range) {
			const start = this.offsetAt(range.start);
			const end = this.offsetAt(range.end);
			return this.cached !== undefined
				? this.cached.substring(start, end)
				: this.slice(Math.min(start, end), Math.max(start, end));
		}
		return (this.cached ??= this.slice(0, this.len));
	}

	positionAt(offset: number): Position {
		offset = Math.max(Math.min(offset, this.len), 0);
		const lineOffsets = this.offsets();
		const line = lineOffsets.lineOf(offset);
		const start = lineOffsets.at(line);
		offset = this.beforeEol(offset, start);
		return { line, character: offset - start };
	}

	offsetAt(position: Position): number {
		const lineOffsets = this.offsets();
		if (position.line >= lineOffsets.count) return this.len;
		if (position.line < 0) return 0;
		const lineOffset = lineOffsets.at(position.line);
		if (position.character <= 0) return lineOffset;
		return this.beforeEol(Math.min(lineOffset + position.character, this.lineEnd(position.line)), lineOffset);
	}

	getLineRange(line: number): Range {
		const lineOffsets = this.offsets();
		if (line >= lineOffsets.count) {
			const last = lineOffsets.count - 1;
			return { start: { line: last, character: 0 }, end: { line: last, character: this.len - lineOffsets.at(last) } };
		}
		if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
		const start = lineOffsets.at(line);
		const end = this.beforeEol(this.lineEnd(line), start);
		return { start: { line, character: 0 }, end: { line, character: end - start } };
	}

	getEOLCharacters(line: number): string {
		const lineOffsets = this.offsets();
		if (line < 0 || line >= lineOffsets.count) return '';
		const next = this.lineEnd(line);
		return this.slice(this.beforeEol(next, lineOffsets.at(line)), next);
	}

	/** Where the next line starts (the text's end for the last line). */
	private lineEnd(line: number): number {
		const lineOffsets = this.offsets();
		return line + 1 < lineOffsets.count ? lineOffsets.at(line + 1) : this.len;
	}

	/** Applies the changes of one didChange in order (each range is in the text the previous ones left). */
	update(changes: TextDocumentContentChangeEvent[], version: number): void {
		for (const change of changes) {
			if (!('range' in change) || change.range === undefined) {
				this.wide = false;
				this.len = 0;
				this.replace(0, 0, change.text);
				this.lineOffsets = undefined;
				continue;
			}
			let { start, end } = change.range;
			if (start.line > end.line || (start.line === end.line && start.character > end.character))
				[start, end] = [end, start];
			const startOffset = this.offsetAt(start);
			const endOffset = this.offsetAt(end);
			this.replace(startOffset, endOffset, change.text);
			const insertedEnd = startOffset + change.text.length;
			const lineOffsets = this.lineOffsets;
			if (
				!lineOffsets ||
				(this.at(startOffset - 1) === CR && this.at(startOffset) === LF) ||
				(this.at(insertedEnd - 1) === CR && this.at(insertedEnd) === LF)
			) {
				// A CRLF pair across the edit's boundary joins or splits lines the inserted text alone does not show.
				this.lineOffsets = undefined;
				continue;
			}
			// The lines the offsets are on: a position past the last line means the end of the text.
			const startLine = lineOffsets.lineOf(startOffset);
			const endLine = lineOffsets.lineOf(endOffset);
			const added = lineStarts(change.text, startOffset);
			if (endLine - startLine === added.length)
				for (let i = 0; i < added.length; i++) lineOffsets.set(startLine + 1 + i, added[i]!);
			else lineOffsets.splice(startLine + 1, endLine - startLine, added);
			const diff = change.text.length - (endOffset - startOffset);
			if (diff !== 0) lineOffsets.shiftFrom(startLine + 1 + added.length, diff);
		}
		this.ver = version;
	}

	/** Replaces code units [start, end) by `inserted`, growing the buffer (with room to spare) when needed. */
	private replace(start: number, end: number, inserted: string): void {
		if (!this.wide && hasWide(inserted)) this.widen();
		const unit = this.wide ? 2 : 1;
		const newLen = this.len - (end - start) + inserted.length;
		if (newLen * unit > this.buf.length) {
			const bigger = Buffer.allocUnsafeSlow(roomFor(newLen * unit));
			this.buf.copy(bigger, 0, 0, start * unit);
			this.buf.copy(bigger, (start + inserted.length) * unit, end * unit, this.len * unit);
			this.buf = bigger;
		} else if (end !== start + inserted.length)
			this.buf.copyWithin((start + inserted.length) * unit, end * unit, this.len * unit);
		if (inserted.length)
			this.buf.write(inserted, start * unit, inserted.length * unit, this.wide ? 'utf16le' : 'latin1');
		this.len = newLen;
		this.cached = undefined;
	}

	/** From one byte per code unit to two: the first code unit of 256 or more arrived. */
	private widen(): void {
		const text = this.slice(0, this.len);
		this.buf = Buffer.allocUnsafeSlow(roomFor(this.len * 2));
		this.buf.write(text, 0, this.len * 2, 'utf16le');
		this.wide = true;
	}

	/**
	 * Code units [start, end) as a new string (clamped; the engine's TextSource). Made from the buffer even when the
	 * whole string exists, so that what the engine keeps of a part (token texts) never holds on to a whole version.
	 */
	slice(start: number, end: number): string {
		// Never past the text: the buffer's spare room holds whatever memory it was given.
		start = Math.max(0, Math.min(start, this.len));
		end = Math.max(start, Math.min(end, this.len));
		return this.wide ? this.buf.toString('utf16le', start * 2, end * 2) : this.buf.toString('latin1', start, end);
	}

	/** The code unit at `i`, NaN outside the text (as String.prototype.charCodeAt). */
	private at(i: number): number {
		if (i < 0 || i >= this.len) return NaN;
		return this.wide ? this.buf.readUInt16LE(i * 2) : this.buf[i]!;
	}

	private beforeEol(offset: number, lineOffset: number): number {
		while (offset > lineOffset && (this.at(offset - 1) === LF || this.at(offset - 1) === CR)) offset--;
		return offset;
	}

	private offsets(): LineTable {
		return (this.lineOffsets ??= new LineTable(lineStarts(this.getText(), 0, [0])));
	}
}

/** Lines per block of the line table; a block's lines share one pending shift. */
const BLOCK_BITS = 9;

/**
 * Line start offsets. An edit moves every line after it: instead of adding to each (180,000 at 10 MB, on every
 * keystroke), the table adds to the lines left in the edit's block and to the pending shift of each later block
 * (line i starts at starts[i] + shifts[i >> BLOCK_BITS]). Adding or removing lines first applies the shifts.
 */
class LineTable {
	private shifts: number[];
	constructor(private starts: number[]) {
		this.shifts = new Array<number>((starts.length >> BLOCK_BITS) + 1).fill(0);
	}

	get count(): number {
		return this.starts.length;
	}

	at(line: number): number {
		return this.starts[line]! + this.shifts[line >> BLOCK_BITS]!;
	}

	set(line: number, offset: number): void {
		this.starts[line] = offset - this.shifts[line >> BLOCK_BITS]!;
	}

	/** The last line starting at or before `offset`. */
	lineOf(offset: number): number {
		let low = 0;
		let high = this.starts.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.at(mid) > offset) high = mid;
			else low = mid + 1;
		}
		return low - 1;
	}

	/** Moves the starts of lines `from` onwards by `diff`. */
	shiftFrom(from: number, diff: number): void {
		const n = this.starts.length;
		const blockEnd = Math.min(n, ((from >> BLOCK_BITS) + 1) << BLOCK_BITS);
		for (let i = from; i < blockEnd; i++) this.starts[i]! += diff;
		for (let b = (from >> BLOCK_BITS) + 1; b < this.shifts.length; b++) this.shifts[b]! += diff;
	}

	/** Replaces `removed` lines from `at` by lines starting at `added`. */
	splice(at: number, removed: number, added: number[]): void {
		const starts = this.starts;
		for (let i = 0; i < starts.length; i++) starts[i]! += this.shifts[i >> BLOCK_BITS]!;
		if (added.length < 10000) starts.splice(at, removed, ...added);
		else this.starts = [...starts.slice(0, at), ...added, ...starts.slice(at + removed)];
		this.shifts = new Array<number>((this.starts.length >> BLOCK_BITS) + 1).fill(0);
	}
}

/** Whether a code unit of `s` does not fit in one byte. */
function hasWide(s: string): boolean {
	return WIDE.test(s);
}
const WIDE = /[\u0100-\uffff]/;

/** A buffer size for `bytes`, with a quarter more to grow into; even, so UTF-16 units stay whole. */
function roomFor(bytes: number): number {
	return 2 * Math.ceil(Math.max(bytes * 1.25, 4096) / 2);
}
