output: a-minor-position.docx
Title: A Minor Position in the British Government
Author: cobaltcrow
Fandom: Sherlock (TV)
Rating: Explicit
Archive Warning: No Archive Warnings Apply
Category: M/M
Relationship: Greg Lestrade/Mycroft Holmes
Characters: Greg Lestrade, Mycroft Holmes
Additional Tags: Established Relationship, Post-The Final Problem, Consensual Sex, Mutual Pining, Bottom Mycroft Holmes, Tenderness
Language: English
Published: 2022-02-12
Updated: 2022-02-12
Chapters: 1/1
Summary: Mycroft Holmes has had a very long week running the country. Greg Lestrade has opinions about that.
Notes: Mystrade exchange gift for a lovely anonymous recipient. Both of them are in their fifties and deserve nice things.
---
Mycroft Holmes arrived at the door of Greg's flat in Kennington at a quarter to midnight on a Friday, with his umbrella furled and his tie still perfectly knotted, and the expression of a man who had spent five days holding up the ceiling of the world with his bare hands.

"I'm sorry," he said. "It's late. I should have telephoned. If you'd rather I..."

"Get in here," said Greg.

He took the umbrella. He took the coat. He took Mycroft's face between his hands and looked at it properly under the hall light: the bruised shadows under the eyes, the tight line of the mouth, the little muscle jumping in the jaw. Five days of crisis meetings. Greg had read about it in the papers, in the careful vague paragraphs that meant somebody somewhere had been very frightened and then had not been, because a tall, tired man in a three-piece suit had quietly made the fear go away.

"Sit," Greg said. "Tea. Then bed. Don't argue."

"I never argue."

"You argue like breathing, love. Sit down."

Mycroft sat. He drank the tea. He let Greg loosen the tie, and then take it off, and then, when Greg knelt in front of the armchair and began to undo his waistcoat, button by careful button, he let out a long, unsteady breath and closed his eyes.

"Gregory," he said. "I'm really rather tired."

"I know. That's the point." Greg pressed a kiss to the inside of his wrist, over the pulse. "You don't have to do anything. Not one thing. You've been doing things all week. Let me."

* * *

In the bedroom Greg undressed him slowly, the way you'd unwrap something fragile you'd waited a long time for. He kissed the freckles on Mycroft's pale shoulders. He kissed down his chest, and licked one nipple until Mycroft's breath caught, and then the other, and felt the long body under him begin, at last, to loosen.

Mycroft was hard when Greg got his trousers off. Greg wrapped a hand around his cock and stroked him, unhurried, watching the tension go out of his face by degrees and something softer and hungrier come into it.

"Please," Mycroft said, very quietly. Nobody else in the world had ever heard Mycroft Holmes say please like that. Greg knew it, and treasured it, and never once used it against him.

"Yeah," he said. "I've got you."

He found the lube in the drawer and took his time. He opened Mycroft up with two slick fingers, slow and patient, kissing his knee, his thigh, his hip, until Mycroft was trembling and pushing back against his hand and saying his name in a voice Greg felt all the way down his spine. Then Greg pushed into him, an inch at a time, and stilled there, buried deep, and they both breathed.

"All right?" Greg murmured.

"Exquisite," said Mycroft, with his eyes shut. "Don't you dare stop."

Greg did not stop. He moved in long, deep, lazy thrusts, and Mycroft met every thrust with a roll of his narrow hips, and it was slow and quiet and very good, the two of them moving together in the dark like the tide. Greg stroked his cock in time with his hips until Mycroft arched and came apart under him with a sound like a man setting down something heavy after a very long road. The feel of him tightening around Greg's cock pulled Greg over a moment later, and he came with his face pressed into Mycroft's neck.

* * *

Afterward Mycroft fell asleep almost at once, sprawled across three-quarters of the bed, which he never did, one hand fisted in Greg's T-shirt as if to make sure he didn't leave.

Greg lay awake a while in the dark and listened to him breathe.

On the bedside table, Mycroft's phone lit up silently: a message, then another, then a third. Greg reached over without looking and turned it face down.

The country could run itself, he thought, for one night. It had managed for a thousand years before the Holmes family. It would manage till morning.
