"""The words and patterns the claims reader uses: the metric lexicon, what measures nothing (experience, team,
sample sizes, configuration, targets), and the shapes of before -> after pairs and relative changes.

Patterns run over a sentence's "shape" (lowercased words joined by single spaces, ``Q<i>`` for each quantity),
with bounded gaps and possessive repeats so that every scan is linear in the text.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------------------------------------ metrics
# metric phrase -> (family, lower is better). Families: pct (a rate or share: % or a fraction), score
# (unitless), time, money, count, tput (throughput), mult (speedup, lift). Phrases are separated by commas.
_LEXICON: dict[tuple[str, bool], str] = {
    # rates and shares, higher is better
    ("pct", False): (
        "acceptance, acceptance rate, accuracy, add-to-cart, add-to-cart rate, adoption, agree, agreed, "
        "agreement, agrees, answer relevance, automation, automation rate, availability, cache hit rate, "
        "citation accuracy, click-through, click-through rate, completion, completion rate, containment, "
        "containment rate, context precision, context recall, conversion, conversion rate, coverage, ctr, "
        "deflection, deflection rate, exact match, exact-match, f1, f1 score, field accuracy, first-contact "
        "resolution, first-pass yield, hit rate, iaa, inter-annotator agreement, json validity, label "
        "accuracy, pass rate, precision, recall, resolution, resolution rate, resolved, retention, schema "
        "adherence, self-serve rate, straight-through processing rate, success, success rate, task "
        "completion, task success, tool-call accuracy, top-1 accuracy, top-5 accuracy, uptime, utilisation, "
        "utilization, win rate, win-rate"
    ),
    # rates and shares, lower is better
    ("pct", True): (
        "abandonment rate, bounce rate, cer, character error rate, churn, churn rate, defect rate, "
        "diarization error, disagreed, disagreement, duplicate rate, error, error rate, escalation, "
        "escalation rate, failure, failure rate, false alarms, false negative rate, false negatives, false "
        "positive rate, false positives, fnr, fpr, hallucinated answers, hallucination, hallucination rate, "
        "hallucinations, jailbreak success rate, label error rate, label noise, mape, miss rate, override "
        "rate, overrides, parse failure rate, refusal rate, smape, timeout rate, toxicity, wape, wer, word "
        "error rate, wrong answer, wrong answers, wrong-answer rate"
    ),
    # unitless scores, higher is better
    ("score", False): (
        "alpha, answer faithfulness, auc, auc-pr, auprc, auroc, bertscore, bleu, cohen's kappa, correlation, "
        "csat, dice, eval score, f-measure, f-score, faithfulness, groundedness, iou, judge score, kappa, "
        "krippendorff's alpha, map, miou, mos, mrr, ndcg, nps, pearson, pr auc, pr-auc, quality score, "
        "r-squared, relevance, roc auc, roc-auc, rouge, rouge-l, spearman"
    ),
    # unitless scores and errors, lower is better
    ("score", True): (
        "bias, brier, brier score, calibration error, der, ece, forecast bias, log loss, logloss, mae, mase, "
        "mse, perplexity, psi, real-time factor, rmse, rtf"
    ),
    # durations
    ("time", True): (
        "average handle time, build time, cold start, duration, end-to-end, first token latency, first-token "
        "latency, handle time, indexing job, inference time, job, latency, load time, lookup time, lookups, "
        "mean time to recovery, mean time to resolution, mttd, mttr, p50, p50 latency, p90, p90 latency, p95, "
        "p95 latency, p99, p99 latency, page load, processing time, queue time, resolution time, response "
        "time, retrain time, run time, runtime, startup time, time to first byte, time to first token, time "
        "to resolution, time-to-first-token, training run, training time, ttfb, ttft, turnaround, wait time, "
        "wall-clock"
    ),
    # money spent
    ("money", True): (
        "api bill, aws bill, bill, burn, burned, burning, cloud bill, cost, costs, gpu bill, inference cost, openai bill, paid, pay, "
        "paying, price, serving cost, spend, spending, spent, token spend, unit cost"
    ),
    # money made or saved
    ("money", False): (
        "revenue, save, saved, saving, savings"
    ),
    # counts of bad outcomes
    ("count", True): (
        "alerts, bugs, bugs filed, complaints, defects, errors, escalations, failures, handoffs, incidents, manual review, "
        "manual reviews, on-call pages, outages, pages, regressions, rollbacks, steps, stockouts, support "
        "tickets, tickets escalated, tickets reaching, timeouts"
    ),
    # counts of good outcomes
    ("count", False): (
        "active users, conversions, orders, sessions, sign-ups, signups, tickets, tickets deflected, tickets "
        "resolved, users"
    ),
    # throughput
    ("tput", False): (
        "qps, rps, throughput"
    ),
    # multipliers
    ("mult", False): (
        "lift, speed-up, speedup"
    ),
}
_METRICS: dict[str, tuple[str, bool]] = {
    p.strip(): key for key, phrases in _LEXICON.items() for p in phrases.split(",") if p.strip()
}

METRIC_PHRASES: tuple[str, ...] = tuple(sorted(_METRICS, key=len, reverse=True))
"""Metric words (for callers that scan a turn once for them)."""

_AT_K = r"(?:recall|precision|ndcg|hit rate|hits|hit|map|mrr|accuracy|top|pass|success)"


def _trie(phrases: list[str]) -> str:
    """An alternation of ``phrases`` factored by common prefix, so a scan tries one branch per character instead of
    every phrase at every position. It matches what ``"|".join(phrases)`` matches, longest first: at each node
    the longer continuations come before the phrase that ends there (phrases with different next characters
    cannot both match)."""
    ends = "" in phrases
    groups: dict[str, list[str]] = {}
    for p in phrases:
        if p:
            groups.setdefault(p[0], []).append(p[1:])
    alts = [re.escape(c) + (_trie(rest) if rest != [""] else "") for c, rest in groups.items()]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


_METRIC_RE = re.compile(
    rf"(?<![\w@-])(?:{_AT_K}(?:@| at )(?:\d+|k|one|two|three|five|ten|twenty|twenty-five|fifty|hundred)|"
    + _trie(list(METRIC_PHRASES)) + r"|[a-z][\w'-]*+ rate)(?![\w@-])")

# ------------------------------------------------------------------------------------------------ word lists
_NON_MEASURE = frozenset("""year years yrs people person engineers engineer devs developers members reports
teammates folks tools frameworks models libraries languages vendors meetings projects companies startups
clients customers certifications certificates courses hackathons papers followers stars employees countries offices
interns patents apps products teams llms agents books conferences talks juniors seniors leads annotators labellers
labelers reviewers raters graders humans experts pms scientists analysts managers hires gpus h100s a100s nodes machines servers instances
providers databases repos services microservices rounds interviews""".split())
_SAMPLE = frozenset("""cases case examples example queries query questions question prompts prompt samples sample
items item conversations conversation transactions documents docs drafts rows records generations skus images
invoices utterances recordings pairs traces sessions logs annotations judgments judgements chats calls tickets
labels tests test-cases users accounts merchants stores articles pages emails messages tokens transcripts
interactions dialogs dialogues responses answers outputs completions runs episodes claims files clips hours-of""".split())
_CONFIG_BEFORE = re.compile(
    r"(?<![\w-])(?:chunk size|chunks? of|chunk|top-k|top k|k=?|temperature|temp|max tokens|max_tokens|max|maximum|batch size|"
    r"batch|dimension|dimensions|dim|dims|window|overlap|seed|epochs|learning rate|lr|beam|threshold|cutoff|"
    r"set to|set it to|set at|capped at|cap(?:ped)? (?:\S++ ){0,3}?at|cap|limit(?:ed)? (?:\S++ ){0,3}?(?:at|to)|limit|"
    r"every|sampled|sampling|sample|version|v|rank|alpha|lora|top-p|top p|n|size|budget of|timeout of|ttl|"
    r"at temperature|retrain every|refresh(?:es)? every|runs? every|split|shards?|replicas?)"
    r"(?: of| is| was| =| at| to)?(?: about| around| roughly| like)? $")
# "step 3", "phase two", "version 2", "question five": a bare number naming a thing
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])(?:step|stage|phase|round|tier|level|day|week|month|q|number|no|item|"
                             r"question|case|part|chapter|model|gpt|llama|claude|gemini|mistral|python|version|"
                             r"release|sprint|iteration|figure|table|slide|page|line|room|floor|gate) $")
_CONFIG_NOUNS = frozenset("""tokens token timeout timeouts window windows overlap epochs epoch dimensions dimension dims
gpus gpu h100s a100s nodes node replicas shards rounds retries layers heads params parameters billion-parameter
context chunks chunk shots shot examples-per neighbours neighbors threads workers cores rank bits bit cap
limit budget ttl interval delay backoff retention cutoff deadline sla slo scale rubric point points-scale
rotation dropout decay discount equity stake buffer headroom reservation markup commission fee fees credits credit
grant allowance funding""".split())
# what a before -> after pair is about when it is a setting, a size or a headcount, not an outcome: "we bumped top-k
# from 5 to 10", "the timeout went from 10 seconds to 30", "headcount went from 40 to 65"
_CONFIG_SUBJECT = re.compile(
    r"(?<![\w-])(?:top-k|top k|k|top-p|top p|temperature|temp|threshold|cutoff|cut-off|timeout|time-out|ttl|chunk size|"
    r"batch size|context window|context length|window|overlap|learning rate|lr|epochs?|seed|beam(?: size)?|"
    r"max tokens|max_tokens|dropout|weight decay|rank|alpha|retries|retry|budget|limit|cap|quota|retention|interval|"
    r"schedule|frequency|sample size|replicas|shards|workers|gpus|nodes|version|python|rate limit|rate-limit)(?![\w-])")
_HEADCOUNT_SUBJECT = re.compile(r"(?<![\w-])(?:headcount|head count|team|teams|staff|org|organi[sz]ation|"
                                r"department|group|squad|company|engineers|people|annotators|hires)(?![\w-])")
_TARGET = re.compile(r"\b(?:target|targets|targeted|goal|goals|slo|slos|sla|slas|budget|aim|aimed|objective|"
                     r"contract|contracted|promised|commitment|committed to|"
                     r"requirement|required|require|requires|needs? to be|had to be|has to be|have to be|supposed to|"
                     r"should be|must be|wanted|want|hoping|hope|plan|planned|expect|expected|alerts? (?:when|if|at|on)|"
                     r"aiming|shooting for|trying to (?:get|hit|reach)|(?:had|have|has|need|needs|needed) to (?:stay|keep|remain)|"
                     r"stay (?:under|below|within)|keep (?:it |them |costs? )?(?:under|below|within)|constraint|"
                     r"(?<!false )alarms? (?:when|if|at|on|goes off|fires)|page (?:us|someone) (?:when|if|at)|trigger(?:s|ed)? (?:when|if|at)|"
                     r"if it (?:goes|drops|gets|falls)|whenever|couldn't|can't|cannot|not allowed|must not|mustn't|"
                     r"no more than|allowed to|at most|(?:alerted|paged|notified|woken up|pinged) (?:\S++ )?(?:if|when|whenever)|"
                     r"gate (?:at|of|is|was|set)|gated|sign-off|blocked if|blocks? (?:\S++ ){0,3}?if|"
                     r"fails? (?:the \S++ )?if|rolls? back if|rejected if|"
                     r"if (?:the |our |its |any |a )?(?:\S++ ){0,3}?(?:drops|falls|goes|gets|rises|climbs|exceeds|regresses|went|got|dropped|fell|rose|climbed|"
                     r"exceeded|crossed|spiked|hit)|"
                     r"^if|^unless|^when it's|^when it is)\b")
_TARGET_ANYWHERE = re.compile(_TARGET.pattern.replace("|^if|^unless|^when it's|^when it is", "|if|unless|when"))
_FIGURE = re.compile(r"^(?:sure|certain|confident|honest|positive|convinced|committed|agree|behind|true|right|"
                     r"the|that|it|on|of (?:my|our|his|her|their) (?:\S++ )?(?:time|week|day|effort|focus))\b")
_TIME_SHARE = re.compile(r"^of (?:my|our|his|her|their|the team's) (?:\S++ )?(?:time|week|day|effort|focus|job|work)\b"
                         r"|^of the (?:work|effort|job|project|problem|battle) (?:was|is|went|goes|came|comes)\b"
                         r"|^of (?:the |our |my )?(?:\S++ )?(?:wins?|gains?|improvements?|lift|progress|value|impact|"
                         r"benefits?|upside) (?:came|comes|was|is|were) (?:from|due to|down to)\b")
_BOUNDARY = frozenset(""", ; : . ! ? and but so then while whereas which um uh like we i it they you he she that
more than less even almost nearly well yeah yes no not right exactly
this these those there also actually basically honestly just was were is are be been got had has have did does
do when after before once since because with without by of on in at for to from our my their its the a an
about around roughly over under up down""".split())
_VERBS = frozenset("""went go goes going gone dropped drop drops fell falls fall rose rise rises climbed jumped moved
improved improve improves increased increase decreased decrease grew grow shrank shrunk was were is are got get gets
hit reached came stayed held sat averaged average cut cuts reduced reduce halved doubled tripled quadrupled declined
lowered raised boosted lifted brought pushed took takes take sustained deflect deflected finishes finished ran runs
saw see had has have been be added made make makes kept keep keeps""".split())
_DOWN = (r"cut|cuts|cutting|reduced|reduce|reduces|reducing|decreased|decrease|decreases|lowered|lower|dropped|drop|"
         r"drops|slashed|slash|shrank|shrunk|trimmed|fell|fall|falls|declined|saved|save|shaved|went down|came down|"
         r"brought down|brought|knocked|eliminated|halved")
_UP = (r"increased|increase|increases|raised|raise|grew|grow|grows|boosted|boost|lifted|lift|rose|rise|rises|"
       r"jumped|climbed|went up|gone up|sped up|speeded up|bumped|pushed up|doubled|improved|improve|improves|"
       r"improving|moved|went|got")
_APPROX = (r"(?:(?:about|around|roughly|approximately|approx|like|maybe|nearly|almost|just|only|basically|probably|"
           r"somewhere|right|um|uh|,|~|over|under|below|above|close to|closer to|more like|more than|less than|"
           r"fewer than|at least|at most|a bit over|a bit under|a little over|a little under|well over|well under|"
           r"all the way|something like|around about|barely|ish) )*+")
_GAP = r"(?: (?!Q\d)(?!to )(?!from )[^ ]++){0,%d}?"
# "to, in the end, like one and a half": a chain's last step said after a pause
_LATER = r"(?:(?:, )?(?:in the end|eventually|finally|ultimately|at the end|today|now)(?: ,)? )?"
_FROM = re.compile(
    rf"\bfrom {_APPROX}(?P<a>Q\d+)(?P<gap>{_GAP % 4}) (?:all the way )?(?:(?:down|up|back|over) )?(?:to|->|→|=>) "
    rf"{_APPROX}(?P<b>Q\d+)(?P<more>(?: ,)?(?: (?:and )?(?:then )?(?:(?:down|up|back) )?(?:to|->|→) {_LATER}{_APPROX}"
    rf"Q\d+)*+)")
# "92% on 400 cases, up from 85%": the value, then its baseline
_UP_FROM = re.compile(rf"(?P<b>Q\d+)(?P<gap>(?: (?!from )[^ ]++){{0,8}}?) (?:, )?(?:up|down|improved|rising|falling|dropping|"
                      rf"climbing) from {_APPROX}(?P<a>Q\d+)")
# "precision went up 5 points to 91%", "throughput rose 20% to 120 rps": a change and where it ended
_DELTA_TO = re.compile(rf"\b(?P<v>up|down|rose|fell|dropped|climbed|jumped|improved|increased|decreased|grew|"
                       rf"went up|went down|gained|lost) (?:by )?{_APPROX}(?P<d>Q\d+) to {_APPROX}(?P<b>Q\d+)")
# "that saved you, what, half the cost?", "cut our spend in half" is _HALF
_HALF_THE = re.compile(r"\b(?P<v>saved|save|saves|cut|cuts|reduced)\b(?: (?!Q\d)[^ ]++){0,4}? (?:about |roughly |"
                       r"nearly |almost |like )?half (?:of )?(?:the |our |their |its |your )?(?P<m>[a-z][\w-]*+)")
# "response time is about half what it was", "3x what it was"
_OF_WAS = re.compile(r"\b(?P<f>half|a third|a quarter|a fifth|a tenth|double|twice|triple|Q\d+) (?:of )?what "
                     r"(?:it|they|that|this|we) (?:was|were|used to be|had|used to|did)\b")
_OF_WAS_RATIO = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "a fifth": 0.2, "a tenth": 0.1, "double": 2.0,
                 "twice": 2.0, "triple": 3.0}
# "4 cents per query now versus 11 cents before"
_VERSUS = re.compile(rf"(?P<b>Q\d+)(?: (?:now|today|these days))? (?:, )?(?:versus|vs|vs\.|compared to|compared with|"
                     rf"against|over|instead of|down from|up from|from) {_APPROX}(?P<a>Q\d+) (?:before|previously|earlier|"
                     rf"last year|last quarter|originally|at the start|back then|at launch|with the old \S++|"
                     rf"on the old \S++)\b")
# "zero incidents in that period versus three the quarter before": the words between may hold a period ("over those
# six weeks"), checked by the reader
_VERSUS_GAP = re.compile(rf"(?P<b>Q\d+)(?P<gap>(?: (?!versus|vs|compared)[^ ]++){{1,10}}?) (?:, )?(?:versus|vs|vs\.|"
                         rf"compared to|compared with) {_APPROX}(?P<a>Q\d+)(?: (?!Q\d)[^ ]++){{0,3}}? (?:before|"
                         rf"previously|earlier|prior|last (?:year|quarter|month|week))\b")
# "sixty-two percent when I joined and it's eighty-one now"
_WHEN_NOW = re.compile(rf"(?P<a>Q\d+)(?P<gap> (?:when|back when|at launch|at the start|originally|initially|before)"
                       rf"(?: (?!Q\d)[^ ]++){{0,5}}?) (?:, )?(?:and |but |whereas )?(?:it's|it is|its|we're at|we are at|"
                       rf"we're|it's at|that's|they're) {_APPROX}(?P<b>Q\d+) (?:now|today|these days)\b")
# "around 1.5 seconds, and now it's about 600 milliseconds": a value, then "now" and the value it has now
_AND_NOW = re.compile(rf"(?P<a>Q\d+)(?P<gap>(?: (?!Q\d)(?!now\b)[^ ]++){{0,3}}?) , (?:and |but |whereas )?(?:now|today|these "
                      rf"days) (?:it's |it is |its |we're at |we are at |we're |it's at |that's |they're |it sits at |"
                      rf"we sit at |we're down to |it's down to |we're up to |it's up to )?{_APPROX}(?P<b>Q\d+)")
# "before the guardrail about one in eight answers ..., and after it was more like one in forty"
_BEFORE_AFTER = re.compile(rf"\bbefore (?:(?!Q\d)[^ ]++ ){{0,6}}?{_APPROX}(?P<a>Q\d+)(?P<gap>{_GAP % 12}) (?:, )?"
                           rf"(?:and |but |then |whereas )?after (?:(?!Q\d)[^ ]++ ){{0,4}}?{_APPROX}(?P<b>Q\d+)")
# "accuracy improved to 92% from 85%"
_TO_FROM = re.compile(rf"\bto {_APPROX}(?P<b>Q\d+)(?:(?P<gap>{_GAP % 3})|(?P<gap2>{_GAP % 10}) ,) from {_APPROX}(?P<a>Q\d+)")
# "cost per conversation is now 3 cents, it was 9"
_NOW_WAS = re.compile(rf"\bnow (?:\S++ ){{0,3}}?{_APPROX}(?P<b>Q\d+)(?P<gap>{_GAP % 3}) (?:, )?(?:(?:and|but|when|whereas) )?"
                      rf"(?:it|that|they|this|we) (?:was|were|used to be|had been) {_APPROX}(?P<a>Q\d+)")
# "the GPU bill is about 3 grand a month now, it was 11"
_NOW_IT_WAS = re.compile(rf"(?P<b>Q\d+) (?:now|today|these days) (?:, )?(?:(?:and|but|when|whereas) )?(?:it|that|they|this) "
                         rf"(?:was|were|used to be|had been) {_APPROX}(?P<a>Q\d+)")
_Q_WENT_TO = re.compile(rf"(?P<a>Q\d+) (?:went|dropped|fell|came|got|rose|climbed|jumped|shrank|grew) (?:(?:down|up|back) )?"
                        rf"to {_APPROX}(?P<b>Q\d+)")
_ARROW = re.compile(rf"(?P<a>Q\d+) (?:->|→|=>) {_APPROX}(?P<b>Q\d+)")
_VERB_TO = re.compile(
    rf"\b(?:went|go|goes|moved|dropped|fell|rose|climbed|jumped|improved|increased|decreased|grew|shrank|cut|"
    rf"reduced|brought|took|got|going) (?:(?:down|up|from) )?{_APPROX}(?P<a>Q\d+)(?P<gap>{_GAP % 2}) (?:down |up )?"
    rf"(?:to|->) {_APPROX}(?P<b>Q\d+)")
_BARE_TO = re.compile(rf"(?P<a>Q\d+) (?:to|-) {_APPROX}(?P<b>Q\d+)")
_BETWEEN = re.compile(rf"\bbetween {_APPROX}(?P<a>Q\d+) and {_APPROX}(?P<b>Q\d+)")
_USED_TO = re.compile(
    rf"\b(?:used to|would|was|were|it's|its|is) (?:\S++ ){{0,4}}?{_APPROX}(?P<a>Q\d+)(?P<gap>{_GAP % 10}) "
    rf"(?:(?:,|and|but|then) )+(?:now|today|these days)\b(?P<gap2>{_GAP % 6}) {_APPROX}(?P<b>Q\d+)")
_GOT_TO = re.compile(
    rf"(?P<a>Q\d+)(?P<gap>{_GAP % 10}) (?:got|brought|pushed|took|moved|gets|get) (?:it|them|that|this|us|things|"
    rf"those|us all) (?:(?:down|up|back) )?to {_APPROX}(?P<b>Q\d+)")
_AFTER_NOW = re.compile(
    rf"(?P<a>Q\d+)(?P<gap>{_GAP % 8}) (?:and )?(?:after|since|once|with)\b(?P<gap2>{_GAP % 8}) (?:it's|it is|its|"
    rf"we're|we are|we're at|we are at|it was|we were|it's now|it is now|now|is|are) {_APPROX}(?P<b>Q\d+)")
_BY = re.compile(
    rf"\b(?P<v>{_DOWN}|{_UP})\b(?P<obj>(?: (?!Q\d)(?!by )[^ ]++){{0,8}}?) by {_APPROX}"
    r"(?:(?P<q>Q\d+)|(?P<frac>half|a half|a third|one third|two thirds|two-thirds|a quarter|one quarter|"
    r"three quarters|a factor of (?P<fq>Q\d+)|an order of magnitude|a factor of (?:two|three|four|ten)))")
_DIRECT = re.compile(rf"\b(?P<v>down|up|dropped|fell|rose|grew|increased|decreased|declined|jumped|climbed|reduced|"
                     rf"cut|improved|shrank|lowered|lifted|boosted|plus|minus|worth|gained|gave us|bought us|"
                     rf"lost|added) {_APPROX}(?P<q>Q\d+)(?! (?:to|from|->)\b)")
_ADJ = re.compile(
    r"(?P<q>Q\d+) (?:relative )?(?P<adj>lower|fewer|less|cheaper|faster|quicker|shorter|smaller|higher|more|better|"
    r"worse|bigger|larger|slower|longer|reduction|drop|decrease|cut|increase|improvement|gain|lift|boost|jump|"
    r"uplift|speedup|speed-up|savings?|saving|decline|regression|relative (?:reduction|improvement|increase|drop))\b")
_DIRECTION = re.compile(r"\b(?:worse|better|lower|higher|ahead|behind|up|down|more|less|fewer|gain|gained|lost|"
                        r"improved|dropped|fell|rose)\b")
_WORSE = re.compile(r"\b(?:worse|lower|behind|down|less|fewer|lost|dropped|fell)\b")
_HALF = re.compile(rf"\b(?P<v>{_DOWN})\b(?P<obj>(?: (?!Q\d)[^ ]++){{0,8}}?) in half\b")
_WORD_CHANGE = re.compile(r"\b(?P<w>halved|doubled|tripled|quadrupled|trebled|tenfold|twofold|threefold)\b")
_TWICE = re.compile(r"\b(?P<n>twice|two times|three times|four times|ten times) as (?P<adj>fast|quick|cheap|good|"
                    r"accurate|many|much|often|likely|high)\b")
_FRAC = {"half": 50.0, "a half": 50.0, "a third": 33.3, "one third": 33.3, "two thirds": 66.7, "two-thirds": 66.7,
         "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0}
_WORD_PCT = {"halved": -50.0, "doubled": 100.0, "tripled": 200.0, "trebled": 200.0, "quadrupled": 300.0,
             "tenfold": 900.0, "twofold": 100.0, "threefold": 200.0}
_TWICE_X = {"twice": 2.0, "two times": 2.0, "three times": 3.0, "four times": 4.0, "ten times": 10.0}
_NEGATIVE_ADJ = frozenset("""lower fewer less cheaper faster quicker shorter smaller reduction drop decrease cut
saving savings decline""".split())
_RESPONDS = re.compile(r"\b(answers|answered|responds|responded|replies|replied|returns|returned|finishes|"
                       r"finished|completes|completed|loads|loaded|renders|rendered|runs|ran|executes) (?:\S++ ){0,2}?"
                       r"(?:in|within) (?:about |around |roughly |like |under |just under |less than )*$")
_TAKES = re.compile(r"\b(takes|took|taking|take) (?:us |me |it |about |around |roughly |like |under |just |only )*$")
_TAKES_TO = re.compile(r"^to (?:run|execute|train|index|process|answer|respond|load|complete|finish|converge|score|"
                       r"evaluate|retrain|rebuild|reindex|re-index|deploy|roll back|recover|resolve|triage|review)\b")
_ADJ_METRIC = {"cheaper": "cost", "faster": "latency", "quicker": "latency", "slower": "latency",
               "shorter": "duration", "longer": "duration"}
_POLAR_ADJ = frozenset({"better", "improvement", "relative improvement"})
_SET_GROWTH = frozenset("""questions question cases case examples example prompts samples labels tests test-cases
new""".split())
_ARTEFACT = re.compile(r"\b(?:set|sets|suite|suites|dataset|datasets|corpus|benchmark|benchmarks|eval|evals|golden|"
                       r"test|tests|sample|samples|split|subset|collection|labels?|labelled|labeled|annotated)\b")
_OUTCOME_RATIO = re.compile(r"\b(?:wrong|right|correct|incorrect|corrected|fixed|changed|edited|overturned|flipped|"
                            r"failed|fail|fails|failing|passed|pass|passes|escalated|escalate|hallucinat\w*|"
                            r"disagreed|agreed|flagged|missed|caught|resolved|broke|broken|errored|bad|good|usable|"
                            r"accepted|rejected|returned|cancell?ed|churned|converted|clicked|bought|complained|"
                            r"abandoned|retried|timed out|crashed|needed|need|needs)\b")

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])")
_NUMBER_WORDS = (r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 r"hundred|thousand|million|billion")
# searched in lowercased text (a case-insensitive alternation is several times slower on long input)
_ANY_NUMBER = re.compile(r"\d|\b" + _trie(_NUMBER_WORDS.split("|") + """half halved doubled tripled quadrupled trebled
twice third quarter tenfold twofold threefold""".split() + ["a second", "a minute"]) + r"\b")
# "one" as a number rather than a pronoun: "one in eight", "one percent", "one point two", "one second"
_ONLY_ONE = re.compile(r"\bone (?:in|out|of every|percent|per|point|%|and a half|hundred|thousand|million|second|"
                       r"minute|hour|day|week|month|dollar|cent|x)\b|\bone-")
# a number other than "one" (searched per sentence: "one" alone is a pronoun unless _ONLY_ONE says otherwise)
_NUMBER_BUT_ONE = re.compile(r"\d|\b" + _trie([w for w in _NUMBER_WORDS.split("|") if w != "one"] + """half halved
doubled tripled quadrupled trebled twice third quarter tenfold twofold threefold""".split() + ["a second", "a minute"])
                             + r"\b")
_NUMBERISH = re.compile(r"\d+|\b" + _trie(_NUMBER_WORDS.split("|")) + r"\b")
# the two halves of ``_ANY_NUMBER`` and ``_NUMBER_BUT_ONE``, searched one after the other: a digit, then a number
# word. ``\d|\b(?:...)\b`` makes the engine try both branches at every character; the digit alone is a fast
# character-set scan, so asking the two in turn finds the same sentences (whether a number is there is all the
# callers ask) in about two-thirds of the time
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(_ANY_NUMBER.pattern.removeprefix(r"\d|"))
_NUMBER_WORD_BUT_ONE = re.compile(_NUMBER_BUT_ONE.pattern.removeprefix(r"\d|"))


def any_number(low: str, pos: int = 0, endpos: int | None = None) -> bool:
    """Whether ``_ANY_NUMBER`` matches in ``low[pos:endpos]`` (lower-cased text)."""
    end = len(low) if endpos is None else endpos
    return _DIGIT.search(low, pos, end) is not None or _NUMBER_WORD.search(low, pos, end) is not None


def number_but_one(low: str, pos: int, endpos: int) -> bool:
    """Whether ``low[pos:endpos]`` holds a number other than a pronoun "one" (``_NUMBER_BUT_ONE`` or ``_ONLY_ONE``
    matches there); ``_ONLY_ONE`` is asked only when the span holds "one" at all."""
    return (_DIGIT.search(low, pos, endpos) is not None or _NUMBER_WORD_BUT_ONE.search(low, pos, endpos) is not None
            or low.find("one", pos, endpos) >= 0 and _ONLY_ONE.search(low, pos, endpos) is not None)
_WORD_TRIGGER = re.compile(r"\b(?:half|halved|doubled|tripled|quadrupled|trebled|twice|times|third|thirds|quarter|"
                           r"quarters|fold|tenfold|twofold|threefold|double|triple|order of magnitude)\b")
_FASTER = re.compile(r"\b(?:faster|quicker|speed(?:ed)? up|sped up|snappier|lower latency|reduced latency|"
                     r"cut latency|latency (?:went )?down|improved latency|better latency)\b", re.I)
