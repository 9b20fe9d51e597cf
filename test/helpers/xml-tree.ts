// Parse XML (with fast-xml-parser) into a normalised tree for comparing documents up to attribute
// order and the white space between elements.
import { XMLParser } from 'fast-xml-parser';

export interface XmlTree {
  tag: string;
  attrs: [string, string][];
  text: string;
  children: XmlTree[];
}

type Node = Record<string, unknown>;

function tagOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function normalise(node: Node): XmlTree {
  const tag = tagOf(node);
  const raw = (node[':@'] ?? {}) as Record<string, string>;
  const attrs = Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const kids = Array.isArray(node[tag]) ? (node[tag] as Node[]) : [];
  const children: XmlTree[] = [];
  let text = '';
  for (const k of kids) {
    const t = tagOf(k);
    if (t === '#text') text += String(k['#text']);
    else children.push(normalise(k));
  }
  // Text between child elements is layout, not content.
  if (children.length && text.trim() === '') text = '';
  return { tag, attrs, text, children };
}

export function xmlTree(xml: string): XmlTree[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
  });
  return (parser.parse(xml) as Node[]).map(normalise).filter((n) => n.tag !== '#text');
}
