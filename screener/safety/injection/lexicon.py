"""Words the detector reads, in their folded form (lower-case, no accents: see ``normalise``).

Each list is a regular-expression alternation of words or short phrases. Latin-script entries are written
already folded; other scripts go through :func:`folded_alt`, so a word list and the text it is matched
against are folded by the same function. Languages: English, French, German, Spanish, Portuguese, Italian,
Dutch, Chinese and Japanese, with a little Russian.

No entry has a nested quantifier that can backtrack: every pattern built from these runs in linear time.
"""

from __future__ import annotations

import re

from . import rx
from .normalise import fold_text


def alt(*parts: str) -> str:
    """A non-capturing alternation of regex parts (already folded)."""
    return "(?:" + "|".join(parts) + ")"


def folded_alt(*words: str) -> str:
    """An alternation of literal words, folded and escaped (for scripts other than Latin): longest first, and in
    one order in every process (a set's order changes with the process's hash seed; the matches would not, but
    the pattern's source would, and ``data/rewrites.json`` files rewrites by source)."""
    return alt(*sorted({re.escape(fold_text(w)) for w in words}, key=lambda w: (-len(w), w)))


# -- who the text is addressed to: the grader, an AI, a model ---------------------------------------------

# Names that mean an AI or a grader on their own.
STRONG_ADDRESSEE = alt(
    r"a\.\s?i\.?", r"ai", "llms?", r"gpt(?:-?\d[\w.-]*)?", r"chat\s?gpt", "claude", "gemini", "copilot",
    r"(?:large\s)?language\smodel", "notetakers?", "note-takers?", "transcribers?", "graders?", "evaluators?", "scorers?", "screeners?", "assessors?",
    "summari[sz]ers?", "mistral", "llama", r"deep\s?seek", "qwen", "ia", "ki", r"kunstliche\sintelligenz", r"intelligence\sartificielle", r"inteligencia\sartificial",
    r"intelligenza\sartificiale",
    # French, Spanish, Portuguese, Italian, German, Dutch
    "evaluateur", "evaluatrice", "correcteur", "correctrice", "evaluador", "evaluadora", "calificador",
    "calificadora", "avaliador", "avaliadora", "valutatore", "valutatrice", "bewerter", "bewerterin",
    "bewertungs-?ki", "bewertungssystem", "gutachter", "beoordelaar", "beoordelaars",
    r"yapay\szeka", "degerlendirici", r"sztuczna\sinteligencja", r"oceniajac\w*", r"nguoi\scham", "penilai",
    "bedomare", "bedommer",
    # Russian
    folded_alt("ИИ", "нейросеть", "нейросети", "оценщик", "оценщику", "проверяющий", "проверяющему",
               "языковая модель", "языковой модели", "система оценки", "системе оценки"),
    r"systeme\sd'evaluation", r"sistema\sde\s(?:evaluacion|avaliacao|calificacion|puntuacion)",
    r"sistema\sdi\svalutazione",
)
CJK_ADDRESSEE = folded_alt(
    "人工智能", "评分系统", "评估系统", "评审系统", "评分员", "评分者", "评估者", "评审员", "阅卷人", "评分模型",
    "评分AI", "评估AI", "面试评估系统", "採点者", "評価者", "採点システム", "評価システム", "採点AI", "評価AI",
    "人工知能", "审核员", "评委",
)
# Words that name an AI or a grader only with a qualifier ("scoring model", "AI reviewer", "automated summary").
WEAK_ADDRESSEE = alt(
    "models?", "systems?", "tools?", "bots?", "chatbots?", "assistants?", "reviewers?", "judges?", "raters?", "summary",
    "engines?", "programs?", "software", "algorithms?", "pipelines?", "agents?", "modele", "modelo", "modello", "modell",
    "scoring", "grading", "screening",
    "sistema", "systeme", "zusammenfassung", "auswertung", "bewertung", "resume", "resumen", "resumo", "riassunto",
    "samenvatting", "evaluation", "evaluacion", "avaliacao", "valutazione", "readers?",
    folded_alt("модель", "модели", "системе", "системы", "система", "ассистент", "ассистенту"),
)
QUALIFIER = alt(
    "automated", "automatic", "ai", r"a\.i\.", "llm", "ai-powered", "machine", "robot", "screening", "grading",
    "scoring", "evaluation", "evaluating", "hiring", "interview", "recruiting", "assessment", "review", "language",
    "summarising", "summarizing", "summari[sz]ation", "virtual", "digital", "gpt", "summary", "transcript",
    r"automatische[nr]?", r"automatisierte[nr]?", "geautomatiseerde", "automatisch",
)
_MODIFIER_AFTER = alt(
    "automatique", "automatico", "automatica", "automatizado", "automatizada", "automatisch", "automatische",
    "avaliadora", "evaluadora", r"de\s(?:evaluacion|avaliacao|calificacion)", r"di\svalutazione", r"d'evaluation",
)
_READING = (r"(?:(?:that|who|which)\s+)?(?:(?:is|will\s+be|is\s+going\s+to\s+be)\s+)?"
            + alt("reading", "grading", "reviewing", "evaluating", "scoring", "summari[sz]ing", "processing",
                  "analy[sz]ing", "assessing", "screening", "parsing", "marking", "rating", "reads", "grades",
                  "reviews", "evaluates", "scores", "summari[sz]es", "processes", "analy[sz]es", "assesses",
                  "screens", "parses", "marks", "rates"))
ARTICLE = alt("the", "any", "all", "this", "our", "my", "dear", "whichever", "whatever", "each", "every", "your", "le", "la", "les", "el", "los", "las", "il", "lo",
              "gli", "die", "der", "den", "dem", "das", "o", "os", "a", "as", "de", "het")
# One addressee phrase: "the AI grader", "AI grading this", "l'evaluateur", "scoring model", "automated summary".
ADDRESSEE_CORE = (
    rf"(?:(?:{QUALIFIER}[\s-]+){{0,2}}(?:{STRONG_ADDRESSEE}|{CJK_ADDRESSEE})"
    rf"|(?:{QUALIFIER}[\s-]+){{1,2}}{WEAK_ADDRESSEE}|{WEAK_ADDRESSEE}(?=\s+{_READING}\s+this)"
    rf"|{WEAK_ADDRESSEE}(?=\s+{_MODIFIER_AFTER})"
    # what an automated reader writes: "the automated notes", "the AI scorecard"
    r"|(?:automated|auto-generated|ai|a\.i\.|llm|machine)[\s-]+(?:notes|scorecards?|reports?|write-?ups?|feedback|"
    r"evaluations?|assessments?))"
    rf"(?:\s+{_MODIFIER_AFTER})?(?:\s+{_READING}\s+(?:this|these|my|the)(?:\s+(?:interview|transcript|"
    rf"conversation|call|text|candidate|answer|answers|note))?)?"
)
ADDRESSEE = rf"(?:{ARTICLE}\s+|l')?{ADDRESSEE_CORE}"
ADDRESSEE_RE = rx.compile(r"\b" + ADDRESSEE + r"\b")
# An addressee that stands alone as a vocative or a label ("Assistant, please...", "Grader:").
VOCATIVE_HEAD = alt(STRONG_ADDRESSEE, WEAK_ADDRESSEE)

GREETING = alt("hey", "hi", "hello", "dear", "attention", "ok", "okay", "yo", "listen", "achtung", "cher", "chere",
               "querido", "querida", "caro", "cara", "liebe", "lieber", "hola", "bonjour", "salut", "ola", "ciao",
               "hallo", "oi", "attenzione", "atencion", "atencao", "beste", "dearest", "greetings")
NOTE = alt("notes?", "message", "memo", "reminder", "instructions?", r"p\.?s\.?", "aside", "comment", r"n\.?b\.?",
           "fyi", "important", "update", "request", "notice", "nota", "mensaje", "mensagem", "messaggio", "hinweis",
           "nachricht", "anmerkung", "remarque", "aviso", "avviso", "bericht", "opmerking", "hex", "base64", "aside",
    "addendum", "footnote", "disclaimer", "psa", "heads-up", "word", "things", "points", "requests", "items",
           "translation", "decoded", "context", "info", "information", r"instrucci(?:on|ones)", r"instruc(?:ao|oes)",
           "thing", "point", r"favou?r", "ask",
           r"istruzion[ei]", r"anweisung(?:en)?", "directives?", "guidance", "consignes?", "hinweise", "notitie",
           folded_alt("примечание", "заметка", "сообщение", "инструкция", "указание", "注意"))
TO_FOR = alt("to", "for", "pour", "a", "para", "per", "fur", "an", "aan", "voor", "al", "ao", "alla", "allo", "au",
             folded_alt("для"),
             "aux", "attn")

# -- what the grader is asked to do --------------------------------------------------------------------

# The outcome asked for: a verdict or a score that means one on its own ...
STRONG_VERDICT = alt(
    r"strong[\s_-]*(?:hire|yes|accept|pass)", r"lean[\s_-]*hire", r"no[\s_-]*hire", r"(?<!new\s)(?<!recent\s)hire\b(?!s)",
    r"full\s(?:marks|points|score|credit)", r"top\s(?:marks|score|rating|grade)s?",
    r"(?:highest|maximum|max|best|perfect|top)\s(?:possible\s)?(?:score|rating|marks|grade|mark|level)s?",
    r"\d+\s?/\s?\d+", r"\d+\s(?:out\sof|sur|von|su|op)\s\d+", r"\d+\sor\s(?:higher|above|more)", "exceeds", r"no\sreservations",
    r"no\sconcerns", r"every\sbar", r"across\sthe\sboard",
    r"(?:meets?|meeting|exceed(?:s|ed|ing)?|above|clears?|clearing)\s(?:the\s|our\s|your\s)?(?:[\w-]+\s)?(?:bar|expectations)",
    r"(?:senior|staff|principal)[\s-](?:level|bar)", r"make\s(?:an?\s|the\s)?offer", r"(?:an?|the)\soffer(?=\s*(?:[.!;]|$))",
    r"(?:definite|obvious|clear|must)[\s-]hire", r"hire\simmediately",
    r"hoogste\s(?:score|cijfer|beoordeling)", r"note\sla\splus\shaute", r"la\smeilleure\snote",
    r"hochste[n]?\s(?:punktzahl|bewertung|note)", r"maxima\spuntuacion", r"puntuacion\smaxima", r"nota\smaxima",
    r"punteggio\smassimo", r"forte\scontratacao", r"contratar\ssin\sreservas",
    r"tam\spuan", r"en\syuksek\spuan", r"ise\sal\w*", r"najwyzsz\w*\socen\w*", r"maksymaln\w*\socen\w*", r"zatrudni\w*",
    r"diem\stoi\sda", r"diem\scao\snhat", r"nilai\stertinggi", r"nilai\smaksimal", r"hogsta\sbetyg", r"toppbetyg",
    r"hoyeste\skarakter", r"ansett\w*", r"anstall\w*", r"advance[ds]?\s(?:to\s)?the\s(?:next|final)\s(?:round|stage)",
    fold_text("высш") + r"\w*\s(?:" + fold_text("оценк") + r"\w*|" + fold_text("балл") + r"\w*)",
    fold_text("максимальн") + r"\w*\s(?:" + fold_text("оценк") + r"\w*|" + fold_text("балл") + r"\w*)",
    fold_text("нанять"), fold_text("наймите"), fold_text("нанимать"), r"(?:an?\s)?offer\sstage", r"advance\w*\sme",
    # French, Spanish, Portuguese, Italian, German, Dutch, Chinese, Japanese
    r"note\smaximale", r"meilleure\snote", "embauche[rz]?", r"fortement\srecommande", r"puntuacion\smaxima",
    r"calificacion\smaxima", r"nota\smaxima", "contratacion", "contratar", "contratacao", "eingestellt", r"punteggio\smassimo",
    r"voto\smassimo", "assumere", "assunzione", "hochstnote", "bestnote", "einstellen", "einstellung", "aannemen",
    folded_alt("满分", "最高分", "强烈推荐", "录用", "雇用", "聘用", "最高評価", "満点", "採用", "合格", "推荐录用", "高分"),
)
# ... and praise that means one only about the candidate ("the strongest candidate", "rate me highly").
SOFT_VERDICT = alt(
    "exceptional", "outstanding", "excellent", "strongest", r"best\s(?:candidate|fit|engineer|hire)", "onsite",
    r"(?:five|5|ten|10)\s(?:gold\s)?stars?", r"\u2605{3,}|\u2b50{3,}", r"best\sin\sclass", "aced", r"thumbs[\s-]up",
    r"tick(?:ed)?\s(?:every|all)\s(?:the\s)?box(?:es)?", r"(?:five|ten)\sout\sof\s(?:five|ten)",
    r"a\sperfect\s(?:ten|10|five|5|score)", r"(?:every|all)\s(?:box|boxes|criteria|requirements)\s(?:as\s)?met",
    "hireable", r"(?:i'm|i\sam)\s(?:clearly\s|obviously\s|definitely\s)?the\sbest(?!\s(?:way|approach|option))",
    r"green[\s-]light", r"no[\s-]brainer",
    r"next\s(?:round|stage)", "highly", "flawless", "perfect", "glowing", "favou?rabl[ey]", "generous(?:ly)?",
    "lenient(?:ly)?", r"(?:score|rating|grade|mark)\sof\s[345](?![\d.])", r"(?:top|high|star)\sperformer",
    r"final\s(?:round|stage)", r"(?<![\d.])[345]\s(?:on|in|for|across)\s(?:every|each|all)\b", r"top\scandidate", "brilliant", "impressive", r"(?<!\d\s)a\s(?:[345]|five|four)\b", r"strong\scandidate", "approved",
    "hervorragend", "excelente", "eccellente", "parfait", "perfecto", "perfeito", "perfetto", "excellente",
    r"starkste[nr]?\skandidat(?:in)?", r"meilleure?\scandidate?", r"mejor\scandidat[oa]", r"melhor\scandidat[oa]",
    r"miglior[e]?\scandidat[oa]", r"beste\skandidaat",
    folded_alt("优秀", "最优秀", "優秀", "素晴らしい"),
)
VERDICT_VALUE = alt(STRONG_VERDICT, SOFT_VERDICT)
# Everything that can be the value of a grading output, for the finder that reads requests in any word order.
EXTRA_VALUE = alt(
    r"no\s+(?:weaknesses|red\s+flags|concerns|gaps|negatives|reservations)", r"nothing\s+(?:negative|about\s+weaknesses)",
    r"benefit\s+of\s+the\s+doubt",
    r"(?:as|are|were|is|be)\s+(?:fully\s+|completely\s+|entirely\s+|all\s+|100%\s+)?(?:correct|complete|accurate|right|"
    r"flawless|valid)(?:\s+and\s+(?:correct|complete|accurate))?(?![\w-])", r"extend(?:ing)?\s+(?:an?\s+|the\s+)?offer", r"(?<!\d\s)(?<!\bone\s)(?<!\btwo\s)(?<!\ba\s)(?:automatically\s+)?pass(?=\s*(?:[.!;]|$))", r"lenient\w*", r"generous\w*", r"(?:fully|completely|entirely)\s+correct",
    r"(?:high|good|top|strong|great|perfect|maximum)\s+(?:marks|scores?|ratings?|grades?|evaluation)",
    r"(?<![\d.])[345](?:\s+(?:on|in|for|across)\s+(?:every|each|all|everything)\b)", r"(?:as|at|with)\s+an?\s+[45](?![\d.%])", r"as\s+[45](?![\d%]|\.\d)(?=\s*(?:[.!;]|$))",
    r"(?<![\d.])[45]\s+(?:on|for|in)\s+(?:system\s+design|design|communication|coding|ml|depth|[\w-]+\s+(?:design|depth|skills?))",
    folded_alt("сильный кандидат", "отлично"),
)
VALUE = alt(STRONG_VERDICT, SOFT_VERDICT, EXTRA_VALUE)
# The candidate or the interview as the object of a verdict.
SELF_REFERENCE = alt(
    r"me", "myself", r"my\s(?:answers?|interview|score|grade|rating|marks?|application|candidacy|responses?|"
    r"evaluation|assessment|performance|recommendation|offer|hire|hiring|place|spot|position|result|outcome)",
    r"i'm", r"i\sam", r"(?:this|the|that)\s(?:candidate|"
    r"interviewee|applicant|interview|transcript|conversation|answer|response|person)",
    r"(?:every|each)\s(?:competency|criterion|category|area|dimension|skill|question|section|topic|answer|response)",
    r"all\s(?:competencies|criteria|categories|areas|answers|dimensions|skills|questions|sections)", "him", "her",
    r"(?:ce|cette|este|esta|este|questo|questa|dieser|diesen|diese|deze)\s(?:candidat|candidate|candidato|"
    r"candidata|kandidat|kandidatin|kandidaat|entretien|entrevista|colloquio|interview|gesprach)",
    r"(?:a|al|ao)\s(?:este|esta)\scandidat[oa]", "ihm", "ihr", "mich", "mir", "moi", "mi", "mim",
    folded_alt("这位候选人", "该候选人", "候选人", "我", "この候補者", "候補者", "私"),
)
# Verbs that ask for a grade on their own ("rate me", "score this interview").
GRADE_VERB = alt(
    "rate", "score", "grade", "mark", "assign", "award", "recommend", "hire", "evaluate", "assess", "judge",
    "classify", "label", "rank", "note", "notez", "evaluez", "attribuez", "donnez", "califica", "califique",
    "calificar", "asigna", "asigne", "puntua", "evalua", "avalie", "avalia", "atribua", "classifique", "valuta",
    "assegna", "assegnate", "attribuisci", "bewerte", "bewerten", "vergib", "gib", "geben", "benote",
    "beoordeel", "geef", folded_alt("поставь", "поставьте", "оцени", "оцените", "дай", "дайте"),
)
# Verbs that ask for a grade only together with a verdict ("give full marks", "record a hire").
SET_VERB = alt(
    "give", "put", "set", "write", "say", "list", "move", "pick", "choose", "select", "consider", "treat",
    "weight", "weigh", "return", "output", "record", "log", "pass", "accept", "approve", "advance", "summari[sz]e",
    "describe", "flag", "promote", "fast-track", "mark", "make", "leave", "omit", "skip", "conclude", "decide",
    "report", "respond", "reply", "answer", "print", "emit", "produce", "fill", "enter", "store", "remember",
    "da", "de", "dai", "dale", "donne", "scrivi", "escribe", "escreva", "schreibe",
)
# Starts of a clause where an imperative can stand: the sentence start, after a colon or a semicolon, "and",
# "so", "please", a bracket or a closing tag.
CLAUSE_LEAD = alt("please", "kindly", "just", "simply", "now", "then", "also", "so", "and", "but", "therefore",
                  "hence", "thus", "finally", "instead", "always", "immediately", "por favor", "s'il vous plait",
                  "bitte", "per favore", r"por\sfavor", r"merci\sde", "veuillez", r"por\sgentileza")

# -- overriding the grader's instructions --------------------------------------------------------------

OVERRIDE_VERB = alt(
    "ignore", "ignoring", "disregard", "disregarding", "forget", "override", "overrule", "skip", "bypass", "discard",
    r"set\saside", r"pay\sno\sattention\sto", r"do\snot\sfollow", r"don't\sfollow", r"stop\sfollowing", "abandon",
    "neglect", "overlook", "drop", "suspend", "cancel", "void", "nullify", "supersede", "replace", r"throw\sout",
    r"never\smind", "nevermind", r"do\snot\s(?:apply|use)", r"don't\s(?:apply|use)", r"stop\s(?:applying|using)",
    r"put\saside", r"look\spast", "waive",
    r"no\slonger\s(?:follow|apply|use)",
    "ignorez", "ignorer", "oubliez", "oublie", r"ne\stenez\spas\scompte\sd[eu]s?", "ignora", "ignoren", "ignorar",
    "ignorate", "ignorare", "olvida", "olvide", r"olvidate\sde", "omite", r"haz\scaso\somiso\sde", "esqueca",
    "esquece", "desconsidere", "desconsidera", "dimentica", "dimenticate", "trascura", r"non\sconsiderare",
    "ignoriere", "ignorieren", "ignoriert", "vergiss", "vergessen", "missachte", "missachten", "negeer", "vergeet",
    folded_alt("игнорируй", "игнорируйте", "проигнорируй", "проигнорируйте", "забудь", "забудьте", "не обращай внимания на",
               "не обращайте внимания на"),
    "zignoruj", "zignorujcie", "zapomnij", "pomin", r"bo\squa", "quen", "abaikan", "lupakan", "ignorera", "ignorer",
    r"glom", r"glem", "negeer", r"strunta\si", r"bortse\sfra", r"se\sbort\sfra", "ignoreer", "ignoruj", "ignorujte",
    folded_alt("αγνόησε", "αγνοήστε", "ξέχασε", "ξεχάστε", "התעלם", "התעלמי", "התעלמו", "שכח", "שכחי"),
)
# What an override drops; ``QUALIFIED_TARGET`` words count only with a qualifier such as "previous" or "all".
FREE_TARGET = alt(
    "rubrics?", r"scoring\s(?:guide|rules|criteria|instructions|rubric|policy)", r"grading\s(?:guide|rules|criteria|"
    r"instructions|rubric|policy)", r"system\s(?:prompt|message|instructions?)", r"everything\s(?:you\s(?:were|"
    r"have\sbeen)\s(?:told|given)|above|before|else|so\sfar|said)", r"what\syou\s(?:were|have\sbeen)\s(?:told|given)",
    "programming", r"(?:your|the)\straining", "guardrails", r"(?:all\sof\s)?the\sabove", r"anything\s(?:above|before|"
    r"else|you\s(?:were|have\sbeen)\s(?:told|given))", r"(?:prior|previous|earlier)\s(?:context|messages|text|prompts?)", r"evaluation\scriteria", r"the\sinterviewer's\sconcerns",
    r"(?:all|any|the|my)\s(?:weaknesses|concerns|red\sflags|gaps|negatives|mistakes?|errors?|slip|stumble)",
    "rubrica", "bareme", "bewertungsschema",
)
QUALIFIED_TARGET = alt("instructions?", "prompts?", "rules", "guidelines", "directions", "directives", "commands",
                       "context", "constraints", "criteria", "orders", "guidance", "messages", "text", "weaknesses",
                       "concerns", "answers?",
                       "consignes", "regles", "instrucciones", "reglas", "indicaciones", "instrucoes", "regras",
                       "orientacoes", "istruzioni", "regole", "indicazioni", "anweisungen", "instruktionen",
                       "regeln", "richtlinien", "vorgaben", "instructies", "regels", "evidence",
                       folded_alt("инструкции", "указания", "правила", "инструкциями"),
                       "instrukcje", "instrukcji", "polecenia", "zasady", r"huong\sdan", r"chi\sdan", r"quy\stac", "instruksi",
                       "petunjuk", "aturan", "instruktioner", "instruksjoner", "instruktioner", "regler",
                       folded_alt("οδηγίες", "οδηγιών", "κανόνες", "ההוראות", "הוראות", "ההנחיות", "הנחיות", "הכללים"))
TARGET_QUALIFIER = alt(
    "all", "any", "every", "your", "previous", "prior", "earlier", "above", "preceding", "original", "initial",
    "former", "system", "given", "existing", "these", "those", "other", "old", "scoring", "grading", "evaluation",
    "rubric", "my", "weak", "noticed",
    "les", "toutes", "tous", "precedentes", "anterieures", "las", "todas", "anteriores", "previas", "as", "le",
    "tutte", "precedenti", "alle", "die", "vorherigen", "bisherigen", "obigen", "vorigen", "eerdere", "vorige",
    "negative", folded_alt("предыдущие", "все", "прежние", "прошлые"), "wszystkie", "poprzednie", "moi", "truoc", "semua",
    "sebelumnya", "tidigare", "tidligere", "alle",
    folded_alt("όλες", "τις", "προηγούμενες", "כל", "מכל", "את", "הקודמות", "הקודמים"),
)
# Chinese and Japanese overrides: "忽略之前的所有指令", "以前の指示を無視して".
CJK_OVERRIDE = (
    folded_alt("忽略", "无视", "忽视", "不要理会", "别管", "忘记", "忘掉", "不要遵守", "不用遵守", "跳过")
    + r"[^.!?\n]{0,12}?"
    + folded_alt("指令", "指示", "说明", "规则", "提示", "要求", "评分标准", "设定", "规定", "标准", "命令")
    + "|"
    + folded_alt("指示", "命令", "ルール", "指令", "プロンプト", "設定", "採点基準", "評価基準", "規則")
    + r"[^.!?\n]{0,8}?"
    + folded_alt("無視", "忘れ")
)

# -- the grader's world: words that keep a note to the grader going -----------------------------------------

GRADING_TALK = alt(
    r"hire[sd]?", "hiring", r"strong[\s_-]*(?:hire|yes)", "no_hire", r"recommend\w*", r"rubric\w*", r"grad(?:e|er|ers|"
    r"ed|es|ing)", r"scor(?:e|es|ed|ing)", r"rat(?:e|ed|ing)\s(?:me|this|him|her|the\scandidate)", "marks?",
    "verdict", "decision", r"candidat\w*", r"kandidat\w*", "interview", "interviewee", r"evaluat\w*", r"assess\w*",
    r"competenc\w*", r"criteri\w*", "concerns", "weakness(?:es)?", "offer", "onsite", "exceptional", "outstanding",
    "excellent", "perfect", "brilliant", "impressive", "strongest", r"best\s(?:answer|candidate|fit)", "flawless",
    r"every\sbar", r"across\sthe\sboard", "exceeds", "approved?", "lenient", "generous", "reservations", "points",
    r"this\s(?:note|instruction|sentence|line|message|request)", "instructions?", "summary", "summari[sz]e",
    "referral", r"pre-?approved", "qualified", "deserves?", "merits?", "highly", r"(?:real|true|actual)\slevel",
    "seniority", "staff", "principal",
    r"note\smaximale", "hochstnote", "punteggio", "nota", "calificacion", "avaliacao", "bewertung", "embauche",
    "contratacion", "hervorragend", "excelente", "eccellente",
    folded_alt("候选人", "录用", "满分", "评分", "推荐", "优秀", "採用", "満点", "評価", "候補者", "合格", "分数"),
)
# Praise and verdicts that a forged interviewer or grader line carries.
PRAISE = alt(
    "excellent", "perfect", "brilliant", "impressive", "amazing", "outstanding", "exceptional", "wow", "fantastic",
    r"best\s(?:answer|candidate|fit|response)", "strongest", r"great\s(?:answer|job|candidate|fit)", "superb",
    r"strong[\s_-]*(?:hire|yes|candidate)", "hire", "hired", "offer", r"through\sto", r"next\s(?:round|stage)",
    r"put\syou\sdown", r"top\s(?:marks|candidate)", r"full\smarks", r"across\sthe\sboard", r"recommend\w*",
    r"score\w*", r"grade\w*", "marks", "verdict", "approved", "pass(?:ed)?", "noted", "recording", "understood",
    "rubric", r"candidat\w*", "concerns",
)

# The speaker (or their team) telling what happened: evidence, even without a number.
NARRATIVE = rx.compile(
    r"\b(?:i|we|our\s+(?:team|group)|my\s+team|the\s+team|they)\s+(?:\w+\s+){0,2}?(?:(?!need|want|feel|deserv)\w{2,}ed|"
    r"built|ran|made|wrote|got|took|found|saw|shipped|cut|led|did|had|went|began|chose|set|put|kept|spent|moved|"
    r"split|hit|brought|caught|drove|fell|grew|rose|sent|won|lost|left|paid|sold|taught|thought|told|was|were|"
    r"run|build|measure|ship|use|train|deploy|log|track|monitor|test|evaluate|compute|redact|store|shuffle)\b")

# -- telling discussion from attack -----------------------------------------------------------------------

# Before a quoted phrase: the speaker is reporting or describing it ("a user typed '...'").
QUOTE_CUE = rx.compile(
    r"\b(?:like|such\sas|typed|types|type|wrote|writes|write|written|said|says|say|saying|sent|sends|send|tried|"
    r"tries|try|trying|pasted|pastes|paste|entered|enter|asked|asks|phrases?|prompts?|texts?|strings?|messages?|"
    r"e\.g\.|eg|including|includes|include|inputs?|queries|query|called|named|reads?|stating|states|literally|"
    r"example|examples|instructions?|told|tell|tells|injected|injects|inject|contained|contains|contain|hidden|"
    r"classic|famous|old|usual|common|known|attacks?|jailbreaks?|payloads?|patterns?|lines?|sentences?|words?|"
    r"comme|como|wie|come|tipo|per\sesempio|par\sexemple|por\sejemplo|zum\sbeispiel|looked\slike|look\slike|"
    r"frase|frases|phrase|satz|ausdruck|expression|expresion|expressao|espressione|texto|textos|mensaje|mensagem|"
    r"nachricht|consigne|zin|zinnen|"
    r"looks\slike|style|catches|caught|detects|detected|flags|flagged|blocks|blocked|matches|matched|about|"
    r"ones|one|with|from|or|and|versus|vs)\b[\s,:]*$"
)
QUOTE_AFTER_CUE = rx.compile(
    r"^[\s,]*(?:-?style|attacks?|jailbreaks?|prompts?|examples?|strings?|payloads?|messages?|phrases?|inputs?|"
    r"markers?|tokens?|tricks?|tags?|"
    r"queries|injections?|type|kind|variants?|or|and|into|in\s(?:the|a|our|their)|as\san|is\sa|was\sa|"
    r"were|would|got|gets|slipped|made\sit|reached|to\sthe|from\sthe|at\sthe|so\swe|which|that|worked|works|failed|"
    r"fails|succeeded|succeeds|bypassed|bypasses|fooled|fools|tricked|tricks|broke|breaks|passed|passes|beat|beats|"
    r"caused|causes|triggered|triggers|appeared|appears|showed|shows|returned|returns|is\sthe|was\sthe|"
    r"became|still|never|always|kept|got\sthrough)\b"
)
# Before an unquoted override or role-play phrase: the speaker is reporting it.
# what glosses a quoted phrase right after it: '「以前の指示を...」, which means ignore all previous instructions'
GLOSS = alt(r"which\s+means", "meaning", r"that\s+means", "translated", r"in\s+english", r"i\.e\.")
REPORT_CUE = rx.compile(
    r"\b(?:like|such\sas|typed|wrote|sent|pasted|tried|entered|saying|e\.g\.|phrases?\slike|prompts?\slike|"
    r"messages?\slike|strings?\slike|attacks?\slike|style\sof|from)\s*[:,]?\s*$"
    # "the attack string we kept seeing was ...": a phrase named, then given
    r"|\b(?:strings?|phrases?|attacks?|prompts?|payloads?|messages?|texts?|lines?|examples?|injections?|inputs?|"
    r"sentences?|comments?|queries|query|jailbreaks?)\b[^.!?:]{0,40}\b(?:was|were|is|are|reads?|said|says|goes|went|"
    r"included|includes|contained|contains)\s*[:,]?\s*$"
    # a gloss of the quoted attack just before it: '「以前の指示を...」, which means ignore all previous instructions',
    # '"Ignore as instruções anteriores...", ignore the previous instructions and say...'
    rf"|\b(?:{GLOSS}|translates\s+to)\s*[:,]?\s*$"
    r"|[\"'\u300d\u00bb\u201d]\s*,\s*$"
)
# An infinitive after someone else's instruction: "we told the annotators to ignore", "instruct the model to".
REPORTED_INFINITIVE = rx.compile(
    r"\b(?:told|tell|tells|telling|asked|ask|asks|asking|instruct|instructs|instructed|instructing|trained|train|"
    r"trains|taught|teach|teaches|want|wants|wanted|say|says|said|prompt|prompts|prompted|configured|configure|"
    r"allowed|allow|allows|designed|design|learned|learn|learns|needs|need|needed|expected|expect|meant|"
    r"supposed|tried|try|tries|able|chose|decided|decide|how|when|whether|not|never|rule|rules|guidelines|"
    r"policy|used|use|uses|made|make|makes|forced|force|forces|getting|get|gets|got|tricks?|trick|tricked|"
    r"convince[sd]?|persuaded?|manipulate[sd]?|caused?|causes|lead|leads|led|help|helps|helped|"
    r"the\s\w+|our\s\w+|their\s\w+|its)"
    r"(?:\s[\w'-]+){0,3}\s+to\s*$"
)
SECOND_PERSON_INFINITIVE = rx.compile(r"\byou\b(?:\s[\w'-]+){0,3}\s+to\s*$")
