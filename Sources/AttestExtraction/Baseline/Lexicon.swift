import AttestCorpus

/// The baseline's small built-in lexicon: cue words for types and speech,
/// none of them a name from the corpus.
enum Lexicon {
    /// Titles and honorifics: the name after them is a PERSON; they stay outside the span.
    static let honorifics: Set<String> = [
        "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Reverend",
        "Father", "Bishop",
        "Archbishop", "Pastor", "Imam", "Rabbi", "Commander", "Commissioner", "Superintendent", "Inspector", "Sergeant",
        "Constable",
        "Detective", "Officer", "Chief", "Captain", "Colonel", "General", "Major", "Lieutenant", "Judge", "Justice",
        "President",
        "Prime", "Minister", "Senator", "Governor", "Mayor", "Councillor", "Cllr", "MP", "King", "Prince", "Princess",
        "Duke", "Duchess",
    ]

    /// Common given names (none from the corpus): a capitalised pair that starts with one is a PERSON.
    static let givenNames: Set<String> = [
        "John", "James", "David", "Michael", "Robert", "William", "Richard", "Thomas", "Daniel", "Paul", "Steven",
        "Andrew", "Peter",
        "George", "Edward", "Charles", "Joseph", "Simon", "Matthew", "Anthony", "Mohammed", "Muhammad", "Ali", "Ahmed",
        "Omar", "Hassan",
        "Jane", "Mary", "Sarah", "Emma", "Laura", "Anna", "Elizabeth", "Catherine", "Helen", "Susan", "Rachel",
        "Sophie", "Emily", "Lucy",
        "Hannah", "Olivia", "Grace", "Fatima", "Aisha", "Priya", "Maria", "Ana", "Jose", "Juan", "Carlos", "Luis",
        "Pierre", "Jean",
        "Hans", "Ivan", "Olga", "Wei", "Li", "Kenji", "Yuki", "Kwame", "Amara", "Chloe", "Jessica", "Rebecca", "Claire",
        "Nicola",
        "Boris", "Keir", "Rishi", "Liz", "Theresa", "Joe", "Donald", "Barack", "Kamala", "Emmanuel", "Angela", "Olaf",
        "Vladimir",
        "Tom", "Tim", "Ben", "Sam", "Jack", "Harry", "Oliver", "Jacob", "Noah", "Leo", "Max", "Adam", "Mark-Anthony",
        "Ian", "Neil",
        "Gary", "Kevin", "Stephen", "Jonathan", "Patrick", "Sean", "Liam", "Connor", "Kate", "Karen", "Julie", "Alice",
        "Ellie",
    ]

    /// Head words of organisations.
    static let organisationHeads: Set<String> = [
        "Police", "Office", "Council", "Church", "Media", "News", "Party", "Ministry", "Department", "Agency",
        "Commission", "Committee",
        "Company", "Group", "Ltd", "Inc", "Corporation", "Corp", "University", "College", "School", "Board", "Court",
        "Service", "Services",
        "Authority", "Trust", "Foundation", "Association", "Federation", "Union", "Institute", "Bank", "Times", "Post",
        "Herald",
        "Journal", "Gazette", "Press", "Tribune", "Guardian", "Force", "Forces", "Army", "Navy", "Government",
        "Parliament", "Assembly",
        "Network", "Records", "Club", "Society", "Fund", "Alliance", "Campaign", "Organisation", "Organization",
        "Executive", "Unit",
        "Movement", "Awards", "Hospital", "Prison", "Constabulary", "Bureau", "Cabinet", "Senate", "Congress", "FC",
        "Chamber",
    ]

    /// Head words of places.
    static let placeHeads: Set<String> = [
        "Street", "Road", "Hill", "Lane", "Avenue", "Square", "Park", "Bridge", "Green", "Common", "Estate", "Gardens",
        "Place", "Way",
        "Station", "Airport", "River", "Island", "Islands", "Mountain", "Mountains", "Valley", "County", "City", "Town",
        "Village",
        "Heath", "Cross", "Castle", "Palace", "Abbey", "Cathedral", "Tower", "House", "Houses", "Hall", "Centre",
        "Center", "Stadium",
        "Beach", "Bay", "Lake", "Sea", "Ocean", "Coast", "Borough", "District", "Province", "State", "Republic",
        "Kingdom",
    ]

    /// Words that put a place after them.
    static let placePrepositions: Set<String> = [
        "in", "at", "near", "across", "around", "outside", "inside", "throughout", "towards", "via",
    ]
    /// Compass words before a place: "south London".
    static let compass: Set<String> = [
        "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "north-west",
        "north-east", "south-west", "south-east",
    ]

    /// Speech verbs and phrases (the quote cues).
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "tell", "claimed", "claims", "claim", "added", "adds", "confirmed",
        "confirms", "reported",
        "reports", "complained", "warned", "warns", "insisted", "stated", "explained", "asked", "asking", "replied",
        "announced", "denied",
        "admitted", "argued", "suggested", "revealed", "described", "called", "branded", "wrote", "writes", "alleged",
        "acknowledged",
        "noted", "urged", "vowed", "stressed", "declared", "maintained", "believes", "believed", "recalled",
        "continued",
    ]

    /// Verbs that introduce reported speech with a content clause.
    static let reportingVerbs: Set<String> = [
        "said", "says", "told", "claimed", "claims", "claim", "confirmed", "reported", "warned", "insisted", "stated",
        "explained",
        "announced", "denied", "admitted", "argued", "suggested", "revealed", "alleged", "acknowledged", "noted",
        "stressed", "declared",
        "maintained", "believes", "believed", "added",
    ]

    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i"]

    /// Capitalised words that are no names at the start of a sentence (or anywhere).
    static let functionWords: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his",
        "her", "their",
        "our", "my", "your", "there", "here", "while", "when", "where", "what", "who", "which", "why", "how", "if",
        "but", "and", "or",
        "so", "as", "at", "in", "on", "of", "for", "from", "to", "by", "with", "after", "before", "since", "until",
        "although", "though",
        "because", "speaking", "according", "also", "however", "meanwhile", "one", "two", "three", "some", "many",
        "most", "all", "no",
        "not", "both", "each", "every", "other", "another", "such", "only", "just", "even", "still", "yet", "now",
        "then", "today",
        "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms",
        "dr", "sir", "photo", "image", "picture", "read", "more", "watch",
        "update", "breaking", "exclusive", "live", "video", "said", "do", "does", "did", "is", "are", "was", "were",
        "be", "have", "has",
        "had", "will", "would", "could", "should", "can", "may", "might", "must", "over", "under", "during", "about",
        "against", "between",
        "into", "through", "without", "within", "yes", "well", "oh", "like", "let", "please", "thank", "thanks",
        "despite", "following",
        "earlier", "later", "last", "next", "first", "second", "third", "former", "young", "old", "ex",
    ]

    /// Connectors allowed inside a name between capitalised words: "Office for Police Conduct", "Houses of Parliament".
    static let nameConnectors: Set<String> = [
        "of", "for", "de", "la", "van", "von", "da", "del", "du", "bin", "al", "&",
    ]
}
