#!/usr/bin/env bash
# First annotation pass of corpus/kaba-officer-account-leaked.txt, made with
# the annotation commands. Kept so the gold file can be re-derived; the
# review pass's fixes are in the later lines.
set -euo pipefail
A=${ATTEST:-.build/debug/attest}
D=kaba-officer-account-leaked
$A new ../shared/seeds/000_dc183e03eda9d334.txt --id $D --annotator attest-team
# Entities
$A entity $D --type ORG --text "Black Lives Matter" --all
$A entity $D --type PERSON --text "Chris Kaba"
$A entity $D --type PERSON --text "Kaba" --all --name "Chris Kaba"
$A entity $D --type ORG --text "Independent Office for Police Conduct"
$A entity $D --type ORG --text "IOPC" --all --name "Independent Office for Police Conduct"
$A entity $D --type LOC --text "London"
$A entity $D --type PERSON --text "Sadiq Khan"
$A entity $D --type PERSON --text "Queen" --name "Queen Elizabeth II"
$A entity $D --type ORG --text "Sun" --name "The Sun"
$A entity $D --type ORG --text "Telegraph" --name "The Telegraph"
$A entity $D --type ORG --text "Metropolitan Police"
# Quotes
$A quote $D --kind indirect --text "A drill rapper whose fatal shooting by police has sparked Black Lives Matter protests drove his car at officers before he was fired on" --speaker-text "reports" --cue-text "claim"
$A quote $D --kind mixed --text "very racist" --speaker-text "his parents" --cue-text "branded"
$A quote $D --kind direct --text "The officer has said he was faced with a lethal weapon as the car was being driven towards him at speed," --speaker-text "an officer reported to have given evidence to the IOPC on the incident" --cue-text "said"
$A quote $D --kind indirect --text "he was faced with a lethal weapon as the car was being driven towards him at speed" --speaker-text "The officer" --cue-text "said"
$A quote $D --kind direct --text "He followed correct training procedures," --speaker-text "the source" --cue-text "added"
$A quote $D --kind direct --text "He could have been killed if he had not fired." --speaker-text "the source" --cue-text "added"
$A quote $D --kind indirect --text "Kaba had attempted to ram his way through the police blocking him in" --speaker-text "Telegraph" --speaker-entity "The Telegraph" --cue-text "reported"
$A quote $D --kind direct --text "There is real anger in the ranks about this. Firearms officers do not get any extra money to carry out their role. They are all volunteers and they are increasingly feeling ‘what is the point of doing this if our bosses do not have our backs’," --speaker-text "a source within the armed command of the Metropolitan Police" --cue-text "told"
$A quote $D --kind direct --text "There is real anger in the ranks about this… This is a decision that has been taken to placate public anger pure and simple," --speaker-text "another officer" --cue-text "complained"
# Second pass (attest show, line by line) found nothing more to add; the file is gold.
$A status $D gold
