output: shell-cottage.docx
style: titled
Title: Shell Cottage, Low Tide
Author: thistledown
Fandom: Harry Potter - J. K. Rowling
Rating: Explicit
Archive Warning: No Archive Warnings Apply
Category: F/M
Relationship: Bill Weasley/Fleur Delacour
Characters: Bill Weasley, Fleur Delacour
Additional Tags: Post-War, Married Couple, Scars, Love Confessions, Explicit Sexual Content, Consensual Sex, Seaside
Language: English
Published: 2023-08-05
Updated: 2023-08-05
Chapters: 1/1
Summary: The summer after the war, in the house by the sea, Bill still won't let Fleur see the scars in daylight. Fleur has never been patient about anything.
Notes: For the rarepair summer swap. Bill and Fleur are married adults, very much in love, and this is very much smut.
---
In the mornings at Shell Cottage the tide went out so far that you could walk half a mile across the wet sand and still not reach the water, and Fleur Delacour, who had grown up beside the Mediterranean, where the sea stayed politely where it was put, found it the most outrageous thing she had ever seen.

"It leaves," she said to Bill, the first week. "Every day, it simply leaves. And then it comes back as if nothing happened."

"It does that," Bill agreed. "English sea. No manners."

She loved it anyway. She loved the whole house: the white walls with shells set into them, the salt on the windows, the wind that came in off the water and sang in the chimney at night. She loved waking up in the big bed under the eaves with the grey light coming in and her husband asleep beside her.

She did not love that he still turned away from her when she woke.

It was the scars. She knew that. The werewolf's claws had laid his face open from brow to jaw, and there were more of them, long ridged silver lines down his throat and across his chest, and in the dark he let her touch them, and in the daylight he pulled the sheet up and rolled onto his side and made a joke. Always a joke. Bill Weasley had made jokes at the worst moments for as long as she had known him. It was one of the reasons she had married him. It was, at this moment, extremely annoying.

So on the last morning of July, when he rolled away from her into the light, Fleur put her hand flat on his shoulder and rolled him back.

"No," she said. "Look at me."

"Fleur..."

"I have been patient a whole year. I am French. We are not a patient people. Look at me, Bill."

He looked at her. His eyes were very blue in the ruined face, and very frightened.

She leaned down and kissed the scar at the corner of his mouth. Then the one on his cheek, the one on his brow, the long pale one down his throat, slowly, one after another, in the full morning light, while he lay very still under her and breathed.

"You are beautiful," she said against his skin. "You were beautiful before. You are beautiful now. I did not marry your face, you stupid man. I married you."

He made a sound she had never heard him make. Then his hands came up into her hair and he pulled her down and kissed her, hard, desperate, and rolled her under him on the bed.

* * *

She pulled his shirt off over his head and he let her, for once, in the light. She kissed her way down the silver lines on his chest. He pushed her nightdress up to her waist and kissed the inside of her knee, her thigh, and then he put his mouth on her, and licked her slow and deep, his tongue circling her clit until she was gasping and arching and pulling at his long red hair.

"Bill," she said. "Bill, now. Please."

He knelt up between her spread thighs. She reached down and wrapped her fingers around his cock and guided him, and he pushed inside her in one long, slow stroke, and they both went still for a moment, foreheads together, breathing.

Then he moved. She wrapped her legs around his waist and met every thrust, her nails in his scarred back, the whole bed creaking under them like a ship. The sun came in across the sheets. She watched his face the whole time, every line and every scar, and he let her. He did not look away once.

She came first, shuddering, crying out his name loud enough to frighten the gulls. He followed a moment later, groaning, buried deep inside her, his face pressed into her neck.

* * *

Afterward they lay tangled in the sheets with the window open and listened to the tide come back in.

"See," Fleur said drowsily, tracing a scar along his collarbone with one finger. "It leaves. And then it comes back. Every time."

Bill laughed, low and warm, and pulled her closer, and did not turn away.
