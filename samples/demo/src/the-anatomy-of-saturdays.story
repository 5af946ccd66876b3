output: the-anatomy-of-saturdays.epub
style: fanficfare
Title: The Anatomy of Saturdays
Author: paperlantern
Fandom: Sherlock
Genre: Romance, Humor
Characters: Sherlock H., Molly H.
Rating: M
Status: In-Progress
Chapters: 2
Published: 2024-03-09
Updated: 2024-05-04
Summary: Molly Hooper works Saturdays at Bart's. So, it turns out, does Sherlock Holmes, although nobody is paying him to. A slow, ridiculous courtship conducted entirely over dead bodies and bad coffee.
---
## Chapter 1: Saturday, Week One

Molly Hooper had worked Saturdays in the morgue at St Bart's for three years, and in three years she had never once had company.

She liked it that way. Saturdays were quiet. The consultants were at home with their families; the students were at home with their hangovers; the only sound was the hum of the refrigeration units and the radio she kept on the shelf by the sink, tuned to a station that played old jazz. She did her paperwork. She did her post-mortems. She ate her lunch at her desk and did the crossword, and nobody interrupted her at all.

Then, one Saturday in March, Sherlock Holmes started coming in.

He did not ask. He never asked. He simply appeared at ten past nine with two coffees from the machine in the corridor, handed her one, and asked whether she had anything interesting in.

"This is a hospital," Molly said. "Not a... a sweet shop."

"You have a drowning from Thursday. The Thames. Male, thirties. I saw the report." He put the coffee in her hand. It was terrible coffee. He had remembered that she took two sugars, which, she decided, was almost worse. "I'd like to look at his fingernails."

"Why?"

"Because I don't believe he drowned."

He was right. He was usually right. It was very annoying. She let him look at the fingernails, and then at the lungs, and then at the contents of the stomach, which he found fascinating and she found mildly nauseating, and at one o'clock he vanished as abruptly as he had come, leaving his empty coffee cup on her clean steel counter.

She threw it away. She told herself she was glad he'd gone.

The next Saturday, at ten past nine, he came back.

## Chapter 2: Saturday, Week Seven

By the seventh Saturday they had a routine.

He brought the coffee. She brought biscuits, the good ones, because if she had to listen to him explain the decomposition rates of various fabrics for four hours she was at least going to have a chocolate digestive. He read the week's reports while she did her paperwork, and then they worked, side by side at the steel table under the bright lights, and sometimes he talked and sometimes he didn't, and somewhere around the fifth Saturday Molly had realised that the silences were the part she liked best.

On the seventh Saturday, at four in the afternoon, with the jazz on the radio and rain against the high windows, he kissed her.

It was not romantic. He had been leaning over her shoulder to look at a slide under the microscope, and she had turned her head to say something about cell structure, and their faces had been suddenly, startlingly close, and Sherlock Holmes had looked at her for a long, strange, considering moment as if she were a problem he had been working on for weeks and had only just solved. Then he leaned in.

His mouth was warm. He tasted of terrible coffee. Molly dropped the slide.

Later, neither of them could quite remember how they got from the lab to her flat. There was a cab. There was a great deal of kissing in the cab. There was her front door, and her hallway, and her cat staring at them in outrage from the top of the bookcase, and then there was her bedroom, and Sherlock undressing her with the same intense, absorbed, slightly frightening focus he gave to a crime scene, as if every button mattered.

They made love in the grey rainy light of the late afternoon, slowly, and then not slowly at all. He was clumsy, and serious, and surprisingly gentle, and he said her name afterward, in her tangled sheets, as if he had only just learned how it was spelled.

She lay with her head on his bare chest and listened to his heart.

"This is a terrible idea," she said.

"Almost certainly," he agreed.

"It'll be awkward at work."

"I don't work there. I just turn up."

She laughed into his skin. He ran his fingers through her hair, absently, the way he did when he was thinking, and she realised with a jolt that he had been doing it for weeks, to the ends of her plait while she worked, and she had never once noticed.

"Same time next Saturday?" Sherlock said.

"Sherlock," said Molly, "it's Saturday now."

He considered this. "Then I'd better stay," he said, "until it isn't."

To be continued...
