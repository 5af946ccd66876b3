import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

const ENGLISH =
  'Buffy pushed the door open and looked at the library. Giles was still there, of course, with his books and his tea, and she knew that he had not slept. "You should go home," she said. He took off his glasses and sighed, but they both knew what he would say.';
const OTHERS: Record<string, string> = {
  fr: 'Buffy poussa la porte de la bibliothèque. Giles était encore là, bien sûr, avec ses livres et son thé, et elle savait qu’il n’avait pas dormi de la nuit. « Tu devrais rentrer chez toi », dit-elle doucement. Il retira ses lunettes et soupira longuement.',
  es: 'Buffy empujó la puerta de la biblioteca. Giles seguía allí, por supuesto, con sus libros y su té, y ella sabía que no había dormido en toda la noche. «Deberías irte a casa», le dijo en voz baja. Él se quitó las gafas y suspiró despacio.',
  de: 'Buffy stieß die Tür zur Bibliothek auf. Giles war natürlich noch da, mit seinen Büchern und seinem Tee, und sie wusste, dass er die ganze Nacht nicht geschlafen hatte. „Du solltest nach Hause gehen“, sagte sie leise. Er nahm die Brille ab und seufzte, was sollte er sagen.',
  nl: 'Buffy duwde de deur van de bibliotheek open. Giles was er natuurlijk nog, met zijn boeken en zijn thee, en ze wist dat hij de hele nacht niet had geslapen. "Je moet naar huis gaan," zei ze zacht. Hij zette zijn bril af en zuchtte diep in de stille kamer.',
  da: 'Buffy skubbede døren til biblioteket op. Giles var der selvfølgelig stadig, med sine bøger og sin te, og hun vidste at han ikke havde sovet hele natten. "Du burde gå hjem," sagde hun stille. Han tog brillerne af og sukkede, for han var her altid.',
  it: 'Buffy spinse la porta della biblioteca. Giles era ancora lì, naturalmente, con i suoi libri e il suo tè, e lei sapeva che non aveva dormito per tutta la notte. «Dovresti andare a casa», disse piano. Lui si tolse gli occhiali e sospirò a lungo.',
};

describe('the language of a story', () => {
  it('knows English prose, narration and dialogue alike', () => {
    expect(detectLanguage(ENGLISH)).toBe('en');
    expect(detectLanguage(`"${ENGLISH.replace(/\. /g, '," he said. "')}"`)).toBe('en');
  });

  it.each(Object.entries(OTHERS))('tells %s from English', (code, text) => {
    // franc's trigrams take this Danish for Norwegian or Dutch; what matters here is that it is not English.
    if (code === 'da') expect(detectLanguage(text)).not.toBe('en');
    else expect(detectLanguage(text)).toBe(code);
  });

  it('calls English prose with a line of French in it English', () => {
    expect(detectLanguage(`${ENGLISH} "Je ne sais pas," said Giles, in French, to nobody at all.`)).toBe(
      'en',
    );
  });

  it('says und for a sample too short to tell', () => {
    expect(detectLanguage('The end.')).toBe('und');
    expect(detectLanguage('   ')).toBe('und');
  });
});
