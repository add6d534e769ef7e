import { describe, expect, it } from 'vitest';
import { reflectionPrompts, scanComponents, scanLinks } from '../../src/lib/content/mdx-scan.ts';

const body = `## Heading

Some text with a [link](/modules/a/b) and <KeyIdea>inline</KeyIdea>.

<Example title="Front line: the desk">
Text
</Example>

\`\`\`mdx
<NotReal prop="x" />
[not a link](/nowhere)
\`\`\`

Use \`<AlsoNotReal />\` in prose.

<Reflection id="mine" prompt='What would you say?' />
<Quiz id={dynamic} />
`;

describe('MDX scan', () => {
  it('finds component tags with their props and lines, skipping code', () => {
    expect(scanComponents(body)).toEqual([
      { name: 'KeyIdea', props: {}, line: 3 },
      { name: 'Example', props: { title: 'Front line: the desk' }, line: 5 },
      { name: 'Reflection', props: { id: 'mine', prompt: 'What would you say?' }, line: 16 },
      { name: 'Quiz', props: { id: null }, line: 17 },
    ]);
  });
  it('finds links outside code', () => {
    expect(scanLinks(body)).toEqual([{ url: '/modules/a/b', line: 3 }]);
  });
  it('indexes reflection prompts by id', () => {
    expect([...reflectionPrompts(body)]).toEqual([['mine', 'What would you say?']]);
  });
});
