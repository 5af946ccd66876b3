output: thaw.epub
style: ao3
Title: Thaw
Author: violinandvinegar
Rating: Explicit
Archive Warning: No Archive Warnings Apply
Category: M/M
Fandom: Sherlock (TV)
Relationship: John Watson/Sherlock Holmes
Characters: John Watson, Sherlock Holmes
Additional Tags: Post-The Final Problem, Snow, Hypothermia, Hurt/Comfort, First Time, Explicit Sexual Content, Consensual Sex, Sharing Body Heat
Language: English
Published: 2017-12-02
Updated: 2017-12-09
Chapters: 2/2
Summary: A stakeout on the Thames in a blizzard. John's hands stop working. Sherlock's plan for fixing them is scientifically sound and completely unbearable.
Notes: Chapter one is hurt/comfort; chapter two is where the rating comes from. Both of them are grown men in their forties who have finally stopped being idiots.
---
## Chapter 1: Cold

It had been snowing on the river since four in the afternoon, and by midnight John Watson could no longer feel his fingers.

"Eleven more minutes," said Sherlock. He was lying on his stomach on the roof of a warehouse in Rotherhithe with a pair of binoculars and his coat collar turned up, and he did not appear to be cold at all, because Sherlock Holmes had never in his life been inconvenienced by anything as ordinary as weather. "The boat will come in on the tide at twelve eleven. Then we'll have them."

"You said that an hour ago."

"An hour ago I said twelve eleven. It has always been twelve eleven."

The boat came in at twelve fourteen. Lestrade's people were waiting on the wharf. It was all over very quickly, in a flurry of torches and shouting and handcuffs, and by the time John had climbed back down the iron ladder to the street he realised that he could not, in fact, close his hands. They hung at the ends of his arms like someone else's. His teeth were chattering so hard he couldn't talk.

Sherlock took one look at him under a streetlight and his face went very white.

"Idiot," he said. "Why didn't you say?"

"W-was b-busy," said John.

They got a cab. Sherlock pulled off John's gloves in the back seat and swore at what he saw, and then, without any discussion at all, he unbuttoned his own coat and his own shirt and pushed John's bare hands flat against his chest, skin to skin, and held them there.

John made a sound he would later deny.

"Shut up," said Sherlock. "It's the most efficient method. Basic thermodynamics."

"I d-didn't say anything."

"You were going to." Sherlock's heart was going fast under John's palm. Faster than John had ever felt it. "Don't."

## Chapter 2: Warm

Back at Baker Street Sherlock ran a bath, lukewarm and then warmer, and sat on the edge of it while John's hands came painfully back to life. Neither of them said anything about the cab. Then John climbed out and dried off and stood in the doorway of Sherlock's bedroom in a towel, with his fingers pink and stinging, and looked at him.

"Thermodynamics," John said.

Sherlock, sitting on the bed, swallowed. "John."

"Basic thermodynamics." John crossed the room. "You're still cold, I reckon. You were up on that roof as long as I was."

"That," said Sherlock, unsteadily, "is an extremely transparent pretext."

"Yeah," said John, and kissed him.

Sherlock kissed back as if he had been waiting years to do it, which, John would learn later, he had. His long fingers came up and dug into John's bare shoulders. John pushed him back onto the bed and climbed over him, and tugged at the buttons of his shirt with his clumsy, tingling fingers until Sherlock lost patience and ripped the last two off himself.

John kissed his throat. He kissed his chest, where his hands had been, and took one nipple in his mouth and sucked until Sherlock arched up off the mattress with a startled, helpless moan. He could feel Sherlock's erection pressing hard against his hip through the fabric of his trousers.

"Off," John said. "Get these off."

Sherlock got them off. He was long and pale and flushed all over, his cock hard and leaking against his stomach, and when John wrapped his still-warm hand around it Sherlock made a noise like a man coming up from deep water.

"I don't," Sherlock said, breathless. "I haven't. I mean I have, but not. Not with..."

"Not with me," John said. "I know. Me neither. Not with you." He stroked him slowly, root to tip, watching his face. "Tell me if you want me to stop."

"If you stop," Sherlock said, "I will never forgive you."

John laughed, and kept going. He lay down beside him and let Sherlock pull the towel off him and fumble his own hand around John's cock, inexpert and eager, and they stroked each other in the lamplight, forehead to forehead, breathing each other's breath, until John was hard and aching and Sherlock's hips were jerking helplessly into his fist.

Sherlock came first, with a shout he muffled against John's shoulder, spilling hot over John's fingers. The sight of it, Sherlock Holmes undone and shaking and clinging to him, was too much; John came a moment later with his name in his mouth.

* * *

Afterward they lay in a tangle under the duvet, warm all the way through for the first time all night.

"Your hands," Sherlock murmured, into his hair.

"Fine now." John flexed them against his chest. "Good as new. Your method worked."

"Of course it did." A pause. "We should test it again. Repeatedly. In the interests of science."

"It's not even cold any more."

"It's December," said Sherlock, with great dignity, "in London. It'll be cold again soon."
