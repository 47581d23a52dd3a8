#!/usr/bin/env bash
# First annotation pass of corpus/kaba-family-accuses-met.txt, made with the
# annotation commands.
set -euo pipefail
A=${ATTEST:-.build/debug/attest}
D=kaba-family-accuses-met
$A new ../shared/seeds/001_1dee76762ea07395.txt --id $D --annotator attest-team
# Entities
$A entity $D --type ORG --text "Met Police" --all --name "Metropolitan Police"
$A entity $D --type ORG --text "Met" --all --name "Metropolitan Police"
$A entity $D --type PERSON --text "Chris Kaba"
$A entity $D --type PERSON --text "Kaba" --nth 3 --name "Chris Kaba"
$A entity $D --type PERSON --text "Kaba" --nth 5 --name "Chris Kaba"
$A entity $D --type PERSON --text "Madix" --name "Chris Kaba"
$A entity $D --type PERSON --text "Mad Itch" --name "Chris Kaba"
$A entity $D --type PERSON --text "Chris" --nth 2 --name "Chris Kaba"
$A entity $D --type PERSON --text "Prosper Kaba" --all
$A entity $D --type LOC --text "Streatham Hill"
$A entity $D --type ORG --text "BBC London"
$A entity $D --type LOC --text "London" --all
$A entity $D --type ORG --text "MOBO"
$A entity $D --type ORG --text "67" --name "67 (drill group)"
$A entity $D --type PERSON --text "Alexis Boon"
$A entity $D --type ORG --text "Independent Office for Police Conduct"
$A entity $D --type ORG --text "IOPC" --all --name "Independent Office for Police Conduct"
$A entity $D --type LOC --text "England"
$A entity $D --type LOC --text "Wales"
$A entity $D --type PERSON --text "Siaa-Liane Mathurin"
$A entity $D --type ORG --text "New Park Road Baptist Church"
$A entity $D --type PERSON --text "Sal Naseem"
# Quotes
$A quote $D --kind mixed --text "totally racist and criminal" --nth 1 --speaker-text "Prosper Kaba" --speaker-nth 1 --speaker-entity "Prosper Kaba" --cue-text "claimed"
$A quote $D --kind mixed --text "extremely concerning to the local community" --speaker-text "Met Police" --speaker-nth 2 --speaker-entity "Metropolitan Police" --cue-text "said" --cue-nth 1
$A quote $D --kind direct --text "For us, it is totally racist and criminal and we want all the community, especially the minority community, to see this as a racism case." --speaker-text "Prosper Kaba" --speaker-nth 2 --speaker-entity "Prosper Kaba" --cue-text "said"
$A quote $D --kind direct --text "I understand that this incident is extremely concerning and I would like to reassure the community that the Met is co-operating fully with the Independent Office for Police Conduct (IOPC) as they carry out a thorough and independent investigation." --speaker-text "Alexis Boon" --speaker-entity "Alexis Boon" --cue-text "said"
$A quote $D --kind indirect --text "one shot was fired from a police-issue firearm" --speaker-text "The independent body" --speaker-entity "Independent Office for Police Conduct" --cue-text "confirmed"
$A quote $D --kind indirect --text "they were examining police footage and CCTV from the area, as well as carrying out house-to-house inquiries" --speaker-text "IOPC investigators" --speaker-entity "Independent Office for Police Conduct" --cue-text "said"
$A quote $D --kind indirect --text "there were discussions in the community about organising a vigil" --speaker-text "The pastor of a church that Mr Kaba attended as a child" --speaker-entity "Siaa-Liane Mathurin" --cue-text "said"
$A quote $D --kind direct --text "Chris came to the church when he was little. He was from round here, he lived just over the road." --speaker-text "Siaa-Liane Mathurin" --speaker-entity "Siaa-Liane Mathurin" --cue-text "said"
$A quote $D --kind direct --text "The community is scared. I’ve had young people come to me asking ‘why did they shoot him?’ There are families who didn’t send their kids to school today." --speaker-text "Siaa-Liane Mathurin" --speaker-entity "Siaa-Liane Mathurin" --cue-text "said" --cue-nth 6
$A quote $D --kind direct --text "why did they shoot him?" --speaker-text "young people" --cue-text "asking"
$A quote $D --kind direct --text "When the police use fatal force it is important that there is a robust, independent investigation to establish all of the circumstances surrounding what happened." --speaker-text "Sal Naseem" --speaker-entity "Sal Naseem" --cue-text "said"
$A quote $D --kind direct --text "It is natural that the community wants answers quickly but I would ask that people refrain from speculation that may be unhelpful to all of those affected." --speaker-text "Sal Naseem" --speaker-entity "Sal Naseem" --cue-text "said"
# Second pass (attest show, line by line) found nothing more to add; the file is gold.
$A status $D gold
