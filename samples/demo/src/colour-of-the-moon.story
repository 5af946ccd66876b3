output: the-colour-of-the-moon.epub
style: ao3
Title: The Colour of the Moon
Author: wolfsbane_tea
Rating: Mature
Archive Warning: No Archive Warnings Apply
Category: F/M
Fandom: Harry Potter - J. K. Rowling
Relationship: Nymphadora Tonks/Remus Lupin
Characters: Nymphadora Tonks, Remus Lupin
Additional Tags: Half-Blood Prince Era, Wedding Night, Non-Graphic Sex, Hurt/Comfort, Metamorphmagus, Love Confessions
Language: English
Published: 2014-06-21
Updated: 2014-06-21
Chapters: 1/1
Summary: Her hair has been a dull mousy brown for a year. On the night he finally stops running, it changes.
Notes: A small companion piece to Before Breakfast, for Remus, who deserved more than one happy year. Non-graphic, fade-to-black-ish.
---
For nearly a year, Tonks's hair had been brown.

Not a nice brown. Not chestnut, not chocolate, not any of the browns she had worn for fun as a girl to annoy her mother. A flat, tired, dishwater brown, the colour of nothing, the colour her hair went when she stopped trying. Her Patronus had changed the same winter. Everyone at the Ministry had noticed. Nobody had said anything, which was worse.

Remus had noticed. Remus noticed everything. He had noticed, and had understood exactly why, and had gone on saying no anyway, in his gentle, terrible, reasonable voice: too old, too poor, too dangerous, you deserve someone whole.

And then, tonight, he had stopped saying no.

She did not quite believe it yet. They were in the little rented room above the pub in Hogsmeade, with the rain coming down outside and a single candle on the windowsill, and he was standing by the door with his coat still on, as if he might bolt. He looked exhausted. He looked like a man who had walked a very long way to get somewhere and was afraid, now that he had arrived, that it would not let him in.

"You can still change your mind," Remus said quietly. "I'd understand. I'd never..."

"Remus." She crossed the room in three steps and took his face between her hands. His stubble was rough under her palms. There was grey in it. She loved the grey. She loved every single thing about him, and she had been trying to tell him so for twelve months, and he had been trying not to hear it. "Shut up. Please. For once in your life."

He shut up. She kissed him.

It was not their first kiss. It was the first one he did not pull away from. He made a low, broken sound against her mouth and his arms came round her and held on, hard, as if she were a rope thrown to a drowning man, and she felt all the careful distance he had kept for a year simply fall away.

* * *

They made love slowly, by candlelight, with the rain on the roof.

She undressed him button by button and kissed each scar as she found it, the long pale ones on his chest and the newer ones on his shoulder, while he shook under her hands and said her name as if it were a prayer he was afraid to finish. He was so careful with her. He touched her as if she might break, until she laughed and told him she was an Auror, not a teacup, and then he laughed too, and the last of the fear went out of him.

Afterward they lay naked and tangled together in the narrow bed, in the warm, drowsy afterglow, her head on his chest and his fingers moving slowly through her hair.

His fingers stopped.

"Dora," he said, very softly. "Look."

She lifted a strand of hair and held it up in the candlelight. At the root, where his fingers had been, it was turning pink. Bright, ridiculous, bubblegum pink, spreading down the strand as she watched, like dye dropped in water.

She started to laugh. She could not help it. She laughed until there were tears on her face, and Remus held her, and she felt him laughing too, the deep rare laugh she had heard maybe five times in all the years she had known him.

"It's been brown a year," she said, when she could talk. "A whole year. It's you. It was always you."

"I know," Remus said, and kissed the top of her pink head. "I'm sorry it took me so long."

"You're here now."

"I'm here now," he agreed, and outside the rain went on, and for one night, at least, neither of them thought about the war at all.
