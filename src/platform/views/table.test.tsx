import { describe, expect, it } from 'vitest';
import { ResponsiveTable, withCellTitles } from './table.tsx';

describe('ResponsiveTable: a table that stacks on a phone', () => {
  it('gives each body cell its column header, which a phone shows above the value', async () => {
    const rows = [{ code: 'KLIK - 01', title: 'Registrér <aftalen>', deadline: '15.01.2026' }];
    const html = await (
      <ResponsiveTable>
        <table class="table table--zebra" id="opgaver">
          <caption>Opgaver</caption>
          <thead>
            <tr>
              <th scope="col">Kode</th>
              <th scope="col">
                Opgave <span class="sr-only">(link)</span>
              </th>
              <th scope="col">Frist &amp; "status"</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-opgave="1">
                <th scope="row" safe>
                  {r.code}
                </th>
                <td>
                  <a href="/opgaver/1" safe>
                    {r.title}
                  </a>
                </td>
                <td class="text-muted" safe>
                  {r.deadline}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    );
    expect(html).toContain('<div class="table--responsive-scroll"><table class="table table--zebra table--responsive-headers" id="opgaver">');
    expect(html).toContain('<th data-title="Kode" scope="row">KLIK - 01</th>');
    expect(html).toContain('<td data-title="Opgave (link)"><a href="/opgaver/1">Registrér &lt;aftalen></a></td>');
    // The header's text is taken as it was rendered; a quote in it is escaped for the attribute.
    expect(html).toContain('<td data-title="Frist & &#34;status&#34;" class="text-muted">15.01.2026</td>');
    // The header row itself is left as it was.
    expect(html).toContain('<th scope="col">Kode</th>');
  });

  it('leaves spanning cells, empty headers and cells that already have a title alone', () => {
    const html = withCellTitles(
      '<table class="table"><thead><tr><th colspan="2">Navn</th><th></th><th>Frist</th></tr></thead>' +
        '<tbody><tr><td colspan="4">Der er ingen endnu.</td></tr>' +
        '<tr><td>A</td><td>B</td><td><a href="/x">Åbn</a></td><td data-title="Egen">1.1.</td></tr></tbody></table>',
    );
    expect(html).toContain('<td colspan="4">Der er ingen endnu.</td>');
    expect(html).toContain('<td data-title="Navn">A</td><td data-title="Navn">B</td><td><a href="/x">Åbn</a></td><td data-title="Egen">1.1.</td>');
  });

  it('counts columns past a spanning cell, and leaves a table without a header row as it is', () => {
    const html = withCellTitles(
      '<table class="table table--responsive-headers"><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>' +
        '<tbody><tr><td colspan="2">ab</td><td>c</td></tr></tbody></table>' +
        '<table class="table"><tbody><tr><td>x</td></tr></tbody></table>',
    );
    expect(html).toContain('<table class="table table--responsive-headers"><thead>');
    expect(html).toContain('<td colspan="2">ab</td><td data-title="C">c</td>');
    expect(html).toContain('<table class="table"><tbody><tr><td>x</td></tr></tbody></table>');
  });
});
