#!/usr/bin/env bash
# First annotation pass of corpus/met-firearms-officers-protest.txt, made with
# the annotation commands.
set -euo pipefail
A=${ATTEST:-.build/debug/attest}
D=met-firearms-officers-protest
$A new ../shared/seeds/002_caded7c58cdca08a.txt --id $D --annotator attest-team
# Entities
$A entity $D --type ORG --text "Met Police" --name "Metropolitan Police"
$A entity $D --type ORG --text "Met" --all --name "Metropolitan Police"
$A entity $D --type PERSON --text "Chris Kaba" --all
$A entity $D --type PERSON --text "Kaba" --all --name "Chris Kaba"
$A entity $D --type ORG --text "PA Media" --all
$A entity $D --type PERSON --text "NX121"
$A entity $D --type LOC --text "Streatham"
$A entity $D --type ORG --text "Sky News" --all
$A entity $D --type PERSON --text "Mark Rowley"
$A entity $D --type PERSON --text "Mark" --all --name "Mark Rowley"
$A entity $D --type LOC --text "London" --all
$A entity $D --type LOC --text "Houses of Parliament"
# Quotes
$A quote $D --kind mixed --text "plan mass downing of guns"
$A quote $D --kind indirect --text "While the officer is currently anonymous, officers are considering a protest if they are named" --speaker-text "Sky News" --speaker-entity "Sky News" --cue-text "reported"
$A quote $D --kind indirect --text "his colleagues could hand in their weapons if this happens" --speaker-text "A serving firearms officer who spoke to the broadcaster" --cue-text "said"
$A quote $D --kind direct --text "The anonymity hearing will determine what happens. If he loses his anonymity, then serious questions will be asked," --speaker-text "he" --cue-text "said"
$A quote $D --kind direct --text "I haven’t handed my firearm in yet, but I would if that happens - and there are many others that would do the same." --speaker-text "he" --speaker-nth 2 --cue-text "said" --cue-nth 2
$A quote $D --kind indirect --text "Two other firearms officers also confirmed the potential protest" --speaker-text "Sky News" --speaker-entity "Sky News" --cue-text "reported"
$A quote $D --kind mixed --text "significantly less than normal" --nth 1 --speaker-text "Mark Rowley" --speaker-entity "Mark Rowley" --cue-text "said"
$A quote $D --kind direct --text "Over the weekend, it had a very significant effect on our capability. We’re now in a position where the numbers are strengthening." --speaker-text "he" --speaker-entity "Mark Rowley" --cue-text "said"
$A quote $D --kind direct --text "We can provide credible firearms cover for London, but I must be honest, it’s still significantly less than normal which will create some difficult choices." --speaker-text "he" --speaker-nth 3 --speaker-entity "Mark Rowley" --cue-text "said" --cue-nth 4
$A quote $D --kind indirect --text "the number who had stepped back from their duties had varied across the three areas" --speaker-text "Mark" --speaker-nth 2 --speaker-entity "Mark Rowley" --cue-text "said"
$A quote $D --kind indirect --text "it no longer needed military assistance after a number of officers decided to return to their duties" --speaker-text "Met" --speaker-nth 5 --speaker-entity "Metropolitan Police" --cue-text "said"
$A quote $D --kind mixed --text "extremely anxious" --speaker-text "Mark" --speaker-nth 3 --speaker-entity "Mark Rowley" --cue-text "said"
# Second pass (attest show, line by line) found nothing more to add; the file is gold.
$A status $D gold
