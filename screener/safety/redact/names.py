"""People's names: every speaker's name and its variants, and the other people named in speech.

An index maps folded token sequences to a person. It is filled in order: the speakers' labels first (each
part, hyphenated parts, accents and case folded, romanised, nicknames and short forms), then names found in
speech (after a title, in the shape of a given name and a surname, after a person cue such as "my manager",
"X said" or "X, who", non-Latin script in an English turn, "-san"). A found name that matches a known person
is linked to that person; otherwise it is a new ``[PERSON n]``. Then every turn is matched against the index
token by token (linear: a bounded look-ahead of at most ``MAX_TERM`` tokens per token).

Name parts that are ordinary words ("Will", "Mark", "Rose", "June") are replaced only where they are names:
capitalised mid-sentence, addressed ("Mark, how..."), followed by a surname, or after a title or greeting.
"""

from __future__ import annotations

import gc
import operator
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, repeat
from typing import NamedTuple, cast

from ...util.spans import merge_spans
from . import lexicon, window
from .text import (
    CJK,
    PREFIX_CAPITAL,
    SURNAME_PREFIXES,
    TOKEN,
    TOKEN_UNPREFIXED,
    chinese_surname,
    fold,
    korean_name_forms,
    romanise,
    romanise_folded,
    skeleton,
    surname_prefixed,
    token_script,
)

_CAMEL_NAME = re.compile(r"^(?:Mc|Mac|De|Da|Di|Du|La|Le|Van|Von|Fitz|St)[A-Z][a-z]+$")
# tools, methods and models named after people or spelled like names: never a person found in speech
TECH_TERMS = frozenset(
    "adam adamw bayes bayesian gauss gaussian markov kalman fourier laplace platt elo xavier kaiming huber "
    "dirichlet poisson bernoulli wilcoxon pearson spearman kendall cohen fleiss krippendorff jaccard levenshtein "
    "hamming euclid euclidean newton euler lagrange hessian jacobian viterbi dijkstra bellman boltzmann gibbs "
    "metropolis monte carlo shapley lime ada julia ruby pascal haskell kotlin dart scala perl lua jenkins hadoop "
    "kafka spark flink hive presto trino airflow dagster prefect luigi celery django flask rails laravel vue "
    "angular ember svelte jest mocha jasmine karma selenium cypress sentry grafana kibana prometheus jaeger zipkin "
    "istio envoy consul vault nomad terraform ansible chef puppet docker kubernetes helm argo tekton jira "
    "confluence trello asana notion figma claude gemini llama mistral mixtral falcon bloom gemma phi qwen grok "
    "copilot cursor devin alexa siri cortana watson jarvis tableau looker metabase superset pandas polars dask "
    "numpy scipy keras jax flax triton optuna hyperopt mlflow kubeflow sagemaker vertex bedrock azure heroku "
    "vercel netlify supabase firebase mongo cassandra redis postgres mysql sqlite snowflake databricks bigquery "
    "redshift athena hudi iceberg parquet avro protobuf thrift graphql pulsar rabbitmq zookeeper etcd "
    "elasticsearch opensearch solr lucene faiss milvus pinecone weaviate qdrant chroma langchain llamaindex "
    "haystack ragas deepeval promptfoo ollama vllm whisper dalle midjourney bard sora codex".split()
)
MAX_TERM = 8
MAX_PEOPLE = 2000  # a transcript naming more is hostile input: later names are still matched, none added
PARTICLES = frozenset("van von der den de del della dei di da das dos du la le les ter ten bin binti bint ibn "
                      "al el abu ben bat zu y e af av ni nic ui mhic".split())  # (Irish: "Siobhán Ní Bhriain")
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame madame mme monsieur mademoiselle mlle senhor senhora señor senor "
    "señora senora señorita senorita sr sra srta herr frau fräulein frl signor signora signore sig encik cik puan "
    "tuan datuk dato haji hajjah shri sri smt shrimati kumari ustaz ustazah sheikh sayyid mevrouw meneer mijnheer "
    "pani doctor".split()
)
HONORIFIC_SUFFIXES = frozenset("san sama kun chan sensei senpai ssi nim ji sahib".split())
GREETINGS = frozenset("hi hello hey dear thanks thank cheers bye morning evening welcome congrats sorry okay ok "
                      "merci danke gracias grazie obrigado obrigada hola ciao bonjour".split())
ORG_WORDS = frozenset(
    "university universität universitat universidad universidade universiteit université universite università "
    "universita universitet uniwersytet institute institut instituto istituto college school academy polytechnic "
    "politecnico polytechnique laboratory laboratories labs lab inc ltd llc gmbh plc corp corporation company "
    "technologies technology bank hospital foundation group systems solutions ag sa bv "
    "école ecole escuela escola scuola schule hochschule fachhochschule gymnasium lycée lycee liceo colegio "
    "academia akademie politécnica politecnica politècnica universiti universitas universitatea yliopisto "
    "högskola hogskola egyetem hogeschool gakuin daigaku normale supérieure superieure "
    "ventures holdings consulting studios networks pharma pharmaceuticals telecom airlines motors "
    "limited pvt pty srl sarl spa oy kk".split()
)
_ROLE = (r"colleagues?|co-?workers?|teammates?|managers?|boss|leads?|supervisors?|mentors?|advis[eo]rs?|referees?|"
         r"references?|directors?|head|analysts?|deputy|interns?|postdocs?|professors?|pi|friends?|partners?|wife|"
         r"husband|cto|ceo|cfo|coo|vp|founders?|co-?founders?|engineers?|scientists?|researchers?|designers?|pm|"
         r"recruiters?|reviewers?|peers?|counterparts?|stakeholders?|clients?|customers?|sponsors?|owners?|"
         r"architects?|chair|dean|tutors?|teachers?|coach|officers?|administrators?|annotators?|labell?ers?|"
         r"contractors?|consultants?|developers?|students?|assistants?|secretary|representatives?|liaison|contacts?|"
         r"mother|father|sister|brother|cousin|uncle|aunt|neighbou?rs?|landlord|officer|lecturer|examiner")
_CUE_BEFORE = re.compile(  # strong: the next words are a person's name
    rf"(?:\b(?:my|our|her|his|their|the|a|an|one|whose|your)\s+(?:[\w-]+\s+){{0,3}}?(?:{_ROLE})"
    rf"(?:\s+(?:was|is|were|are|named|called))?\s*+,?\s*+"
    r"|\b(?:goes|go|went|going)\s+by\s+|\bcall(?:s|ed)?\s+(?:me|him|her|them)\s+|\bknown\s+as\s+"
    r"|\bname\s+(?:is|was)\s+|\bwrites\s+(?:her|his|their)\s+name\s+|\bnamed\s+|\bintroduced\s+me\s+to\s+"
    r"|\b(?:friends|people|everyone|colleagues|family|they|most\s+people|my\s+\w+)\s+(?:say|use|know\s+me\s+as)\s+)$",
    re.I,
)
# "my colleague X" in French, German, Spanish, Italian, Portuguese and Dutch (a possessive, then a role word)
_ROLE_OTHER = ("collègue|collegue|chef|cheffe|manager|managerin|responsable|directeur|directrice|ami|amie|"
               "kollege|kollegin|chefin|betreuer|betreuerin|teamleiter|teamleiterin|freund|freundin|"
               "compañero|compañera|companero|companera|jefe|jefa|amigo|amiga|colega|collega|capo|capa|"
               "responsabile|chefe|gerente|orientador|orientadora|supervisora|mentora|tutora|leidinggevende|"
               "begeleider|begeleidster|vriend|vriendin")
_CUE_BEFORE_OTHER = re.compile(
    rf"\b(?:mon|ma|mes|notre|nos|mein|meine|meinem|meiner|meinen|unser|unsere|unserem|unserer|mi|mis|nuestro|"
    rf"nuestra|il\s+mio|la\s+mia|il\s+nostro|la\s+nostra|meu|minha|nosso|nossa|o\s+meu|a\s+minha|mijn|onze)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{_ROLE_OTHER})(?:\s+(?:est|ist|es|è|é|is|war|era|était))?\s*+,?\s*+$",
    re.I,
)


def _strong_cue_before(window: str) -> bool:
    """A strong person cue ends ``window``: "my manager", "X goes by", "mon collègue", "meine Kollegin"."""
    return _CUE_BEFORE.search(window) is not None or _CUE_BEFORE_OTHER.search(window) is not None


_WEAK_CUE_BEFORE = re.compile(  # weak: a name only if it is a known given name or surname
    r"(?:\bi['’]?m\s+|\bi\s+am\s+|\bthis\s+is\s+|\bthanks\s+to\s+|\baccording\s+to\s+"
    r"|\b(?:asked|told|thanked|ask|tell|ping|pinged|emailed|messaged|met|hired|replaced|with|by)\s+"
    r"|\b(?:talk|talked|speak|spoke|reach\s+out|went|go|reported|report|reports|listen|listened)\s+to\s+"
    r"|\b(?:hi|hello|hey|dear|thanks|cheers|bye|morning|welcome)(?:\s*+,)?\s+)$",
    re.I,
)
_CUE_AFTER = re.compile(
    rf"^(?:\s*+,\s*+(?:who|our|my|his|her|their|the|a|an)\b(?:\s+[\w-]+){{0,3}}?\s+(?:{_ROLE})\b"
    r"|\s*+,?\s+who\b|\s+and\s+I\b|\s+(?:is|was)\s+(?:my|our)\b"
    r"|\s+on\s+(?:my|our|the|his|her)\s+team\b"
    r"|\s+is\s+(?:short|a\s+nickname|a\s+diminutive|a\s+pet\s+name)\s+for\b"
    r"|\s+(?:from|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:team|department|dept|group|office)\b"
    r"|\s+from\s+(?-i:[A-Z]{2,5})\b"  # "Jack from SRE"
    r"|\s+(?:from|in)\s+(?:legal|finance|compliance|hr|operations|ops|engineering|marketing|sales|product|security|"
    r"qa|data|research|support|procurement|design|infra|platform|accounting)\b)",
    re.I,
)
_APPOSITIVE = re.compile(rf"\s*+,\s*+(?:(?:who|our|my|his|her|their)\b(?:\s+[\w-]+){{0,3}}?\s+(?:{_ROLE})\b|who\b)",
                         re.I)
_VERB_AFTER = re.compile(
    r"\s+(?:said|says|told|asked|wrote|thinks|thought|suggested|mentioned|agreed|insisted|taught|supervised|"
    r"reviewed|approved|owned|built|ran|handled|signed|checked|exported|flagged|found|did|led|managed|"
    r"introduced|liked|wanted|needed|moved|added|made|joined|left|helped|explained|pointed|noticed|caught|"
    r"fixed|wrote|resolved|decided|proposed|argued|owns|runs|leads|manages)\b"
)
_ROLE_WORDS = {w for x in re.findall(r"[a-z]+", _ROLE) for w in (x, x[:-1] if x.endswith("s") else x)}
_ROLE_OTHER_WORDS = {fold(w) for w in _ROLE_OTHER.split("|")} | {"est", "ist", "es", "e", "war", "era", "etait"}
_STRONG_CUE_WORDS = frozenset(_ROLE_WORDS | _ROLE_OTHER_WORDS |
                              {"adviser", "advisor", "advisers", "advisors", "by", "me", "him", "her",
                               "them", "as", "is", "was", "name", "named", "to", "say", "use"})
_WEAK_CUE_WORDS = frozenset("m am is to asked told thanked ask tell ping pinged emailed messaged met hired replaced "
                            "with by hi hello hey dear thanks cheers bye morning welcome".split())
_AFTER_CUE_WORDS = frozenset("who our my his her their the a an and is was on from in".split())
_SELF_INTRO = re.compile(r"(?:\bi['’]m|\bi\s+am)\s+$", re.I)
_PRONOUN_AFTER = re.compile(r"^\s*+[,;]?\s+(?:and\s+)?(?:she|he)\b")
_SPELLED_LETTERS = re.compile(r"[A-Za-z](?<![\w-][A-Za-z])(?:[-.][A-Za-z]){2,}+(?![\w-])")
# a speaker's initials written with full stops ("H.T.", "H. T."): the undotted "HT" is too often an acronym
_DOTTED_INITIALS = re.compile(r"[A-Z]\.(?<![\w.][A-Z]\.)\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\w.])")  # (a letter first: the
# engine skips to capitals in C; the look-behind is asked at those only)
_SENTENCE_END = frozenset(".!?:;\"“”(…\n")


@dataclass
class Person:
    placeholder: str
    label: str
    kind: str  # speaker, person, org


@dataclass(frozen=True)
class Term:
    person: int
    common: bool = False  # an ordinary word too: replaced only in a name position
    derived: bool = False  # a nickname or short form: replaced only when capitalised
    initials: bool = False  # the initials of a hyphenated given name ("PJ" for Pieter-Jan): only in capitals


class Tok(NamedTuple):
    """One word token: offsets in the turn, its text, folded and romanised keys, and its index in the turn."""

    start: int
    end: int
    text: str
    key: str  # folded
    rom: str  # romanised (the key itself for Latin script)
    index: int = 0  # type: ignore[assignment]  # shadows tuple.index on purpose: the token's position


class Toks(list[Tok]):
    """A turn's tokens, and what lets a pass visit only the tokens that can matter: ``keys`` (folded, in order),
    ``key_set``, ``capital`` (the indexes of tokens that start with a capital or are not ASCII) and ``shaped``
    (those of them that can start a name, see ``_may_start_name``), all built at C speed (a 2 MB turn is
    400,000 tokens, most of them lowercase; in base64 a third are capitalised, and almost none name-shaped)."""

    keys: list[str]
    texts: list[str]
    key_set: frozenset[str]
    capital: list[int]
    shaped: list[int]

    def positions(self, wanted: set[str] | frozenset[str]) -> list[int]:
        """The indexes of the tokens whose key is in ``wanted`` (nothing is looped over when none is)."""
        hits = self.key_set.intersection(wanted)
        if not hits:
            return []
        return [i for i, k in enumerate(self.keys) if k in hits]

    def candidates(self, wanted: set[str] | frozenset[str]) -> list[int]:
        """``shaped`` and the tokens whose key is in ``wanted``, in order."""
        extra = self.positions(wanted)
        return sorted(set(self.shaped).union(extra)) if extra else self.shaped


def _may_start_name(word: str) -> bool:
    """Whether a capitalised token can start a name found in speech or spelled another way: another script,
    title case ("Priya", "O'Connor"), at most three letters ("Jo", "PJ") or "McKenzie"-shaped. A token in mixed
    case ("QUJdRk9", "LoRA") or in capitals ("SQL") is no name in speech (``_name_shape``) and matches a known
    name only by its folded key (``Toks.positions``)."""
    if not word.isascii() or word.istitle() or len(word) <= 3:
        return True
    if surname_prefixed(word):
        word = word[2:]
    return _CAMEL_NAME.match(word) is not None


def _shaped(texts: list[str], capital: list[int]) -> list[int]:
    """The indexes in ``capital`` whose token may start a name (each distinct token asked once)."""
    at = list(map(texts.__getitem__, capital))
    ok = set(filter(_may_start_name, set(at)))
    return list(compress(capital, map(ok.__contains__, at)))


_FOLDED: dict[str, str] = {}  # token -> folded, bounded
_ROMANISED: dict[str, str] = {}  # token -> romanised
_SPLIT = re.compile(f"({TOKEN.pattern})")
# ``TOKEN`` without its optional surname prefix: the prefix group was tried at every character (a third of the
# split's time on a 2 MB line of code); ``split`` joins the prefixes back
_PLAIN_SPLIT = re.compile(f"({TOKEN_UNPREFIXED.pattern})")
_APOSTROPHES = frozenset("'’")


def split(text: str) -> list[str]:
    """``_SPLIT.split(text)`` (gap, token, gap, ..., token, gap), faster: split without the surname prefix, then
    each one-letter token "O", "D" or "L" followed by an apostrophe alone and a token that opens with a capital
    is joined to it ("O'Connor" is one token, as ``TOKEN`` reads it)."""
    parts = _PLAIN_SPLIT.split(text)
    if "'" not in text and "’" not in text:
        return parts
    joins = [i for i in compress(range(2, len(parts) - 1, 2), map(_APOSTROPHES.__contains__, parts[2:-1:2]))
             if parts[i - 1] in SURNAME_PREFIXES and len(parts[i - 1]) == 1 and PREFIX_CAPITAL.match(parts[i + 1])]
    if not joins:
        return parts
    out: list[str] = []
    last = 0  # parts[last:] not copied yet
    for i in joins:
        if i - 1 < last:
            continue  # the "O" is the end of a token joined already ("O'O'Connor" reads "O'O", "'", "Connor")
        out += parts[last:i - 1]
        out.append(parts[i - 1] + parts[i] + parts[i + 1])
        last = i + 2
    out += parts[last:]
    return out
_new_tok = tuple.__new__


def tokenize(text: str) -> Toks:
    """The word tokens of ``text``, each with its folded and romanised key (keys computed once per distinct word;
    the offsets, keys and tokens are built by C loops: ``re.split``, ``accumulate``, ``map``)."""
    if len(text) < 3000:
        return _tokenize_short(text)
    if len(text) > 100_000 and gc.isenabled():
        gc.disable()  # hundreds of thousands of small tuples: each collection would walk all of them again
        try:
            return tokenize(text)
        finally:
            gc.enable()
    parts = split(text)  # gap, token, gap, token, ..., gap
    out = Toks()
    texts = parts[1::2]
    n = len(texts)
    distinct = set(texts)
    # an ASCII word without an apostrophe folds to its lower case, in C (most of a hostile 2 MB turn: base64,
    # code); the others go through ``fold`` and ``romanise``, once per distinct word, remembered
    other = [w for w in distinct if not w.isascii() or "'" in w]
    if len(_FOLDED) + len(other) > 200_000:
        _FOLDED.clear()
        _ROMANISED.clear()
    for w in other:
        if w not in _FOLDED:
            key = _FOLDED[w] = fold(w)
            _ROMANISED[w] = key if w.isascii() else romanise_folded(key)
    keys = list(map(str.lower, texts))
    roms = keys
    if other:
        roms = keys.copy()
        for i in compress(range(n), map(frozenset(other).__contains__, texts)):
            w = texts[i]
            keys[i] = _FOLDED[w]
            roms[i] = _ROMANISED[w]
    out.keys = keys
    out.texts = texts
    out.key_set = frozenset(keys)
    if not n:
        out.capital = out.shaped = []
        return out
    cum = list(accumulate(map(len, parts), initial=0))
    starts = cum[1:2 * n:2]
    ends = cum[2:2 * n + 1:2]
    out.extend(map(_new_tok, repeat(Tok, n), zip(starts, ends, texts, keys, roms, range(n), strict=True)))
    capitalised = frozenset(w for w in distinct if w[0].isupper() or not w.isascii())
    out.capital = list(compress(range(n), map(capitalised.__contains__, texts)))
    out.shaped = _shaped(texts, out.capital)
    return out


def _tokenize_short(text: str) -> Toks:
    """``tokenize`` for an ordinary turn: one loop (the C-built path has a fixed cost that only pays off on long
    turns)."""
    if len(_FOLDED) > 200_000:
        _FOLDED.clear()
        _ROMANISED.clear()
    out = Toks()
    keys: list[str] = []
    capital: list[int] = []
    folded, romanised = _FOLDED, _ROMANISED
    append, key_append = out.append, keys.append
    for n, m in enumerate(TOKEN.finditer(text)):
        w = m.group()
        key = folded.get(w)
        if key is None:
            key = folded[w] = fold(w)
            romanised[w] = key if w.isascii() else romanise_folded(key)
        a, b = m.span()
        append(_new_tok(Tok, (a, b, w, key, romanised[w], n)))
        key_append(key)
        if w[0].isupper() or not w.isascii():
            capital.append(n)
    out.keys = keys
    out.texts = [t.text for t in out]
    out.key_set = frozenset(keys)
    out.capital = capital
    out.shaped = [i for i in capital if _may_start_name(out[i].text)]
    return out


class Hidden:
    """Whether a token starts inside one of the ``masked`` spans (contact details): looked up per token asked
    about (a binary search over the merged spans), not swept over every token of the turn."""

    def __init__(self, toks: list[Tok], masked: list[tuple[int, int]]) -> None:
        self.toks = toks
        merged = merge_spans(masked)
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __getitem__(self, j: int) -> bool:
        if not self.starts:
            return False
        pos = self.toks[j].start
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _as_toks(toks: list[Tok]) -> Toks:
    out = Toks(toks)
    out.keys = [t.key for t in toks]
    out.texts = [t.text for t in toks]
    out.key_set = frozenset(out.keys)
    out.capital = [t.index for t in toks if t.text[:1].isupper() or not t.text.isascii()]
    out.shaped = [i for i in out.capital if _may_start_name(toks[i].text)]
    return out


def lowercase_keys(turns: Iterable[Toks]) -> set[str]:
    """The keys of the words written in lowercase somewhere (each distinct word looked at once)."""
    distinct: set[str] = set()
    for toks in turns:
        distinct.update(t.text for t in toks) if not isinstance(toks, Toks) else distinct.update(
            map(operator.itemgetter(2), toks))
    # a lowercase ASCII word without an apostrophe is its own key (``tokenize`` keeps no table of those)
    return {w if w.isascii() and "'" not in w else _FOLDED.get(w) or fold(w) for w in distinct if w.islower()}


def masked_tokens(toks: list[Tok], masked: list[tuple[int, int]]) -> Hidden:
    """For each token, whether it starts inside one of the ``masked`` spans."""
    return Hidden(toks, masked)


_DOMAIN_ENDS = frozenset("com io ai net org co dev app".split())


def _joinable(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end:b.start]
    return gap in (" ", "-", "\u2010", "\u2011", "\u00a0") or (gap == "." and b.key in _DOMAIN_ENDS)


@lru_cache(maxsize=65536)
def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and not (len(tok) > 3 and tok.isupper())


@lru_cache(maxsize=65536)
def _name_shape(tok: str) -> bool:
    """A word that could be a name: letters only (marks allowed), capitalised or in a non-cased script; not an
    acronym ("CV", "SQL"), not camel case ("LoRA", "PyTorch") unless it is "McKenzie"-shaped, not a tool."""
    if not tok or not tok[0].isalpha() or "_" in tok or any(map(str.isdigit, tok)):
        return False  # a name opens with a letter: not with a mark, a numeral ("Ⅻ") or a digit
    if surname_prefixed(tok) and len(tok) > 3:
        tok = tok[2:]  # "O'Connor": the shape of "Connor"
    cased = token_script(tok) in ("latin", "greek", "cyrillic")
    # the shape first, the tool list last: base64 and code are tens of thousands of distinct tokens
    if cased and (not tok[0].isupper() or (len(tok) >= 2 and tok.isupper()) or
                  (not tok[1:].islower() and any(c.isupper() for c in tok[1:]) and _CAMEL_NAME.match(tok) is None)):
        return False
    return fold(tok) not in TECH_TERMS


@dataclass
class NameIndex:
    persons: list[Person] = field(default_factory=list)
    exact: dict[tuple[str, ...], Term] = field(default_factory=dict)
    skel: dict[str, Term] = field(default_factory=dict)
    cjk: dict[str, Term] = field(default_factory=dict)
    first: set[str] = field(default_factory=set)  # first keys of exact terms
    known: set[str] = field(default_factory=set)  # every key in any exact term
    common_first: set[str] = field(default_factory=set)  # first keys of terms that are ordinary words
    max_from: dict[str, int] = field(default_factory=dict)  # first key -> the longest term starting with it
    counters: dict[str, int] = field(default_factory=dict)
    linked: dict[str, int] = field(default_factory=dict)  # names already found -> their person
    cjk_sorted: list[str] | None = None
    dotted: dict[str, int] = field(default_factory=dict)  # a speaker's initials ("ht" for Hiroshi Tanabe) -> person
    # turn text -> (start, end, person): names found in lowercase where the word is also an ordinary one ("with
    # tom and priya"), replaced at that place only
    pinned: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)

    # -- building ------------------------------------------------------------------------------------------
    def new_person(self, kind: str, label: str, placeholder: str | None = None) -> int:
        if placeholder is None:
            word = {"person": "PERSON", "org": "ORG", "speaker": "SPEAKER"}[kind]
            self.counters[word] = self.counters.get(word, 0) + 1
            placeholder = f"[{word} {self.counters[word]}]"
        self.persons.append(Person(placeholder, label, kind))
        return len(self.persons) - 1

    def add(self, keys: tuple[str, ...], term: Term, *, fuzzy: bool = True) -> None:
        keys = tuple(k for k in keys if k)
        if not keys:
            return
        if keys not in self.exact:
            self.exact[keys] = term
            self.first.add(keys[0])
            self.known.update(keys)
            self.max_from[keys[0]] = max(self.max_from.get(keys[0], 1), len(keys))
            if term.common or lexicon.is_common(keys[0]):
                self.common_first.add(keys[0])
        joined = "".join(keys)
        if fuzzy and len(joined) >= 4 and not (len(keys) == 1 and lexicon.is_common(joined)):
            self.skel.setdefault(skeleton(joined), term)

    def add_name(self, person: int, words: list[list[str]], *, nicknames: bool = True,
                 given_only: bool = False) -> None:
        """Register a name given as words of hyphen-pieces ("Whitfield-Osei" -> ["Whitfield", "Osei"]).

        ``given_only``: the short forms (nicknames, clipped forms) are made of the first word only, and only when
        it is a known given name (a person found in speech: "Dmitri" is also "Dima", "Francesca" "Franci")."""
        words = [w for w in words if w]
        while words and fold(words[0][0]).strip(".") in TITLES:
            words = words[1:]
        if not words:
            return
        flat: list[tuple[str, bool]] = []  # (piece, lowercase continuation of a hyphenated word)
        for w in words:
            for i, piece in enumerate(w):
                flat.append((piece, i > 0 and piece[:1].islower() and fold(piece) not in PARTICLES))
        keys = [romanise(p) for p, _ in flat]
        for p, _ in flat:
            if token_script(p) in CJK:
                self._add_cjk(person, p)
        if all(token_script(p) in CJK for p, _ in flat) and len(flat) > 1:
            self.cjk.setdefault("".join(p for p, _ in flat), Term(person))
            self.cjk.setdefault(" ".join(p for p, _ in flat), Term(person))
        n = len(flat)
        for i in range(n):
            for j in range(i + 1, min(n, i + MAX_TERM) + 1):
                sub = keys[i:j]
                if sub[-1] in PARTICLES or all(k in PARTICLES for k in sub):
                    continue
                if j - i == 1:
                    piece, continuation = flat[i]
                    if continuation or len(sub[0]) < 2 or token_script(piece) in CJK:
                        continue
                common = all(lexicon.is_common(k) or k in PARTICLES for k in sub)
                self.add(tuple(sub), Term(person, common=common))
        # letters with diacritics also spelled the German and Scandinavian way ("Müller" -> "Mueller",
        # "Ødegaard" -> "Oedegaard"), for a speaker's name
        if not given_only:
            for pos_, (piece, _) in enumerate(flat):
                spelled = _spelled_out(piece)
                if spelled != keys[pos_] and len(spelled) >= 3:
                    self.add((spelled,), Term(person, common=lexicon.is_common(spelled)), fuzzy=False)
        # hyphenated words also written as one ("Ji-hoon" -> "Jihoon")
        for w in words:
            if len(w) > 1:
                joined = "".join(romanise(p) for p in w)
                self.add((joined,), Term(person, common=lexicon.is_common(joined)))
        named = [w for w in words if fold(w[0]) not in PARTICLES and w[0][:1].isalpha()]
        if not given_only and len(named) >= 2 and all(token_script(w[0]) == "latin" for w in named):
            self.dotted.setdefault(fold(named[0][0][:1] + named[-1][0][:1]), person)  # "H.T." for Hiroshi Tanabe
            if len(named) == 3:
                self.dotted.setdefault(fold("".join(w[0][:1] for w in named)), person)
        if nicknames and not given_only and len(words[0]) > 1 and \
                all(p[:1].isalpha() and p[:1].isupper() for p in words[0]):
            initials = "".join(fold(p[:1]) for p in words[0])  # "Pieter-Jan" -> "PJ", "Anne-Marie" -> "AM"
            if (initials,) not in self.exact:
                self.add((initials,), Term(person, derived=True, initials=True), fuzzy=False)
        if nicknames:
            # short forms of a compound given name ("José Antonio" -> "Toño", "Maria Cristina" -> "Tina")
            for size in range(2, min(len(keys), 4) + 1):
                for nick in lexicon.nicknames(" ".join(keys[:size])):
                    if (nick,) not in self.exact and " " not in nick:
                        self.add((nick,), Term(person, common=lexicon.is_common(nick), derived=True))
            for pos_, (piece, continuation) in enumerate(flat):
                key = romanise(piece)
                if continuation or key in PARTICLES or len(key) < 3 or token_script(piece) in CJK:
                    continue
                if given_only and (pos_ > 0 or not lexicon.is_given_name(key) or lexicon.is_common(key)):
                    break
                for nick in lexicon.nicknames(key):
                    if (nick,) not in self.exact:
                        self.add((nick,), Term(person, common=lexicon.is_common(nick), derived=True))
                if len(key) >= 5 and key.isalpha() and (pos_ == 0 or lexicon.is_given_name(key)):
                    for cut in range(3, len(key) - 1):
                        for suffix in ("", "ie", "y", "i", "o", "a", "e"):
                            short = key[:cut] + suffix
                            if (short,) not in self.exact and short != key:
                                self.add((short,), Term(person, common=lexicon.is_common(short), derived=True),
                                         fuzzy=False)
                    # short forms from the end of a given name that are given names too ("Joachim" -> "Achim",
                    # "Alexandra" -> "Sandra", "Christina" -> "Tina")
                    for cut in range(1, len(key) - 3):
                        tail = key[cut:]
                        if (tail,) not in self.exact and not lexicon.is_common(tail) and (
                                lexicon.is_given_name(tail) or (not given_only and len(key) >= 9 and len(tail) <= 6)):
                            # (a speaker's long given name: any end of four to six letters, "Oluwadamilare" ->
                            # "Lare", "Dami" from its start above)
                            self.add((tail,), Term(person, derived=True), fuzzy=False)

    def _add_cjk(self, person: int, piece: str) -> None:
        self.cjk.setdefault(piece, Term(person))
        sc = token_script(piece)
        if sc == "hangul":
            family, givens = korean_name_forms(piece)
            for f in family:
                self.add((f,), Term(person, common=lexicon.is_common(f)), fuzzy=False)
            for g in givens:
                self.add(tuple(g), Term(person))
                self.add(("".join(g),), Term(person))
                for f in family[:1]:
                    self.add((f, *g), Term(person))
                    self.add((f, "".join(g)), Term(person))
            if family and len(piece) >= 3:
                self.cjk.setdefault(piece[1:], Term(person))
        elif sc == "han" and 2 <= len(piece) <= 4:
            for f in chinese_surname(piece):
                self.add((f,), Term(person, common=lexicon.is_common(f)), fuzzy=False)
            if len(piece) == 3:
                self.cjk.setdefault(piece[1:], Term(person))

    # -- matching ------------------------------------------------------------------------------------------
    def lookup(self, toks: list[Tok], i: int, length: int) -> Term | None:
        first = toks[i]
        if length == 1:
            term = self.exact.get((first.key,))
            if term is None and first.rom != first.key:
                term = self.exact.get((first.rom,))
            if term is not None or not (first.text[:1].isupper() or not first.text.isascii()):
                return term
            if len(first.rom) < 4 or not _fuzzy_candidate(first) or lexicon.is_common(first.rom):
                return None
            return self.skel.get(skeleton(first.rom))
        window = toks[i:i + length]
        if first.key in self.first or first.rom in self.first:
            keys = tuple(t.key for t in window)
            term = self.exact.get(keys)
            if term is not None:
                return term
            roms = tuple(t.rom for t in window)
            if roms != keys:
                term = self.exact.get(roms)
                if term is not None:
                    return term
        if length > 2 or not (first.text[:1].isupper() or not first.text.isascii()) or \
                not (_fuzzy_candidate(first) and _fuzzy_candidate(window[1])):
            return None
        return self.joined_spelling(first, window[1])

    def joined_spelling(self, a: Tok, b: Tok) -> Term | None:
        """The name two tokens spell when joined (``Ji Hun`` for Jihoon): the spelling-tolerant key of both."""
        joined = a.rom + b.rom
        return self.skel.get(skeleton(joined)) if len(joined) >= 5 else None


_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "æ": "ae", "Ä": "Ae",
                               "Ö": "Oe", "Ü": "Ue", "Ø": "Oe", "Å": "Aa", "Æ": "Ae"})


def _spelled_out(piece: str) -> str:
    """``piece`` folded with its umlauts and Scandinavian letters written out ("Müller" -> "mueller")."""
    return fold(piece.translate(_SPELLED_OUT))


def _fuzzy_candidate(tok: Tok) -> bool:
    """Whether a token may be a name spelled another way: letters only, and not in mixed case ("Dmitrii", not
    "QUJDRE" or "xK9aB"); what base64 and code are made of never reaches the spelling-tolerant lookup."""
    return tok.rom.isalpha() and (not tok.text.isascii() or tok.text[1:].islower() or len(tok.text) <= 3)


def _prev_char(text: str, pos: int) -> str:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return text[i] if i >= 0 else ""


@dataclass
class Usage:
    """What the whole transcript says about ordinary words that are also names: which of them were used as a
    name somewhere (``established``) and which also appear in lowercase (``lowercase``)."""

    established: set[str] = field(default_factory=set)
    lowercase: set[str] = field(default_factory=set)
    collecting: bool = True


# after a known name part at a sentence start, what makes it the name: the whole sentence ("Rick." "Jo?" in a
# reply about what to call someone), a possessive or "is" ("Barb's fine"), "X and I"
_NAME_AFTER = re.compile(r"\s*+(?:[.?!](?!\w)|$)|['’]s\b|\s+and\s+(?:I|me)\b")
_AFTER_ESTABLISHED = re.compile(r"\s+(?:is|was|has|had|and|also|then|just|will|would|can|could|did|does|"
                                r"wants|went|got|gave|sent|says|said)\b")


def name_position(index: NameIndex, text: str, toks: list[Tok], i: int, j: int, usage: Usage | None) -> bool:
    """Whether the ordinary word at toks[i:j] (a name part, e.g. "Mark") is used as a name here."""
    tok = toks[i]
    if not _is_cap(tok.text):
        return False
    if j - i >= 2 and all(_is_cap(toks[x].text) or toks[x].key in PARTICLES for x in range(i, j)):
        return True
    before = toks[i - 1] if i > 0 and text[toks[i - 1].end:tok.start].strip(" .,") == "" else None
    prev_word = before.key if before else ""
    after = toks[j] if j < len(toks) and text[toks[j - 1].end:toks[j].start] == " " else None
    next_cap = after is not None and _is_cap(after.text) and after.key not in ORG_WORDS and (
        not lexicon.is_common(after.key) or (after.key,) in index.exact)
    comma_after = text[toks[j - 1].end:toks[j - 1].end + 1] == ","
    titled = prev_word.strip(".") in TITLES
    greeted = prev_word in GREETINGS
    if tok.key in lexicon.MONTHS or tok.key in lexicon.DAYS:
        return next_cap or titled or greeted or (i == 0 and comma_after)
    if titled or greeted or next_cap or _paired_with_name(index, text, toks, i, j):
        return True
    prev = _prev_char(text, tok.start)
    if prev == "" or prev in _SENTENCE_END:
        if comma_after or _VERB_AFTER.match(text, toks[j - 1].end) or _NAME_AFTER.match(text, toks[j - 1].end):
            return True
        if usage is None or usage.collecting:
            return False
        verb = bool(_AFTER_ESTABLISHED.match(text, toks[j - 1].end))
        if tok.key not in usage.established:
            return verb and tok.key not in usage.lowercase
        return verb
    return True


def _paired_with_name(index: NameIndex, text: str, toks: list[Tok], i: int, j: int) -> bool:
    """"Dick or Rick", "Bill and Billy": an ordinary word joined by "or"/"and" to a capitalised known name."""
    if j + 1 < len(toks) and toks[j].key in ("or", "and") and text[toks[j - 1].end:toks[j].start] == " " and \
            text[toks[j].end:toks[j + 1].start] == " ":
        other = toks[j + 1]
        if _is_cap(other.text) and (other.key,) in index.exact:
            return True
    if i >= 2 and toks[i - 1].key in ("or", "and") and text[toks[i - 2].end:toks[i - 1].start] == " " and \
            text[toks[i - 1].end:toks[i].start] == " ":
        other = toks[i - 2]
        if _is_cap(other.text) and (other.key,) in index.exact:
            return True
    return False


@dataclass
class Match:
    start: int
    end: int
    person: int


def match_turn(index: NameIndex, text: str, toks: list[Tok], usage: Usage | None = None) -> list[Match]:
    """Every known name in one turn, longest first at each token."""
    out: list[Match] = []
    n = len(toks)
    collecting = usage is not None and usage.collecting
    # the tokens a name can start at: when collecting, only ordinary words that are also names; else a known
    # first word, a capitalised word or a word in another script
    if not isinstance(toks, Toks):
        toks = _as_toks(toks)
    cands = toks.positions(index.common_first) if collecting else _match_starts(index, text, toks)
    # a long turn: what matched at a token is remembered by its surroundings (``window``; the index does not
    # change during one call, and ``usage`` is only read once collecting is over, for the whole pass)
    memo = window.Memo() if n >= _SEGMENTS_FROM else None
    nxt = 0
    for i in cands:
        if i < nxt:
            continue
        tok = toks[i]
        ascii_ = tok.text.isascii()
        if not ascii_ and token_script(tok.text) in CJK:
            out += _match_cjk(index, tok)
            continue
        found = None
        key = window.context_key(text, toks, i) if memo is not None and memo.active else None
        if key is not None and memo is not None:
            hit = cast("tuple[int, int, int, int] | tuple[()] | None", memo.ask(key))
            if hit is not None:
                if not hit:
                    continue
                size, person, start_rel, end_rel = hit
                if collecting and usage is not None:
                    usage.established.update(toks[x].key for x in range(i, i + size))
                out.append(Match(tok.start + start_rel, tok.start + end_rel, person))
                nxt = i + size
                continue
        limit = i + 1
        longest = max(index.max_from.get(tok.key, 0), index.max_from.get(tok.rom, 0), 2)
        while limit < n and limit - i < longest and _joinable(text, toks[limit - 1], toks[limit]) and (
                toks[limit].key in index.known or toks[limit].rom in index.known or limit - i < 2):
            limit += 1
        for length in range(limit - i, 0, -1):
            term = index.lookup(toks, i, length)
            if term is not None and _accept(index, term, text, toks, i, i + length, usage):
                found = (length, term)
                break
        if found is None:
            if key is not None and memo is not None:
                memo.keep(key, ())
            continue
        length, term = found
        if collecting and usage is not None:
            usage.established.update(toks[x].key for x in range(i, i + length))
        start, end = _absorb(index, text, toks, i, i + length, term.person)
        out.append(Match(start, end, term.person))
        nxt = i + length
        if key is not None and memo is not None:
            memo.keep(key, (length, term.person, start - tok.start, end - tok.start))
    if collecting:
        return out  # what is collected is which words are used as names; spelled-out names are never ordinary words
    for m in _DOTTED_INITIALS.finditer(text) if (index.dotted and "." in text) else ():
        initials = index.dotted.get("".join(c for c in m.group(0) if c.isalpha()).lower())
        if initials is not None:
            out.append(Match(m.start(), m.end(), initials))
    for m in _SPELLED_LETTERS.finditer(text) if ("." in text or "-" in text) else ():
        letters = "".join(c for c in m.group(0) if c.isalpha()).lower()
        term = index.exact.get((letters,))
        if term is not None and not term.derived:
            out.append(Match(m.start(), m.end(), term.person))
    return out


def _match_starts(index: NameIndex, text: str, toks: Toks) -> list[int]:
    """The tokens a known name can start at, in order: a token whose folded or romanised key starts a known
    name, a CJK run (when the index holds CJK names), a capitalised token that is a known name spelled another
    way (``NameIndex.lookup``'s spelling-tolerant key), or one that may start such a spelling with the next
    token. Each distinct token is asked once: a 2 MB turn in another script is 100,000 tokens, and the loop of
    ``match_turn`` did all its look-ups for each."""
    starts = toks.positions(index.first)
    shaped = toks.shaped
    if not shaped:
        return starts
    at = list(map(toks.texts.__getitem__, shaped))
    one: set[str] = set()
    pair: set[str] = set()
    first_at = dict(zip(at, shaped, strict=True))  # a token -> a position of it
    for w, i in first_at.items():
        t = toks[i]
        if t.rom in index.first or (index.cjk and not w.isascii() and token_script(w) in CJK):
            one.add(w)
        elif _fuzzy_candidate(t):
            if len(t.rom) >= 4 and not lexicon.is_common(t.rom) and skeleton(t.rom) in index.skel:
                one.add(w)
            else:
                pair.add(w)
    picked = set(compress(shaped, map(one.__contains__, at)))
    n = len(toks)
    pair_at = list(compress(shaped, map(pair.__contains__, at))) if pair else []
    if pair_at and pair_at[-1] + 1 >= n:
        pair_at.pop()
    if pair_at:
        # a spelling-tolerant match of two tokens needs their joined skeleton in ``index.skel``: each distinct
        # (token, next token) pair is asked once (2 MB of "Alpha Beta Gamma Delta." held 250,000 such starts,
        # each looked up in vain by ``match_turn``), and only the positions of a pair that may match are read
        texts = toks.texts
        pairs = list(zip(map(texts.__getitem__, pair_at), map(texts.__getitem__, map((1).__add__, pair_at)),
                         strict=True))
        viable = {c for c, i in dict(zip(pairs, pair_at, strict=True)).items()
                  if _pair_may_match(index, toks[i], toks[i + 1])}
        if viable:
            for i, c in zip(pair_at, pairs, strict=True):
                if c in viable and _joinable(text, toks[i], toks[i + 1]):
                    picked.add(i)
    if not picked:
        return starts
    return sorted(picked.union(starts))


def _pair_may_match(index: NameIndex, a: Tok, b: Tok) -> bool:
    """Whether ``match_turn`` may find a name starting at ``a`` (a ``_fuzzy_candidate`` whose key starts no
    known name) followed by ``b``: a word in a CJK script (read by ``_match_cjk``), or a known name the two spell
    joined (``NameIndex.joined_spelling``, which ``lookup`` asks)."""
    if not _fuzzy_candidate(b):
        return False
    if not a.text.isascii() and token_script(a.text) in CJK:
        return True
    return index.joined_spelling(a, b) is not None


def _accept(index: NameIndex, term: Term, text: str, toks: list[Tok], i: int, j: int, usage: Usage | None) -> bool:
    first = toks[i].text
    if index.persons[term.person].kind == "org":
        return _is_cap(first) or first.isupper() or not first.isascii()
    if term.initials:
        return first.isupper()  # "PJ", "WA": the initials of a hyphenated given name, in capitals only
    if term.derived and not first[:1].isupper():
        return False
    if j - i == 1 and len(toks[i].key) <= 2 and not first[:1].isupper():
        return False
    if term.common or (j - i == 1 and lexicon.is_common(toks[i].key)):
        if not first[:1].isupper() and index.persons[term.person].kind == "speaker":
            # a speaker's name in lowercase (a lowercase transcript): the whole name ("ana-maria"), or a part
            # addressed at the start of a turn or after a greeting ("ana, how big", "thanks ana.")
            return j - i >= 2 or _lower_vocative(text, toks, i, j)
        return name_position(index, text, toks, i, j, usage)
    return True


def _lower_vocative(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """A speaker's name part in lowercase used as a name: addressed at the start of a turn or after a greeting
    ("ana, how big", "thanks ana."), or opening a sentence of a turn written all in lowercase before "is",
    "was", "said"... ("ana is fine")."""
    opens = i == 0 or toks[i - 1].key in GREETINGS and text[toks[i - 1].end:toks[i].start] in (" ", ", ")
    if opens and (j == len(toks) and not text[toks[j - 1].end:].strip() or
                  text[toks[j - 1].end:toks[j - 1].end + 1] in (",", ".", "?", "!")):
        return True
    return _prev_char(text, toks[i].start) in ("", *_SENTENCE_END) and \
        _AFTER_ESTABLISHED.match(text, toks[j - 1].end) is not None and not any(c.isupper() for c in text)


def _absorb(index: NameIndex, text: str, toks: list[Tok], i: int, j: int, person: int) -> tuple[int, int]:
    """Widen a match over a title before it ("Ms. Osei"), initials ("A. Kjaergaard"), particles ("van der
    Berg") and an honorific after it ("Yamada-san")."""
    start, end = toks[i].start, toks[j - 1].end
    k = i - 1
    while k >= 0 and i - k <= 4:
        gap = text[toks[k].end:start]
        tk = toks[k]
        if gap in (" ", ". ", "-") and tk.key in PARTICLES and tk.text.islower():
            start = tk.start
        elif gap in (". ", " ") and len(tk.text) == 1 and tk.text.isupper():
            start = tk.start
        elif gap in (". ", " ", ".\u00a0") and tk.key in TITLES:
            start = tk.start
            break
        else:
            break
        k -= 1
    if j < len(toks) and text[end:toks[j].start] == "-" and toks[j].key in HONORIFIC_SUFFIXES:
        end = toks[j].end
    return start, end


def _match_cjk(index: NameIndex, tok: Tok) -> list[Match]:
    """Known names inside a run of CJK characters (no spaces between words), longest first, never overlapping."""
    out = []
    s = tok.text
    if index.cjk_sorted is None or len(index.cjk_sorted) != len(index.cjk):
        index.cjk_sorted = sorted(index.cjk, key=len, reverse=True)
    taken = bytearray(len(s))
    for t in index.cjk_sorted:
        pos = s.find(t)
        while pos >= 0:
            end = pos + len(t)
            if not any(taken[pos:end]):
                taken[pos:end] = b"\x01" * len(t)
                out.append(Match(tok.start + pos, tok.start + end, index.cjk[t].person))
            pos = s.find(t, end)
    out.sort(key=lambda m: m.start)
    return out


# -- discovery -------------------------------------------------------------------------------------------------
def _name_run(text: str, toks: list[Tok], j: int, *, allow_common: bool,
              runs: dict[tuple[int, bool], int] | None = None) -> int:
    """The end (exclusive token index) of a name starting at toks[j], or j when there is none.

    ``runs`` remembers where the run that started at the previous token ended: a run that starts inside it
    ends at the same place (so a long run of capitalised words costs one pass, not one per word)."""
    if runs is not None:
        prev = runs.get((j - 1, allow_common))
        if prev is not None and prev > j + 1 and toks[j].key not in PARTICLES:
            runs[(j, allow_common)] = prev
            runs.pop((j - 1, allow_common), None)
            return prev
        end = _name_run(text, toks, j, allow_common=allow_common)
        runs[(j, allow_common)] = end
        runs.pop((j - 1, allow_common), None)
        return end
    k = j
    last_cap = j
    n = len(toks)
    while k < n and k - j < 7:
        if k > j and not _joinable(text, toks[k - 1], toks[k]):
            break
        t = toks[k]
        hyphen = k > j and text[toks[k - 1].end:t.start] != " "
        if t.key in PARTICLES and t.text.islower():
            k += 1
            continue
        if k > j and t.key in PARTICLES and k + 1 < n and text[t.end:toks[k + 1].start] in ("-", " ") and \
                _is_cap(toks[k + 1].text) and _name_shape(toks[k + 1].text):
            k += 1  # a capitalised particle inside a name: "Fatima Al-Zahra", "Omar El Sayed"
            continue
        if hyphen and t.text[:1].islower() and t.text.isalpha():
            k += 1
            last_cap = k
            continue
        if not _name_shape(t.text) or t.key in lexicon.NOT_NAMES or t.key in ORG_WORDS or t.key in TITLES:
            break
        continued = k + 1 < n and text[t.end:toks[k + 1].start] == "-" and toks[k + 1].text[:1].islower()
        if not allow_common and lexicon.is_common(t.key) and not continued and not hyphen and \
                not (k == j and lexicon.is_given_name(t.key)):
            break  # (the second part of a hyphenated name is kept: "Adeyemi-Cole", "Smith-Wood")
        if t.text.isupper() and len(t.text) > 3:
            break
        k += 1
        last_cap = k
    return last_cap


def _common_surname_after(text: str, toks: list[Tok], j: int, lowercase: set[str] | frozenset[str]) -> bool:
    """toks[j] is a given name that is no ordinary word and toks[j + 1], right after it, a capitalised surname
    that is in the common-word list but never written in lower case in this transcript."""
    if j + 1 >= len(toks) or not _plain_given_name(toks[j]):
        return False
    t = toks[j + 1]
    return (text[toks[j].end:t.start] == " " and _is_cap(t.text) and _name_shape(t.text)
            and lexicon.is_surname(t.key) and t.key not in lowercase and t.key not in lexicon.NOT_NAMES
            and t.key not in ORG_WORDS and t.key not in TITLES and t.key not in lexicon.MONTHS
            and t.key not in lexicon.DAYS)


_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,4}-[a-z]{2,5}$")


def _words(text: str, toks: list[Tok], j: int, k: int) -> list[list[str]]:
    words: list[list[str]] = []
    for idx in range(j, k):
        if idx > j and text[toks[idx - 1].end:toks[idx].start] != " ":
            words[-1].append(toks[idx].text)
        else:
            words.append([toks[idx].text])
    return words


def _link_or_new(index: NameIndex, words: list[list[str]], kind: str = "person") -> int:
    """The person this name belongs to (if its distinctive parts match one known person), else a new one."""
    name = " ".join("-".join(w) for w in words)
    if name in index.linked:
        return index.linked[name]
    if len(index.persons) >= MAX_PEOPLE:
        return -1
    toks = tokenize(name)
    people = set()
    for m in match_turn(index, name, toks):
        covered = [t for t in toks if m.start <= t.start and t.end <= m.end]
        if any(not lexicon.is_common(t.key) and t.key not in PARTICLES and len(t.key) >= 3 for t in covered) or \
                any(token_script(t.text) in CJK for t in covered):
            people.add(m.person)
    if len(people) == 1:
        person = people.pop()
        if index.persons[person].kind != "org" or kind == "org":
            _register(index, person, words, kind)
            index.linked[name] = person
            return person
    person = index.new_person(kind, name)
    _register(index, person, words, kind)
    index.linked[name] = person
    return person


def _register(index: NameIndex, person: int, words: list[list[str]], kind: str) -> None:
    if kind != "org":
        index.add_name(person, words, given_only=True)
        return
    # an organisation is replaced where its whole name is used (its distinctive word is added by orgs.py)
    pieces = [p for w in words for p in w]
    index.add(tuple(romanise(p) for p in pieces), Term(person))
    if all(token_script(p) in CJK for p in pieces):
        index.cjk.setdefault("".join(pieces), Term(person))


# a question about what someone is called: the answer's capitalised words are names ("Pim, since school")
ASKED_NAME = re.compile(
    r"\b(?:call\s+you|go\s+by|be\s+called|address\s+you|nick\s?names?|short\s+for|something\s+shorter|"
    r"preferred\s+name|your\s+(?:first\s+|full\s+|last\s+|family\s+|sur)?name|"
    r"what\s+(?:do|does|did)\s+(?:people|friends|colleagues|they|others|everyone|your\s+\w+)\s+(?:call|say|use)|"
    r"how\s+(?:do|does)\s+(?:people|friends|your\s+\w+)\s+call|"
    r"is\s+(?-i:[A-Z])[\w-]*\s+(?:okay|ok|fine|right|correct)|do\s+you\s+prefer\s+(?=(?-i:[A-Z]))|"
    r"should\s+I\s+(?:call|use|say|write)\s+(?=(?-i:[A-Z]))|which\s+name|pronounce|spell\s+your)\b", re.I)
_LANGUAGES = frozenset(
    "english irish scottish welsh spanish french german italian portuguese brazilian dutch flemish polish czech "
    "slovak hungarian romanian russian ukrainian greek turkish arabic persian farsi hebrew hindi urdu bengali "
    "tamil telugu marathi gujarati punjabi chinese mandarin cantonese japanese korean vietnamese thai malay "
    "indonesian tagalog filipino swahili yoruba igbo hausa amharic swedish norwegian danish finnish icelandic "
    "catalan basque galician latin american british canadian australian indian nigerian african european".split())
_ANSWER_WINDOW = 240  # the answer's first characters: where the names asked for are given


def _answered_names(index: NameIndex, text: str, toks: Toks, hidden: Hidden) -> None:
    """After a question about someone's name, the capitalised name-shaped words at the start of the answer that
    are no ordinary words (or are known names or short forms) are names."""
    for j in toks.shaped:
        t = toks[j]
        if t.start > _ANSWER_WINDOW:
            break
        if hidden[j] or not _name_shape(t.text) or t.key in lexicon.NOT_NAMES or t.key in ORG_WORDS or \
                t.key in TITLES or t.key in lexicon.MONTHS or t.key in lexicon.DAYS or t.key in PARTICLES:
            continue
        if lexicon.is_common(t.key) and not (lexicon.nicknames(t.key) or lexicon.is_given_name(t.key)):
            continue
        if (t.key,) in index.exact or (t.rom,) in index.exact or t.key in _LANGUAGES:
            continue  # a known name (matched where it is used), or a language ("Ní Mhaoldomhnaigh in Irish")
        _link_or_new(index, [[t.text]])


# a question about who did something: the answer names people ("Who ran the eval?" "Manon and Julien")
ASKED_WHO = re.compile(r"\b(?:who|whom|whose)\b", re.I)
_WHO_WINDOW = 600  # the answer's first characters: where the people asked about are named
_AFTER_IT_WAS = re.compile(r"(?:\b(?:it|that|this)\s+(?:was|is)|\bit['’]s|\bthat['’]s)\s+$", re.I)


def _who_word(t: Tok, text: str, toks: list[Tok], *, common: bool = False) -> bool:
    """A word an answer about who did something may name someone with: Latin or uncased letters, no ordinary
    word (unless ``common``), no title, month, day, language or organisation word, not after "in" or "at" (a
    place)."""
    return (t.key not in lexicon.NOT_NAMES and t.key not in ORG_WORDS and t.key not in TITLES and
            t.key not in PARTICLES and t.key not in _LANGUAGES and (common or not lexicon.is_common(t.key)) and
            t.key not in lexicon.MONTHS and t.key not in lexicon.DAYS and
            token_script(t.text) in ("latin", "other") and len(t.key) >= 2 and
            not _after_place_word(text, toks, t.index))


def _who_answer_names(index: NameIndex, text: str, toks: Toks, hidden: Hidden) -> None:
    """After a question about who did something, the people the answer names: a capitalised word that is no
    ordinary word and is a known given name or surname, is listed with another such word ("Haruto, Yui, Sota,
    Mio and me") or is followed by a surname ("Aarav Patel"); a lowercase given name or surname (lowercase
    transcripts: "our QA, thanh and huy", "that was dmitri", "piotr approved it") listed with another one, said
    to be the answer ("it was fatima") or followed by a verb or a possessive."""
    n = len(toks)
    for j in toks.shaped:
        t = toks[j]
        if t.start > _WHO_WINDOW:
            break
        if hidden[j] or not _name_shape(t.text) or (t.key,) in index.exact or (t.rom,) in index.exact:
            continue
        plain = _who_word(t, text, toks)
        # a given name that is an ordinary word too ("Arjun", "Wang"): only listed with a name or before one
        if not plain and not (lexicon.is_given_name(t.key) and _who_word(t, text, toks, common=True)):
            continue
        known = lexicon.is_given_name(t.key) or lexicon.is_surname(t.key)
        nxt = toks[j + 1] if j + 1 < n and text[t.end:toks[j + 1].start] == " " else None
        surname_next = nxt is not None and _is_cap(nxt.text) and _name_shape(nxt.text) and \
            nxt.key not in ORG_WORDS and (lexicon.is_surname(nxt.key) if not plain else
                                          not lexicon.is_common(nxt.key) or lexicon.is_surname(nxt.key))
        listed = any(_is_cap(toks[x].text) and _name_shape(toks[x].text) and
                     (_who_word(toks[x], text, toks) or (toks[x].key,) in index.exact)
                     for x in _listed_with(text, toks, j))
        if (plain and known) or listed or surname_next or _closes_clause(text, toks, j, plain, known):
            _link_or_new(index, _words(text, toks, j, j + 2 if surname_next else j + 1))
    window = bisect_right([t.start for t in toks[:_WHO_WINDOW]], _WHO_WINDOW)  # (a token is 1+ characters)
    lower = [j for j in range(window) if toks[j].text.islower() and not hidden[j] and
             (lexicon.is_given_name(toks[j].key) or lexicon.is_surname(toks[j].key)) and
             len(toks[j].key) >= 3 and _who_word(toks[j], text, toks)]
    chosen = set(lower)
    for j in lower:
        t = toks[j]
        listed = any(x in chosen or (toks[x].key,) in index.exact for x in _listed_with(text, toks, j))
        said = _AFTER_IT_WAS.search(text, max(0, t.start - 12), t.start) is not None
        tail = text[t.end:t.end + 40]
        if listed or said or _VERB_AFTER.match(tail) or _POSSESSIVE.match(tail):
            _link_or_new(index, [[t.text]])


# the verb of a question about who did something: "Who built it?" -> "built", "Who's the PM?" -> "s"
_WHO_VERB = re.compile(r"\bwho(?:['’](?P<short>s|d|ll)|\s+(?P<verb>[a-z]+))", re.I)
_WHO_OPENING_AFTER = re.compile(r"(?:[,;.!?]|\s*$|\s+and\s+(?-i:[A-Z]))")
_AUXILIARIES = frozenset("did does do is was has had".split())


def _who_opening(index: NameIndex, text: str, toks: Toks, hidden: Hidden, question: str) -> None:
    """The answer to a question about who did something opens with the person: a given name that is an ordinary
    word too ("Will built it, and it will run nightly", "Summer is the PM", "Frank, and to be frank", "Amber and
    Jade;") when the question's verb, an auxiliary, a verb of ``_VERB_AFTER``, a comma, a semicolon, a full stop or "and" and a capitalised
    word follows it. Replaced at that place only (the word stays an ordinary word elsewhere)."""
    if not toks or hidden[0] or text[:toks[0].start].strip():
        return
    t = toks[0]
    if not (_is_cap(t.text) and _name_shape(t.text) and lexicon.is_given_name(t.key) and lexicon.is_common(t.key)):
        return
    if t.key in lexicon.NOT_NAMES or t.key in lexicon.MONTHS or t.key in lexicon.DAYS or t.key in TITLES or \
            t.key in _LANGUAGES or t.key in ORG_WORDS or (t.key,) in index.exact:
        return
    asked = list(_WHO_VERB.finditer(question))
    if not asked:
        return
    m = asked[-1]  # the last "who" of the question
    verbs = set(_AUXILIARIES)
    if m.group("verb"):
        verbs.add(m.group("verb").lower())
    if m.group("short") in ("s", "S"):
        verbs.update(("is", "s"))
    nxt = toks[1] if len(toks) > 1 else None
    follows = nxt is not None and text[t.end:nxt.start] in (" ", "'", "’") and (
        nxt.key in verbs or _VERB_AFTER.match(text, t.end) is not None)
    if not (follows or _WHO_OPENING_AFTER.match(text, t.end)):
        return
    person = _link_or_new(index, [[t.text]])
    if person >= 0:
        index.pinned.setdefault(text, []).append((t.start, t.end, person))


def _closes_clause(text: str, toks: Toks, j: int, plain: bool, known: bool) -> bool:
    """In an answer about who did something, a capitalised word alone between a comma or a word and the end of
    a clause names the person: no ordinary word ("At first McAllister, later O'Brien", "Before me, Leonhardt;"),
    or a known given name or surname after a comma, closing a sentence or clause ("at work, Malik.")."""
    if j == 0 or _prev_char(text, toks[j].start) in _SENTENCE_END:
        return False
    t = toks[j]
    after = text[t.end:t.end + 1]
    gap = text[toks[j - 1].end:t.start]
    if plain:
        return gap in (", ", " ") and after in (";", ",", ".", "")
    return known and gap == ", " and after in (";", ".", "") and text[t.end + 1:t.end + 2] in (" ", "\n", "")


def discover(index: NameIndex, text: str, toks: list[Tok], masked: list[tuple[int, int]], *,
             asked_name: bool = False, lowercase: set[str] | frozenset[str] | None = None,
             asked_who: bool = False, question: str = "") -> None:
    """Find the people named in one turn that the index does not know yet, and add them (``asked_name``: the
    turn answers a question about what someone is called; ``lowercase``: the keys of the words the transcript
    writes in lower case, so a surname that is also in the common-word list is known not to be a word here)."""
    n = len(toks)
    hidden = masked_tokens(toks, masked)
    if asked_name and isinstance(toks, Toks):
        _answered_names(index, text, toks, hidden)
    if asked_who and isinstance(toks, Toks):
        _who_answer_names(index, text, toks, hidden)
        _who_opening(index, text, toks, hidden, question)

    def free(t: Tok) -> bool:
        return not hidden[t.index]

    runs: dict[tuple[int, bool], int] = {}
    memo = window.Memo()
    last_name_end = 0
    if not isinstance(toks, Toks):
        toks = _as_toks(toks)
    latin_dominant = _latin_share(text, toks) >= 0.6
    # a lowercase word, a number: a name only right after a person cue ("my manager priya")
    after_cue = [p + 1 for p in toks.positions(_LOWER_CUE_WORDS) if p + 1 < n]
    cands = sorted(set(toks.shaped).union(after_cue)) if after_cue else toks.shaped
    cands = _discover_candidates(toks, cands, latin_dominant)
    nxt = 0
    segments = _Segments(index, text, toks, hidden) if n >= _SEGMENTS_FROM and cands else None
    for j in cands:
        if segments is not None and j >= segments.end:
            if segments.read(j):
                continue  # a sentence read before, in the same surroundings, with the same people known
        elif segments is not None and segments.skipping:
            continue
        if j < nxt:
            continue
        t = toks[j]
        if hidden[j]:
            continue
        sc = token_script(t.text)
        if sc not in ("latin", "other"):
            if latin_dominant and sc != "other" and not any(c.isdigit() for c in t.text):
                k = j + 1
                while k < n and text[toks[k - 1].end:toks[k].start] == " " and \
                        _same_script(token_script(toks[k].text), sc) and free(toks[k]) and k - j < 6 and \
                        not any(c.isdigit() for c in toks[k].text):
                    k += 1
                words = _words(text, toks, j, k)
                if not _org_like_script(words):
                    _link_or_new(index, words)
                nxt = k
                continue
            continue
        if t.text.islower() and lexicon.is_given_name(t.key) and not lexicon.is_common(t.key) and \
                (_lowercase_cued(text, toks, j, last_name_end) or _CUE_AFTER.match(text[t.end:t.end + 60]) or
                 any(_lowercase_cued(text, toks, x, 0) for x in _lower_given_listed(text, toks, j))):
            k = j + 1
            while k < n and k - j < 4 and text[toks[k - 1].end:toks[k].start] == " " and \
                    (lexicon.is_given_name(toks[k].key) or lexicon.is_surname(toks[k].key)) and \
                    not lexicon.is_common(toks[k].key):
                k += 1
            _link_or_new(index, _words(text, toks, j, k))
            for x in _lower_given_listed(text, toks, j):  # "with tom and priya": tom too, an ordinary word alone
                if free(toks[x]):
                    person = _link_or_new(index, [[toks[x].text]])
                    if person >= 0:  # replaced here, in lowercase, whatever the word is elsewhere
                        index.pinned.setdefault(text, []).append((toks[x].start, toks[x].end, person))
            last_name_end = toks[k - 1].end
            nxt = k
            continue
        if not _name_shape(t.text) or t.key in lexicon.NOT_NAMES:
            continue
        found = _read_capitalised(text, toks, j, runs, lowercase, memo)
        if found is None:
            continue
        k = found
        if k == j and last_name_end and _list_gap(text, last_name_end, t.start) and \
                _is_cap(t.text) and not lexicon.is_common(t.key) and t.key not in ORG_WORDS:
            k = max(j + 1, _name_run(text, toks, j, allow_common=False))  # "Siobhan and Marek"
        if k == j and _in_name_list(text, toks, j, index):
            k = j + 1  # "Four people: Priyanka, Mateo, Yasmin and Kofi"
        if k > j:
            if not all(free(toks[x]) for x in range(j, k)):
                nxt = k
                continue
            person = _link_or_new(index, _words(text, toks, j, k))
            if person >= 0 and all(lexicon.is_common(toks[x].key) for x in range(j, k)):
                # ordinary words read as a name here ("Hope on my team", "Jack from SRE"): replaced at this place
                # even where the matching would not take them for one (at a sentence start)
                index.pinned.setdefault(text, []).append((toks[j].start, toks[k - 1].end, person))
            last_name_end = toks[k - 1].end
            nxt = k
    if segments is not None:
        segments.close()


_SEGMENTS_FROM = 1000  # tokens: a turn shorter than this is read token by token only


class _Segments:
    """What reading one sentence of a long turn (``window.segment_end``) found, remembered by its surroundings
    (``window.segment_key``) and by how many people and names the index holds: a sentence met again where
    those are the same finds the same (a repeated sentence is read once, not once per occurrence). Only a
    sentence whose reading added nobody to the index is remembered (what it found then is where a name was
    pinned), and none near a contact detail (``hidden``, which the key does not hold)."""

    def __init__(self, index: NameIndex, text: str, toks: Toks, hidden: Hidden) -> None:
        self.index, self.text, self.toks, self.hidden = index, text, toks, hidden
        self.starts = [t.start for t in toks]
        self.memo = window.Memo()
        self.end = 0  # the segment being read is toks[first:end]
        self.skipping = False
        self.recording: tuple[window.Key, int, int] | None = None
        self.first = 0
        self.pinned_before = 0

    def _sizes(self) -> tuple[int, int]:
        return len(self.index.persons), len(self.index.linked)

    def close(self) -> None:
        """Remember what the segment read last found, if it added nobody."""
        if self.recording is None:
            return
        key, self.recording = self.recording, None
        if (key[1], key[2]) != self._sizes():
            return
        offset = self.toks[self.first].start
        found = self.index.pinned.get(self.text, [])[self.pinned_before:]
        self.memo.keep(key, [(a - offset, b - offset, person) for a, b, person in found])

    def read(self, j: int) -> bool:
        """Start the segment at toks[j]; True when it was read before (what it found is pinned again here, and
        its tokens are skipped)."""
        self.close()
        toks = self.toks
        self.skipping = False
        if not self.memo.active:  # sentences do not repeat here: the rest of the turn is read token by token
            self.end = len(toks)
            return False
        self.end = end = window.segment_end(self.text, toks, self.starts, j)
        lo, hi = toks[max(0, j - window.TOKENS)].start, toks[min(len(toks) - 1, end - 1 + window.TOKENS)].end
        starts = self.hidden.starts
        if starts and bisect_right(starts, hi) > bisect_right(self.hidden.ends, lo):
            return False  # a contact detail nearby: read token by token (masked tokens are not in the key)
        persons, linked = self._sizes()
        key = (window.segment_key(self.text, toks, j, end), persons, linked)
        hit = cast("list[tuple[int, int, int]] | None", self.memo.ask(key))
        if hit is None:
            self.recording, self.first = key, j
            self.pinned_before = len(self.index.pinned.get(self.text, ()))
            return False
        offset = toks[j].start
        if hit:
            self.index.pinned.setdefault(self.text, []).extend((a + offset, b + offset, p) for a, b, p in hit)
        self.skipping = True
        return True


def _read_capitalised(text: str, toks: list[Tok], j: int, runs: dict[tuple[int, bool], int],
                      lowercase: set[str] | frozenset[str] | None,
                      memo: window.Memo) -> int | None:
    """The end of the name ``_found_name`` reads at toks[j], a name-shaped capitalised word (None: an ordinary
    word that can open none there, see ``_may_open_common``), read once per distinct context (``window``).

    ``runs`` is the one state the reading carries from token to token: it is read at j - 1 and written at j
    (j - 1 is never asked again: tokens are visited in order), so its entries there, relative to j, are part
    of the key and of what is remembered."""
    t = toks[j]
    if lexicon.is_common(t.key) and not lexicon.is_given_name(t.key) and not _may_open_common(text, toks, j, runs):
        return None  # (asked first: cheaper than the key, and most capitalised ordinary words end here)
    if not memo.active:
        return _found_name(text, toks, j, runs, lowercase)
    before_plain, before_common = runs.get((j - 1, False)), runs.get((j - 1, True))
    key = (window.context_key(text, toks, j), None if before_plain is None else before_plain - j,
           None if before_common is None else before_common - j)
    hit = cast("tuple[int, int | None, int | None] | None", memo.ask(key))
    if hit is not None:
        k_rel, plain, common = hit
        runs.pop((j - 1, False), None)
        runs.pop((j - 1, True), None)
        if plain is not None:
            runs[(j, False)] = j + plain
        if common is not None:
            runs[(j, True)] = j + common
        return j + k_rel
    k = _found_name(text, toks, j, runs, lowercase)
    after_plain, after_common = runs.get((j, False)), runs.get((j, True))
    memo.keep(key, (k - j, None if after_plain is None else after_plain - j,
                    None if after_common is None else after_common - j))
    return k


def _may_open_common(text: str, toks: list[Tok], j: int, runs: dict[tuple[int, bool], int]) -> bool:
    """Whether ``_found_name`` can find a name at toks[j], an ordinary word that is no given name ("Alpha",
    "Delta"): only after a title or a strong person cue ("Dr. Rose", "my manager Delta"), before a hyphen
    ("Delta-san", "Smith-Wood"), or inside a capitalised run read from an earlier token. Asked first, because
    2 MB of capitalised prose is 300,000 such words and the full reading cost 25 microseconds each."""
    if j > 0 and (toks[j - 1].key in TITLES or toks[j - 1].key in _STRONG_CUE_WORDS):
        return True
    if text[toks[j].end:toks[j].end + 1] in ("-", ",") and (text[toks[j].end] == "-" or
                                                          _APPOSITIVE.match(text, toks[j].end)):
        return True
    return bool(runs) and (runs.get((j - 1, False), 0) > j or runs.get((j - 1, True), 0) > j)


_POSSESSIVE = re.compile(r"['’]s\b")
_LOWER_CUE_WORDS = _STRONG_CUE_WORDS | _WEAK_CUE_WORDS | {"and", "or"}


def _lowercase_cued(text: str, toks: list[Tok], j: int, last_name_end: int) -> bool:
    """A lowercase given name (no ordinary word) is a name right after a person cue: a strong one ("our manager
    kemi"), a weak one ("i pinged jamal", "ask rohan"), "me and" ("me and tomasz") or "and"/"or" after a name
    just found ("rohan or anastasia")."""
    if j == 0:
        return False
    before = toks[j - 1].key
    window = text[max(0, toks[j].start - 60):toks[j].start]
    if before in _STRONG_CUE_WORDS and _strong_cue_before(window):
        return True
    if before in _WEAK_CUE_WORDS and _WEAK_CUE_BEFORE.search(window):
        return True
    if before == "and" and _ME_AND.search(window):
        return True  # "me and tomasz"
    return bool(last_name_end) and _list_gap(text, last_name_end, toks[j].start)


_ME_AND = re.compile(r"\b(?:me|myself)\s+and\s+$", re.I)


_LIST_GAPS = (" and ", ", ", " & ", ", and ", " or ", ", or ")
_LONGEST_LIST_GAP = max(map(len, _LIST_GAPS))


def _list_gap(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` joins two names of a list (", ", " and "...). The length is asked first: the name
    found last may be a megabyte back, and copying that far for every capitalised word made ``discover``
    quadratic."""
    return 0 < b - a <= _LONGEST_LIST_GAP and text[a:b] in _LIST_GAPS
_VOCATIVE_END = re.compile(r"\s*+(?:[.!?]|$)")


def _plain_given_name(t: Tok) -> bool:
    return _is_cap(t.text) and lexicon.is_given_name(t.key) and not lexicon.is_common(t.key)


def _in_name_list(text: str, toks: list[Tok], j: int, index: NameIndex | None = None) -> bool:
    """A given name listed with another one: "Priyanka, Mateo and Kofi", "Deepa and Vikram" (each a known given
    name and no ordinary word, or a person found already)."""
    if not _plain_given_name(toks[j]):
        return False
    return any(_plain_given_name(toks[x]) or (index is not None and _is_cap(toks[x].text) and
                                              (toks[x].key,) in index.exact)
               for x in _listed_with(text, toks, j))


_LIST_WORDS = frozenset(("and", "or"))


def _lower_given_listed(text: str, toks: list[Tok], j: int) -> list[int]:
    """The lowercase given names listed right before or after toks[j] ("tom and priya")."""
    return [x for x in _listed_with(text, toks, j)
            if toks[x].text.islower() and lexicon.is_given_name(toks[x].key) and len(toks[x].key) >= 3 and
            toks[x].key not in lexicon.NOT_NAMES and toks[x].key not in _LIST_WORDS]


def _listed_with(text: str, toks: list[Tok], j: int) -> list[int]:
    """The tokens listed right before and after toks[j]: across ", " or " & ", or across an "and"/"or"."""
    out = []
    n = len(toks)
    if j + 1 < n:
        gap = text[toks[j].end:toks[j + 1].start]
        if gap in (", ", " & "):
            out.append(j + 1)
        elif gap in (" ", ", ") and toks[j + 1].key in _LIST_WORDS and j + 2 < n and \
                text[toks[j + 1].end:toks[j + 2].start] == " ":
            out.append(j + 2)
    if j > 0:
        gap = text[toks[j - 1].end:toks[j].start]
        if gap in (", ", " & "):
            out.append(j - 1)
        elif gap == " " and toks[j - 1].key in _LIST_WORDS and j > 1 and \
                text[toks[j - 2].end:toks[j - 1].start] in (" ", ", "):
            out.append(j - 2)
    return out


def _found_name(text: str, toks: list[Tok], j: int, runs: dict[tuple[int, bool], int] | None = None,
                lowercase: set[str] | frozenset[str] | None = None) -> int:
    """End of a person's name starting at toks[j] when the text says it is one; j otherwise."""
    t = toks[j]
    prev = toks[j - 1] if j > 0 else None
    gap_before = text[prev.end:t.start] if prev else ""
    # 1. after a title: "Dr. Khalid al-Harbi", "Ms. Phạm", "Señor de la Fuente"
    if prev is not None and prev.key in TITLES and gap_before in (" ", ". ", ".\u00a0"):
        k = _name_run(text, toks, j, allow_common=True, runs=runs)
        if k > j:
            return k
    # 2. "Yamada-san"
    if j + 1 < len(toks) and text[t.end:toks[j + 1].start] == "-" and toks[j + 1].key in HONORIFIC_SUFFIXES:
        return j + 1
    if not _is_cap(t.text) or t.key in ORG_WORDS:
        return j
    if runs is not None and runs.get((j - 1, False), 0) > j and not (
            lexicon.is_given_name(t.key) or lexicon.is_surname(t.key)):
        runs[(j, False)] = runs.pop((j - 1, False))
        return j  # inside a capitalised run already read from its start: only a known name may start here
    mid_sentence = _prev_char(text, t.start) not in ("", *_SENTENCE_END)
    k = _name_run(text, toks, j, allow_common=False, runs=runs)
    if k == j + 1 and lowercase is not None and _common_surname_after(text, toks, j, lowercase):
        k += 1  # "Connor Walsh", "Aoife Murphy", "Ravi Patel": a surname the common-word list holds
    words = _words(text, toks, j, k)
    parts = [w for w in words if fold(w[0]) not in PARTICLES]
    keys = [fold(w[0]) for w in parts]
    # 3. a given name and a surname: "Zoë Lefebvre", "Pieter van den Hoek", "Rose Kimani", "Kim Do-hyun"
    if len(parts) >= 2:
        first, second = keys[0], keys[1]
        if lexicon.is_given_name(first) and not lexicon.is_common(first):
            return k
        if lexicon.is_given_name(first) and not lexicon.is_common(second) and (
                lexicon.is_surname(second) or lexicon.is_given_name(second) or mid_sentence):
            return k
        if lexicon.is_surname(first) and not lexicon.is_common(first) and len(parts) >= 3:
            return k
        if (lexicon.is_surname(first) or lexicon.is_given_name(first)) and \
                _KOREAN_GIVEN.match("-".join(parts[1])):
            return k
    if k == j:
        if _is_cap(t.text) and j + 1 < len(toks) and \
                toks[j + 1].key in _AFTER_CUE_WORDS and _APPOSITIVE.match(text, t.end):
            return j + 1  # "Bill, our lead, ...", "Major, our lead": an ordinary word too, said to be a person
        if j > 0 and toks[j - 1].key in _STRONG_CUE_WORDS and _strong_cue_before(text[max(0, t.start - 60):t.start]):
            return max(j, _name_run(text, toks, j, allow_common=True))  # "friends say Shiv", "my lead Will"
        return j
    # 4. a person cue before or after: "my mentor was X", "goes by X", "X, who", "X said", "X from legal"
    before = {toks[x].key for x in range(max(0, j - 6), j)}
    after = toks[k].key if k < len(toks) else ""
    window = text[max(0, t.start - 60):t.start]
    tail = text[toks[k - 1].end:toks[k - 1].end + 60]
    if before & _STRONG_CUE_WORDS and _strong_cue_before(window):
        # after "my colleague", a capitalised word that is also an ordinary word is still the surname
        return max(k, _name_run(text, toks, j, allow_common=True))
    if after in _AFTER_CUE_WORDS and _CUE_AFTER.match(tail):
        return k
    if gap_before == ", " and _VOCATIVE_END.match(text, toks[k - 1].end) and \
            all(lexicon.is_given_name(key) and not lexicon.is_common(key) for key in keys[:1]):
        return k  # "Thanks for joining, Ines." (a given name addressed at the end of a sentence)
    if mid_sentence and _SELF_INTRO.search(window) and not any(lexicon.is_common(key) for key in keys):
        return k  # "I'm Bartholomew": a capitalised word someone introduces themselves with
    known = any(lexicon.is_given_name(key) or lexicon.is_surname(key) for key in keys) and \
        not all(lexicon.is_common(key) for key in keys)
    weak_cue = j > 0 and toks[j - 1].key in _WEAK_CUE_WORDS and _WEAK_CUE_BEFORE.search(window) is not None
    if known and (weak_cue or _VERB_AFTER.match(tail) or _PRONOUN_AFTER.match(tail)):
        return k
    if weak_cue and mid_sentence and keys and lexicon.is_given_name(keys[0]) and keys[0] not in lexicon.MONTHS and \
            keys[0] not in lexicon.DAYS:
        return k  # "with Sandy and two others": a given name that is an ordinary word too, after a person cue
    # two capitalised words, neither an ordinary word, after a weak cue or before a possessive: a full name
    # whatever the lists hold ("We hired Kateryna Shevchenko", "Yevgenia Petrenko's model")
    if len(parts) >= 2 and not any(lexicon.is_common(key) for key in keys) and (weak_cue or _POSSESSIVE.match(tail)):
        return k
    if k == j + 1 and _plain_given_name(t) and t.key not in _LANGUAGES and not _after_place_word(text, toks, j):
        return k  # a lone given name that is no ordinary word ("Femke took over", "Manon and Julien ran it")
    return j


def _after_place_word(text: str, toks: list[Tok], j: int) -> bool:
    """toks[j] follows "in", "at", "near"... directly or as a later item of a list ("in Porto or Madrid")."""
    x = j
    for _ in range(4):
        if x == 0 or text[toks[x - 1].end:toks[x].start] not in (" ", ", "):
            return False
        before = toks[x - 1]
        if before.key in _PLACE_PREPOSITIONS:
            return text[before.end:toks[x].start] == " "
        if before.key in _LIST_WORDS and x >= 2:
            x -= 2  # "Porto or Madrid": to "Porto"
        elif _is_cap(before.text) and text[before.end:toks[x].start] == ", ":
            x -= 1  # "Lisbon, Porto": to "Lisbon"
        else:
            return False
        if not _is_cap(toks[x].text):
            return False
    return False


# before a capitalised word, these mean a place ("in Madrid", "at Florence"), whatever the name lists say
_PLACE_PREPOSITIONS = frozenset("in at near outside across into throughout around".split())


def _same_script(a: str, b: str) -> bool:
    return a == b or (a in CJK and b in CJK)




def _latin_share(text: str, toks: Toks) -> float:
    """The share of the words of ``text`` with letters that are in Latin script (each distinct word asked once).
    Words, not letters: a name in another script is long ("Παπαδοπούλου" is twelve letters), and two of them
    in an English sentence made it read as Greek, so they were not looked at as names."""
    if text.isascii():
        return 1.0
    latin = other = 0
    for word, count in Counter(toks.texts).items():
        sc = token_script(word)
        if sc == "latin":
            latin += count
        elif sc != "other":
            other += count
    return latin / (latin + other) if latin + other else 1.0


def _discover_candidates(toks: Toks, cands: list[int], latin_dominant: bool) -> list[int]:
    """``cands`` without the tokens ``discover`` would pass over whatever surrounds them: a token in another
    script (not Latin, not uncased) unless the turn is mostly Latin and the token has no digit, and a Latin or
    uncased token that is neither name-shaped nor a lowercase given name. Each distinct token is asked once (a
    2 MB turn of mixed scripts is 100,000 tokens, a third of them such)."""
    at = list(map(toks.texts.__getitem__, cands))
    skipped = set()
    for w, j in dict(zip(at, cands, strict=True)).items():
        key = toks.keys[j]
        if token_script(w) not in ("latin", "other"):
            skip = not (latin_dominant and not any(c.isdigit() for c in w))
        else:
            lower_given = w.islower() and lexicon.is_given_name(key) and not lexicon.is_common(key)
            skip = not lower_given and (not _name_shape(w) or key in lexicon.NOT_NAMES)
        if skip:
            skipped.add(w)
    if not skipped:
        return cands
    return [j for j, w in zip(cands, at, strict=True) if w not in skipped]


_ORG_SUFFIXES = ("大学", "大學", "学院", "學院", "公司", "集团", "集團", "银行", "銀行", "研究所", "研究院",
                 "株式会社", "대학교", "대학", "회사", "그룹", "銀行", "大学校")
_ORG_WORDS_SCRIPT = re.compile(r"университет|институт|академи|компани|банк|πανεπιστήμιο|ινστιτούτο|جامعة|شركة|"
                               r"विश्वविद्यालय|संस्थान", re.I)


def _org_like_script(words: list[list[str]]) -> bool:
    """Non-Latin words that name an organisation rather than a person (清华大学, МФТИ, Университет...)."""
    joined = "".join("".join(w) for w in words)
    if any(joined.endswith(s) or s in joined for s in _ORG_SUFFIXES):
        return True
    if _ORG_WORDS_SCRIPT.search(joined):
        return True
    return len(words) == 1 and len(joined) >= 2 and joined.isupper() and len(joined) <= 6
