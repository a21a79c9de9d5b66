"""A transcript full of script payloads, shared by the web page's HTTP and browser tests."""

import json

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
XSS_TRANSCRIPT = json.dumps({
    "messages": [
        {"name": f"Dana {SCRIPT}", "content": f"Tell me about an eval you built {IMG} and what you measured."},
        {"name": f"Sam {IMG}", "content": f"We built a golden set of 300 real support questions {SCRIPT} and ran it in "
                                          "CI on every prompt change. Recall@5 went from 0.62 to 0.81 after we added a "
                                          "reranker, measured on 400 labelled queries."},
        {"name": f"Dana {SCRIPT}", "content": "What broke?"},
        {"name": f"Sam {IMG}", "content": f"The judge model agreed with humans only 71% of the time {IMG} so we added a "
                                          "length-controlled rubric and agreement rose to 88%."},
    ],
    "roles": {"candidate": f"Sam {IMG}", "interviewer": f"Dana {SCRIPT}"},
}, indent=1)
