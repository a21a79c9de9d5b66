"""Contact details and identifiers: emails, phones, URLs, handles, addresses, dates of birth, government ids.

Every pattern starts only where its run starts (a lookbehind forbids starting inside a run it would have
matched) and uses possessive quantifiers or bounded repeats, so no scan backtracks: each is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# spans: (start, end, kind); kinds map to placeholders in core
Span = tuple[int, int, str]

_WORD_CHAR = re.compile(r"\w")


_LOWER: dict[str, str] = {}


def lowered(text: str) -> str:
    """``text.lower()`` with the same offsets (U+0130, the one letter whose lowercase is two characters, becomes
    "i"), remembered for the last few texts: every family of patterns, and the next turn's look at its question,
    reads the same lowercased turn."""
    low = _LOWER.get(text)
    if low is None:
        if len(_LOWER) >= 8:
            _LOWER.clear()
        low = _LOWER[text] = (text.replace("\u0130", "i") if "\u0130" in text else text).lower()
    return low


class _Cue:
    """A list of cue words ("address", "passport", ...) asked only "is one in this text?".

    Searched in the lowercased text without ``re.I`` and with its leading word boundary checked by hand: the
    regex engine then jumps straight to the letters a cue can start with, where a leading ``\b`` or ``re.I``
    makes it try every alternative at every position (five times slower on long turns). Every alternative
    must start with a literal letter. The answer is remembered for the last few texts: a turn is asked again
    as the question of the turn after it."""

    def __init__(self, pattern: str, *, nested: bool = False) -> None:
        # ``nested``: alternatives that are groups themselves, where the engine no longer skips to their first
        # letters: a look-ahead for a letter that starts a word does it instead
        self.pattern = re.compile(rf"(?=[^\W\d_])(?<!\w)(?:{pattern})" if nested else pattern)
        self._seen: dict[str, bool] = {}

    def search(self, text: str) -> bool:
        hit = self._seen.get(text)
        if hit is None:
            if len(self._seen) >= 8:
                self._seen.clear()
            hit = self._seen[text] = any(True for _ in words_at(self.pattern, text))
        return hit


def words_at(pattern: re.Pattern, text: str):
    """``pattern.finditer`` over the lowercased ``text``, keeping only matches that start a word (the leading
    ``\b`` checked by hand, see ``_Cue``); the matches' offsets are those of ``text``."""
    low = lowered(text)
    pos = 0
    while (m := pattern.search(low, pos)) is not None:
        s = m.start()
        if s == 0 or not _WORD_CHAR.match(low, s - 1):
            yield m
            pos = max(m.end(), s + 1)
        else:
            pos = s + 1


class _Gate:
    """Whether a text has a match of ``pattern`` (or opens with ``first``), remembered for the last few texts:
    patterns whose anchors all imply it are skipped together where it has none (on a 2 MB line of code, three
    scans for a run of capitals or digits after a separator cost a tenth of a second each, and found nothing)."""

    def __init__(self, pattern: str, first: str) -> None:
        self.pattern = re.compile(pattern)
        self.first = re.compile(first)
        self._seen: dict[str, bool] = {}

    def open(self, text: str) -> bool:
        hit = self._seen.get(text)
        if hit is None:
            if len(self._seen) >= 8:
                self._seen.clear()
            hit = self._seen[text] = bool(self.first.match(text) or self.pattern.search(text))
        return hit


class _Anchored:
    """A pattern tried only where a cheap anchor finds a possible start (``pattern.match`` there).

    Gives the matches ``pattern.finditer`` gives (leftmost first, not overlapping) provided every match starts
    at an anchor, or, with ``back`` (a character class), where the run of those characters that ends at the
    anchor starts (at most ``max_back`` before it: "Lindenstraße 42" is anchored on "straße 42"). An anchor starts with a literal or a character class, so the regex engine skips to it in
    C; the full pattern, with its leading look-behind and ``re.I``, would be tried at every position. With
    ``lowercase`` the anchor is searched in the lowercased text (same offsets; else the plain scan runs)."""

    def __init__(self, pattern: re.Pattern, anchor: str, *, lowercase: bool = False, back: str | None = None,
                 max_back: int = 64, after: str | None = None,
                 literals: tuple[tuple[str, str], ...] = (), gate: _Gate | None = None) -> None:
        self.pattern = pattern
        self.gate = gate  # a cheaper search every anchor match implies, shared by several patterns
        # ``literals``: the anchor is an alternation of these (literal, alternative) pairs, each alternative
        # opening with its literal: only the alternatives whose literal is in the text are searched for (``in``
        # runs at memory speed, where an alternation of 28 street suffixes was tried at every letter)
        self.literals = literals
        self._subsets: dict[tuple[str, ...], re.Pattern] = {}
        self.lowercase = lowercase
        self.back = re.compile(back) if back else None
        self.max_back = max_back
        # ``after``: a character class a match may not follow (the match starts a run). The anchor is then
        # searched as one character outside that class followed by the anchor (and tried at the very start):
        # the engine skips to such a character in C, where a look-behind would be evaluated at every character
        # of a long run of digits
        self.lead = 1 if after else 0
        self.first = re.compile(anchor) if after else None
        self.anchor = re.compile(rf"[^{after}](?:{anchor})" if after else anchor)

    def _anchor_for(self, hay: str) -> re.Pattern | None:
        if not self.literals:
            return self.anchor
        present = tuple(alt for lit, alt in self.literals if lit in hay)
        if not present:
            return None
        anchor = self._subsets.get(present)
        if anchor is None:
            if len(self._subsets) >= 256:
                self._subsets.clear()
            anchor = self._subsets[present] = re.compile("|".join(present))
        return anchor

    def finditer(self, text: str):
        hay = lowered(text) if self.lowercase else text
        anchor = self._anchor_for(hay)
        if anchor is None or (self.gate is not None and not self.gate.open(hay)):
            return
        pos = 0  # where the last match ended: no match starts before it
        apos = 0  # where the next anchor is looked for (anchors inside a match are never visited)
        starts = [(0, 0)] if self.first is not None and self.first.match(hay, 0) else []
        while True:
            if starts:
                start, a_end = starts.pop()
            else:
                a = anchor.search(hay, apos)
                if a is None:
                    return
                start, a_end = a.start() + self.lead, a.end()
            apos = max(a_end if a_end > start else start + 1, pos)
            if start < pos:
                continue
            if self.back is not None:
                floor = max(pos, start - self.max_back)
                while start > floor and self.back.match(text, start - 1):
                    start -= 1
            m = self.pattern.match(text, start)
            if m is not None:
                yield m
                pos = max(m.end(), start + 1)
                apos = max(apos, pos)


_TLDS = ("com|org|net|edu|gov|io|ai|dev|co|me|app|so|xyz|info|biz|tech|codes|page|site|online|cloud|sh|gg|tv|fm|"
         "uk|us|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|pt|ie|ru|ua|in|cn|jp|kr|sg|au|nz|ca|br|mx|ar|za|ng|ke|"
         "tr|il|ae|sa|eg|ma|hk|tw|vn|th|id|my|ph|pk|bd|lk|ir|gr|hu|ro|bg|hr|rs|si|sk|lt|lv|ee|is|lu|ac|eu|ly|to")
_FILE_EXT = frozenset("py js ts tsx jsx json yaml yml md txt csv tsv pt pth pkl onnx sh rs go java cpp hpp c h ipynb html "
                      "css toml cfg ini log pdf png jpg jpeg gif zip gz tar bin safetensors gguf parquet xml sql rb "
                      "php kt swift scala r lock env".split())

# a pattern whose alternatives all start with a letter or digit, behind a look-behind or a group of groups,
# starts with this: the regex engine then skips to such a character in C, where it would try every alternative
# at every position (a 2 MB run of spaces took 8 s for the month names)
_ALNUM_AHEAD = r"(?=[^\W_])"

# where a run of capitals or digits starts (most identifiers, postcodes): an anchor for _Anchored
# (every identifier and postcode format opens with four such characters, spaces and dots allowed from the third:
# "AB 12 34 56 C", "M1 1AE", "123.456"; base64 is full of shorter runs)
_CAPITAL_OR_DIGIT_START = r"[A-Z\d][A-Z\d-](?=[A-Z\d\s.-]{2})"
_RUN_START = r"\w-"  # ... not after a word character or a hyphen (``after`` of _Anchored)
_RUN_GATE = _Gate(r"[^\w-][A-Z\d]", r"[A-Z\d]")  # implied by every anchor above with ``after=_RUN_START``

# --- emails -------------------------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
_W = r"[A-Za-z0-9][A-Za-z0-9_]*+"
_SEP_LOCAL = r"(?:\s*+(?:\.|_|-|\(dot\)|\[dot\]|\bdot\b|\bunderscore\b|\bdash\b|\bhyphen\b|\bperiod\b)\s*+)"
_AT = r"(?:\s*+(?:\[at\]|\(at\)|\{at\}|\bat\b|@)\s*+)"
_DOT = r"(?:\s*+(?:\.|\[dot\]|\(dot\)|\{dot\}|\bdot\b)\s*+)"
_OBFUSCATED = re.compile(
    rf"{_ALNUM_AHEAD}(?<![\w.])(?<!\bdot )(?<!\bunderscore )(?<!\bdash )"
    rf"{_W}(?:{_SEP_LOCAL}{_W}){{0,5}}{_AT}{_W}(?:{_DOT}{_W}){{0,3}}{_DOT}(?:{_TLDS})\b(?![.@]\w)",
    re.I,
)

# --- URLs ---------------------------------------------------------------------------------------------------
_URL_SCHEME = _Anchored(re.compile(r"(?<![\w.])(?:https?|ftp)://[^\s<>\"'\])}]++|(?<![\w.])www\.[^\s<>\"'\])}]++",
                                    re.I), r"https?://|ftp://|www\.", lowercase=True)
_BARE = _Anchored(re.compile(
    rf"(?<![\w.@/:-])(?:[a-z0-9](?:[a-z0-9-]{{0,62}}+)\.){{1,4}}+(?:{_TLDS})(?![\w-])(?:/[^\s<>\"'\])}}]*+)?",
    re.I,
), rf"\.(?=[a-z][a-z])(?:{_TLDS})(?![\w-])", lowercase=True, back=r"[\w.-]", max_back=260)
_TRAIL = ".,;:!?'\")"

# --- handles ------------------------------------------------------------------------------------------------
_AT_HANDLE = re.compile(r"(?<![\w@./])@[A-Za-z0-9_][\w.]{0,38}+")
_REDDIT = re.compile(r"(?=[/u])(?<![\w/])/?u/[\w-]{2,30}+", re.I)
_DISCORD = re.compile(r"(?<![\w.#])[\w.]{2,32}+#\d{4}(?!\w)")
_HANDLE_SHAPE = re.compile(r"[a-z0-9][a-z0-9._-]{1,38}+", re.I)
_PLATFORMS = (r"github|gitlab|hugging\s?face|twitter|x|reddit|discord|slack|telegram|wechat|weixin|instagram|"
              r"tiktok|mastodon|bluesky|kaggle|linkedin|medium|substack|youtube|twitch|signal|whatsapp|line|"
              r"kakao(?:talk)?|qq|weibo|threads|stack\s?overflow|leetcode|codeforces|npm|pypi|docker\s?hub|"
              r"ig|insta|facebook|fb|snapchat|snap|skype|steam|xbox|psn|gh|hf|bitbucket|codeberg|keybase|matrix")
_HANDLE_CUE = re.compile(  # searched in lowercase, each alternative at the start of a word (``words_at``)
    # (the leading class lets the engine skip to a letter in C: a group of groups first is tried everywhere)
    rf"(?=[a-z])(?<!\w)(?:(?:user\s?name|handle|user\s?id|nick(?:name)?|(?:{_PLATFORMS})\s+id|account|screen\s?name|gamertag)"
    rf"(?:\s+(?:there|now|everywhere|online|usually|also|still|on\s+\w+))*+\s*+(?:is|was|:|=)\s*+"
    rf"|(?:{_PLATFORMS})(?:\s+(?:handle|username|user\s?name|account|profile|name))?\s*+(?:is|:)\s+"
    rf"|(?:i['’]?m|i\s+am|as)\s+(?=\S+\s+on\s+(?:{_PLATFORMS})\b)"
    rf"|on\s+(?:{_PLATFORMS})\b[^.?!\n]{{0,20}}?\b(?:i['’]?m|i\s+am|as)\s+"
    rf"|(?:the|my|a)\s+(?:handle|username|user\s?name|nick(?:name)?)\s+(?!is\b|was\b|on\b|for\b|of\b))",
)
# "tomwis on GitHub": a handle-shaped word right before "on <platform>" (found from the "on", in lowercase)
_ON_PLATFORM = re.compile(rf"on\s+(?:{_PLATFORMS})\b")
_HANDLE_WORD = re.compile(r"[\w.-]")
_ASKED_HANDLE = _Cue("(?:" + "|".join([r"user\s?name\b", r"handle\b", *(rf"{p}\s+(?:id|name|account)\b"
                                                                    for p in _PLATFORMS.split("|")),
                                        *(rf"your\s+{p}\b" for p in _PLATFORMS.split("|"))]) + ")",
                     nested=True)
_ANSWER_LEAD = re.compile(r"^\s*+(?:(?:it['’]?s|it\s+is|that['’]?s|i['’]?m|mine\s+is|sure|yes|yeah)[\s,:]++){1,2}", re.I)

# --- phones -------------------------------------------------------------------------------------------------
_PHONE_RUN = _Anchored(re.compile(r"(?<![\w.+,/-])(?:\+|\(\+?)?\d[\d ().\-\u2010-\u2013]*+"),
                       r"[\d+(]", after=r"\w.+,/-")
_EXT = re.compile(r"\s*+(?:x|ext\.?|extension)\s?(\d{1,6})(?!\w)", re.I)
# searched in lowercase text with the word start checked by hand (``words_at``): the engine skips to an "e",
# "d" or "p" in C, where a leading look-behind and ``re.I`` had it try the pattern at every character
_EXTENSION = re.compile(r"ext\.?\s?(?:no\.?\s?)?\d{2,6}(?!\w)|extn\.?\s?(?:no\.?\s?)?\d{2,6}(?!\w)"
                        r"|extension\s?(?:no\.?\s?)?\d{2,6}(?!\w)|durchwahl\s?(?:no\.?\s?)?\d{2,6}(?!\w)"
                        r"|poste\s?(?:no\.?\s?)?\d{2,6}(?!\w)")
_PHONE_CUE = _Cue(r"(?:call|phone|number|mobile|cell|landline|whatsapp|signal|text\s+me|reach\s+me|dial|"
                  r"tel|ring|voicemail|fax|handy|telefon|téléphone|portable|móvil|celular)\b")
_DIGIT_WORDS = {"zero": 1, "oh": 1, "o": 1, "one": 1, "two": 1, "three": 1, "four": 1, "five": 1, "six": 1,
                "seven": 1, "eight": 1, "nine": 1, "double": 0, "triple": 0}
_SPELLED = _Anchored(re.compile(
    r"(?<![\w-])(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple)"
    r"(?:[\s,-]{1,3}+(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple)(?!\w))++",
    re.I,
), r"z(?<![\w-]z)ero|o(?<![\w-]o)|t(?<![\w-]t)(?:wo|hree|riple)|f(?<![\w-]f)(?:our|ive)|s(?<![\w-]s)(?:ix|even)"
   r"|e(?<![\w-]e)ight|n(?<![\w-]n)ine|d(?<![\w-]d)ouble", lowercase=True)

# --- government ids -----------------------------------------------------------------------------------------
_ID_FORMATS = _Anchored(re.compile(
    r"(?<![\w-])(?:"
    r"\d{3}-\d{2}-\d{4}"  # US SSN
    r"|\d{6}-[1-8]\d{6}"  # Korean RRN
    r"|\d{17}[\dXx]"  # Chinese resident id
    r"|[A-Z]{5}\d{4}[A-Z]"  # Indian PAN
    r"|\d{3}\.\d{3}\.\d{3}-\d{2}"  # Brazilian CPF
    r"|\d{2}-\d{7}"  # US EIN
    r"|[STFGM]\d{7}[A-Z]"  # Singapore NRIC / FIN
    r"|[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]"  # Italian codice fiscale
    r"|\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z]"  # Spanish DNI / NIE
    r"|[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]"  # UK National Insurance
    r"|[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?"  # IBAN
    r"|\d{4}\s\d{4}\s\d{4}(?:\s\d{4})?"  # Aadhaar, card numbers
    r")(?![\w-])"
), _CAPITAL_OR_DIGIT_START, after=_RUN_START, gate=_RUN_GATE)
_ID_CUE = _Cue(
    r"(?:passport|licen[cs]e|id\b|identity|identification|social\s+security|ssn|aadhaar|aadhar|pan\b|dni|nie|"
    r"nif|steuer|tax|codice|fiscale|registration\s+number|resident|national\s+insurance|ni\s+number|insurance\s+"
    r"number|personalausweis|ausweis|permit|visa|bsn|pesel|cpf|curp|rfc|sin\b|tfn|medicare|nric|hkid|mykad|"
    r"i-9|document\s+number|id\s+card|card\s+number)",
)
_ALNUM_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9-]{6,20}+(?![\w-]))(?=[A-Z-]*+\d)(?=[\d-]*+[A-Z])[A-Z0-9][A-Z0-9-]*+")
_SPACED_ID = re.compile(r"(?=[A-Z\d])(?<![\w-])[A-Z\d]{1,4}(?:\s[A-Z\d]{1,4}){2,6}+(?![\w-])")
_DIGIT_ID = re.compile(r"(?<![\w.,-])\d{7,12}+(?![\w.,-]\d|\w)")

# --- dates (of birth) ---------------------------------------------------------------------------------------
_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
    r"sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|"
    r"januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|"  # de
    r"janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"  # fr
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"  # es
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"  # it
    r"janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|"  # pt
    r"januari|februari|maart|augustus|"  # nl
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"  # ru
)
_ORD = r"(?:st|nd|rd|th|er|º|ª|\.)?"
_DAY_WORDS = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
              r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|"
              r"second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first")
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_YEAR_WORDS = (rf"(?:nineteen|twenty)[- ](?:{_TENS}(?:[- ]{_UNITS})?|{_TEENS}|oh[- ]{_UNITS}|hundred)"
               rf"|two[- ]thousand(?:[- ]and)?(?:[- ](?:{_TEENS}|{_UNITS}|{_TENS}(?:[- ]{_UNITS})?))?")
_YEAR = r"(?:19|20)\d{2}"
_DATE = re.compile(
    rf"(?<![\w./-])(?:"
    rf"\d{{1,2}}{_ORD}\s?(?:of\s|de\s)?(?:{_MONTHS})\.?,?\s(?:de\s)?{_YEAR}"
    rf"|(?:{_MONTHS})\.?\s\d{{1,2}}{_ORD},?\s{_YEAR}"
    rf"|{_YEAR}[-/.][01]\d[-/.][0-3]\d"
    rf"|\d{{1,2}}-(?:{_MONTHS})-{_YEAR}"
    rf"|[0-3]?\d[./-][01]?\d[./-]{_YEAR}"
    rf"|[01]?\d/[0-3]?\d/{_YEAR}"
    rf"|(?:the\s)?(?:{_DAY_WORDS}|\d{{1,2}}{_ORD})\sof\s(?:{_MONTHS}),?\s(?:{_YEAR_WORDS}|{_YEAR})"
    rf"|(?:{_MONTHS})\s(?:the\s)?(?:{_DAY_WORDS}),?\s(?:{_YEAR_WORDS}|{_YEAR})"
    rf")(?![\w/-]|\.\d)",
)  # searched in lowercase text (no re.I: each alternative's first letter is checked before it is tried)
# 1990年4月1日, 1996년 8월 15일 (Chinese, Japanese, Korean order: year, month, day), with or without the day
_CJK_DATE = _Anchored(re.compile(r"(?:19|20)\d{2}\s?[年년]\s?[01]?\d\s?[月월](?:\s?[0-3]?\d\s?[日일号號])?"),
                      r"[12](?<!\d[12])[90]\d\d\s?[年년]")
_SPELLED_YEAR = re.compile(rf"{_ALNUM_AHEAD}(?<![\w-])(?:{_YEAR_WORDS})(?![\w-])")  # in lowercase text
_BIRTH_CUE = _Cue(r"(?:born|birth|d\.?o\.?b\b|birthday|geburt\w*|naissance|nacimiento|nascita|nascimento|"
                  r"geboren|née?\b|рождения|родил\w*)")
_MONTH_YEAR = re.compile(  # with a birth cue: a month and year, a day and month, or a year alone
    rf"{_ALNUM_AHEAD}(?:(?<![\w-])(?:{_MONTHS})\.?,?\s{_YEAR}(?!\w)|(?<![\w/.-])[01]?\d/{_YEAR}(?!\w)"
    rf"|(?<![\w-])(?:{_MONTHS})\.?\s(?:the\s)?(?:\d{{1,2}}{_ORD}|{_DAY_WORDS})(?!\w)"
    rf"|(?<![\w-])(?:the\s)?(?:\d{{1,2}}{_ORD}|{_DAY_WORDS})\s(?:of\s|de\s)?(?:{_MONTHS})(?!\w)"
    rf"|(?<=born\s)(?:in\s)?{_YEAR}(?!\w)|(?<=born\sin\s){_YEAR}(?!\w))",
)  # searched in lowercase text, as _DATE is
_ADULT_BIRTH_YEARS = range(1920, 2013)

# --- addresses ----------------------------------------------------------------------------------------------
def _literal(alternative: str) -> str:
    """The literal an anchor alternative opens with ("avda\\.?" -> "avda", "str\\." -> "str.")."""
    return alternative.split("\\.?")[0].replace("\\.", ".")


_STREET_TYPES = (r"road|rd|street|st|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace|"
                 r"close|crescent|square|sq|gardens|row|parkway|pkwy|highway|hwy|grove|mews|walk|hill|circle|cir")
_NUM = r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
_CAPW = r"(?-i:[A-ZÀ-ÖØ-Þ])[\wÀ-ÿ'’.-]*+"
_STREET_WORDS = (r"calle|c/|avenida|avda\.?|av\.|paseo|plaza|carrer|rua|travessa|via|viale|piazza|corso|largo|"
                 r"ulica|ul\.|ulitsa|prospekt|straße|strasse")
_STREET_SUFFIXES = (r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|gracht|straat|laan|plein|kade|"
                    r"singel|dijk|steeg|vej|gatan|gata|väg|vagen|veien|katu|tie|utca|ulica")
_STREETS = (  # each alternative on its own, tried only at its anchors (the union of their matches is kept)
    _Anchored(re.compile(
        rf"(?<![\w-])(?:"
        rf"{_NUM},?\s(?:{_CAPW}\s){{1,4}}(?:{_STREET_TYPES})\b\.?"  # 14 Marlowe Road
        rf"|{_NUM}(?:\s(?:bis|ter|quater))?,?\s(?:rue|avenue|av\.|bd|boulevard|place|chemin|allée|allee|impasse|quai|cours|"
        rf"route)\s"
        rf"(?:(?:des|de|du|la|le|l'|d')\s?){{0,2}}{_CAPW}(?:\s{_CAPW}){{0,3}}"  # 12 rue des Lilas
        rf")", re.I), r"\d(?=[\w/-]{0,11},?\s)", after=_RUN_START, gate=_RUN_GATE),  # a house number ends within 12 characters
    _Anchored(re.compile(
        rf"(?<![\w-])(?:{_STREET_WORDS})\s(?:(?:de|del|de\sla|dos|das|da|do|di|della)\s){{0,2}}{_CAPW}"
        rf"(?:\s{_CAPW}){{0,3}},?\s{_NUM}(?:,?\s\d{{1,2}}\s?[ºª°](?:\s(?:izquierda|derecha|izda|dcha|centro|"
        rf"andar|piso)|\s?(?-i:[A-Z])(?!\w))?)?"  # Calle de Alcalá 120, 3º izquierda
        rf"|(?<![\w-])p\.?\s?o\.?\sbox\s\d+", re.I),
        "|".join([*(rf"{w}\s" for w in _STREET_WORDS.split("|")), r"p\.?\s?o\.?\sbox\s\d"]), lowercase=True,
        literals=(*((_literal(w), rf"{w}\s") for w in _STREET_WORDS.split("|")), ("box", r"p\.?\s?o\.?\sbox\s\d"))),
    _Anchored(re.compile(
        rf"(?<![\w-])(?-i:[A-ZÀ-ÖØ-Þ])[\wÀ-ÿ]*?(?:{_STREET_SUFFIXES})\s{_NUM}", re.I),  # Lindenstraße 42
        rf"(?:{_STREET_SUFFIXES})\s\d", lowercase=True, back=r"\w",
        literals=tuple((_literal(w), rf"{w}\s\d") for w in _STREET_SUFFIXES.split("|"))),
)
# an address only where the turn (or its question) is about one; the words in lowercase text (no ``re.I``: the
# engine then checks each alternative's first letter before trying it), the capitalised shapes in the text
_WEAK_ADDRESS = re.compile(
    rf"{_ALNUM_AHEAD}(?<![\w-])(?:"
    rf"(?:flat|apartment|apt\.?|unit|suite|house|block|plot|door|room|apartamento|apto\.?|appartement|appartamento|"
    rf"departamento|depto\.?|piso|wohnung|whg\.?|mieszkanie|lokal|квартира|кв\.|building|bldg\.?|tower|villa|"
    rf"floor|étage|etage|andar|box|postbus|postfach|casilla|caixa\s+postal|apartado|bp)"
    rf"\s?(?:no\.?\s?|n[ºo°]\s?)?#?{_NUM}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)\s(?:floor|cross|main|block|stage|phase|sector)"
    rf"|(?:second|third|fourth|fifth|ground|first|top)\sfloor"
    rf"|0\d{{4}}"  # a number that starts with 0: a ZIP, never a measurement
    rf"|(?<=[-\u2013] )[1-9]\d{{5}}"  # Bangalore - 560034
    rf")(?![\w-])",
)
_WEAK_ADDRESS_CASED = re.compile(
    r"(?=[A-Z\d])(?<![\w-])(?:"
    r"\d{1,4}-\d{1,4}-\d{1,4}\s[A-Z][a-z]+"  # 2-21-1 Shibuya (Japanese block numbers)
    r"|(?:Am|An\sder|An\sden|Im|Auf\sder|Auf\sdem|Zum|Zur|In\sder|Unter\sden)\s[A-ZÄÖÜ][a-zäöüß]+"
    r"(?:\s[A-ZÄÖÜ][a-zäöüß]+)?\s\d{1,4}[a-z]?"  # Am Kupfergraben 6
    r"|\d{3}-\d{4}|\d{5}-\d{3}|\d{2}-\d{3}|\d{4}-\d{3}"  # postcodes: JP 150-0002, BR, PL, PT
    r"|[A-Z][a-z]{2,}+\s[1-9]\d{5}"  # Bengaluru 560038
    r"|(?<=[^\W\d_], )[1-9]\d{5}(?=[.,;]?(?:\s|$))"  # Москва, 125009 (after a place name and a comma)
    r"|(?:[A-Z]-)?\d{5}(?:-\d{4})?(?=,?\s[A-ZÀ-Ý][a-zà-ÿ])"  # 10969 Berlin, 02139, Cambridge
    r"|(?:[A-Z][\wÀ-ÿ'’.-]*+\s){1,3}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Crescent|Terrace|"
    r"Close|Gardens|Place|Square|Way)"  # on Elm Street
    r")(?![\w-])",
)
# an address in Chinese or Japanese script: a run with a prefecture, city, ward or street word and a number
# ("東京都渋谷区渋谷2-21-1", "北京市海淀区中关村大街27号"), and a Japanese postcode after 〒
_CJK_ADDRESS = _Anchored(re.compile(
    r"(?:〒\s?\d{3}-?\d{4}|[\u4e00-\u9fff\u3040-\u30ff]{1,12}?(?:都|道|府|県|省|市|区|區|町|村|郡|路|街|大街|道)"
    r"[\u4e00-\u9fff\u3040-\u30ff]{0,12}?\d{1,5}(?:[-－]\d{1,5}){0,3}(?:号|號|番地?|丁目)?)"),
    r"〒|[\u4e00-\u9fff\u3040-\u30ff](?<![\u4e00-\u9fff\u3040-\u30ff][\u4e00-\u9fff\u3040-\u30ff])")
_POSTCODE_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?-i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"  # UK
    r"|(?-i:[A-Z]\d[A-Z]\s?\d[A-Z]\d)"  # Canada
    r"|(?-i:(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[TA]|W[AVIY])\s\d{5}(?:-\d{4})?)"  # US state and ZIP
    r"|(?:pin|zip|postcode|post\s?code|postal\s?code|plz|cap|cp)(?:\s?code)?(?:\s(?:is|was))?:?\s?\d{5,6}"
    r"(?:-\d{4})?"
    r"|\d{4}\s?(?-i:[A-Z]{2})(?=\s(?-i:[A-Z][a-z]))"  # NL, before the city
    r"|(?-i:[A-Z]\d{4}[A-Z]{3})"  # Argentina (CPA)
    r")(?![\w-])",
    re.I,
)
_POSTCODES = (_Anchored(_POSTCODE_RE, _CAPITAL_OR_DIGIT_START, after=_RUN_START, gate=_RUN_GATE),
              _Anchored(_POSTCODE_RE, r"(?:pin|zip|post|plz|cap|cp)", lowercase=True,
                        literals=tuple((w, w) for w in ("pin", "zip", "post", "plz", "cap", "cp"))))
_ADDRESS_CUE = _Cue(r"(?:address|adresse|dirección|direccion|indirizzo|endereço|post(?:al)?|mail(?:ed|ing)?"
                    r"|deliver\w*|ship\w*|send|sent|courier|live|living|located|zip|postcode|pin\b|relocat\w*"
                    r"|home|flat|apartment|street|road|based|reside\w*|residence|p\.?\s?o\.?\s?box|postbus|postfach)\b")
# with an address cue: a postcode of five to seven digits ("48060", "6578901") or of three and two digits before
# a place name ("111 21 Stockholm", "105 63 Αθήνα"), and a street in a script other than Latin: up to four such
# words and a house number ("Οδός Ερμού 25", "רחוב הרצל 12", "부산광역시 해운대구 우동 1408"), or a house number
# and such words ("99/12 ถนนสุขุมวิท ซอย 21")
_OTHER_WORD = r"(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])[^\W\d_][\w\u0591-\u05c7\u0e00-\u0e7f\u0900-\u0dff]*+"
_CUED_ADDRESS = re.compile(
    rf"(?=[^\W_])(?<![\w.,/-])(?:\d{{5,7}}(?![\w-]|[.,]\d)|\d{{3}}\s\d{{2}}(?=\s[^\W\d_])"
    rf"|(?:{_OTHER_WORD}\s){{1,4}}\d{{1,5}}(?:[/-]\d{{1,4}})?(?![\w-])"
    rf"|\d{{1,5}}(?:/\d{{1,4}})?\s{_OTHER_WORD}(?:\s{_OTHER_WORD}){{0,3}}(?:\s\d{{1,4}}(?![\w-]))?)")
_HAS_CJK = re.compile(r"[〒\u4e00-\u9fff\u3040-\u30ff]")
_SEGMENT = re.compile(r",\s*+([^,.;:!?\n]{1,40}+)")
_SEGMENT_OK = re.compile(r"^(?:\d|(?-i:[A-ZÀ-ÖØ-Þ])|(?:pin|zip|unit|flat|apt|floor)\b)", re.I)


@dataclass
class Context:
    """What a turn's cues are read from: its own text and the turn before it (the question)."""

    text: str
    previous: str = ""
    first: bool = True  # the text starts the turn (a long turn is scanned piece by piece: see ``scan``)
    prose: bool = True  # the text's own cue words count (see ``_prose``); the question's always do


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


_AT_WORDS = ("[at]", "(at)", "{at}")
# what a spelled-out address needs somewhere in the turn: "dot" or "underscore" as words, an "@", "[at]"...
# (each alternative starts with a literal, so the engine skips to "@", "d", "u", "[", "(" or "{" in C)
_SPELLED_GATE = re.compile(r"@|dot(?<![a-z]dot)(?![a-z])|underscore(?<![a-z]underscore)(?![a-z])"
                           r"|\[at[\])}]|\(at[\])}]|\{at[\])}]")


# "..., at gmail dot com": a domain said with "dot" (or [dot]) after "at", whose local part was said before it
_SENTENCE_AFTER_ADDRESS = re.compile(r"\.\s+[A-Z][a-z]*$")
_SPOKEN_DOMAIN = re.compile(rf"{_ALNUM_AHEAD}(?<!\w)(?:at|\[at\]|\(at\))\s++{_W}(?:{_DOT}{_W}){{0,3}}?"
                            rf"\s*+(?:\bdot\b|\[dot\]|\(dot\))\s*+(?:{_TLDS})\b", re.I)
_SPELLED_OUT = re.compile(r"(?<![\w-])[a-z0-9](?:[-.][a-z0-9]){2,}+(?![\w-])", re.I)  # p-r-a-m-a-n
_LOCAL_PART = re.compile(r"(?<![\w@.-])[a-z0-9][a-z0-9._-]{1,40}+(?![\w@-])")


def _said_local_parts(text: str, start: int) -> list[Span]:
    """The local part(s) said before a spoken domain, in the same clause: "ssilva, s-s-i-l-v-a, at gmail dot
    com" (a lowercase word that is not an ordinary word, or one spelled out letter by letter)."""
    from .lexicon import NOT_NAMES, is_common

    lo = max(0, start - 80)
    for cut in ".!?;:\n":
        lo = max(lo, text.rfind(cut, lo, start) + 1)
    spans: list[Span] = [(m.start(), m.end(), "email") for m in _SPELLED_OUT.finditer(text, lo, start)]
    for m in _LOCAL_PART.finditer(text, lo, start):
        word = m.group(0)
        if any(a <= m.start() < b for a, b, _ in spans):
            continue
        plain = word.isalpha()
        if (not plain or not (is_common(word) or word in NOT_NAMES)) and word not in ("it's", "that's") and \
                (not plain or len(word) >= 4):
            spans.append((m.start(), m.end(), "email"))
    return spans


def emails(text: str, ctx: Context | None = None) -> list[Span]:
    spans = []
    for m in _EMAIL.finditer(text) if "@" in text else ():
        end = m.end()
        while end > m.start() and text[end - 1] in ".-":
            end -= 1
        spans.append((m.start(), end, "email"))
    lower = lowered(text)
    # a spelled-out address is kept only with one of these in it: without any, the scan can be skipped
    spelled = (ctx is None or ctx.prose) and _SPELLED_GATE.search(lower) is not None
    for m in _OBFUSCATED.finditer(text) if spelled else ():
        words = m.group(0).lower()
        # "x dot y at gmail dot com", "x [at] y [dot] kr"; a plain "work at example.com" is a link, not an address
        if re.search(r"\bdot\b|\[dot\]|\(dot\)|\{dot\}|\[at\]|\(at\)|\{at\}|\bunderscore\b|@", words):
            # "a@gmail.com. My eval": a full stop, a space and a capitalised word end the sentence, not an
            # address in Malaysia ("my") or Italy ("it")
            cut = _SENTENCE_AFTER_ADDRESS.search(m.group(0))
            spans.append((m.start(), m.start() + cut.start() if cut else m.end(), "email"))
    for m in _SPOKEN_DOMAIN.finditer(text) if spelled else ():
        if any(a <= m.start() < b for a, b, _ in spans):
            continue
        spans.append((m.start(), m.end(), "email"))
        spans += _said_local_parts(text, m.start())
    return spans


def urls(text: str) -> list[Span]:
    spans = []
    for m in _URL_SCHEME.finditer(text):
        spans.append((m.start(), _trim_url(text, m.start(), m.end()), "url"))
    for m in _BARE.finditer(text):
        value = m.group(0)
        host, _, path = value.partition("/")
        tld = host.rsplit(".", 1)[-1].lower()
        if tld in _FILE_EXT:
            continue
        if not path and host[0].isupper():
            continue  # "Booking.com" is a company's name (an organisation, redacted on request), not a link
        spans.append((m.start(), _trim_url(text, m.start(), m.end()), "url"))
    return spans


def handles(text: str, ctx: Context) -> list[Span]:
    spans = []
    for m in _AT_HANDLE.finditer(text) if "@" in text else ():
        end = m.end()
        while end > m.start() + 1 and text[end - 1] == ".":
            end -= 1
        if end - m.start() > 2:
            spans.append((m.start(), end, "handle"))
    lower = lowered(text)
    if "u/" in lower:
        spans += [(m.start(), m.end(), "handle") for m in _REDDIT.finditer(text)]
    if "#" in text:
        spans += [(m.start(), m.end(), "handle") for m in _DISCORD.finditer(text)]
    gated = ctx.prose and _HANDLE_GATE.search(text)
    for start in _words_before_platform(text) if gated else ():
        h = _handle_at(text, start)
        if h and _handle_like(text[h[0]:h[1]]):
            spans.append((*h, "handle"))
    for m in words_at(_HANDLE_CUE, text) if gated else ():
        h = _handle_at(text, m.end())
        if h and _handle_like(text[h[0]:h[1]]):
            spans.append((*h, "handle"))
    if ctx.first and _ASKED_HANDLE.search(ctx.previous):
        lead = _ANSWER_LEAD.match(text)
        h = _handle_at(text, lead.end() if lead else len(text) - len(text.lstrip()))
        if h and _handle_like(text[h[0]:h[1]], strict=False):
            spans.append((*h, "handle"))
    return spans


def _words_before_platform(text: str) -> list[int]:
    """Where the word right before each "on <platform>" starts (at most 39 characters back; linear)."""
    low = lowered(text)
    starts = []
    for m in _ON_PLATFORM.finditer(low):
        i = m.start()
        if i == 0 or not text[i - 1].isspace():
            continue
        while i > 0 and text[i - 1].isspace() and m.start() - i < 4:
            i -= 1
        end = i
        while i > 0 and end - i < 39 and _HANDLE_WORD.match(text, i - 1):
            i -= 1
        if i < end and (i == 0 or text[i - 1] not in "@./-" and not _WORD_CHAR.match(text, i - 1)):
            starts.append(i)
    return starts


def _handle_at(text: str, pos: int) -> tuple[int, int] | None:
    h = _HANDLE_SHAPE.match(text, pos)
    if not h:
        return None
    end = h.end()
    while end > h.start() and text[end - 1] in "._-":
        end -= 1
    return (h.start(), end) if end - h.start() >= 2 else None


def _handle_like(value: str, *, strict: bool = True) -> bool:
    from .lexicon import is_common

    low = value.lower()
    if low in _NOT_HANDLES or value.replace(".", "").replace("-", "").isdigit():
        return False
    if any(c in value for c in "_.-") or any(c.isdigit() for c in value):
        return True
    return value.islower() and len(value) >= 3 and not (strict and is_common(low))


_NOT_HANDLES = frozenset("there now the my on it is a an also just still mostly called same here that this".split())
_DATEISH = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-\u2010-\u2013]\s*(?:19|20)?\d\d")


_MAX_PHONE_RUN = 64


def phones(text: str, ctx: Context, *, digit: bool = True) -> list[Span]:
    spans = []
    for m in _PHONE_RUN.finditer(text) if digit else ():
        start, end = m.start(), m.end()
        if end - start > _MAX_PHONE_RUN:
            continue  # at most 15 digits and their separators: a longer run is no phone number
        while end > start and not text[end - 1].isdigit():
            end -= 1
        if text[end:end + 1] == ")" and "(" in text[start:end]:
            end += 1
        run = text[start:end]
        digits = sum(c.isdigit() for c in run)
        if not 7 <= digits <= 15:
            continue
        groups = re.findall(r"\d+", run)
        if "." in run and not re.fullmatch(r"\+?\(?\d{2,4}\)?(?:\.\d{2,4}){2,4}", run):
            continue  # decimals and version numbers
        if _YEAR_RANGE.fullmatch(run) or _DATEISH.fullmatch(run):
            continue
        if digits < 9 and not (run.startswith(("+", "(", "0")) or len(groups) >= 3):
            local = re.fullmatch(r"\d{3,4}[-. ]\d{4}", run)  # 555-0123, with a phone cue nearby
            if not (local and (_PHONE_CUE.search(text) or _PHONE_CUE.search(ctx.previous))):
                continue
        ext = _EXT.match(text, end)
        if ext:
            end = ext.end()
        spans.append((start, end, "phone"))
    if digit:
        spans += [(m.start(), m.end(), "phone") for m in words_at(_EXTENSION, text)]
    for m in _SPELLED.finditer(text):
        count, mult = 0, 1
        for w in re.findall(r"[a-z]+", m.group(0).lower()):
            if w in ("double", "triple"):
                mult = 2 if w == "double" else 3
            else:
                count += mult
                mult = 1
        if count >= 7:
            spans.append((m.start(), m.end(), "phone"))
    return spans


def government_ids(text: str, ctx: Context) -> list[Span]:
    spans = [(m.start(), m.end(), "id") for m in _ID_FORMATS.finditer(text)]
    if (ctx.prose and _ID_CUE.search(text)) or _ID_CUE.search(ctx.previous):
        for m in _ALNUM_ID.finditer(text):
            value = m.group(0)
            if sum(c.isdigit() for c in value) >= 3 and not re.fullmatch(r"[A-Z]{1,4}\d{1,4}[A-Z]?", value):
                spans.append((m.start(), m.end(), "id"))
        for m in _SPACED_ID.finditer(text):
            value = m.group(0)
            digits = sum(c.isdigit() for c in value)
            if digits >= 5 and (digits >= 8 or any(c.isalpha() for c in value)):
                spans.append((m.start(), m.end(), "id"))
        for m in _DIGIT_ID.finditer(text):
            if not re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
                spans.append((m.start(), m.end(), "id"))
    return spans


_YEAR_ANCHOR = _Anchored(re.compile(rf"(?<!\d){_YEAR}(?!\d)|(?:nineteen|twenty|thousand)", re.I),
                         r"1(?<!\d1)9\d\d(?!\d)|2(?<!\d2)0\d\d(?!\d)|nineteen|twenty|thousand", lowercase=True)


def _date_matches(text: str):
    """``_DATE`` matches, scanned only in windows around a year (a full date always has one)."""
    low = lowered(text)
    lo = hi = -1
    windows = []
    for m in _YEAR_ANCHOR.finditer(text):
        a, b = max(0, m.start() - 48), min(len(text), m.end() + 40)
        if a <= hi:
            hi = max(hi, b)
        else:
            if hi > lo:
                windows.append((lo, hi))
            lo, hi = a, b
    if hi > lo:
        windows.append((lo, hi))
    last_end = 0
    for lo, hi in windows:
        for m in _DATE.finditer(low, max(lo, last_end), hi):
            last_end = m.end()
            yield m


def dates_of_birth(text: str, ctx: Context) -> list[Span]:
    spans = []
    cue = (ctx.prose and _BIRTH_CUE.search(text)) or _BIRTH_CUE.search(ctx.previous)
    cjk = _CJK_DATE.finditer(text) if ("年" in text or "년" in text) else ()
    for m in [*_date_matches(text), *cjk]:
        years = re.findall(r"(?:19|20)\d\d", m.group(0))
        if cue or not years or int(years[-1]) in _ADULT_BIRTH_YEARS:
            spans.append((m.start(), m.end(), "dob"))
    if cue:
        low = lowered(text)
        spans += [(m.start(), m.end(), "dob") for m in _MONTH_YEAR.finditer(low)]
        spans += [(m.start(), m.end(), "dob") for m in _SPELLED_YEAR.finditer(low)]
        spans += [(m.start(), m.end(), "dob") for m in _CUED_DATE.finditer(text)]
    return spans


# with a birth cue: a day, a month in any language and a year ("7 Ağustos 1989", "12 Μαΐου 1990", "ngày 2 tháng 9
# năm 1995"); or a date with a two-digit year ("3/4/92")
_CUED_DATE = re.compile(
    r"(?=[^\W_])(?<![\w./-])(?:(?:[^\W\d_]{2,8}\s)?\d{1,2}\.?\s[^\W\d_]++\.?\s(?:\d{1,2}\s[^\W\d_]++\s)?(?:19|20)\d\d(?!\d)"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?![\w/-]|\.\d))")


def addresses(text: str, ctx: Context, *, digit: bool = True) -> list[Span]:
    anchors = []
    if digit:
        anchors += [(m.start(), m.end()) for street in _STREETS[:2] for m in street.finditer(text)]
        anchors += [(m.start(), m.end()) for m in _STREETS[2].finditer(text) if _street_word(m.group(0))]
        anchors += [(m.start(), m.end()) for postcode in _POSTCODES for m in postcode.finditer(text)]
        if _HAS_CJK.search(text):
            anchors += [(m.start(), m.end()) for m in _CJK_ADDRESS.finditer(text)]
    if (ctx.prose and _ADDRESS_CUE.search(text)) or _ADDRESS_CUE.search(ctx.previous):
        anchors += [(m.start(), m.end()) for m in _WEAK_ADDRESS.finditer(lowered(text))]
        anchors += [(m.start(), m.end()) for m in _WEAK_ADDRESS_CASED.finditer(text)]
        anchors += [(m.start(), m.end()) for m in _CUED_ADDRESS.finditer(text)]
    spans = []
    for start, end in sorted(anchors):
        # extend over the ", Segment" parts of the same address (house, street, district, city, postcode)
        for _ in range(6):
            seg = _SEGMENT.match(text, end)
            if not seg or not _SEGMENT_OK.match(seg.group(1)) or not _address_segment(seg.group(1)):
                break
            end = seg.end(1)
        for _ in range(3):
            back = _segment_before(text, start)
            if back is None:
                break
            start = back
        spans.append((start, end, "address"))
    return spans


def _street_word(match: str) -> bool:
    """"Lindenstraße 42", not "Spring 2024" or "Boring 3": the word is not an ordinary English word."""
    from .lexicon import is_common

    return not is_common(match.split()[0].lower())


def _address_segment(segment: str) -> bool:
    words = segment.split()
    if not words or len(words) > 5:
        return False
    if any(w[0].isdigit() for w in words):
        return True
    return all(w[0].isupper() or w.lower() in {"de", "la", "des", "du", "di", "van", "der", "floor", "unit"} for w in words)


_SEGMENT_SMALL_WORDS = frozenset("de la des du di van der floor unit flat apt apartment house no".split())


def _segment_before(text: str, start: int) -> int | None:
    """The start of a capitalised ", Segment," (a building or estate name) right before an address anchor."""
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if j == 0 or text[j - 1] != ",":
        return None
    k = j - 1
    i = k
    while i > 0 and text[i - 1] not in ",.;:!?\n" and k - i < 40:
        i -= 1
    # a clause before the address ("I live at Lindenstraße 42, 10969 Berlin") is not part of it: the segment
    # starts after its last lowercase word (particles and unit words aside)
    from .lexicon import NOT_NAMES

    base = i
    for w in re.finditer(r"\S+", text[base:k]):
        word = re.sub(r"['’](?:s|m|re|ve|ll|d)$", "", w.group(0).lower())
        if word in NOT_NAMES or (word.isalpha() and w.group(0).islower() and word not in _SEGMENT_SMALL_WORDS):
            i = base + w.end()
    segment = text[i:k].strip()
    if not segment or not _SEGMENT_OK.match(segment) or not _address_segment(segment):
        return None
    if not any(ch.isdigit() for ch in segment) and not re.match(r"(?:flat|apartment|apt|unit|house)\b", segment, re.I):
        if i == 0 or text[i - 1] != ",":
            return None  # a lone capitalised phrase before a comma is a clause, not a house name
    return i + (len(text[i:k]) - len(text[i:k].lstrip()))


_DIGIT = re.compile(r"\d")
_DIGIT_WORDS_ANY = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# every _HANDLE_CUE match starts with one of these words: a turn without any is not scanned for one
# (a platform whose name is short or an ordinary word, "x", "line", "signal", opens the scan only where it is
# used as a platform's name: "x is", "line id", "on signal"; else every "x=" of a 2 MB line of code would)
_AMBIGUOUS_PLATFORMS = frozenset("x line medium signal threads steam matrix snap ig fb gh hf qq npm psn insta "
                                 "kakao(?:talk)?".split())
_PLAIN_PLATFORMS = "|".join(p for p in _PLATFORMS.split("|") if p not in _AMBIGUOUS_PLATFORMS)
_SHORT_PLATFORMS = "|".join(p for p in _PLATFORMS.split("|") if p in _AMBIGUOUS_PLATFORMS)
_HANDLE_CUE_WORDS = _Cue("|".join(  # a flat alternation of literals: the engine skips to their first letters in C
    ["user", "handle", "nick", "account", "screen", "gamertag", *_PLAIN_PLATFORMS.split("|")]
    + [rf"{p}(?![\w-])(?=\s*+(?:is\b|:|id\b|handle|user|account|profile|name))" for p in _SHORT_PLATFORMS.split("|")]
    + [rf"{w}\s+(?:{_SHORT_PLATFORMS})(?![\w-])" for w in ("on", "at", "via", "in")]))

_HANDLE_GATE = _HANDLE_CUE_WORDS


PIECE = 16_384
"""A turn longer than this is scanned in pieces of about this size. A cue word ("passport", "address", a spelled
"dot") then opens its scans for its own piece and not for the whole turn: in 2 MB of base64 or code some cue
turns up by chance, and every cued scan ran over all of it. Each piece is read with ``_MARGIN`` characters of
the text on either side, and keeps what starts inside it: a detail across a cut is found whole, by the piece it
starts in. The question before the turn still cues every piece."""
_MARGIN = 1024  # longer than any contact detail the patterns find (a long URL path may be cut here)
_CUTS = ("\n", " ", "\t", "\u00a0", ".", ",", ";", ")", "(", "/", "=", "&", "?", "!", "}", "{", "]", "[", '"', "'")
_CUT_ROOM = 2048  # how far back from a piece's end a cut is looked for


def _cut(text: str, end: int) -> int:
    """Where the piece that should end at ``end`` ends: after the last line break (else space, else other
    separator) in the last ``_CUT_ROOM`` characters, or at ``end``."""
    lo = end - _CUT_ROOM
    for group in (_CUTS[:1], _CUTS[1:4], _CUTS[4:]):
        at = max(text.rfind(c, lo, end) for c in group)
        if at > lo:
            return at + 1
    return end


def _prose(piece: str) -> bool:
    """Whether a piece of a long turn reads as speech: at least one space in 20 characters (a sentence has one
    in six). Base64, minified code and a line with no spaces have none; a cue word in them ("id", "tax", "ship"
    inside a random run) is chance, so their own cues open no scan. Only pieces of turns longer than ``PIECE``
    are asked."""
    return piece.count(" ") * 20 >= len(piece)


def scan(text: str, ctx: Context) -> list[Span]:
    """Every contact detail and identifier in ``text`` (a long turn piece by piece, see ``PIECE``)."""
    if len(text) <= PIECE:
        return _scan_piece(text, ctx)
    spans: list[Span] = []
    pos = 0
    while pos < len(text):
        end = len(text) if len(text) - pos <= PIECE else _cut(text, pos + PIECE)
        lo = max(0, pos - _MARGIN)
        window = text[lo:end + _MARGIN]
        for a, b, kind in _scan_piece(window, Context(window, ctx.previous, first=lo == 0, prose=_prose(window))):
            if pos <= a + lo < end:
                spans.append((a + lo, b + lo, kind))
        pos = end
    return spans


def _scan_piece(text: str, ctx: Context) -> list[Span]:
    """Every contact detail and identifier in ``text``.

    Each family of patterns runs only where the text has what it needs (a digit, an "@", a dot, a cue
    word): every pattern is linear, and this keeps the constant small on long turns."""
    lower = lowered(text)
    digit = _DIGIT.search(text) is not None
    spans: list[Span] = []
    if "@" in text or "at" in lower:
        spans += emails(text, ctx)
    if "." in text:
        spans += urls(text)
    if "@" in text or "u/" in lower or "#" in text or (ctx.prose and _HANDLE_GATE.search(text)) or \
            _ASKED_HANDLE.search(ctx.previous):
        spans += handles(text, ctx)
    if digit:
        spans += government_ids(text, ctx)
    if digit or "nineteen" in lower or "twenty" in lower or "thousand" in lower:
        spans += dates_of_birth(text, ctx)
    spans += addresses(text, ctx, digit=digit)
    if digit or any(w in lower for w in _DIGIT_WORDS_ANY):
        spans += phones(text, ctx, digit=digit)
    return spans
