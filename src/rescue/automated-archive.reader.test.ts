import { describe, expect, it } from 'vitest';
import { parseArchiveDb } from './automated-archive.reader.ts';

describe('parseArchiveDb', () => {
  it('reads unescaped quotes, values over several lines, escaped quotes and HTML entities', () => {
    const { records, problems } = parseArchiveDb(
      [
        '%FILES = (',
        '',
        "'12' => {",
        "\t'Title' => 'Buffy's Choice',",
        "\t'Summary' => 'One line,",
        "and it's a second',",
        "\t'Notes' => 'It\\'s &quot;quoted&quot; &amp; fine',",
        "\t'Empty' => '',",
        '},',
        '',
        "$FILES{'13'} = {",
        '\t\'Title\' => "Double \\"quoted\\"",',
        '};',
        ');',
        '1;',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(records)).toEqual({
      '12': {
        Title: "Buffy's Choice",
        Summary: "One line,\nand it's a second",
        Notes: 'It\'s "quoted" & fine',
        Empty: '',
      },
      '13': { Title: 'Double "quoted"' },
    });
  });

  it('lists a field outside any record and a value that never ends, and keeps the rest', () => {
    const { records, problems } = parseArchiveDb(
      [
        "'Title' => 'stray',",
        "'1' => {",
        "'Title' => 'Kept',",
        '},',
        "'2' => {",
        "'Summary' => 'never ends",
      ].join('\n'),
    );
    expect(records.get('1')).toEqual({ Title: 'Kept' });
    expect(problems).toEqual([
      'ARCHIVE_DB.pl line 1: the field Title is outside any story record; left out',
      'ARCHIVE_DB.pl line 6: the value of Summary never ends; the file is truncated',
    ]);
  });
});
