package quotes

import "strings"

// cueBases are reporting verbs; their inflections are generated.
var cueBases = []string{
	"say", "tell", "add", "warn", "insist", "write", "tweet", "state", "explain", "argue",
	"note", "ask", "claim", "declare", "reply", "continue", "recall", "call", "describe",
	"report", "threaten", "accuse", "announce", "acknowledge", "admit", "respond", "conclude",
	"pledge", "promise", "vow", "predict", "suggest", "urge", "complain", "charge", "contend",
	"observe", "remark", "quip", "joke", "boast", "concede", "counter", "emphasize", "emphasise",
	"stress", "assert", "maintain", "deny", "caution", "demand", "blast", "slam", "criticize",
	"criticise", "label", "dub", "term", "mock", "praise", "post", "read", "sing", "cite",
	"chant", "shout", "yell", "scream", "whisper", "plead", "lament", "reveal", "confirm",
	"recount", "testify", "wonder", "question", "brand", "decry", "denounce", "condemn",
	"allege", "affirm", "assure", "announce", "proclaim", "retort", "snap", "scoff", "sneer",
	"exclaim", "muse", "opine", "reason", "speculate", "surmise", "interject", "interrupt",
	"elaborate", "clarify", "comment", "mention", "repeat", "reiterate", "tout", "hail",
	"pointed", "point", "refer", "characterize", "characterise", "promise", "signal",
	"acknowledge", "encourage", "tell", "quote", "vow", "swear", "agree", "disagree",
	"highlight", "underscore", "insist", "lash", "fire", "hit", "rip", "attack", "urge",
	"email", "text", "message", "wrote", "estimate", "predict", "forecast",
	"bark", "holler", "gush", "rave", "chide", "scold", "taunt", "concur", "marvel", "howl",
	"liken", "compare", "rate", "rule", "deride", "dismiss", "cry",
}

var cueIrregular = []string{
	"said", "says", "saying", "told", "tells", "telling", "wrote", "written", "writes", "writing",
	"read", "reads", "reading", "sang", "sung", "sings", "singing", "swore", "sworn", "hit", "hits",
	"spoke", "spoken", "put",
}

var cueSet = buildCues()

func buildCues() map[string]bool {
	m := map[string]bool{}
	for _, w := range cueIrregular {
		m[w] = true
	}
	for _, b := range cueBases {
		m[b] = true
		switch {
		case strings.HasSuffix(b, "e"):
			m[b+"s"] = true
			m[b+"d"] = true
			m[b[:len(b)-1]+"ing"] = true
		case strings.HasSuffix(b, "y") && !strings.HasSuffix(b, "ay") && !strings.HasSuffix(b, "ey"):
			m[b[:len(b)-1]+"ies"] = true
			m[b[:len(b)-1]+"ied"] = true
			m[b+"ing"] = true
		case strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "ss") || strings.HasSuffix(b, "x"):
			m[b+"es"] = true
			m[b+"ed"] = true
			m[b+"ing"] = true
		default:
			m[b+"s"] = true
			m[b+"ed"] = true
			m[b+"ing"] = true
		}
	}
	// doubled consonants
	for _, w := range []string{"admitted", "admitting", "quipped", "quipping", "snapped", "snapping", "dubbed", "dubbing", "labelled", "labelling", "ripped", "ripping", "slammed", "slamming", "hitting", "regretted"} {
		m[w] = true
	}
	// too ambiguous on their own
	for _, w := range []string{"fire", "fires", "fired", "firing", "hit", "hits", "hitting", "text", "texts", "term", "terms", "state", "states", "post", "posts", "question", "point", "points", "reason", "reasons", "message", "put", "comment", "comments", "report", "reports", "read", "reading", "charge", "charges", "counter", "signal", "signals", "quote", "quotes", "attack", "attacks", "email", "emails", "refer", "refers", "referring", "referred", "reading", "agree", "agrees", "agreed", "disagree", "disagrees", "disagreed", "spoke", "spoken", "demand", "demands", "call", "calls", "label", "labels", "brand", "brands", "promise", "promises", "term", "speculate", "mention", "repeat", "maintain", "continue", "note", "notes", "claims", "estimate", "estimates", "forecast", "forecasts", "joke", "jokes", "hail", "tout"} {
		delete(m, w)
	}
	for _, w := range []string{"rate", "rating", "rule", "ruling", "compare", "comparing", "cry", "crying", "cries", "dismiss", "dismissing", "rave", "raves", "raving", "liken", "likening", "rules", "rates"} {
		delete(m, w)
	}
	m["reports"] = true
	m["reported"] = true
	m["read"] = true
	m["posted"] = true
	m["answered"] = true
	m["fumed"] = true
	m["pressed"] = true
	m["stated"] = true
	m["called"] = true
	m["calls"] = true
	m["calling"] = true
	m["claims"] = true
	m["notes"] = true
	m["quoted"] = true
	m["commented"] = true
	m["labeled"] = true
	m["labelled"] = true
	m["branded"] = true
	m["promised"] = true
	m["denied"] = true
	m["demanded"] = true
	m["emailed"] = true
	m["texted"] = true
	m["agreed"] = true
	m["mentioned"] = true
	m["repeated"] = true
	m["maintained"] = true
	m["continued"] = true
	m["continues"] = true
	return m
}

// nounCues are cue forms that are often nouns ("his tweets", "her claims").
var nounCues = map[string]bool{
	"tweets": true, "tweet": true, "claims": true, "calls": true, "reports": true, "notes": true,
	"posts": true, "comments": true, "remarks": true, "pledges": true, "promises": true,
	"demands": true, "warnings": true, "answers": true, "questions": true, "writes": false,
	"tweeted": false, "posted": false, "quotes": true, "statements": true, "charges": true,
}

// weak cues attribute only when nothing better is near.
var weakCue = map[string]bool{
	"called": true, "calls": true, "calling": true, "described": true, "describes": true, "describing": true,
	"labeled": true, "labelled": true, "branded": true, "dubbed": true, "termed": true,
	"likened": true, "likens": true, "compared": true, "compares": true, "rated": true, "rates": true,
	"ruled": true, "rules": true, "derided": true, "dismissed": true, "dismisses": true,
}

var pronouns = map[string]string{
	"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "x", "you": "x",
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "one": true, "another": true, "this": true, "these": true, "those": true,
	"some": true, "several": true, "many": true, "other": true, "two": true, "three": true, "both": true,
	"each": true, "every": true, "most": true, "your": true,
}

// skipWords may stand between a subject and its reporting verb.
var skipWords = map[string]bool{
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true, "be": true,
	"been": true, "also": true, "later": true, "then": true, "again": true, "once": true, "further": true,
	"just": true, "even": true, "already": true, "never": true, "often": true, "would": true, "will": true,
	"could": true, "can": true, "did": true, "does": true, "do": true, "not": true, "first": true,
	"still": true, "long": true, "since": true, "had.": true, "may": true, "might": true, "should": true,
	"must": true, "all": true, "both": true, "himself": true, "herself": true, "themselves": true,
	"itself": true, "too": true, "only": true, "last": true, "yesterday": true, "today": true,
	"tonight": true, "soon": true, "now": true, "ago": true, "previously": true, "simply": true,
	"being": true, "going": true,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "week": true, "month": true, "year": true, "night": true, "morning": true,
	"afternoon": true, "evening": true, "weekend": true,
}

// stopWords end a noun phrase.
var stopWords = map[string]bool{
	"that": true, "and": true, "but": true, "or": true, "which": true, "who": true, "whom": true,
	"whose": true, "as": true, "because": true, "when": true, "while": true, "with": true, "in": true,
	"on": true, "at": true, "by": true, "for": true, "from": true, "to": true, "of": true, "if": true,
	"than": true, "so": true, "after": true, "before": true, "about": true, "into": true, "over": true,
	"under": true, "during": true, "since": true, "where": true, "what": true, "why": true, "how": true,
	"not": true, "no": true, "there": true, "here": true, "then": true, "however": true, "meanwhile": true,
	"also": true, "yet": true, "still": true, "although": true, "though": true, "whether": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "has": true, "have": true,
	"had": true, "do": true, "does": true, "did": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "may": true, "might": true, "must": true, "this": true, "it": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "you": true, "him": true, "them": true,
	"us": true, "me": true, "said": true, "says": true, "told": true, "like": true, "unlike": true,
	"even": true, "just": true, "only": true, "through": true, "against": true, "without": true,
	"between": true, "among": true, "amid": true, "despite": true, "until": true, "upon": true,
	"toward": true, "towards": true, "up": true, "down": true, "out": true, "off": true, "now": true,
	"earlier": true, "later": true, "again": true, "once": true, "both": true, "either": true,
	"neither": true, "nor": true, "all": true, "any": true, "every": true, "each": true, "too": true,
	"very": true, "more": true, "most": true, "less": true, "least": true, "much": true, "such": true,
	"own": true, "same": true, "other": true, "some": true, "these": true, "those": true, "its": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "your": true, "an": true,
	"a": true, "the": true, "well": true, "according": true, "dear": true, "oh": true, "yes": true,
	"thanks": true, "please": true, "speaking": true, "asked": true, "following": true, "within": true,
}

// titleWords are parts of a role, not of a name.
var titleWords = map[string]bool{
	"president": true, "vice": true, "secretary": true, "minister": true, "prime": true, "deputy": true,
	"foreign": true, "state": true, "senator": true, "sen": true, "sen.": true, "rep": true, "rep.": true,
	"gov": true, "gov.": true, "governor": true, "mayor": true, "chairman": true, "chairwoman": true,
	"chair": true, "director": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"representative": true, "congressman": true, "congresswoman": true, "leader": true, "speaker": true,
	"general": true, "gen": true, "gen.": true, "attorney": true, "press": true, "chief": true,
	"executive": true, "officer": true, "ambassador": true, "former": true, "candidate": true,
	"nominee": true, "presidential": true, "democratic": true, "republican": true, "democrat": true,
	"libertarian": true, "independent": true, "adviser": true, "advisor": true, "aide": true,
	"manager": true, "campaign": true, "strategist": true, "analyst": true, "host": true, "anchor": true,
	"correspondent": true, "reporter": true, "editor": true, "founder": true, "co-founder": true,
	"commissioner": true, "official": true, "minority": true, "majority": true, "whip": true,
	"judge": true, "justice": true, "sheriff": true, "chancellor": true, "king": true, "queen": true,
	"prince": true, "princess": true, "pope": true, "rev": true, "rev.": true, "reverend": true,
	"bishop": true, "professor": true, "prof": true, "prof.": true, "lt": true, "lt.": true, "col": true,
	"col.": true, "capt": true, "capt.": true, "sgt": true, "sgt.": true, "adm": true, "adm.": true,
	"lawmaker": true, "member": true, "members": true, "house": true, "white": true, "head": true,
	"ceo": true, "cfo": true, "gop": true, "dem": true, "u.s.": true, "us": true, "uk": true, "u.n.": true,
	"national": true, "federal": true, "assistant": true, "associate": true, "senior": true,
	"acting": true, "interim": true, "then-": true, "lady": true, "first": true, "defense": true,
	"defence": true, "homeland": true, "security": true, "treasury": true, "health": true,
	"commerce": true, "labor": true, "labour": true, "energy": true, "justice.": true, "secretary-general": true,
	"economic": true, "chancellor.": true, "coach": true, "manager.": true, "captain": true, "boss": true,
	"striker": true, "midfielder": true, "defender": true, "goalkeeper": true, "star": true, "player": true,
	"actor": true, "actress": true, "singer": true, "comedian": true, "writer": true, "author": true,
	"economist": true, "expert": true, "lawyer": true, "spokesmen": true, "counsel": true, "dr": true,
	"dr.": true, "mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "miss": true,
	"sir": true, "dame": true, "lord": true, "baroness": true, "mp": true, "mep": true, "msp": true,
	"am": true, "tory": true, "labour's": true, "conservative": true, "liberal": true, "shadow": true,
	"home": true, "office": true, "trade": true, "culture": true, "education": true, "environment": true,
	"transport": true, "business": true, "finance": true, "economy": true, "war": true, "council": true,
	"committee": true, "party": true, "intelligence": true, "military": true, "army": true, "navy": true,
	"boss.": true, "ex-": true, "chief.": true, "leader.": true, "russian": true, "american": true,
	"british": true, "chinese": true, "french": true, "german": true, "israeli": true, "iranian": true,
	"ukrainian": true, "european": true, "del": true, "del.": true, "sens.": true, "reps.": true, "assemblyman": true,
	"assemblywoman": true, "councilman": true, "councilwoman": true, "delegate": true, "rep.-elect": true,
	// police and military ranks
	"inspector": true, "insp": true, "insp.": true, "sergeant": true, "detective": true, "det": true,
	"det.": true, "constable": true, "superintendent": true, "supt": true, "supt.": true, "corporal": true,
	"marshal": true, "admiral": true, "commander": true, "cmdr": true, "cmdr.": true,
}

var honorifics = map[string]string{
	"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
	"dame": "f", "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f",
	"baroness": "f", "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f",
	"chairman": "", "chairwoman": "f", "actress": "f",
}

// abbreviations whose period does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "lt": true,
	"gen": true, "col": true, "capt": true, "sgt": true, "st": true, "jr": true, "sr": true, "prof": true,
	"rev": true, "adm": true, "maj": true, "cpl": true, "pvt": true, "mt": true, "ft": true, "no": true,
	"vs": true, "v": true, "inc": true, "co": true, "corp": true, "ltd": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "gop": false, "pres": true, "supt": true, "insp": true, "det": true,
	"messrs": true, "hon": true, "atty": true, "asst": true, "assoc": true, "dept": true, "est": true,
	"approx": true, "etc": false, "al": true, "del": true, "assemblyman": false, "sens": true, "reps": true, "govs": true,
}

// orgWords mark a name as an organisation's.
var orgWords = map[string]bool{
	"times": true, "post": true, "news": true, "journal": true, "press": true, "herald": true,
	"tribune": true, "guardian": true, "telegraph": true, "reuters": true, "ministry": true,
	"department": true, "committee": true, "campaign": true, "party": true, "council": true,
	"agency": true, "commission": true, "office": true, "administration": true, "government": true,
	"kremlin": true, "pentagon": true, "congress": true, "senate": true, "parliament": true,
	"court": true, "bank": true, "association": true, "union": true, "institute": true,
	"foundation": true, "center": true, "centre": true, "university": true, "college": true,
	"school": true, "group": true, "company": true, "corporation": true, "inc": true, "inc.": true,
	"ltd": true, "corp": true, "corp.": true, "network": true, "television": true, "radio": true,
	"magazine": true, "review": true, "report": true, "fund": true, "board": true, "service": true,
	"police": true, "army": true, "navy": true, "federation": true, "league": true, "club": true,
	"bureau": true, "authority": true, "organization": true, "organisation": true, "alliance": true,
	"coalition": true, "cnn": true, "bbc": true, "fbi": true, "cia": true, "nato": true, "abc": true,
	"cbs": true, "nbc": true, "msnbc": true, "afp": true, "ap": true, "politifact": true, "gop": true,
	"daily": true, "weekly": true, "monitor": true, "observer": true, "examiner": true, "gazette": true,
	"chronicle": true, "standard": true, "mail": true, "express": true, "mirror": true, "sun": true,
	"economist": true, "atlantic": true, "politico": true, "axios": true, "breitbart": true,
	"bloomberg": true, "fox": true, "twitter": true, "facebook": true, "google": true, "microsoft": true,
	"apple": true, "amazon": true, "house": true, "state": true, "states": true, "nations": true,
	"republic": true, "kingdom": true, "ministry.": true, "team": true, "firm": true, "industry": true,
	"uefa": true, "fifa": true, "fa": true, "ofcom": true, "opec": true, "imf": true, "un": true,
	"eu": true, "who": true, "wto": true, "sec": true, "doj": true, "dnc": true, "rnc": true,
	"capital": true, "shipping": true, "holdings": true, "partners": true, "cooperative": true,
	"co-operative": true, "airlines": true, "airways": true, "insurance": true, "securities": true,
	"ventures": true, "technologies": true,
}

// countries and similar single-word organisations.
var countryWords = map[string]bool{
	"russia": true, "ukraine": true, "china": true, "america": true, "britain": true, "france": true,
	"germany": true, "iran": true, "iraq": true, "israel": true, "syria": true, "japan": true,
	"india": true, "pakistan": true, "turkey": true, "moscow": true, "washington": true,
	"beijing": true, "london": true, "paris": true, "berlin": true, "tehran": true, "kyiv": true,
	"kiev": true, "brussels": true, "canada": true, "mexico": true, "brazil": true, "italy": true,
	"spain": true, "poland": true, "egypt": true, "europe": true, "korea": true, "pyongyang": true,
	"seoul": true, "tokyo": true, "sudan": true, "arabia": true, "ankara": true, "nato": true, "australia": true, "afghanistan": true,
	"venezuela": true, "cuba": true, "ireland": true, "scotland": true, "wales": true, "england": true,
	"libya": true, "saudi": true, "qatar": true, "yemen": true, "lebanon": true, "jordan": false,
	"belarus": true, "greece": true, "sweden": true, "norway": true, "finland": true, "denmark": true,
	"netherlands": true, "belgium": true, "austria": true, "switzerland": true, "hungary": true,
	"alabama": true, "alaska": true, "arizona": true, "arkansas": true, "california": true,
	"colorado": true, "connecticut": true, "delaware": true, "florida": true, "georgia": true,
	"hawaii": true, "idaho": true, "illinois": true, "indiana": true, "iowa": true, "kansas": true,
	"kentucky": true, "louisiana": true, "maine": true, "maryland": true, "massachusetts": true,
	"michigan": true, "minnesota": true, "mississippi": true, "missouri": true, "montana": true,
	"nebraska": true, "nevada": true, "hampshire": true, "jersey": true,
	"york": true, "carolina": true, "dakota": true, "ohio": true, "oklahoma": true, "oregon": true,
	"pennsylvania": true, "rhode": true, "tennessee": true, "texas": true, "utah": true,
	"vermont": true, "virginia": true, "wisconsin": true, "wyoming": true, "chicago": true,
	"westminster": true, "whitehall": true, "downing": true, "hollywood": true, "taiwan": true,
}

// The world's countries and large places, one-word names (or the last word
// of one: "Sri Lanka", "El Salvador"), so that a he or she never stands for
// one and a country is never listed as a person.
var moreCountries = toSet(`albania algeria andorra angola antigua argentina armenia azerbaijan bahamas
bahrain bangladesh barbados belize benin bhutan bolivia bosnia botswana brunei bulgaria burkina burundi
cambodia cameroon chad chile colombia comoros congo croatia cyprus czechoslovakia czechia djibouti dominica
ecuador salvador eritrea estonia eswatini ethiopia fiji gabon gambia ghana grenada guatemala guinea guyana
haiti honduras iceland indonesia jamaica kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
lesotho liberia liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
mauritania mauritius micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia
nauru nepal nicaragua niger nigeria macedonia oman palau palestine panama paraguay peru philippines
portugal romania rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia lanka
suriname tajikistan tanzania thailand togo tonga trinidad tunisia turkmenistan tuvalu uganda uruguay
uzbekistan vanuatu vatican vietnam zambia zimbabwe rhodesia zaire ussr yugoslavia soviet
tokyo manila jakarta nairobi lusaka harare lagos cairo riyadh baghdad kabul islamabad delhi bombay mumbai
bangkok hanoi seoul shanghai singapore sydney canberra ottawa toronto montreal madrid rome vienna
geneva zurich frankfurt bonn prague warsaw budapest bucharest athens ankara istanbul jerusalem beirut
damascus amman tripoli algiers rabat dakar accra johannesburg pretoria brasilia caracas bogota lima
santiago havana kingston wellington auckland dublin edinburgh belfast lisbon stockholm oslo helsinki
copenhagen amsterdam luxembourg`)

// init joins the word lists above into the lookup tables once, at start;
// they are only read afterwards.
func init() {
	for w := range moreCountries {
		countryWords[w] = true
	}
	for w := range companyWords {
		orgWords[w] = true
	}
	for w := range partyWords {
		orgWords[w] = true
	}
}

// partyWords name political parties and their members taken together: "New
// Labour", "the Tories".
var partyWords = toSet(`labour tories conservatives democrats republicans liberals ukip snp greens`)

// companyWords end or fill companies' names: "Halvorsen Motors", "Baker
// Hughes Inc", "Ardent Mills".
var companyWords = toSet(`motors motor industries oil petroleum chemical chemicals electric electronics
resources systems communications telecommunications telecom pharmaceuticals foods brands stores bancorp
bankshares mining minerals metals airline railroad railways enterprises manufacturing laboratories
semiconductor software utilities petrochemical refining corp co co. ltd ltd. plc llc gmbh incorporated`)

// capStop are capitalised function words that never start a name.
var capStop = map[string]bool{
	"but": true, "and": true, "or": true, "however": true, "meanwhile": true, "in": true, "on": true,
	"at": true, "after": true, "before": true, "when": true, "while": true, "if": true, "as": true,
	"so": true, "yet": true, "still": true, "also": true, "then": true, "now": true, "there": true,
	"this": true, "that": true, "these": true, "those": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "i": true, "you": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "your": true, "a": true, "an": true, "for": true, "from": true,
	"with": true, "by": true, "to": true, "of": true, "during": true, "since": true, "although": true,
	"though": true, "because": true, "asked": true, "speaking": true, "according": true, "last": true,
	"earlier": true, "later": true, "today": true, "yesterday": true, "instead": true, "indeed": true,
	"inside": true, "outside": true, "elsewhere": true, "overnight": true, "tonight": true,
	"afterwards": true, "separately": true, "nevertheless": true, "nonetheless": true, "finally": true,
	"here": true, "what": true, "why": true, "how": true, "who": true, "where": true, "which": true,
	"says": true, "said": true, "even": true, "just": true, "not": true, "no": true, "yes": true,
	"is": true, "was": true, "are": true, "were": true, "will": true, "would": true, "can": true,
	"could": true, "do": true, "does": true, "did": true, "has": true, "have": true, "had": true,
	"let": true, "both": true, "all": true, "many": true, "some": true, "most": true, "one": true,
	"two": true, "other": true, "another": true, "each": true, "every": true, "among": true,
	"like": true, "unlike": true, "under": true, "over": true, "about": true, "into": true,
	"once": true, "only": true, "again": true, "more": true, "much": true, "such": true, "thus": true,
	"despite": true, "amid": true, "until": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "january": true,
	"february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"read": true, "click": true, "follow": true, "watch": true, "see": true, "photo": true,
	"update": true, "updated": true, "source": true, "sources": true, "note": true,
}

// personWords are common nouns for people, heads of descriptions a he or
// she can stand for ("the candidate", "the 68-year-old businessman").
var personWords = toSet(`candidate nominee senator governor mayor president congressman
congresswoman lawmaker official spokesman spokeswoman spokesperson father mother son daughter
wife husband brother sister uncle aunt grandfather grandmother grandson granddaughter widow widower
friend doctor physician nurse voter supporter critic businessman
businesswoman mogul billionaire millionaire veteran lawyer attorney judge reporter journalist host anchor
columnist writer author professor teacher student pastor priest bishop rabbi imam officer sheriff chief
director chairman chairwoman founder leader owner worker resident activist protester
organizer strategist pollster adviser advisor aide manager consultant analyst expert economist
scientist researcher historian commentator pundit actor actress singer star rapper comedian athlete
player coach boy girl man woman guy lady gentleman child kid teenager teen neighbor
neighbour colleague partner boss employee executive ceo democrat republican independent
liberal conservative secretary minister ambassador diplomat general soldier marine sergeant captain
lieutenant colonel commander representative delegate speaker justice prosecutor detective agent
victim survivor witness defendant plaintiff suspect immigrant refugee citizen mom dad fan
`)

// titleWords that are not people on their own.
var nonPersonTitle = toSet(`vice state foreign prime deputy press presidential democratic republican
libertarian independent campaign national federal assistant associate senior acting interim former
first defense defence homeland security treasury health commerce labor labour energy economic house white
u.s. us uk u.n. gop dem minority majority executive home office trade culture education environment
transport business finance economy war council committee party intelligence military army navy
russian american british chinese french german israeli iranian ukrainian european conservative liberal
shadow tory del del. sens. reps. then- ex-
`)

// genderWords give a description's gender.
var genderWords = map[string]string{
	"congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f", "father": "m",
	"mother": "f", "son": "m", "daughter": "f", "wife": "f", "husband": "m", "brother": "m",
	"sister": "f", "uncle": "m", "aunt": "f", "grandfather": "m", "grandmother": "f", "widow": "f",
	"widower": "m", "businessman": "m", "businesswoman": "f", "actor": "m", "actress": "f", "boy": "m",
	"girl": "f", "man": "m", "woman": "f", "guy": "m", "lady": "f", "gentleman": "m", "mom": "f",
	"dad": "m", "chairman": "m", "chairwoman": "f", "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f",
	"ms": "f", "ms.": "f", "king": "m", "queen": "f", "grandson": "m", "granddaughter": "f",
}

// docNouns are things people issue that then "say" something.
var docNouns = toSet(`statement release letter memo note cover video ad advertisement post tweet
message email e-mail report op-ed editorial column petition brief filing complaint lawsuit
`)
