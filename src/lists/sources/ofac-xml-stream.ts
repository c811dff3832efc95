// Streaming XML for the OFAC XML formats: saxes reads the file; only the elements a parser asks
// for (one sdnEntry, one DistinctParty, one reference value ...) are built into small trees and
// handed over when they close, so memory holds one record at a time, never the document.
// Elements are matched on local names, so the same code reads the old
// (http://www.un.org/sanctions/1.0) and new (sanctionslistservice.ofac.treas.gov) namespaces.
import { SaxesParser } from 'saxes';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export interface XmlStreamHandlers {
  /** Local names the root element may have. */
  roots: readonly string[];
  /** Should the element at this path (local names from the root, inclusive) be built and handed over? */
  capture(path: readonly string[]): boolean;
  /** A captured element, complete. `path` is its own path. */
  onNode(node: XmlNode, path: readonly string[]): void;
}

/**
 * A copy of `s` that does not point into the parser's input chunk. Strings saxes hands out can be
 * V8 slices of the whole 64 KB chunk they came from; keeping one in an entity would keep the chunk
 * alive, so memory would grow with the file instead of with the entities.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** Shared by all leaf elements (most of them): one array less to allocate and collect per element. */
const NO_CHILDREN: XmlNode[] = [];

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** First child element with this local name. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the first child with this name, undefined when absent or empty. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const t = child(node, name)?.text.trim();
  return t ? t : undefined;
}

/** Follow a chain of child names. */
export function descend(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let cur = node;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/**
 * Stream one XML file. Throws ListParseError naming the file, line/column and element path when
 * the XML is malformed, has an unexpected root, or ends before its root element closes (truncated).
 */
export async function streamXml(file: string, handlers: XmlStreamHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  // Build stack: the captured element and its open descendants.
  const building: XmlNode[] = [];
  let captureDepth = -1;
  let rootClosed = false;
  let sawRoot = false;

  const where = (): string => `line ${parser.line} column ${parser.column}, in /${path.join('/')}`;
  const fail = (reason: string): never => {
    throw new ListParseError(file, where(), reason);
  };

  parser.on('error', (err) => {
    const reason = err.message.replace(/^(?:.*?:)?\d+:\d+: /, '');
    if (/unclosed tag/.test(reason)) fail(`document ends before its root element closes (truncated): ${reason}`);
    fail(reason);
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (path.length === 0) {
      if (sawRoot) fail(`second root element <${name}>`);
      sawRoot = true;
      if (!handlers.roots.includes(name)) fail(`root element is <${name}>, expected <${handlers.roots.join('> or <')}>`);
    }
    path.push(name);
    if (captureDepth < 0) {
      if (!handlers.capture(path)) return;
      captureDepth = path.length;
    }
    // The attribute object saxes builds is used as it is: copying it (for-in over a dictionary
    // object, then adding keys one by one) was a tenth of the whole parse. Its values can be V8
    // slices of the input chunk (see detach); the parsers keep only short ids from attributes,
    // which V8 copies anyway, and must detach any long value they keep.
    const attrs = tag.attributes as Record<string, string>;
    const node: XmlNode = { name, attrs, children: NO_CHILDREN, text: '' };
    const parent = building[building.length - 1];
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
    }
    building.push(node);
  });
  const onText = (text: string): void => {
    const node = building[building.length - 1];
    // No mixed content in these formats: text after a child element is indentation.
    if (node && node.children.length === 0) node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (captureDepth > 0) {
      const node = building.pop()!;
      // These formats have no mixed content: an element with children only holds indentation.
      node.text = node.children.length > 0 ? '' : detach(node.text);
      if (path.length === captureDepth) {
        captureDepth = -1;
        handlers.onNode(node, path);
      }
    }
    path.pop();
    if (path.length === 0) rootClosed = true;
  });

  const input = openListFile(file);
  input.setEncoding('utf8');
  try {
    for await (const chunk of input as AsyncIterable<string>) parser.write(chunk);
    parser.close();
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    throw new ListParseError(file, where(), (err as Error).message);
  }
  if (!sawRoot) throw new ListParseError(file, undefined, 'no XML root element (empty file?)');
  if (!rootClosed) throw new ListParseError(file, where(), 'document ends before its root element closes (truncated)');
}
