output: letters-from-the-front.docx
Title: Letters From the Front
Author: owlpostmidnight
Fandom: Harry Potter - J. K. Rowling
Rating: Teen And Up Audiences
Archive Warning: No Archive Warnings Apply
Category: F/M
Relationship: Ginny Weasley/Harry Potter
Characters: Ginny Weasley, Harry Potter, Ron Weasley, Hermione Granger
Additional Tags: Epistolary, Deathly Hallows, Canon Divergence, Letters, Pining, Work In Progress
Language: English
Published: 2020-04-11
Updated: 2020-05-23
Chapters: 2/4
Summary: The year Harry is on the run, he writes Ginny letters he can't send. She writes back anyway. An epistolary canon divergence in four parts.
Notes: Written during lockdown, when letters felt like the only thing left. Updates every few weeks.
---
## Chapter 1: The Tent, September

Chapter Notes: Harry's letters are in italics; Ginny's aren't.

_Ginny,_

_I can't send this. I know I can't. Hermione says any owl could be followed and any letter could be read, and she's right, she's always right, it's exhausting. So I'm writing it anyway and I'm going to keep it in the bottom of my bag, with the Snitch, and someday when this is over I'll give you the whole stack and you can laugh at me._

_We're in a forest. I can't tell you which one. It's cold and it rains a lot and Ron snores like a troll with a head cold. Hermione reads. I keep watch and think about your birthday, which I missed, and the kiss, which I didn't, and I'm not sorry about that, whatever your brother says._

_I keep thinking I should have said something better before I left. Something that wasn't "see you." You deserved better than "see you."_

_I'll do better. In the next letter. When I think of it._

_H._

Harry,

I know you can't send them. I'm writing back anyway, because I'm a Weasley and we don't do what we're told, and because if I don't write something down I'm going to hex someone in the Great Hall, and it'll probably be a Carrow, and then I'll be in real trouble.

It's bad here. The Carrows hurt people for fun, and nobody stops them. I won't tell you how bad, because you'd do something stupid about it, and you need to keep doing whatever it is you're doing. Neville and Luna and I are keeping the DA going. We painted a slogan on the wall on the third floor last night. You'd have liked it. Filch nearly had a fit.

"See you" was fine, you idiot. "See you" means you're planning to.

So see me. Bloody hell, Harry, I miss you.

G.

## Chapter 2: The Cottage, April

_Ginny,_

_We got out. I still can't tell you from where. Somewhere bad. We lost a friend there, a small brave one, and I dug the hole with my own hands, without magic, and it took hours, and it was the only thing in months that made any sense._

_I'm at the sea now. Bill and Fleur's. It's so quiet here it feels like a lie. I sit on the cliff at night and look at the water and think about how much I want to see you, and it's like a pain, a real one, right under the ribs._

_I'm so tired, Ginny. I'm so tired of everyone I love getting hurt because of me. I'd give anything to be back at the Burrow, arguing about Quidditch with you on the stairs._

_H._

Harry,

Hogwarts has gone quiet. Too quiet. Everyone's waiting for something. We can all feel it.

Mum says I'm to stay home after Easter. I'm not going to. I'm telling you now so you can't be surprised, later, when I turn up. Because I'm going to turn up, Harry. Wherever you are when it happens, whatever it is, I'll be there.

You don't get to do this alone. You never did. None of us are letting you.

Also, for the record, you're wrong about the Cannons. They're rubbish. They've always been rubbish. We're going to argue about it on the stairs at the Burrow and I'm going to win.

I'm keeping a stack of these too. When this is over we'll trade.

G.

To be continued
