"""Tokens, scripts, folding and romanisation: what lets "Jose", "JOSÉ" and "José" be one name, and "Дмитрий"
be "Dmitry".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters with the combining marks of scripts whose vowel signs are not \w (Devanagari, Thai, ...)
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
          "\u0e00-\u0eff\u1000-\u109f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a")
SURNAME_PREFIXES = "ODL"
"""The one-letter surname prefixes kept on the name after their apostrophe: O'Connor, D'Souza, L'Estrange."""
# a word, with the prefix of such a surname kept on it (one name, not "O" and a name)
TOKEN = re.compile(rf"(?:[{SURNAME_PREFIXES}]['’](?=[A-ZÀ-ÖØ-Þ]))?[^\W_][\w{_MARKS}]*+|[{_MARKS}]++")
WORD_CHARS = rf"\w{_MARKS}"
PREFIX_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
"""What the word after a surname prefix's apostrophe opens with (``TOKEN``'s look-ahead)."""
TOKEN_UNPREFIXED = re.compile(rf"[^\W_][\w{_MARKS}]*+|[{_MARKS}]++")
"""``TOKEN`` without the surname prefix (see ``names.split``)."""

_SPECIAL = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
                          "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
                          "ŀ": "l", "ħ": "h", "’": "'"})

_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
                      "ye", "g", "u"], strict=True))
_GREEK_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "ντ": "nt", "γκ": "g", "γγ": "ng", "αυ": "av",
                "ευ": "ev", "μπ": "b"}
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                  ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s",
                   "t", "y", "f", "ch", "ps", "o"], strict=True))
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_GREEK_TABLE = str.maketrans(_GREEK)
_HANGUL_L = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_HANGUL_V = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_HANGUL_T = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
             "ng", "t", "t", "k", "t", "p", "t"]
# Korean and Chinese family names as they are written in Latin letters (most common first)
KOREAN_SURNAMES = {
    "김": "kim gim", "이": "lee yi rhee", "박": "park bak pak", "최": "choi choe", "정": "jung jeong chung",
    "강": "kang", "조": "cho jo", "윤": "yoon yun", "장": "jang chang", "임": "lim im", "한": "han", "오": "oh",
    "서": "seo suh", "신": "shin sin", "권": "kwon", "황": "hwang", "안": "ahn", "송": "song", "류": "ryu yoo",
    "전": "jeon jun", "홍": "hong", "고": "ko go", "문": "moon mun", "양": "yang", "손": "son sohn", "배": "bae",
    "백": "baek paek", "허": "heo huh", "유": "yoo yu", "남": "nam", "심": "shim sim", "노": "noh roh", "하": "ha",
    "곽": "kwak", "성": "sung seong", "차": "cha", "주": "joo ju", "우": "woo", "구": "koo gu", "민": "min",
    "진": "jin", "나": "na", "지": "ji", "엄": "eom um", "채": "chae", "원": "won", "천": "cheon", "방": "bang",
    "공": "kong", "현": "hyun", "함": "ham", "변": "byun", "염": "yeom", "여": "yeo", "추": "choo", "도": "do",
    "석": "seok", "선": "sun", "설": "seol", "마": "ma", "길": "gil", "연": "yeon", "표": "pyo", "명": "myung",
}
CHINESE_SURNAMES = {
    "王": "wang", "李": "li lee", "张": "zhang chang", "張": "zhang chang", "刘": "liu lau", "劉": "liu lau",
    "陈": "chen chan", "陳": "chen chan", "杨": "yang", "楊": "yang", "黄": "huang wong", "黃": "huang wong",
    "赵": "zhao chiu", "趙": "zhao chiu", "吴": "wu ng", "吳": "wu ng", "周": "zhou chow", "徐": "xu hsu",
    "孙": "sun", "孫": "sun", "马": "ma", "馬": "ma", "朱": "zhu chu", "胡": "hu", "郭": "guo kwok", "何": "he ho",
    "林": "lin lam", "高": "gao ko", "罗": "luo law", "羅": "luo law", "郑": "zheng cheng", "鄭": "zheng cheng",
    "梁": "liang leung", "谢": "xie tse", "謝": "xie tse", "宋": "song", "唐": "tang", "许": "xu hui",
    "許": "xu hui", "韩": "han", "韓": "han", "冯": "feng fung", "馮": "feng fung", "邓": "deng tang",
    "鄧": "deng tang", "曹": "cao", "彭": "peng", "曾": "zeng tsang", "肖": "xiao", "萧": "xiao siu",
    "蕭": "xiao siu", "田": "tian", "董": "dong", "潘": "pan", "袁": "yuan", "蔡": "cai tsai", "蒋": "jiang",
    "蔣": "jiang", "余": "yu", "于": "yu", "杜": "du", "叶": "ye yip", "葉": "ye yip", "程": "cheng", "魏": "wei",
    "苏": "su", "蘇": "su", "吕": "lu lyu", "呂": "lu lyu", "丁": "ding", "任": "ren", "卢": "lu", "盧": "lu",
    "姚": "yao", "沈": "shen", "钟": "zhong chung", "鍾": "zhong chung", "姜": "jiang", "崔": "cui", "谭": "tan",
    "譚": "tan", "陆": "lu", "陸": "lu", "范": "fan", "汪": "wang", "廖": "liao", "石": "shi", "金": "jin",
    "韦": "wei", "贾": "jia", "夏": "xia", "付": "fu", "方": "fang", "邹": "zou", "熊": "xiong", "白": "bai",
    "孟": "meng", "秦": "qin", "邱": "qiu", "侯": "hou", "江": "jiang", "尹": "yin", "薛": "xue", "段": "duan",
    "雷": "lei", "龙": "long", "黎": "li", "史": "shi", "陶": "tao", "贺": "he", "毛": "mao", "郝": "hao",
    "顾": "gu", "龚": "gong", "邵": "shao", "钱": "qian", "戴": "dai", "严": "yan", "孔": "kong", "向": "xiang",
    "常": "chang", "汤": "tang", "康": "kang", "易": "yi", "乔": "qiao", "赖": "lai", "文": "wen", "欧阳": "ouyang",
}


def script(ch: str) -> str:
    """The script of one letter: latin, cyrillic, greek, hangul, han, kana, arabic, hebrew, indic, thai, other."""
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x590 <= o <= 0x5FF:
        return "hebrew"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x900 <= o <= 0xDFF:
        return "indic"
    if 0xE00 <= o <= 0xEFF:
        return "thai"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    return "other"


_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=65536)
def token_script(token: str) -> str:
    """The script of the first letter of ``token`` (found in C: a token may be 2 MB of digits)."""
    m = _LETTER.search(token)
    return script(m.group()) if m else "other"


CJK = frozenset({"han", "kana", "hangul"})


@lru_cache(maxsize=65536)
def surname_prefixed(word: str) -> bool:
    """``word`` opens with a surname prefix and its apostrophe (``O'Connor``, ``D’Souza``)."""
    return len(word) > 2 and word[0] in SURNAME_PREFIXES and word[1] in "'’"


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Case and accents folded, Latin special letters spelled out ("Kjærgaard" -> "kjaergaard")."""
    s = token.translate(_SPECIAL)
    if surname_prefixed(s):
        s = s[0] + s[2:]  # "O'Connor" -> "oconnor", as name lists spell it
    if s.isascii():
        return s.casefold()
    sc = token_script(s)
    if sc in ("latin", "greek", "cyrillic"):
        s = unicodedata.normalize("NFKD", s).translate(_NO_COMBINING)
    return s.casefold()


class _CombiningTable(dict[int, int | None]):
    """A ``str.translate`` table that drops combining characters (``unicodedata.combining``) and keeps the rest,
    filled as characters are met: the translation runs in C, where a generator over the characters did not."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NO_COMBINING = _CombiningTable()


def _hangul(syllables: str) -> str:
    out = []
    for ch in syllables:
        o = ord(ch) - 0xAC00
        if 0 <= o < 11172:
            initial = _HANGUL_L[o // 588]
            out.append(("" if initial == "-" else initial) + _HANGUL_V[(o % 588) // 28] + _HANGUL_T[o % 28])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def romanise(token: str) -> str:
    """A Latin spelling of a Cyrillic, Greek or Hangul token (folded); other tokens come back folded."""
    return romanise_folded(fold(token))


@lru_cache(maxsize=65536)
def romanise_folded(s: str) -> str:
    """``romanise`` of a token already folded (``fold``): the tokenizer has its key and need not fold again."""
    sc = token_script(s)
    if sc == "cyrillic":
        return s.translate(_CYRILLIC_TABLE)
    if sc == "greek":
        for pair, latin in _GREEK_PAIRS.items():
            s = s.replace(pair, latin)
        return s.translate(_GREEK_TABLE)
    if sc == "hangul":
        return _hangul(s)
    return s


_SKELETON_STEPS = (("shch", "sch"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("th", "t"), ("dh", "d"), ("gh", "g"),
                   ("oo", "u"), ("ou", "u"), ("eo", "u"), ("ee", "i"), ("wu", "u"))
_SKELETON_LETTERS = str.maketrans({"y": "i", "j": "i", "w": "v", "c": "k", "q": "k", "z": "s", "g": "k",
                                   "d": "t", "b": "p"})


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """A spelling-tolerant key: "dmitry", "dmitrii" and "dmitrij" share one; so do "jihoon" and "jihun"."""
    s = "".join(c for c in folded if c.isalpha())
    for a, b in _SKELETON_STEPS:
        s = s.replace(a, b)
    s = s.translate(_SKELETON_LETTERS)
    out: list[str] = []
    for c in s:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def korean_name_forms(hangul: str) -> tuple[list[str], list[list[str]]]:
    """(family-name spellings, given-name syllable lists) for a Hangul name ("김민준" -> [kim, gim], [[min, jun]])."""
    if len(hangul) >= 2 and hangul[0] in KOREAN_SURNAMES and len(hangul) <= 4:
        family = KOREAN_SURNAMES[hangul[0]].split()
        given = [romanise(ch) for ch in hangul[1:]]
        return family, [given]
    return [], [[romanise(ch) for ch in hangul]]


def chinese_surname(han: str) -> list[str]:
    for length in (2, 1):
        if len(han) > length and han[:length] in CHINESE_SURNAMES:
            return CHINESE_SURNAMES[han[:length]].split()
    return []
