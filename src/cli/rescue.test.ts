import { describe, expect, it } from 'vitest';
import { nginxMap } from './rescue-run.ts';

describe('quire rescue links', () => {
  it('writes an nginx map from old addresses to new pages, quoting what nginx would misread', () => {
    const map = nginxMap(
      [
        {
          oldPath: 'viewstory.php?sid=1&chapter=2',
          target: { kind: 'chapter', id: 7, name: null, position: 2 },
        },
        {
          oldPath: 'viewuser.php?uid=3',
          target: { kind: 'creator', id: 3, name: 'Café "Writer"', position: null },
        },
        { oldPath: 'jane/a "quoted" file.html', target: { kind: 'work', id: 9, name: null, position: null } },
      ],
      'https://fic.example/',
    );
    expect(map.split('\n').slice(2)).toEqual([
      'map $request_uri $quire_rescued {',
      '    default "";',
      '    "/viewstory.php?sid=1&chapter=2" "https://fic.example/works/7/chapters/2";',
      '    "/viewuser.php?uid=3" "https://fic.example/creators/Caf%C3%A9%20%22Writer%22";',
      '    "/jane/a%20%22quoted%22%20file.html" "https://fic.example/works/9";',
      '}',
      '',
    ]);
  });
});
