output: pocket-fics.zip/a-consulting-scone.txt
Title: A Consulting Scone
Author: lanternfish
Rating: G
Published: 2014-12-13
---
It was a Sunday, it was raining, and there had not been a decent murder in London for nine days, and so Mrs. Hudson did what she always did when her lodger began shooting the wallpaper. She went upstairs with a mixing bowl.

"Up," she said. "Up you get. You're going to make scones."

Sherlock Holmes was lying on the sofa at 221B in his dressing gown, with his eyes shut and his hands steepled under his chin. He did not open his eyes.

"I don't bake."

"You do chemistry, don't you? Baking is chemistry. It's just chemistry you can eat." She put the bowl down on his stomach. "Flour, butter, sugar, milk, a pinch of salt. If you can make whatever it was you made in my kitchen last Tuesday that took the paint off the ceiling, you can make a scone."

He opened one eye and looked at the bowl. Then at her. Then, with enormous reluctance, as though it were being dragged out of him with pliers, he sat up.

* * *

He was, it turned out, very good at the measuring and very bad at everything else.

He weighed the flour to a tenth of a gram. He cut the butter into perfect cubes with one of his scalpels, which she made him wash first. He read the recipe card four times and then told her, with some contempt, that her grandmother had got the proportion of raising agent wrong and he could prove it. Then he rubbed the butter into the flour so hard and so fast and with such intense concentration that the whole kitchen turned white.

"Gently," Mrs. Hudson said. "Gently, Sherlock. It's not a suspect."

"It's resisting."

"It's flour, love. It doesn't resist. You've just got to have a light touch."

"I have an extremely light touch. I play the violin." But he slowed down. She watched his long fingers working in the bowl, carefully now, the way she had once seen them working at a knot in a piece of evidence for three whole hours, and thought, not for the first time, what an odd, lonely, clever boy he was, and how little anybody had ever taught him about the easy things.

They went in the oven at four. They came out at a quarter past, golden and high and only slightly lopsided.

Sherlock looked at them as if they were the solution to a cipher.

"Well?" said Mrs. Hudson.

He picked one up, broke it open and ate half of it in a single bite, standing at the counter in his floury dressing gown.

"Adequate," he said, with his mouth full.

"Adequate, he says."

"More than adequate." He took another one. "The raising agent was definitely wrong. I'll write to your grandmother."

"She's been gone thirty years, dear."

"Then I'll write to her recipe card." He was already reaching for a third. "Same time next Sunday?"

Mrs. Hudson smiled, and put the kettle on, and did not point out that it had stopped raining an hour ago, and that he had not once looked at the wallpaper.
