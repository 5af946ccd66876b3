output: what-the-scythe-remembers.epub
style: ao3
Title: What the Scythe Remembers
Author: saltlines
Rating: Mature
Archive Warning: Graphic Depictions Of Violence, Major Character Death
Category: Gen
Fandom: Buffy the Vampire Slayer
Relationship: Buffy Summers & Faith Lehane
Characters: Buffy Summers, Faith Lehane, Rupert Giles
Additional Tags: Post-Chosen, Slayer Sisters, Character Death, Grief/Mourning, Angst, Canon-Typical Violence
Language: English
Published: 2019-10-31
Updated: 2019-11-07
Chapters: 2/2
Summary: Rome, four years after Sunnydale. Two Slayers go into the catacombs. One comes out. The scythe remembers both of them.
Notes: Please mind the warnings. Faith deserved better, and so does this fandom, but sometimes the story goes where it goes.
End Notes: Thank you for reading. I'm sorry. Go read something with a happy ending next; I recommend my other Buffy/Faith fic.
---
## Chapter 1: The Catacombs
Chapter Notes: Graphic violence in this chapter.

The thing under the Via Appia had been asleep for eleven hundred years, and it woke up hungry.

Buffy heard it before she saw it: a wet, grinding, enormous sound, like a millstone turning in a river, coming up out of the dark below the catacombs. Beside her Faith clicked her tongue and rolled her shoulders and grinned the grin that Buffy had known for nine years and still could not decide whether she loved or hated.

"Big one," Faith said.

"Big one," Buffy agreed.

"Dibs."

"You can't call dibs on an apocalypse."

"Watch me, B."

It came up out of the shaft at the end of the tunnel in a spill of bones and dust, and it was big, bigger than anything they had fought since the Hellmouth closed. It had a body like a slug the size of a bus and a ring of jointed arms around its head, each one ending in a hooked claw as long as a sword, and it had a mouth, and the mouth was full of teeth, and the teeth were full of things Buffy did not want to look at too closely.

Faith went in first. She always did.

She went in low and fast, the way Buffy had taught her on a rooftop in Sunnydale a hundred years ago, and took the first arm off at the joint with a single stroke of the axe. Black ichor sprayed across the tunnel walls. The thing screamed, a sound so loud that dust came down from the ceiling, and another arm came round and caught Faith across the chest and threw her into the wall.

Buffy heard bones snap. She went in after her with the scythe.

It was a long fight. It was the longest fight of her life. She remembered afterward only pieces of it: the stink of the thing, the scythe biting deep into grey flesh that tore open like wet paper, the sound Faith made when she got back up. Faith got back up. Of course Faith got back up, with blood pouring from her mouth and one arm hanging wrong, and she laughed, and went in again, and together they drove it back down into the shaft it had come out of.

At the very end, when it was nearly done, one last claw came up out of the dark.

Buffy did not see it. Faith did.

Faith threw herself in front of her. The claw went through her. Buffy saw it come out of her back, red to the hilt, and saw Faith's face go very surprised, as if someone had told her a joke she didn't get, and then Buffy was screaming and swinging the scythe and the claw was severed and the thing was falling, falling, down into the dark, and Faith was falling too, into her arms.

## Chapter 2: After

Faith died in the tunnel under the Via Appia at twenty past three in the morning, with her head in Buffy's lap.

It did not take long. Buffy was grateful for that, later; she hated herself for being grateful, and she was grateful anyway. Faith's blood soaked into her jeans, warm and then cold. Faith looked up at her in the light of the dropped torch and her eyes were very dark and very clear.

"Did we get it?" Faith said.

"We got it."

"Five by five." Faith's mouth twitched. "Told you. Dibs."

"Don't," Buffy said. "Don't you dare. You don't get to be funny right now."

"Gotta be funny." Faith's hand found hers and gripped it, hard, then less hard. "Hey. B. You're gonna do the speech, right? At the thing. Don't make it sappy."

"I'm going to make it so sappy," Buffy said. "I'm going to make everyone cry. I'm going to get Giles to read a poem."

Faith laughed. It turned into a cough, and the cough brought up blood, and then she was still. Buffy sat in the dark for a long time after, holding her hand, and did not let go.

* * *

They buried her in Cleveland, because Faith had once said, drunk, on a roof, that Cleveland was the only place she'd ever felt like she belonged to anything. Giles did read a poem. Buffy made it sappy. Everyone cried.

Afterward she went home and cleaned the scythe. She did it slowly, the way Giles had taught her: the blade, the stake at the other end, the long red handle with all its old scratches and dents. Some of the dents were Faith's. Buffy knew exactly which ones. She ran her thumb over them, one by one.

The scythe remembered every Slayer who had ever held it. That was the legend, anyway. Buffy had never believed it much.

She believed it now.
