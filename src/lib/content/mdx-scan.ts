/**
 * A light scan of an MDX lesson body for the component tags and links that content rules care
 * about. It skips fenced code blocks and inline code so examples of syntax are not mistaken for use.
 * (Full MDX syntax errors are the MDX compiler's job during the build.)
 */
export interface ComponentUse {
  name: string;
  /** String-valued props; an expression prop (`x={...}`) is recorded with the value null. */
  props: Record<string, string | null>;
  /** 1-based line in the body. */
  line: number;
}

export interface LinkUse {
  url: string;
  line: number;
}

function blankCode(body: string): string {
  // Replace code with spaces of the same length so that line numbers stay right.
  return body
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const TAG = /<([A-Z][A-Za-z0-9]*)((?:\s+[A-Za-z][\w-]*(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?)*)\s*\/?>/g;
const ATTR = /([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|(\{[^}]*\})))?/g;

export function scanComponents(body: string): ComponentUse[] {
  const text = blankCode(body);
  const uses: ComponentUse[] = [];
  for (const match of text.matchAll(TAG)) {
    const props: Record<string, string | null> = {};
    for (const attr of (match[2] ?? '').matchAll(ATTR)) {
      const [, name, dq, sq, expr] = attr;
      props[name!] = expr !== undefined ? null : (dq ?? sq ?? 'true');
    }
    uses.push({ name: match[1]!, props, line: lineAt(text, match.index) });
  }
  return uses;
}

export function scanLinks(body: string): LinkUse[] {
  const text = blankCode(body);
  const links: LinkUse[] = [];
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    links.push({ url: match[1]!, line: lineAt(text, match.index) });
  }
  for (const match of text.matchAll(/\bhref=["']([^"']+)["']/g)) {
    links.push({ url: match[1]!, line: lineAt(text, match.index) });
  }
  return links;
}

/** The reflection prompts of a lesson, by id; the server trusts these, never a prompt sent by a form. */
export function reflectionPrompts(body: string): Map<string, string> {
  const prompts = new Map<string, string>();
  for (const use of scanComponents(body)) {
    if (use.name === 'Reflection' && use.props.id && use.props.prompt) prompts.set(use.props.id, use.props.prompt);
  }
  return prompts;
}
