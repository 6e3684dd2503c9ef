import { describe, expect, it } from 'vitest';
import { escapeHtml, isAllowedUrl, markdownToText, renderMarkdown } from './markdown.ts';

/** The renderer of task descriptions: the supported Markdown, and that nothing else gets through as markup. */

describe('renderMarkdown: what it supports', () => {
  it('paragraphs and line breaks', () => {
    expect(renderMarkdown('Første linje\nanden linje\n\nNyt afsnit')).toBe('<p>Første linje<br>\nanden linje</p>\n<p>Nyt afsnit</p>');
    expect(renderMarkdown('a\r\nb')).toBe('<p>a<br>\nb</p>');
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown('  \n\n ')).toBe('');
  });

  it('bold, italic and code', () => {
    expect(renderMarkdown('**fed** og *kursiv* og `kode`')).toBe('<p><strong>fed</strong> og <em>kursiv</em> og <code>kode</code></p>');
    expect(renderMarkdown('**fed med *kursiv* indeni**')).toBe('<p><strong>fed med <em>kursiv</em> indeni</strong></p>');
    // Lone asterisks and multiplication are text.
    expect(renderMarkdown('2 * 3 * 4 og **ikke lukket')).toBe('<p>2 * 3 * 4 og **ikke lukket</p>');
    expect(renderMarkdown('`<b>` er kode')).toBe('<p><code>&lt;b&gt;</code> er kode</p>');
  });

  it('headings one level below the page heading', () => {
    expect(renderMarkdown('# Baggrund\nTekst')).toBe('<h2>Baggrund</h2>\n<p>Tekst</p>');
    expect(renderMarkdown('### Trin ###')).toBe('<h4>Trin</h4>');
    expect(renderMarkdown('###### Seks')).toBe('<h6>Seks</h6>');
    expect(renderMarkdown('#Uden mellemrum')).toBe('<p>#Uden mellemrum</p>');
    expect(renderMarkdown('# Under en h2\n## Dybere', { topLevel: 3 })).toBe('<h3>Under en h2</h3>\n<h4>Dybere</h4>');
    expect(renderMarkdown('#### Dybt', { topLevel: 4 })).toBe('<h6>Dybt</h6>');
  });

  it('bullet and numbered lists, with continuation lines', () => {
    expect(renderMarkdown('- en\n* to\n+ tre')).toBe('<ul><li>en</li><li>to</li><li>tre</li></ul>');
    expect(renderMarkdown('1. en\n2) to\n   fortsat')).toBe('<ol><li>en</li><li>to<br>\nfortsat</li></ol>');
    expect(renderMarkdown('3. tre\n4. fire')).toBe('<ol start="3"><li>tre</li><li>fire</li></ol>');
    expect(renderMarkdown('Intro\n- punkt\n\nEfter')).toBe('<p>Intro</p>\n<ul><li>punkt</li></ul>\n<p>Efter</p>');
    expect(renderMarkdown('- **fed** punkt')).toBe('<ul><li><strong>fed</strong> punkt</li></ul>');
  });

  it('links to http(s) and mailto', () => {
    expect(renderMarkdown('[KOMBIT](https://www.kombit.dk)')).toBe('<p><a href="https://www.kombit.dk" rel="noopener noreferrer">KOMBIT</a></p>');
    expect(renderMarkdown('[skriv](mailto:support@kombit.dk)')).toBe('<p><a href="mailto:support@kombit.dk" rel="noopener noreferrer">skriv</a></p>');
    expect(renderMarkdown('[wiki](https://da.wikipedia.org/wiki/KLE_(emnesystematik))')).toBe(
      '<p><a href="https://da.wikipedia.org/wiki/KLE_(emnesystematik)" rel="noopener noreferrer">wiki</a></p>',
    );
    expect(renderMarkdown('[**fed** link](https://a.dk/?x=1&y=2)')).toBe('<p><a href="https://a.dk/?x=1&amp;y=2" rel="noopener noreferrer"><strong>fed</strong> link</a></p>');
  });
});

describe('renderMarkdown: nothing unsafe gets through', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">klik</a>',
    '<svg/onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<!-- kommentar --><style>body{display:none}</style>',
    '&lt;script&gt; allerede kodet',
  ];

  it.each(attacks)('escapes raw HTML: %s', (attack) => {
    const html = renderMarkdown(`Tekst ${attack}\n\n- ${attack}\n# ${attack}\n**${attack}**`);
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|a)\b/i);
    expect(html).not.toContain('<!--');
    // Only the renderer's own tags remain.
    for (const tag of html.match(/<\/?([a-z0-9]+)/gi) ?? []) expect(tag.replace(/[</]/g, '')).toMatch(/^(p|br|ul|ol|li|h[2-6]|strong|em|code)$/);
  });

  it('does not link other schemes, however they are spelled', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'javascript&#58;alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      '/relativ/sti',
      'file:///etc/passwd',
      'https:alert(1)',
    ]) {
      const html = renderMarkdown(`[klik](${href})`);
      expect(html, href).not.toContain('<a ');
      expect(html, href).not.toContain('href=');
    }
  });

  it('cannot break out of the href attribute', () => {
    const html = renderMarkdown('[x](https://a.dk/"onmouseover="alert(1))');
    expect(html).toContain('href="https://a.dk/&quot;onmouseover=&quot;alert(1)"');
    expect(html).not.toMatch(/href="[^"]*"\s*onmouseover/);
    expect(renderMarkdown("[x](https://a.dk/'><script>)")).not.toContain('<script');
  });

  it('escapes link text and code', () => {
    expect(renderMarkdown('[<b>fed</b>](https://a.dk)')).toBe('<p><a href="https://a.dk" rel="noopener noreferrer">&lt;b&gt;fed&lt;/b&gt;</a></p>');
    expect(renderMarkdown('`</code><script>`')).toBe('<p><code>&lt;/code&gt;&lt;script&gt;</code></p>');
  });

  it('survives pathological input quickly', () => {
    const started = Date.now();
    renderMarkdown(`${'*'.repeat(20_000)}\n${'[a]('.repeat(5_000)}\n${'**a '.repeat(5_000)}\n${'`'.repeat(10_000)}`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('linear time', () => {
  /** The fastest of up to five runs (stopping at the first under the limit), so a busy machine does not fail the guard. */
  function fastestMs(limitMs: number, run: () => unknown): number {
    let best = Infinity;
    for (let i = 0; i < 5 && best >= limitMs; i++) {
      const start = performance.now();
      run();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  }

  const N = 50_000;
  const worst: [string, string][] = [
    ['[', '['.repeat(N)],
    ['*', '*'.repeat(N)],
    ['_', '_'.repeat(N)],
    ['`', '`'.repeat(N)],
    ['(', '('.repeat(N)],
    ['![', '!['.repeat(N / 2)],
    ['](', ']('.repeat(N / 2)],
    ['<', '<'.repeat(N)],
    ['[a](', '[a]('.repeat(N / 4)],
    ['**a', '**a'.repeat(N / 3)],
    ['*a', '*a'.repeat(N / 2)],
    ['mixed', '[*`(_!<'.repeat(N / 7)],
    ['nested openers', '[**[*`a'.repeat(N / 7)],
    ['nested bold, links and italics', `${'**[*'.repeat(N / 8)}a${'*](https://a.dk)**'.repeat(N / 8)}`],
    ['an address of unclosed parentheses', `[x](${'a('.repeat(N / 2)}`],
    ['an address of closed parentheses', `[x](${'a(b)'.repeat(N / 4)} `],
    ['spaces before text', `${' \t'.repeat(N / 2)}x`],
    ['a heading of hashes', `# ${'# '.repeat(N / 2)}x`],
    ['list items with a line separator', `- ${' '.repeat(N)}x\u2028y\n1. ${' '.repeat(N)}x\u2028y`],
  ];

  it.each(worst)('renders 50,000 characters of %s in under 100 ms', (_what, source) => {
    expect(fastestMs(100, () => renderMarkdown(source))).toBeLessThan(100);
    expect(fastestMs(100, () => markdownToText(source))).toBeLessThan(100);
  });

  it('renders the worst cases as text, not markup', () => {
    expect(renderMarkdown('['.repeat(10))).toBe(`<p>${'['.repeat(10)}</p>`);
    expect(renderMarkdown('<'.repeat(3))).toBe('<p>&lt;&lt;&lt;</p>');
    expect(renderMarkdown('[x](a(a(a( ')).toBe('<p>[x](a(a(a(</p>');
    expect(renderMarkdown('**[*a*](https://a.dk)**')).toBe('<p><strong><a href="https://a.dk" rel="noopener noreferrer"><em>a</em></a></strong></p>');
    expect(renderMarkdown('# a # #')).toBe('<h2>a</h2>');
    expect(renderMarkdown('- a\u2028b')).toBe('<p>- a\u2028b</p>');
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('isAllowedUrl', () => {
    expect(isAllowedUrl('https://kombit.dk')).toBe(true);
    expect(isAllowedUrl('http://kombit.dk/a?b=c')).toBe(true);
    expect(isAllowedUrl('mailto:a@b.dk')).toBe(true);
    expect(isAllowedUrl('https://')).toBe(false);
    expect(isAllowedUrl('https://a.dk/\nx')).toBe(false);
    expect(isAllowedUrl('javascript:alert(1)')).toBe(false);
  });

  it('markdownToText gives the plain text for mails', () => {
    expect(markdownToText('# Overskrift\n**Fed** og *kursiv* med [link](https://a.dk) og [ond](javascript:x)')).toBe(
      'Overskrift\nFed og kursiv med link (https://a.dk) og ond',
    );
  });
});
