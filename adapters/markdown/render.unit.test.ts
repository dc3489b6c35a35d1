import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render';

describe('renderMarkdown', () => {
  it('renders the Markdown staff write', () => {
    const html = renderMarkdown('## Menus\n\nLes **menus** de *mars* :\n\n- lundi\n- mardi\n\n[Détails](https://example.org/menus)');
    expect(html).toContain('<h2>Menus</h2>');
    expect(html).toContain('<strong>menus</strong>');
    expect(html).toContain('<em>mars</em>');
    expect(html).toContain('<li>lundi</li>');
    expect(html).toContain('<a href="https://example.org/menus">Détails</a>');
  });

  it.each([
    ['a script tag', 'Bonjour <script>alert(1)</script> fin'],
    ['an onerror handler', '<img src="x" onerror="alert(1)">'],
    ['an onerror handler in an allowed tag', '<p onclick="alert(1)" onmouseover="alert(2)">texte</p>'],
    ['a javascript: link', '[clic](javascript:alert(1))'],
    ['a javascript: link in HTML', '<a href="javascript:alert(1)">clic</a>'],
    ['an svg payload', '<svg><script>alert(1)</script><animate onbegin="alert(1)"/></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['a form', '<form action="https://evil.example"><input name="password"><button>OK</button></form>'],
    ['a data: URI', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['an entity-encoded javascript: URI', '<a href="&#106;avascript:alert(1)">x</a>'],
  ])('makes %s harmless', (_label, markdown) => {
    const html = renderMarkdown(markdown).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<svg|<form|<input|<img|<style/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/);
    expect(html).not.toMatch(/javascript:|data:|style=/);
  });

  it('keeps the text around what it removes', () => {
    const html = renderMarkdown('Bonjour <script>alert(1)</script>');
    expect(html).toContain('Bonjour');
    expect(html).not.toContain('<script');
  });

  it('keeps same-site links, mailto and tel', () => {
    const html = renderMarkdown('[doc](/documents/1) [mail](mailto:mairie@example.org) [tél](tel:+33400000000)');
    expect(html).toContain('href="/documents/1"');
    expect(html).toContain('href="mailto:mairie@example.org"');
    expect(html).toContain('href="tel:+33400000000"');
  });
});
