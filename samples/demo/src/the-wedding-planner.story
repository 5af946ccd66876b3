output: the-wedding-planner.docx
style: titled
Title: The Wedding Planner Is a Former Vengeance Demon
Author: quietgrove
Fandom: Buffy the Vampire Slayer
Rating: PG-13
Pairing: Xander/Anya
Characters: Anya Jenkins, Xander Harris
Genre: Humor, Romance, Fluff
Spoilers: Season 6 (before "Hell's Bells")
Summary: Anya has a binder. The binder has tabs. The tabs have sub-tabs. Xander would like to point out that he only asked where the napkins were.
Published: 10/18/2008
Status: Complete
---
"Napkins," said Anya, "are under N."

Xander looked at the binder. It was three inches thick and bright pink and it had a label on the spine that said WEDDING in letters so large and so firmly underlined that they seemed to be shouting. It had tabs in six colours. He was fairly sure some of the tabs had tabs.

"I looked under N," he said. "N is for 'No, Xander, not that one.'"

"That's a sub-tab. Napkins are under the main N. After Nuptial Vows, Customary, and before Nuptial Vows, Non-Customary, Possibly Binding In Other Dimensions." Anya flipped it open for him with the speed of long practice. "See? Ivory linen. Forty-eight. I haggled."

"You haggled for napkins."

"I haggled for everything. I haggled for the caterer. I made the caterer cry." She looked pleased about this. "In a nice way. He'll be fine."

Xander sat down on the couch next to her. The apartment was covered in wedding: swatches of fabric pinned to the curtains, seating charts on the coffee table, a cardboard box of tiny candles that Anya insisted were unscented and that nonetheless smelled powerfully of vanilla. There was a sample of wedding cake on a plate on the arm of the couch. It had one bite taken out of it, very precisely, with a fork.

"Ahn," he said. "Can I ask you something?"

"Is it about the napkins?"

"It's not about the napkins."

"Because I have strong feelings about the napkins."

"I know you do. I love that you do." He took the binder gently out of her lap and closed it, which she allowed, though she kept one hand flat on the cover as though it might try to escape. "Are you okay? With all of this? It's a lot. It's a big, terrifying, human, napkin-based lot. And you spent about a thousand years turning guys like me into things with too many legs for doing a lot less than this."

Anya was quiet for a moment. Then she looked at him with that look she got sometimes, very direct and very bare, the look that made him feel like the only person in the room even when the room had Willow and Giles and two demons and a Slayer in it.

"I'm terrified," she said. "I'm always terrified. Being human is just being terrified all the time with snacks in between. But I've been doing the math."

"The math."

"The math of you." She counted on her fingers. "You're kind. You're funny. You're terrible at fighting, but you always do it anyway, which is stupid, but also brave. You fixed my sink without being asked. You think I'm pretty even when I'm organizing. And when I told you I used to curse men for a living you said 'cool, what kind of curses,' and you actually wanted to know." She put her hand down. "The numbers are very good, Xander. They're very good numbers. I checked them several times."

Xander opened his mouth. Nothing came out. This happened a lot, with Anya.

"Damn," he said eventually, a little hoarse. "Okay. So, for the record? I'm terrified too."

"Of the wedding?"

"Of the wedding, the rest of my life, the caterer, the napkins. Mostly the napkins." He kissed her forehead. "But I checked the math too. Turns out you're the best thing that ever happened to me. Tab A, sub-tab everything."

Anya beamed at him. Then she reopened the binder, took out a pen and wrote something on a fresh sticky note, in her neat, firm, slightly old-fashioned hand, and stuck it on the inside cover.

He leaned over to read it.

X. HARRIS: BEST THING. DO NOT RETURN.

"There," Anya said, satisfied. "Now it's in the binder. Now it's official."
