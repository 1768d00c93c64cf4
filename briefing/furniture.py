"""Patterns of page furniture: what a web page says around an article, never the article.

Only patterns live here; cleanup.py (lines of a page's text) and speakable.py (sentences)
hold the logic that uses them. Page-line patterns judge a whole line of a page dump;
sentence patterns judge one sentence of the extracted article.
"""

from __future__ import annotations

import re

# --- Lines of a page's text ---------------------------------------------------------------

IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)\b", re.IGNORECASE)
INLINE_LIST_RE = re.compile(r"\s[•◦○●□■▪☆★►▸▶|]\s|\]\s*\|")
# How a linked story's line ends in a list of links, and no sentence of an article does: a count
# in brackets (how often it was read or commented on: "Week 12 power rankings (133)"), a label
# in capitals ("... libraries (VIDEO)"), or a question mark ("Is this the end of the road?").
LINK_LINE_END_RE = re.compile(r"(?:\(\d[\d,.]*\)|\([A-Z]{2,}\)|\?[\"'”’]?)\s*$")
# Where reader comments begin; nothing after it belongs to the article.
COMMENTS_START_RE = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|reactions)\b.{0,80}"
    r"|(?:there\s+(?:are|is|were)\s+)?(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:comments?|responses?|replies|thoughts?|reactions?)(?:\s+(?:on|to)\b.{0,100})?\W*"
    r"|(?:\d+\s+)?(?:comentar(?:ios?)?|comentários?|commentaires?|commenti|kommentare?|reacties)"
    r"(?:\s*\(\d+\))?"  # the same in Spanish, Portuguese, French, Italian, German, Dutch
    r"|(?:comments?|discussion|reader\s+comments|conversation)(?:\s*\(\d+\))?"
    r"|(?:leave|post|add|write|join)\s+(?:a|the|your)\s+(?:comment|reply|discussion|conversation).{0,40}"
    r"|.{0,60}\b(?:responses?|comments?)\s+to\s+[“\"‘'].*)$",
    re.IGNORECASE,
)
# A page's heading over its readers' comments: a label, not a sub-heading of the article
# ("Three reactions to the verdict" is one).
COMMENTS_HEADING_RE = re.compile(
    r"^(?:(?:\d+|no)\s+)?(?:reader\s+|readers['’]\s+)?(?:comments?|responses?|replies)"
    r"(?:\s*\(\d+\))?\W*$"
    r"|^(?:leave|post|add|write|join)\s+(?:a|the|your)\s+(?:comment|reply|discussion"
    r"|conversation)\b.{0,40}$"
    r"|^(?:\d+\s+)?(?:responses?|comments?|replies)\s+to\s+[“\"‘'].*$"
    r"|^(?:\d+\s+)?(?:comentar(?:ios?)?|comentários?|commentaires?|commenti|kommentare?"
    r"|reacties)(?:\s*\(\d+\))?\W*$",
    re.IGNORECASE,
)
# A page's label over a list of its other stories ("Recent articles", "More from
# AllBusiness.com:", "You may also like...", "Leia também"): a label, not a sub-heading.
RELATED_LABEL_RE = re.compile(
    r"^(?:related(?:\s+(?:content|articles?|stories|posts|coverage|reading|links|news|videos?))?"
    r"|recent\s+(?:articles|posts|stories)|more\s+(?:from|stories|articles|news)\b.{0,40}"
    r"|(?:what\s+to\s+)?read\s+next|up\s+next|you\s+(?:may|might)\s+also\s+(?:like|enjoy)"
    r"|recommended(?:\s+(?:for\s+you|stories|reading|articles))?|top\s+stories"
    r"|most\s+(?:popular|read|viewed|shared|emailed)(?:\s+(?:stories|articles|now|today"
    r"|(?:in|on)\s+[\w\s&]{1,30}))?|trending(?:\s+(?:now|stories))?"
    r"|editor['’]?s\s+picks?|lesen\s+sie\s+auch|mehr\s+zum\s+thema|leia\s+tamb[ée]m"
    r"|lee\s+tambi[ée]n|(?:à|a)\s+lire\s+aussi|articoli\s+correlati|leggi\s+anche"
    r"|art[íi]culos\s+relacionados|not[íi]cias\s+relacionadas)[\s.:…]*$",
    re.IGNORECASE,
)
# A whole line that is page machinery rather than prose.
FURNITURE_LINE_RE = re.compile(
    r"""^(?:
        [\W_]*                                   # only symbols
      | [\d\s:/.,|-]*                            # timestamps, player times, page numbers
      | \[[^\]]*\]                               # [image], [logo], form fields
      | (?:\d+\s+)?(?:comments?|shares?|replies|views|likes?)
      | .{0,40}\b(?:advertisement|advertising|sponsored(?:\s+content)?|promoted)\b.{0,20}
      | (?:please\s+wait|loading|no\s+media\s+source\s+currently\s+available).*
      | (?:image|photo|video|picture|media)(?:\s+(?:copyright|caption|source))?(?:\s*[:|].*)?
      | (?:photo|photograph|image|picture|video|credit|source|illustration|file\s+photo)s?
            (?:\s+by)?\s*[:|/].{0,120}
      | .{0,300}\([^()]{0,60}
            \b(?:file|image|photo|picture|pictured|getty|ap|reuters|afp|credit|courtesy)\b[^()]{0,80}\)
      | .{0,200}(?:getty\s+images|shutterstock|afp\s+via\s+getty|ap\s+photo|reuters)(?:\s+file)?\)?
      | (?:continue\s+reading|read\s+more|see\s+more|show\s+more|load\s+more|view\s+more|more\s*:|
            read\s+also|see\s+also|also\s+read|watch|listen)\b.{0,150}
      | (?:share|share\s+this|tweet|email|print|save|follow|follow\s+us|like\s+us)\b.{0,60}
      | (?:sign\s+up|subscribe|log\s*in|sign\s+in|register|newsletter)\b.{0,100}
      | (?:related|recommended|trending|most\s+popular|most\s+read|more\s+from|you\s+may\s+also)
            \b.{0,60}
      | about\s+(?:the|this)\s+authors?
      | (?:skip\s+to|jump\s+to|back\s+to\s+top|accessibility\s+links|breaking\s+news|menu|search
            |close)\b.{0,30}
      | .{0,80}(?:all\s+rights\s+reserved|©|copyright\s+\d{4}).*
      | (?:updated|published|posted|last\s+updated)\b.{0,60}
      | .{0,40}\b(?:min(?:ute)?s?\s+read|hours?\s+ago|minutes?\s+ago|days?\s+ago)\b.{0,20}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Cue words of boxes that invite the reader to act (newsletters, cookies and consent, apps,
# comments).
CALL_TO_ACTION_RE = re.compile(
    r"\b(?:cookies?|newsletter|subscribe|subscription|sign\s+up|log\s+in|download\s+the\s+app|"
    r"privacy\s+policy|terms\s+of\s+(?:use|service)|javascript|your\s+browser|inbox|"
    r"is\s+an?\s+(?:\w+\s+){0,3}(?:writer|reporter|journalist|editor|contributor|correspondent|"
    r"columnist)\s+(?:based|who|at|for|with)|"
    r"may\s+not\s+be\s+(?:reproduced|published|copied)|all\s+rights\s+reserved|"
    r"community\s+(?:rules|guidelines|standards)|user\s+agreement|"
    r"comment\s+policy|commenting|click\s+(?:here|to)|tap\s+here|unsubscribe|"
    r"opens\s+in\s+a?\s*new\s+window|(?:your|our)\s+consent|consent\s+to\s+(?:the\s+use|our|cookies)|"
    r"accept\s+all|reject\s+all|create\s+(?:an|your)\s+account|(?:complete|finish)\s+your\s+"
    r"(?:registration|profile))\b",
    re.IGNORECASE,
)
# Cues of a photo caption or embedded post anywhere in a line.
CAPTION_RE = re.compile(
    r"^(?:\d+\.\s+)?(?:in\s+this\s+(?:\w+\s+)?(?:photo|image|picture|photograph|video|still)|"
    r"image\s+(?:caption|copyright)|caption|pictured|file\s+photo|citation\s*:|"
    r"(?:twitter|instagram|facebook)\s+post\s+by)\b"
    r"|(?:credit|\bphoto|\bimage|\bphotograph|\bphotographer|\bsource|\billustration)\s*:\s*\S"
    r"|\(\d{1,2}:\d\d\)$|^preview\s+thumbnail"
    r"|\((?:pictured|left|right|centre|center|above|below|top|bottom|file)\)"
    # "An aerial photo shows ...", "A picture of ..." at the start ("painted a picture of" is no
    # caption)
    r"|\ban?\s+(?:aerial\s+)?(?:photo|image|picture)\s+shows\b|\bphoto\s+by\b"
    r"|^\W*an?\s+(?:aerial\s+)?(?:photo|image|picture)\s+of\b"
    r"|\b(?:getty\s+images|shutterstock|ap\s+photo|afp|reuters|epa|alamy)\s*\)?$",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(
    r"^by\s|\b\d{1,2}:\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d{4}-\d\d-\d\d\b|\bmenu\b|\bzip\s+code\b",
    re.IGNORECASE,
)

# --- Sentences of an article ----------------------------------------------------------------

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# The parts of a dateline: where and when the story was filed, and by whom, before a dash.
DATE = rf"(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})"
WEEKDAY = r"(?:[A-Z][a-z]+day|[A-Z]+DAY)"
# "(Reuters)", "(HealthDay News)", "(KTVI)": an agency, paper or station in brackets
CREDIT = r"\([A-Z][\w.&'’-]*(?:\s+[A-Z&][\w.&'’-]*){0,4}\)"
AGENCY = r"\((?:CNN|AP|AFP|Reuters|UPI|dpa|PA|Bloomberg|EW\.com|CNN Student News)\)"
# "NEW YORK", "LONDON, England", "RAMALLAH, West Bank": a place in capitals, and its region
PLACE_IN_CAPITALS = (r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
                     r"(?:,\s+[A-Z][A-Za-z.'’]+(?:\s+[A-Z][A-Za-z.'’]+){0,2})?")
# "New York, NY", "Dekalb, Ill.", "Fort Bragg, N.C.": a town and its state's abbreviation
PLACE_AND_STATE = (r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s+"
                   r"(?:[A-Z]{2}|[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2})")
# any capitalised words, where an agency or a bracketed date says they are a place
PLACE = r"[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}"
DASH = r"(?:--|[—–-])"
# "WASHINGTON (CNN) -- ", "LONDON, England (Reuters) - ", "PARIS — ", "April 17, 2015 -- ",
# "SEOUL, Aug. 20 (Yonhap) -- ", "Computerworld - SAN FRANCISCO -- ", "New York, NY – "
DATELINE_RE = re.compile(
    rf"^\s*(?:{PLACE}(?:,?\s+{DATE})?\s*)?{AGENCY}\s*{DASH}?\s*"
    rf"|^\s*(?:{PLACE}\s*)?\({DATE}\)\s*{DASH}\s*"
    # a credit, a paper's name or a weekday may come first: "(CBS News) FORT BRAGG, N.C. -- "
    rf"|^\s*(?:{CREDIT}\s+|[A-Z][a-z]+[A-Za-z]*\s+[-–—]\s+(?=[A-Z]{{2}}))?"
    rf"(?:{PLACE_IN_CAPITALS}|{PLACE_AND_STATE})(?:,?\s+{DATE})?(?:\s*{CREDIT})?"
    r"\s+(?:--\s+|[—–]\s+|-\s+(?=[A-Z\"“‘']))"
    rf"|^\s*(?:{WEEKDAY},?\s+)?{DATE}(?:,?\s+\d{{4}})?(?:\s*{CREDIT})?\s+(?:--|[—–])\s+"
    # a partner's credit glued to the first word: "(The Hollywood Reporter)It may be time ..."
    rf"|^\s*{CREDIT}(?=[A-Z\"“‘'])"
    # a place in capitals and a dash without spaces: "NEW YORK--Verizon is ...",
    # "VATICAN CITY—The Vatican ...", "RAMALLAH, West Bank—Palestinian leaders ..."
    rf"|^\s*{PLACE_IN_CAPITALS}(?:--|[—–])(?=[A-Z])"
    # a place and its state in capitals, then the sentence: "RANCHO MIRAGE, CALIF. It's ..."
    r"|^\s*[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){0,3},\s+(?!U\.[SK]\.)[A-Z][A-Z.]{1,5}\.\s+"
    r"(?=[A-Z\"“‘'])"
    # a place in capitals and its state, glued to the first word where the page set it apart:
    # "ENCINITAS, Calif.A hepatitis A outbreak ...", "NEW YORK, N.Y.The ..."
    r"|^\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3},\s+[A-Z][A-Za-z.]{1,6}\.(?=[A-Z])"
    # a live blog's time stamp: "14.29 Indonesian authorities are hoping ..."
    r"|^\s*(?:[01]?\d|2[0-3])[.:][0-5]\d\s+(?:(?:[ap]\.?m\.?|[AP]\.?M\.?)\s+)?"
    r"(?:(?:GMT|BST|CET|ET|EST|EDT|PST|PDT|UTC)\s+)?(?=[A-Z][a-z]|[‘“\"])"
)
# Bylines, credits and prompts at the start of a sentence.
SENTENCE_FURNITURE_RE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[.,]?\s*$"
    r"|(?:photo|picture|image|video|graphic|source|credit|caption|updated|last updated|"
    r"published|posted|follow us|follow|read more|related|share this|advertisement|"
    r"sign up|subscribe)\b[\s:|-]"
    r"|scroll down\b|click here\b|watch the video\b|see more\b|hat\s+tip\b|h/t\b"
    # "Written or reviewed by a board-certified physician.", "Fact-checked by ..."
    r"|(?:written|reviewed|edited|fact[- ]checked|medically\s+reviewed)\s+(?:(?:or|and)\s+"
    r"(?:written|reviewed|edited|fact[- ]checked)\s+)?by\b)",
    re.IGNORECASE,
)
# A reference list's entry, all its sentences: '^ Smart, N. (1999). "The discrete ...".'
REFERENCE_ENTRY_RE = re.compile(r"^\s*(?:[-–•*]\s*)?\^\s")
# A transcript's stage direction: "[MUSIC]", "[LAUGHTER]" (not words anyone says).
STAGE_DIRECTION = (r"\[(?:MUSIC|LAUGHTER|LAUGHS|APPLAUSE|CHEERING|INAUDIBLE|CROSSTALK|SILENCE"
                   r"|NOISE|BLEEP|BLANK_AUDIO|MUSIC PLAYING|SOUNDBITE)\]")
SOCIAL_NETWORKS = (r"(?:twitter|x|instagram|facebook|google\+|youtube|bluesky|threads|mastodon"
                   r"|linkedin|tiktok)")
SENTENCE_FURNITURE_ANYWHERE_RE = re.compile(
    r"scroll down for (?:the )?(?:video|more)|\b(?:click|tap)\s+here\b|follow us on|sign up for our"
    r"|all rights reserved|©"
    # disclosures: "All opinions are mine alone.", "This post contains affiliate links."
    r"|\ball\s+opinions\s+(?:expressed\s+)?are\s+(?:my|mine|our|ours|the\s+author['’]s)\b"
    r"|\b(?:contains|may\s+contain|includes)\s+affiliate\s+links\b"
    r"|\b(?:we|i)\s+may\s+(?:earn|receive)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation)\b"
    r"|\bthis\s+(?:post|article|content)\s+(?:is|was)\s+(?:sponsored|paid\s+for)\b"
    # a chart's or table's footnote: "* Accidents refers to the number of fatal ...", "**
    # Includes 162 unconfirmed passengers"
    r"|^\s*\*{1,3}\s*[A-Z][^.!?]{0,60}?\b(?:refers?\s+to|includes?|excludes?)\b"
    # "The views ... do not necessarily reflect those of Sputnik.", "Crown Equity Holdings does
    # not approve or endorse the content ... available on such third party websites."
    r"|\b(?:views|opinions)\b[^.!?]{0,60}\b(?:do|does)\s+not\s+necessarily\s+(?:reflect|represent)"
    r"|\b(?:do|does)\s+not\s+(?:approve|endorse|warrant)\b[^.!?]{0,40}\b(?:content|information"
    r"|materials|views|opinions)\b"
    # the page asking or pointing its reader on: "Have something to add to this story?",
    # "More information is available in this article from 36kr.com."
    r"|^\W*have\s+something\s+to\s+add\b"
    r"|\b(?:information|details)\s+(?:is|are)\s+available\s+(?:in|at|on|from)\s+(?:this|the)\s+"
    r"(?:article|link|page|website|site|report|post)\b"
    # a transcript's stage direction, alone: "[MUSIC]", "[APPLAUSE]"
    rf"|^\s*{STAGE_DIRECTION}\s*$"
    # a review's disclosure: "Shovel Knight was reviewed using code provided by Yacht Club
    # Games.", "A review copy was provided by the publisher."
    r"|\breviewed\s+(?:on\s+\w+(?:\s+\w+)?\s+)?using\s+(?:a\s+)?(?:\w+\s+)?(?:code|copy|unit|sample)"
    r"\s+provided\s+by\b"
    r"|\breview\s+(?:copy|code|unit|sample)\s+(?:was\s+)?provided\s+by\b"
    # promotions: "Get Motor Cycle Monthly delivered through your letterbox every month."
    r"|\bdelivered\s+(?:to|through|straight\s+to)\s+your\s+(?:inbox|letterbox|door|doorstep"
    r"|mailbox)\b"
    # the newsletter or the site describing itself: "This is today's edition of The Download,
    # our weekday newsletter ...", "FA Insights is a daily newsletter from Business Insider"
    r"|\bour\s+(?:free\s+)?(?:daily|weekday|weekly|monthly|morning|evening)?\s*newsletter\b"
    r"|\bis\s+an?\s+(?:free\s+)?(?:daily|weekday|weekly|monthly)\s+newsletter\s+(?:from|that|by)\b"
    # a metered paywall: "This is your last article that you can read this month before you
    # need to register a free LeadDev.com account."
    r"|\b(?:last|final)\s+(?:free\s+)?article\s+(?:that\s+)?you\s+can\s+read\b"
    r"|\b(?:free\s+)?articles?\s+(?:left|remaining)\s+this\s+month\b"
    r"|\bregister\s+(?:for\s+)?a\s+free\s+(?:[\w.-]+\s+){0,2}account\b"
    # staff credits: "CNN's Ann O'Neill contributed to this report.", "CNN's Ed Lavandera
    # reported from Tulsa."
    r"|\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b"
    r"|^\W*[A-Z][\w.&-]*['’]s\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:and\s+(?:[A-Z][\w.'’-]*\s+){1,4})?"
    r"(?:reported|wrote)\s+(?:from|in)\s+[A-Z]"
    # how to write to someone: "Contact her at adkins@forward.com or on Twitter."
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b"
    r"|^\W*(?:contact|e-?mail|write\s+to|reach)\s+(?:him|her|them|us|me|the\s+author)\s+(?:at|on|via)\b"
    # a shop's offer: "Fire Tablet, 7\" Display for $39.99 (list price $49.99)"
    r"|\((?:list|regular|retail|original)\s+price:?\s*[$£€]\s?\d"
    # the page's interface talking: "The interactive transcript could not be loaded.", "This
    # feature is not available right now.", "When you tweet with a location, ..."
    r"|\b(?:could\s+not\s+be\s+loaded|failed\s+to\s+load|(?:is|are)\s+not\s+available\s+right\s+now"
    r"|please\s+try\s+again\s+later|when\s+autoplay\s+is\s+enabled|rating\s+is\s+available\s+when"
    r"|when\s+you\s+tweet\s+with\s+a\s+location|your\s+location\s+history"
    r"|(?:javascript|cookies)\s+(?:is|are)\s+(?:disabled|required|not\s+enabled)"
    r"|your\s+browser\s+does\s+not\s+support|by\s+copying\s+the\s+code\s+below)\b"
    # a no-comment line, which says nothing happened: "WeWork declined to comment.", "A
    # spokesman did not respond to a request for comment." (not one that goes on with news)
    r"|^.{0,100}\b(?:declined|refused)\s+to\s+comment(?:\s+on\s+[^.!?]{0,60})?[.!?]?\)?$"
    r"|^.{0,100}\b(?:did\s+not|didn['’]t|ignored|could\s+not\s+be\s+reached)\s+"
    r"(?:immediately\s+)?(?:(?:respond|reply)\s+to\s+)?(?:a|an|our|several|multiple|repeated)?\s*"
    r"(?:emailed\s+)?(?:requests?\s+)?for\s+comment(?:\s+on\s+[^.!?]{0,60})?[.!?]?\)?$"
    # the writer's note: "Dunleavy also writes for MyCentralJersey.com, a Gannett property."
    r"|^\W*(?-i:(?:[A-Z][\w.'’-]*\s+){1,3})(?:also\s+)?(?:writes|blogs)\s+(?:for|at)\s+"
    r"(?-i:[A-Z])"
    # "You can follow her on Twitter."
    rf"|\bfollow\s+(?:him|her|them|us|me|@\w+)\s+on\s+{SOCIAL_NETWORKS}\b",
    re.IGNORECASE,
)
# The text talking about itself: "In this article, we will focus on ...", "Ars will update this
# post if ...", "An earlier version of this article misstated ...", "A follow-up publication
# will provide ...". Not a quotation of someone's own post (speakable.py checks who says it);
# "this piece of legislation" is no text.
SELF_REFERENCE_RE = re.compile(
    r"\b(?:this|the\s+present)\s+(?:blog\s+post|post|article|blog|piece|write-?up)\b"
    r"(?!\s+(?:of|office)\b|-)"
    r"|\b(?:an?\s+(?:earlier|previous|later|future|follow-up|upcoming|subsequent)|the\s+next)\s+"
    r"(?:version\s+of\s+this\b|(?:blog\s+)?post\b|article\b|publication\b|installment\b)"
    r"|\bthis\s+series\s+of\s+(?:articles|posts)\b"
    r"|\b(?:our|this)\s+live\s+(?:coverage|blog|updates?|page)\b"
    # the site offering its own pages: "Our day's top images, in-depth photo essays ..."
    r"|\bour\s+(?:(?:day|week)['’]s\s+)?(?:(?:top|best|latest|daily|weekly|most\s+popular)\s+)?"
    r"(?:images|photos|pictures|photo\s+essays|videos|picks|headlines|newsletters?|podcasts?)\b",
    re.IGNORECASE,
)
# The site speaking to its reader about itself: "Please see our privacy policy for more
# information.", "Kick off your day with ZDNet's daily email newsletter.", "Take a picture ...
# and post it to Instagram with the hashtag #waveatsaturn", "Please note ...". Not when
# someone says it (speakable.py checks): '"Please note that the road is closed," police said.'
SITE_PROMPT_RE = re.compile(
    r"\b(?:see|read|review|agree\s+to|use|visit|consult)\s+our\s+(?:privacy\s+policy"
    r"|cookie\s+policy|terms\s+(?:of|and)\b|community\s+guidelines|feedback\s+form"
    r"|contact\s+form|faq\b)"
    r"|\bsign\s+up\s+for\s+(?:the|our)\b[^.!?]{0,60}\bnewsletter\b"
    r"|\b(?:start|kick\s+off|begin)\s+your\s+(?:day|morning|week)\s+with\b[^.!?]{0,60}"
    r"\b(?:newsletter|briefing|podcast|digest)\b"
    r"|^\W*thank\s+you\s+for\s+(?:signing\s+up|subscribing|reading|visiting|registering)\b"
    r"|^\W*please\s+note\b"
    rf"|^\W*(?:take|snap|post|share|tweet|tag|upload|send)\b[^.!?]{{0,100}}\b(?:to|on|via)\s+"
    rf"{SOCIAL_NETWORKS}\b",
    re.IGNORECASE,
)
# A sentence pointing at what is on the page, which a listener cannot see: "Check out the full
# statement below", "The video above shows ...", "see the map below"; and one whose last word
# is a link, an invitation ending in "here" ("The patched version can be found here.", "Shop
# the rest of today's sale right here."); "here" inside a quotation is someone speaking.
LINK_VERBS = (r"(?:found|read|seen|viewed|watched|downloaded|accessed|heard|see|view|watch"
              r"|download|access|listen|learn|find|get|sign\s+up|subscribe|register|donate"
              r"|apply|buy|order|shop|click|tap|visit|explore|browse|discover|check)")
PAGE_POINTER_RE = re.compile(
    rf"(?:(?:^\W*|[,;:]\s+|\b(?:or|and|simply|just|please)\s+){LINK_VERBS}"
    rf"|\b(?:can|may|could)\s+(?:also\s+)?(?:be\s+)?{LINK_VERBS}|\bavailable)"
    r"\b(?:[^.!?\"“”]|(?<=\d)\.(?=\d)){0,60}\b(?:right\s+)?here[.!:)]*\s*$"
    r"|"
    r"\b(?:video|photo|picture|image|graphic|chart|graph|map|clip|slideshow|gallery|tweet|"
    r"statement|footage|table|list|diagram|infographic)s?"
    # "the map below", "the map of Asia below"
    r"(?:\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s+(?:above|below)\b"
    r"|\bafter\s+the\s+(?:break|jump)\b"  # a blog's "more after the break": the rest of the page
    r"|\b(?:see|watch|check\s+out|listen\s+to)\b[^.!?]{0,60}\b(?:above|below)"
    r"(?=\s*(?:[.,:;!?)]|$|from\b|to\b|for\b|as\b))",
    re.IGNORECASE,
)
# The page talking to its reader, in the languages news arrives in: "Read the original
# article.", "Find out more about ...", "Leave a comment", "Deixe suas dúvidas ...",
# "Tempo de leitura: 2 minutos", "Lesen Sie auch". Anchored at the sentence's start.
READER_PROMPT_RE = re.compile(
    r"^\W*(?:"
    # English
    r"read\s+(?:more|the\s+(?:original|full|print|digital)|our|also|next|on)\b|continue\s+reading"
    r"|find\s+out\s+more|learn\s+more|see\s+(?:more|also)|click\s+(?:here|to|on)|tap\s+(?:here|to)"
    r"|(?:see|discover)\s+(?:what|how|which|why|where|the\s+full|all\s+the|our)\b"
    r"|see\s+the\s+best\s+of\s[^.!?]{0,40}\b(?:photography|photos|pictures|images|videos)\b"
    r"|see\s(?:[^.!?]|(?<=\d)\.(?=\d)){0,80}\bfor\s+(?:more|further)\s+(?:information|details)\b"
    r"|click\s+through|(?:do\s+you\s+)?want\s+to\s+(?:know|learn|read|see|find\s+out|hear)\s+more"
    r"|get\s[^.!?]{0,60}\b(?:in|to|into)\s+your\s+inbox"
    r"|(?:are\s+you\s+)?interested\s+in(?=\s[^.!?]{0,80}\?\W*$)"
    r"|(?:leave|post|add|share)\s+(?:a|your)\s+(?:comment|thoughts|reply|questions?|opinions?"
    r"|videos?|photos?|pictures?|stories)"
    r"|please\s+(?:share|send|submit|tell\s+us|contact|email|let\s+us\s+know|subscribe)\b"
    r"|sign\s+up|subscribe|follow\s+(?:us|me)|share\s+(?:this|on)|download\s+(?:the|our)\s+app"
    rf"|(?:follow|get|find|like)\s[^.!?]{{0,50}}\bon\s+{SOCIAL_NETWORKS}\b"
    r"|join\s+(?:us|our|the\s+(?:conversation|discussion|community))\b"
    r"|let\s+(?:me|us)\s+know\b"
    # the page greeting its reader: "Good morning!", "Welcome to the Bitdefender Tech Explainers
    # about DLL sideloading attacks!"
    r"|good\s+(?:morning|afternoon|evening)(?:,?\s+(?:everyone|everybody|all|folks|readers))?"
    r"(?=\W*$)"
    r"|(?:hello|hi|hey)\s+(?:everyone|everybody|all|there|folks|readers|friends)\b"
    r"|welcome\s+(?:back\s+)?to\s+(?:this\s+(?:week['’]s\s+)?(?:edition|issue|episode)"
    r"|(?:the|our|my)\s[^.!?]{0,60}\b(?:newsletter|podcast|blog|series|explainers?|edition|show"
    r"|column|briefing|roundup))\b"
    r"|don['’]t\s+miss|watch\s+(?:the|our)\s+(?:video|full)|listen\s+to\s+(?:the|our)\s+podcast"
    r"|(?:listen\s+to|hear|watch|read)\s+(?:the|our)\s+(?:full|whole|entire|complete)\b"
    # "For more details about the Affordable Care Act, go to www.healthcare.gov."
    r"|(?:for|to\s+(?:learn|find\s+out|get|read))\s+more(?:\s+(?:details|information|info))?\b"
    r"[^.!?]{0,80}\b(?:go\s+to|visit|see|call|contact|e-?mail|log\s+on\s+to|head\s+to"
    r"|check\s+out)\b"
    r"|reading\s+time|related\s*:|more\s*:|also\s+read|recommended\s*:"
    r"|(?:add|share|tell\s+us|let\s+us\s+know|sound\s+off|weigh\s+in)\b[^.!?]{0,60}"
    r"\b(?:in|on)\s+the\s+comments\b"
    r"|this\s+(?:article|story|post)\s+(?:was\s+)?(?:originally\s+)?(?:appear(?:s|ed)|published"
    r"|first|ran)"
    # Portuguese
    r"|leia\s+(?:mais|também|tamb[eé]m)|saiba\s+mais|deixe\s+(?:seu|sua|seus|suas|o\s+seu|a\s+sua)"
    r"|clique\s+(?:aqui|no|na)|assine|inscreva-se|compartilhe|siga-nos|tempo\s+de\s+leitura"
    # Spanish
    r"|lee\s+(?:más|también)|leer\s+más|más\s+información|deja\s+(?:tu|un|su)\s+comentario"
    r"|haz\s+clic|suscríbete|síguenos|comparte\s+(?:esta|este)|tiempo\s+de\s+lectura"
    # French
    r"|lire\s+(?:aussi|la\s+suite|plus)|à\s+lire\s+aussi|en\s+savoir\s+plus|cliquez"
    r"|abonnez-vous|suivez-nous|laissez\s+un\s+commentaire|partagez|temps\s+de\s+lecture"
    # German
    r"|lesen\s+sie\s+(?:auch|mehr|hier)|weiterlesen|mehr\s+(?:dazu|zum\s+thema)|hier\s+klicken"
    r"|abonnieren\s+sie|folgen\s+sie\s+uns|lesezeit"
    # Italian
    r"|leggi\s+(?:anche|di\s+più|tutto)|scopri\s+di\s+più|clicca\s+qui|iscriviti|seguici"
    r"|lascia\s+un\s+commento|condividi|tempo\s+di\s+lettura"
    r")\b",
    re.IGNORECASE,
)
# "5 min read", "2 minutos de leitura": how long the page takes to read.
READING_TIME_RE = re.compile(
    r"\b\d+\s*(?:-\s*)?(?:min(?:ute)?s?|minutos?|minuten|minuti)\.?\s+"
    r"(?:read|de\s+leitura|de\s+lectura|de\s+lecture|lesezeit|di\s+lettura)\b",
    re.IGNORECASE,
)
# A sentence in brackets of its own: "[Related: ...]", "(Reporting by ...)".
BRACKETED_RE = re.compile(r"^\s*(?:\[[^\[\]]*\]|\([^()]*\))\s*\W*\s*$")
# Reuters' and others' credit lines at the end of a story.
CREDIT_LINE_RE = re.compile(
    r"^\W*(?:\(?\s*(?:reporting|additional\s+reporting|writing|editing|compiled)\s+by\b"
    r"|editing\s+by\b|(?:story|text|photos?)\s*:)",
    re.IGNORECASE,
)
# The line under an embedded post: "— Lil Wayne WEEZY F (@LilTunechi) December 29, 2014".
EMBEDDED_POST_CREDIT_RE = re.compile(
    r"^[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s+[A-Za-zÀ-ÿ]+\.?\s+\d{1,2},?\s+\d{4}\s*$")
# A picture's credit line: "Credit: WhiteHaven/Shutterstock.com", "Photo: AP",
# "(Harry Benson/Getty)", "RIVERSIDE COUNTY SHERIFF'S DEPT./CONTRIBUTED IMAGE", "(Getty Images)".
PICTURE_CREDIT_RE = re.compile(
    r"^\W*(?:(?:(?:photo|image|picture|illustration)s?(?:\s+credit)?|credit)(?:\s+by)?\s*[:|]"
    r"\s*\S.{0,100}\W*"
    r"|[^!?]{0,80}(?:\bgetty\s+images|\bshutterstock(?:\.com)?|\bap\s+photo|/contributed\s+"
    r"(?:image|photo)|/staff\s+photo)"
    rf"(?:\s*[/,]\s*(?:{MONTH}\.?\s+\d{{1,2}},?\s+)?\d{{4}})?"  # the picture's date
    r"[\s)\]|]*"  # no full stop: a credit, not a sentence
    # a photographer and the outlet in brackets: "(Scott Heins/Gothamist)", "(AP Photo/E. Vucci)"
    r"|\((?=[^)]*\s)(?-i:\s*(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][\w.'’&-]*"
    r"(?:\s+[\w.'’&-]+){0,4})\s*\)"
    # ... and the picture's date: "(Carolyn Cole, Los Angeles Times / April 28, 2013) |"
    rf"|\([^()]{{3,80}}/\s*{MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}\)[\s|]*)$",
    re.IGNORECASE,
)
# A credit for the page's main picture ("[Featured Image by ...]"), not for a caption above it.
MAIN_PICTURE_RE = re.compile(r"\b(?:featured|top|header|cover|hero|lead)\s+(?:image|photo|picture)",
                             re.IGNORECASE)
# The credit that closes a wire story: "(Reporting by Indulal PM; Editing by Sunil Nair)".
WIRE_CREDIT_RE = re.compile(
    r"^\W*\(?\s*(?:reporting|additional\s+reporting|writing|editing)\s+by\b", re.IGNORECASE)
# A caption that says so at its start: "In this photo dated ...", "File photo: ...".
PHOTO_CAPTION_RE = re.compile(
    r"^\W*(?:in\s+this\s+(?:\w+\s+){0,3}(?:photo|image|picture|photograph|video|still|handout)"
    r"|(?:file\s+)?(?:photo|image|picture)\s*(?:credit)?\s*:)",
    re.IGNORECASE,
)
# A Daily Mail style caption: a label of a word or two, a colon, then the caption ("Under
# fire: ..."); "With the new Avengers: Age of Ultron ..." is no label.
LABEL_CAPTION_RE = re.compile(r"^\s*[A-Z][\w'’!-]*(?:\s+[\w'’!-]+)?:\s+[A-Z'\"‘“]")
# Markup that extraction let through: "<div style=...>", "<img src=...>".
# "<The Palace>" (a show's name in Korean style) is no markup: tags are lower case.
MARKUP_RE = re.compile(r"</?[a-z][a-z0-9]*(?:\s+[a-z-]+\s*=[^<>]{0,300})?\s*/?>")
# A list item's mark: "- ", "* ", "• ", "1. ".
LIST_ITEM_RE = re.compile(r"^\s*(?:[-–*•▪►]|\d{1,2}[.)])\s+")
# The label of a box that sums up the story above its first paragraph ("Quickly", "Key
# takeaways"): what it heads is the page's summary, not the story's opening.
SUMMARY_BOX_LABEL_RE = re.compile(
    r"^\W*(?:quickly|key\s+(?:takeaways?|points|facts)|in\s+(?:short|brief)|tl;?\s*dr|at\s+a\s+glance"
    r"|the\s+short\s+version|story\s+highlights|highlights|what\s+you\s+need\s+to\s+know"
    r"|the\s+gist)\W*$",
    re.IGNORECASE,
)
# The heading of an article's apparatus: what follows it is references, not the story.
APPARATUS_HEADING_RE = re.compile(
    r"^\s*(?:references?|notes|footnotes|sources|citations|bibliography|further\s+reading|"
    r"external\s+links|see\s+also|referencias|notas|referências|références|bibliographie|"
    r"liens\s+externes|voir\s+aussi|einzelnachweise|literatur|weblinks|note|fonti|bibliografia|"
    r"collegamenti\s+esterni|voci\s+correlate)\s*:?\s*$",
    re.IGNORECASE,
)
# A sentence that is only a quotation with the full stop outside the quotes: a cited title when
# it is in title case ('"Efficient Elliptic Curve Exponentiation Using Mixed Coordinates".').
CITED_TITLE_RE = re.compile(r"^[\"“][^\"“”]+[\"”]\s*\.$")
# A word of code: a path, a hash, an identifier, a file name ("dist/setup.js", "[26be208039]",
# "lib,permission:", "node-private#760", "__init__", "foo()", "CVE-2025-55130").
CODE_WORD_RE = re.compile(
    r"[/\\#_@]|::|\(\)|\[[0-9a-f]{7,}\]|[a-z]{2,}[.,][a-z]{2,}|[A-Z]{2,}-\d{4}-\d+")
# Pieces of addresses and attributes: "%2F", "https://", 'src="', "&amp;".
URL_OR_ATTRIBUTE_RE = re.compile(r"%[0-9A-Fa-f]{2}|https?://|\b\w+=[\"']|&\w+;")
# How a text browser writes inserted and deleted text: "[INS:", ":INS]", "[DEL:...:DEL]".
EDIT_MARK_RE = re.compile(r"\[INS:|:INS\]|\[DEL:.*?:DEL\]")
# A line of code or a query: braces, assignments, a box-drawing rule, an open call at its end,
# an SQL keyword first, a trailing comma.
CODE_LINE_RE = re.compile(r"[{};=<>│]|\($|^\)|^[A-Z]{2,}\b|,$")
# Links run together: "Senators call for 5G security | Facebook gets questions | ...".
LINK_LIST_RE = re.compile(r"(?:\s[|•·►▸▶]\s.*){2}")
# A table cell's or list item's mark before a sentence: "| In December 2002, ...".
LEADING_MARK_RE = re.compile(r"^\s*[|•·►▸▶]\s+")
