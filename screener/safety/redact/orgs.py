"""Employers and universities, found only when organisation redaction is asked for (``--redact-orgs``).

An organisation is a capitalised name with an organisation word in it ("University of Toronto", "Sorbonne
Université", "Tsinghua University"), a capitalised name after a work or study cue ("joined Yandex", "at
Stripe", "internship at DeepMind", "graduated from..."), or non-Latin script with an organisation suffix
(清华大学, 東京大学) or an all-capital acronym (МФТИ). Each is added to the name index as an ``[ORG n]``, so its
later mentions are replaced too ("What did you ship at Stripe?").
"""

from __future__ import annotations

import re

from . import lexicon
from .names import (
    ORG_WORDS,
    TECH_TERMS,
    NameIndex,
    Term,
    Tok,
    Toks,
    _as_toks,
    _joinable,
    _link_or_new,
    _org_like_script,
    _words,
    masked_tokens,
)
from .text import token_script

_CONNECTORS = frozenset("of de del della di da do dos das des du la le the and für fur für van voor y e et "
                        "und i".split())
_CUE = re.compile(
    r"(?:\b(?:at|joined|join|joining|left|leave|leaving|quit|acquired\s+by|hired\s+by|employed\s+by|"
    r"(?:before|after|then|later|and)\s+(?:at|joined|to|for)|went\s+to|then|merged\s+with|bought\s+by|"
    r"acquired|part\s+of|sold\s+to|spun\s+out\s+of|spin-?off\s+of)\s+(?:the\s+)?"
    r"|\b(?:worked|work|working|interned|intern|internship|studied|study|graduated|was|am|i['’]m|phd|degree|"
    r"master['’]?s|bachelor['’]?s|doctorate|postdoc|years?|months?)\s+(?:at|for|from|in|with)\s+(?:the\s+)?"
    r"|\b(?:engineer|analyst|scientist|researcher|developer|intern|consultant|manager|lead|designer|architect|"
    r"associate|fellow|contractor)s?\s+(?:at|for|with)\s+(?:the\s+)?"
    r"|\b(?:startup|start-up|company|firm|lab|laboratory|agency|studio|consultancy|employer|organi[sz]ation|"
    r"non-?profit|business|fund|bank|school|university|college|institute|scale-?up|unicorn)\s+(?:called|named)\s+"
    r"|\b(?:b\.?\s?tech|m\.?\s?tech|b\.?\s?sc|m\.?\s?sc|b\.?\s?eng|m\.?\s?eng|b\.?a|m\.?a|mba|ph\.?d|m\.?s|b\.?s|"
    r"diploma|degree)\.?\s+(?:at|from|in)\s+(?:the\s+)?)$",
    re.I,
)
_CUE_WORDS = frozenset("at joined join joining left leave leaving quit by for from in with the called named to then "
                       "acquired of".split())
# a question about someone's work or studies: the capitalised names that open the answer's clauses are
# employers and schools ("BITS Pilani, then Zomato for three years")
ASKED_BACKGROUND = re.compile(
    r"\b(?:background|where\s+(?:have|had|did|do)\s+you\s+(?:work|worked|study|studied|train|trained|been)|"
    r"work\s+history|your\s+(?:story|career|cv|resume|résumé|experience|studies|education)|"
    r"walk\s+me\s+through|where\s+were\s+you\s+before|where\s+are\s+you\s+working|employers?|"
    r"tell\s+me\s+about\s+your\s+(?:studies|career|background)|what\s+did\s+you\s+study)\b", re.I)
# after the name: "TU München for my master's", "KTH during the PhD"
_CUE_AFTER = re.compile(r"(?:\s*+,)?\s++(?:for|during)\s++(?:(?:my|the|a|an|her|his|their|our)\s++(?:[\w-]+\s++)?)?"
                        r"(?:master|bachelor|ph\.?\s?d|doctorate|degree|undergrad|mba|m\.?sc|b\.?sc|msc|bsc|postdoc|"
                        r"exchange|internship|diploma|thesis|high\s+school|secondary\s+school)"
                        # an appositive: "NotCo, the food-tech startup", "Paystack, a payments company"
                        r"|\s*+,\s++(?:the|a|an|our|my)\s++(?:[\w-]+\s++){0,3}?(?:startup|start-up|company|firm|"
                        r"bank|lab|agency|studio|consultancy|employer|non-?profit|scale-?up|unicorn|university|"
                        r"college|school|retailer|marketplace|insurer|telco|fintech|platform)\b", re.I)
_VIET_ORG = re.compile(r"^(?:Đại học|Trường|Công ty|Học viện|Viện|Ngân hàng|Tập đoàn)\b")
_NOT_ORGS = frozenset("i first last least most once now home work school night all times best random large "
                      "scale length ease risk peace qa ml ai hr it ops mrr sql api ux ui pm cv nlp seo crm erp "
                      "saas ceo cto cfo devops sre r d".split())
_TLD_TOKENS = frozenset("com io ai net org co dev app".split())


_ANSWER_WINDOW = 160  # the answer's first characters, where the employers and schools asked about are listed


def _common(key: str) -> bool:
    return lexicon.is_common(key) or (key.endswith("s") and lexicon.is_common(key[:-1]))


def _answer_org(toks: list[Tok], j: int, plain: list[str]) -> bool:
    """In an answer about work or studies: a capitalised name that is no person's name, no ordinary word and no
    tool ("Nubank", "BITS Pilani"; not "Then", "Priya Raman", "PyTorch")."""
    if not plain or any(key in TECH_TERMS for key in plain):
        return False
    first = toks[j].text
    if _common(plain[0]) and not first.isupper():
        return False  # "Invoices come in...", "On the 300": a sentence that starts with an ordinary word
    if any(c.isdigit() for key in plain for c in key) or (first.isupper() and len(plain) == 1 and len(first) <= 4) or \
            (any(c.isupper() for c in first[1:]) and not first.isupper()) or re.fullmatch(r"[A-Z]{2,5}s", first):
        return False  # "LLM", "GPT-4", "AutoGen", "PDFs": a tool or a term, not an employer
    if len(plain) == 1 and plain[0] in _NOT_ORGS:
        return False
    if lexicon.is_given_name(plain[0]) and not toks[j].text.isupper() and \
            (len(plain) == 1 or lexicon.is_surname(plain[-1]) or lexicon.is_given_name(plain[-1])):
        return False  # a person
    return not all(lexicon.is_common(key) or key in _CONNECTORS for key in plain)


def _org_run(text: str, toks: list[Tok], j: int) -> int:
    """End of a capitalised name (with connectors, acronyms and ".com") starting at toks[j]."""
    n = len(toks)
    k = j
    last = j
    while k < n and k - j < 8:
        t = toks[k]
        if k > j:
            gap = text[toks[k - 1].end:t.start]
            if gap == "." and t.key in _TLD_TOKENS:
                k += 1
                last = k
                continue
            if not _joinable(text, toks[k - 1], t):
                break
        if t.key in _CONNECTORS and t.text.islower() and k > j:
            k += 1
            continue
        if not (t.text[:1].isupper() or (t.text[:1].isdigit() and k > j)) or any(c == "_" for c in t.text):
            break
        if k > j and (t.key in lexicon.NOT_NAMES or t.text == "I"):
            break
        if k > j and (t.key in lexicon.MONTHS or t.key in lexicon.DAYS):
            break
        k += 1
        last = k
    return last


def discover(index: NameIndex, text: str, toks: list[Tok], masked: list[tuple[int, int]], *,
             background: bool = False) -> None:
    n = len(toks)
    hidden = masked_tokens(toks, masked)
    run_end = 0  # a capitalised run that started earlier ends here too (one pass per run, not per word)
    if not isinstance(toks, Toks):
        toks = _as_toks(toks)
    nxt = 0
    for j in toks.capital:  # an organisation starts with a capital or in another script
        if j < nxt:
            continue
        t = toks[j]
        if hidden[j]:
            continue
        sc = token_script(t.text)
        if sc not in ("latin", "other"):
            k = j + 1
            while k < n and text[toks[k - 1].end:toks[k].start] == " " and token_script(toks[k].text) == sc:
                k += 1
            words = _words(text, toks, j, k)
            if _org_like_script(words):
                _link_or_new(index, words, "org")
            nxt = k
            continue
        if not t.text[:1].isupper() or t.key in lexicon.NOT_NAMES or t.key in _NOT_ORGS or t.key in TECH_TERMS or \
                t.key in _CUE_WORDS or \
                t.key in lexicon.MONTHS or t.key in lexicon.DAYS:
            continue
        k = run_end if run_end > j + 1 else _org_run(text, toks, j)
        run_end = k
        if k == j:
            continue
        keys = [toks[x].key for x in range(j, k)]
        has_org_word = any(key in ORG_WORDS for key in keys)
        cued = j > 0 and toks[j - 1].key in _CUE_WORDS and bool(_CUE.search(text[max(0, t.start - 40):t.start]))
        cued = cued or _CUE_AFTER.match(text, toks[k - 1].end) is not None
        viet = bool(_VIET_ORG.match(text[t.start:t.start + 20]))
        plain = [key for key in keys if key not in _CONNECTORS]
        if cued and not has_org_word and len(plain) == 1 and plain[0] in _NOT_ORGS:
            cued = False  # "at First", "for Now"
        if cued and not has_org_word and len(plain) == 1 and (lexicon.is_given_name(plain[0]) and
                                                               not toks[j].text.isupper()):
            cued = False  # "with Priya": a person
        if background and not (has_org_word or cued or viet) and t.start < _ANSWER_WINDOW:
            cued = _answer_org(toks, j, plain)
        if has_org_word or cued or viet:
            words = _words(text, toks, j, k)
            org = _link_or_new(index, words, "org")
            # "Tsinghua University" is also "Tsinghua"; "Sorbonne Université" also "Sorbonne"
            distinctive = [toks[x] for x in range(j, k) if toks[x].key not in ORG_WORDS and
                           toks[x].key not in _CONNECTORS and not lexicon.is_common(toks[x].key)]
            if org >= 0 and has_org_word and len(distinctive) == 1 and k - j == 2:
                index.add((distinctive[0].key,), Term(org))
            nxt = k
