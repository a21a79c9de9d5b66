"""Finders for Chinese and Japanese, run only on turns that have such characters (no word boundaries there,
so these patterns are kept out of the Latin ones, whose ``\\b`` lets the scan skip most positions)."""

from __future__ import annotations

from collections.abc import Iterator

from . import rx
from .context import Hit, addressed_follow_up, fresh, is_discussion, rest_of
from .lexicon import CJK_ADDRESSEE, CJK_OVERRIDE, folded_alt
from .units import TurnText

_ADDRESSEE = rx.compile(
    rf"(?:{CJK_ADDRESSEE}|(?<![a-z])(?:ai|gpt))\s*(?:[:,]|" + folded_alt("へ", "様", "殿", "你好", "您好", "注意", "请注意", "請注意", "听好", "注意してください") + ")"
    + "|" + folded_alt("给", "致", "对", "請", "请", "告诉") + rf"[^.!?\n]{{0,3}}?(?:{CJK_ADDRESSEE})"
)
_ORDER = rx.compile(folded_alt("请", "請", "务必", "一定要", "必须", "ください", "して", "しなさい", "给", "打", "评为",
                               "記録", "记录", "忽略", "無視", "忘记"))
_VERDICT = rx.compile(
    folded_alt("给", "給", "为", "為", "打", "评", "评为", "评定为", "记为", "录入") + r"[^.!?\n]{0,8}?"
    + folded_alt("满分", "最高分", "最高评价", "强烈推荐", "录用", "优秀", "高分", "通过")
    + "|" + folded_alt("満点", "最高評価", "最高点", "採用", "合格", "高評価") + r"[^.!?\n]{0,8}?"
    + folded_alt("して", "にして", "をつけて", "を付けて", "を与えて", "と評価", "と判定", "と記録", "ください", "にする")
)
_ROLEPLAY = rx.compile(folded_alt("假设你是", "假装你是", "你现在是", "你现在扮演", "扮演一个", "扮演", "あなたは今",
                                  "のふりをして", "として振る舞", "になりきって"))
_SECRECY = rx.compile(folded_alt("不要提及", "不要提到", "不要透露", "不要重复这", "言及しない", "言及しないで",
                                 "繰り返さないで", "触れないで"))
_IF_YOU_ARE = rx.compile(folded_alt("如果你是", "如果您是", "もしあなたが") + r"[^.!?\n]{0,8}?(?:ai|"
                         + folded_alt("人工智能", "模型", "评分", "评估", "採点", "評価", "AI") + ")")
_BOUNDARY = rx.compile(folded_alt("转录结束", "面试结束", "记录结束", "对话结束", "対話終了", "面接終了", "記録終了",
                                  "トランスクリプト終了", "新的面试", "新しい面接"))
_OVERRIDE = rx.compile(CJK_OVERRIDE)
# A subject or a habit before a verdict: a description of what someone does, unless it is asked for
_DESCRIBED = rx.compile(folded_alt("模型", "系统", "我们", "他们", "它", "会", "通常", "总是", "倾向于", "常常", "都", "往往",
                                   "容易", "评分器", "标注员", "人工"))
_ASKED = rx.compile(folded_alt("请", "請", "务必", "一定要", "必须", "这位候选人", "该候选人", "候选人", "我", "ください"))


def cjk(tt: TurnText) -> Iterator[Hit]:
    """Chinese and Japanese: overrides, the grader addressed, a verdict asked for, role-play, secrecy, a forged
    end of the transcript."""
    if tt.text.isascii() or not tt.has_cjk:
        return
    text = tt.text
    for pattern, kind in ((_OVERRIDE, "override instructions"), (_VERDICT, "asks for a verdict"),
                          (_ROLEPLAY, "role-play"), (_SECRECY, "asks for secrecy"), (_IF_YOU_ARE, "addresses the AI")):
        if tt.all_seen("cjk"):
            return
        for m in fresh(tt, "cjk", pattern.finditer(text)):
            if is_discussion(tt, m.start(), m.end()):
                continue
            if pattern is _VERDICT and _DESCRIBED.search(text, max(0, m.start() - 8), m.start()) \
                    and not _ASKED.search(text, max(0, m.start() - 12), m.end() + 8):
                continue  # "评分模型会给长回答打高分": what a model does, described
            yield Hit(m.start(), m.end(), kind)
    if tt.all_seen("cjk"):
        return
    for m in fresh(tt, "cjk", _ADDRESSEE.finditer(text)):
        lo, hi = rest_of(tt, m.end(), units=2)
        if (tt.has(_ORDER, lo, hi) or tt.has(_VERDICT, lo, hi) or addressed_follow_up(tt, lo, hi)) \
                and not is_discussion(tt, m.start(), m.end()):
            yield Hit(m.start(), m.end(), "addresses the AI")
    if tt.all_seen("cjk"):
        return
    for m in fresh(tt, "cjk", _BOUNDARY.finditer(text)):
        if not is_discussion(tt, m.start(), m.end()):
            yield Hit(m.start(), m.end(), "fake transcript boundary", "to_end")
