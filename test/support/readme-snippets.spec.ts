import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeTypeScriptBlocks } from './readme-snippets';

describe('readmeTypeScriptBlocks', () => {
  it('takes each ts block with the file its first line names, and its README line', () => {
    const readme = [
      '# x',
      '```ts',
      '// src/a.ts',
      'export const a = 1;',
      '```',
      '```html',
      '<p>',
      '```',
      '```ts',
      '// src/b/c.ts',
      '```',
    ];
    expect(readmeTypeScriptBlocks(readme.join('\n'))).toEqual([
      { file: 'src/a.ts', source: '// src/a.ts\nexport const a = 1;\n', line: 2 },
      { file: 'src/b/c.ts', source: '// src/b/c.ts\n', line: 9 },
    ]);
  });

  it.each([
    ['no file comment', ['```ts', 'export const a = 1;', '```']],
    ['a path out of src', ['```ts', '// src/../a.ts', '```']],
    ['a path elsewhere', ['```ts', '// lib/a.ts', '```']],
  ])('refuses a block with %s, naming its line', (_, lines) => {
    expect(() => readmeTypeScriptBlocks(lines.join('\n'))).toThrow(/README\.md line 1/);
  });

  it('finds every block of the repository README, each naming a distinct file', () => {
    const snippets = readmeTypeScriptBlocks(readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8'));
    expect(snippets.length).toBeGreaterThanOrEqual(9);
    expect(new Set(snippets.map((snippet) => snippet.file)).size).toBe(snippets.length);
  });
});
