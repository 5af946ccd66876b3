output: the-exchange-programme.epub
style: ao3
Title: The Exchange Programme
Author: marginalia
Rating: Teen And Up Audiences
Archive Warning: No Archive Warnings Apply
Category: Gen
Fandom: Buffy the Vampire Slayer, Harry Potter - J. K. Rowling
Relationship: Hermione Granger & Willow Rosenberg
Characters: Willow Rosenberg, Hermione Granger, Rupert Giles, Minerva McGonagall, Ron Weasley
Additional Tags: Crossover, Post-Chosen, Post-War, Friendship, Magic, Libraries, Work In Progress
Language: English
Published: 2021-01-16
Updated: 2021-03-20
Chapters: 3/5
Summary: The new Watchers' Council would like to open diplomatic relations with the British Ministry of Magic. The Ministry sends its brightest researcher. The Council sends Willow. Giles sends his apologies in advance.
Notes: A crossover I've wanted to write for ages. Set in 2004: six years after the Battle of Hogwarts, a year after Sunnydale fell into the ground. Updates roughly monthly.
---
## Chapter 1: Tea at the Ministry

The Ministry of Magic, Willow decided, had clearly been designed by somebody who had never once in their life wanted anybody to find anything.

"It's a toilet," she said. "Giles. We came in through a public toilet."

"Yes, I did mention that."

"You said it was an unusual entrance. You didn't say toilet." She looked back at the row of cubicles, which were now, somehow, behind a wall. "I flushed myself into a government building. I'm going to need a moment."

Giles polished his glasses and looked, for a man who had been an official liaison to the Ministry of Magic for all of nine days, remarkably unsurprised by anything. "Take all the moments you need. We're early."

They were met in the Atrium by a young woman with a great deal of brown hair, a stack of files under one arm and the brisk, slightly harassed air of someone who had been up since five doing something important. She shook Giles's hand firmly, then Willow's.

"Hermione Granger," she said. "Department of Magical Law Enforcement, research division. Well, I am the research division, mostly. You must be Miss Rosenberg. I've read your paper on the resonance of the Hellmouth closure. All of it. Twice."

Willow blinked. "That wasn't published. That was, like, a memo."

"It was circulated," said Hermione, "and I have friends in the Department of Mysteries." She hesitated, and then, in a rush: "Your section on the scythe's activation spell is the most extraordinary piece of magical theory I've read in years. I have forty-one questions. I've written them down."

"Forty-one," said Willow faintly.

"I can cut it to thirty if we're pressed for time."

Willow looked at her. She looked at the files, and the hair, and the ink stain on the second finger of Hermione's right hand, exactly where Willow had one of her own. She felt something warm and familiar open up in her chest, a feeling she hadn't had since the first day she walked into the Sunnydale High library and saw the books.

"No," she said. "No, let's do all forty-one."

Behind them Giles sighed, very quietly, the sigh of a man who could see the next several weeks of his life disappearing into a library, and went to find a cup of tea.

## Chapter 2: The Restricted Section

The library at Hogwarts was, Willow decided, the single most wonderful room she had ever been in, and she had once been inside a library that was also a portal to a hell dimension.

"Don't touch that one," Hermione said, without looking up. "It bites."

Willow took her hand back from the shelf. "Books bite here?"

"Some of them. That one screams, and that one will try to make you read it forever, and that one's just rude." Hermione had her nose in a black-bound book of Goblin law and a pencil behind each ear. "Madam Pince gave us the Restricted Section for a week. I've never been allowed in here without a note before. I feel like a criminal. It's wonderful."

They had been at it for three days. They had filled two notebooks each, broken one quill and eaten an entire tin of biscuits that Professor McGonagall had sent up with a house-elf and a note that said, in a sharp slanted hand, Please remember that this library closes at ten. This means you, Miss Granger.

"Okay," Willow said. "Question thirty-two. Your kind of magic runs through a focus, the wand. Mine doesn't. Mine just sort of... comes up through me, out of the ground, like water. But the scythe spell needed both, and I didn't know that at the time, I just grabbed whatever I could reach. So what if it isn't two different kinds of magic at all? What if it's one kind, and your lot just built a really good tap?"

Hermione put down the Goblin law. She looked at Willow for a long moment with an expression Willow had seen in the mirror a few times: the look of somebody whose whole brain had just lit up at once.

"Oh," she said. "Oh, that's brilliant. That's completely brilliant. Do you know how much trouble that would get us both into?"

"Tons?"

"Tons," Hermione agreed, delighted. "Let's prove it."

## Chapter 3: Ron Brings Dinner

Ron Weasley found them at nine that evening, the two of them cross-legged on the library floor in a drift of paper, arguing about whether ley lines had a grain, like wood.

"Hermione," he said from the doorway. "You said six."

"Did I?" Hermione looked up, pushed her hair out of her face and left an ink stripe across her forehead. "Oh, no. Ron. I'm so sorry."

"It's fine. I figured." He came in carrying a basket that smelled strongly of shepherd's pie, and looked at the paper, and then at Willow, with the cautious friendliness of a man who had met his fiancée's academic enthusiasms before. "You must be the American. Hermione's been talking about you all week. I'm Ron. I'm the one who makes sure she eats."

"Willow. I'm the one who makes sure she doesn't," Willow said, and then felt bad, but Ron laughed, a big easy laugh that filled the whole room.

"Bloody hell, there's two of you," he said. "Harry owes me five Galleons. Budge up, then. There's enough pie for three."

They ate on the floor of the Restricted Section, which was probably against about eleven school rules, while Ron told stories about Hermione at eleven years old correcting a teacher's pronunciation of a levitation spell, and Hermione went pink and threw a crust at him, and Willow laughed until her sides hurt.

It was the first time since Sunnydale, she realised later, walking back down to Hogsmeade in the dark, that she had felt like part of a gang again. Not the gang. A gang. But that was a start.

Giles was waiting up for her at the Three Broomsticks with a cup of tea and a look.

"Well?" he said.

"I think," said Willow, "I've made a friend."

"Oh dear," said Giles, and smiled into his tea. "I was afraid of that."
