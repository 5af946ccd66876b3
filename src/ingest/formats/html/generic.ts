import type { SourceField } from '../../story.ts';
import { blocksOf, field, type SiteReader, text } from './site-reader.ts';

const CHROME = 'nav, header, footer, aside, menu, [role="navigation"], [role="banner"], [role="contentinfo"]';
const CHROME_NAMES =
  /(?:^|[-_\s])(?:comments?|nav|navigation|menu|sidebar|footer|header|breadcrumbs?|share|social|advert|ads|banner)(?:$|[-_\s])/i;

/** Any other page: the body with the site's navigation, headers, footers and comments taken out. */
export const GENERIC: SiteReader = {
  name: 'a web page',
  detect: () => true,
  read($) {
    $(CHROME).remove();
    $('[id], [class]').each((_, element) => {
      const names = `${$(element).attr('id') ?? ''} ${$(element).attr('class') ?? ''}`;
      if (CHROME_NAMES.test(names)) $(element).remove();
    });
    const pageTitle = text($('title').first());
    const fields: SourceField[] = pageTitle ? [field('html title', pageTitle, 'HTML <title>')] : [];
    const body = $('body').length ? $('body') : $.root();
    return {
      format: 'html',
      fields,
      chapters: [{ title: null, blocks: blocksOf(body) }],
      chaptersGiven: false,
      notices: [],
    };
  },
};
