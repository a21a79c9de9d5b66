"""Finders for Korean, Arabic and Hindi, run only on turns that have such letters. Particles and prefixes attach to
words in these scripts (지시를, التعليمات), so the patterns are phrases found anywhere, as for Chinese (``cjk``):

- an override: a verb of ignoring or forgetting and a word for instructions, in either order, close together;
- a verdict asked for: a top score or a hire, with a request ("please", an imperative ending), the candidate, or
  the grader named in the same sentence;
- a label to the grader: "AI 평가자에게:", "إلى نظام التقييم:".

Words are folded like the text (``normalise``: marks dropped), through :func:`lexicon.folded_alt`.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import rx
from .context import Hit, fresh, is_discussion
from .lexicon import folded_alt
from .units import TurnText

_SCRIPTS = rx.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u0600-\u06ff\u0750-\u077f\u0900-\u097f]")

_VERB = folded_alt(
    "무시", "잊어", "잊고", "따르지 마", "تجاهل", "تجاهلوا", "انس", "انسوا", "لا تتبع", "अनदेखा", "नज़रअंदाज़", "नजरअंदाज",
    "भूल जा", "भूल जाओ", "भूल जाइए",
)
_NOUN = folded_alt(
    "지시", "지침", "명령", "규칙", "프롬프트", "평가 기준", "التعليمات", "تعليمات", "الإرشادات", "الأوامر", "القواعد",
    "التوجيهات", "निर्देश", "नियम", "आदेश", "हिदायत",
)
_OVERRIDE = rx.compile(rf"{_VERB}[^.!?\n]{{0,30}}?{_NOUN}|{_NOUN}[^.!?\n]{{0,30}}?{_VERB}")
_VALUE = rx.compile(folded_alt(
    "만점", "최고 점수", "최고점", "최고 평가", "채용", "합격", "강력 추천", "أعلى درجة", "الدرجة الكاملة", "العلامة الكاملة",
    "الدرجة القصوى", "توظيف", "وظفوا", "पूरे अंक", "पूर्ण अंक", "सर्वोच्च अंक", "अधिकतम अंक", "पूरे नंबर", "नियुक्त",
))
_ASKED = rx.compile(folded_alt(
    "주세요", "하세요", "해주세요", "하십시오", "해라", "줘", "부탁", "이 후보자", "이 지원자", "저에게", "저를", "امنح", "أعط", "اعط",
    "امنحوا", "يرجى", "من فضلك", "ضع", "سجل", "هذا المرشح", "दें", "दीजिए", "करें", "कीजिए", "दो", "करो", "इस उम्मीदवार",
    "मुझे", "AI", "인공지능", "평가자", "채점자", "الذكاء الاصطناعي", "المقيم", "نظام التقييم", "एआई", "मूल्यांकनकर्ता",
))
_LABEL = rx.compile(
    "(?:" + folded_alt("AI", "인공지능", "평가자", "채점자", "평가 시스템", "모델", "الذكاء الاصطناعي", "المقيم", "نظام التقييم",
                       "المصحح", "एआई", "मूल्यांकनकर्ता", "मूल्यांकन प्रणाली")
    + ")" + folded_alt("에게", "께", "님", "", "के लिए", "को") + r"\s*:"
    + "|" + folded_alt("إلى", "الى", "ل") + r"\s*" + folded_alt("الذكاء الاصطناعي", "المقيم", "نظام التقييم", "المصحح") + r"\s*:"
)


def scripts(tt: TurnText) -> Iterator[Hit]:
    """Korean, Arabic and Hindi: overrides, a verdict asked for, a label to the grader."""
    text = tt.text
    if text.isascii() or not _SCRIPTS.search(text):
        return
    for pattern, kind in ((_OVERRIDE, "override instructions"), (_LABEL, "note to the grader")):
        for m in fresh(tt, "scripts", pattern.finditer(text)):
            if not is_discussion(tt, m.start(), m.end()):
                yield Hit(m.start(), m.end(), kind)
    for m in fresh(tt, "scripts", _VALUE.finditer(text)):
        s, e = tt.unit_start(m.start()), tt.unit_end(m.start())
        if _ASKED.search(text, s, e) and not is_discussion(tt, m.start(), m.end()):
            yield Hit(m.start(), m.end(), "asks for a verdict")
