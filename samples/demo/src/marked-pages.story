output: marked-pages.epub
style: ao3
Title: Marked Pages
Author: marginalia
Rating: Teen And Up Audiences
Archive Warning: No Archive Warnings Apply
Category: M/M
Fandom: Harry Potter - J. K. Rowling
Relationship: Draco Malfoy/Harry Potter
Characters: Draco Malfoy, Harry Potter
Additional Tags: Post-War, Auror Harry Potter, Bookbinder Draco Malfoy, Cursed Books, Enemies to Lovers, Slow Burn, Happy Ending
Language: English
Published: 2018-03-03
Updated: 2018-05-12
Chapters: 3/3
Summary: Harry Potter brings a cursed book to the only curse-breaker in Knockturn Alley who specialises in bindings. It's Malfoy, obviously. It's always Malfoy.
Notes: Thank you to everyone who cheered me on at the Drarry discord. Everyone is in their late twenties and very tired.
---
## Chapter 1: The Book

The shop was on the wrong end of Knockturn Alley, down three steps, with a bell over the door that did not ring so much as sigh. The sign said MALFOY: BINDINGS, RESTORATIONS, CURSES REMOVED in small, tasteful silver letters. Harry had walked past it eleven times in two years and never once gone in.

He went in now because he had no choice. The book under his arm was trying to eat his hand.

Draco Malfoy was behind the counter in shirtsleeves and a leather apron, with a jeweller's loupe screwed into one eye and a pair of tweezers in his hand. He did not look up.

"We're closed."

"The sign says open."

"The sign is a liar. Most signs are." Malfoy lifted his head, saw who it was and went absolutely still. The loupe fell out of his eye and bounced on the counter. "Potter."

"Malfoy."

They looked at each other. It had been ten years since the trials. Malfoy was thinner than Harry remembered and his hair was longer, tied back at the neck, and there was a pale burn scar across the back of one hand that was new. He looked, Harry thought, like somebody who worked for a living, which was the last thing he had ever expected Draco Malfoy to look like.

The book snapped at Harry's fingers. He yelped.

Malfoy's eyes went to it, and his whole face changed: sharpened, focused, the hostility gone in an instant under something much more interesting. "Put it down. No, not on the counter, on the slate. There. Don't let go of the clasp. How long has it been doing that?"

"Since Tuesday. We took it off a smuggler in Dover. Nobody at the Ministry can get it open without losing a finger."

"Of course they can't. It's a Carrow binding. Look at the stitching." Malfoy bent close over the book, so close his nose almost touched the leather, and for the first time in his life Harry saw him smile, really smile, with no malice in it at all. "Oh, you horrible thing. Aren't you beautiful."

Harry had no idea, afterward, why that was the moment. But it was.

## Chapter 2: The Curse

It took Malfoy four days to break the binding. Harry came in every day, because it was officially evidence, and because he told himself it was officially evidence.

He learned things. He learned that Malfoy drank his tea black and too strong and forgot it until it went cold. He learned that he hummed while he worked, badly, always the same three bars of the same song. He learned that he had apprenticed for six years with an old goblin binder in Zurich who had taken him on, Malfoy said, because nobody else in Britain would have him, and because goblins don't care what your surname is as long as you pay.

"Hermione says you're the best in Europe," Harry said on the third day.

Malfoy's tweezers stopped. "Granger said that?"

"She said it like it hurt her. But yes."

Malfoy looked at him for a long moment, grey eyes unreadable, and then went back to the stitching. The tips of his ears had gone pink. Harry found that he could not stop looking at them.

On the fourth day the book bit Malfoy.

It happened very fast. He had the last knot half-unpicked when the whole binding convulsed, and the leather split open along the spine like a mouth, and a row of tiny needle teeth closed on the heel of his palm. Malfoy swore, long and filthy and inventive. Harry was round the counter before he knew he had moved, wand out, and got the jaws open with a Relashio and a great deal of luck, and then he was holding Malfoy's hand in both of his own, with the blood welling up bright in a neat half-circle, and neither of them was saying anything at all.

"It's fine," Malfoy said finally. His voice was not quite steady. "It's not venomous. I checked. Carrows were vicious, but they were cheap."

"You're bleeding."

"I'm aware, Potter, it's my hand." But he didn't take it back.

## Chapter 3: The Last Page

The book, once opened, turned out to contain nothing but a ledger. Three hundred pages of names and sums in a cramped hand: every bribe the Carrows had ever paid, every official who had ever taken one. It was enough to clean out a whole floor of the Ministry.

Harry brought the news to the shop himself, after closing, with a bottle of decent wine and no excuse at all.

"Kingsley wants to give you an award," he said.

"Kingsley can give me money. I'll take money." Malfoy was sitting on his own counter with his bandaged hand in his lap, looking tired and pleased and, in the lamplight, more than a little beautiful. "Why are you really here, Potter? The book's done. You don't have to come in any more."

Harry put down the wine.

"I know," he said. "That's the problem."

Malfoy went very still, the way he had on the first day. Harry stepped closer. He was close enough now to see the pale lashes, the faint freckles across his nose that nobody would ever have guessed were there, the pulse jumping in his throat.

"I kept thinking of excuses," Harry said. "Evidence. Follow-up. Checking on your hand. I've run out. I haven't got any more. I just want to come in."

"Potter," Malfoy said, very quietly. "Harry. Are you asking me out, or are you asking for a job?"

Harry laughed. Then he leaned in and kissed him, very gently, and felt Malfoy's good hand come up and curl in the front of his robes and hold on.

It was quiet in the shop. The bell over the door sighed once, in a draft, and went still.

"Out," Harry said against his mouth. "Definitely out."

"Good," said Draco Malfoy. "I'd have made a terrible boss."
