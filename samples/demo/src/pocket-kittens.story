output: pocket-fics.zip/kittens-are-not-currency.txt
Title: Kittens Are Not Currency
Author: dawnpatrol
Fandom: Buffy the Vampire Slayer
Rating: General Audiences
Archive Warning: No Archive Warnings Apply
Category: Gen
Relationship: Dawn Summers & Spike
Characters: Dawn Summers, Spike (Buffy the Vampire Slayer), Buffy Summers
Additional Tags: Season/Series 05, Babysitting, Card Games, Humor, Friendship
Language: English
Published: 2007-08-25
Updated: 2007-08-25
Chapters: 1/1
Summary: Spike is supposed to be babysitting. Dawn is supposed to be in bed. Instead there is poker, and the stakes are very small and very fluffy.
Notes: Drabble-ish. Written in one sitting at two in the morning.
---
"I'm not a baby," Dawn said, "so technically this isn't babysitting."

"Technically," said Spike, shuffling, "your sister said if I let you stay up past eleven she'd do something very creative to me with a garden implement. So technically, Bit, it's a hostage situation. Cut the deck."

Dawn cut the deck. They were sitting on the floor of the Summers living room with the coffee table between them and a bag of tortilla chips and the TV on with the sound off, some old black-and-white movie about a ship. It was twenty to one. Buffy was out on patrol and would not be back until three, and Spike had already made Dawn swear on her diary that she would be in bed by half two, with the light off, pretending to snore.

"What are we playing for?" Dawn asked.

Spike looked shifty.

"Normally," he said, "kittens."

Dawn stared at him. "Kittens."

"It's a demon thing. Don't ask."

"I'm asking. Real kittens? Like, meow?"

"They're a currency, all right? In certain establishments. Very stable. Better than the dollar." He dealt her five cards with a flick of the wrist. "Nobody eats them, before you look at me like that. It's all very civilised. People just sort of... hand them round. And then someone takes them home and they get fat and spoiled and live to be twenty."

Dawn considered this. It was, she decided, the single best thing she had ever heard.

"Okay," she said. "Kittens."

"We haven't got any kittens."

"Imaginary kittens. I'll bet you three imaginary kittens."

Spike looked at her over the top of his cards. For a moment she thought he was going to laugh at her. Then his mouth twitched, and he put down three tortilla chips in the middle of the table, with great solemnity, one at a time.

"Three kittens," he said. "I'll see you, and I'll raise you a tabby."

* * *

By two o'clock Dawn had won forty-one imaginary kittens, two imaginary ginger toms and an imaginary Siamese called Duchess, and Spike was out of chips.

"You're cheating," he said.

"I'm not cheating. You're just bad."

"I'm brilliant at this game. I've played this game for a hundred years. I've played against things with six hands."

"And you still can't tell when I'm bluffing." Dawn scooped the pile of chips toward her and began to eat her winnings. "It's because you're nice to me. You want me to win. It's showing."

Spike opened his mouth to argue. Then he shut it again, and looked at her for a long moment with an odd, soft, startled expression, as if nobody had ever accused him of being nice before.

"Don't tell your sister," he said at last.

"That you're nice?"

"That you've got forty-one kittens. She'll make you give them back." He stood up and stretched, and jerked his head at the stairs. "Go on. Bed. I've got a reputation."

Dawn went. At the top of the stairs she stopped and looked back down. Spike was sitting alone on the floor in the blue light of the TV, gathering up the cards, and he was smiling to himself, a small crooked smile he probably didn't know he had.

"Night, Spike," she called.

"Night, Bit. Mind the kittens."

She fell asleep counting them.
