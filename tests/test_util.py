"""screener.util: the secrets scrubber, safe file reading and writing, one-line errors, safe text."""

from __future__ import annotations

import logging
import os
import stat
import time

import pytest

from screener.errors import InputError, UsageError
from screener.util import errors as uerrors
from screener.util.files import (
    StagedWrite,
    atomic_write_text,
    check_output_dir,
    check_output_file,
    file_kind,
    read_regular_file,
)
from screener.util.secrets import ScrubFilter, is_secret_var, scrub, scrub_data, secret_values
from screener.util.sizes import human_size
from screener.util.text import escape_html, markdown_inline, strip_controls, without_surrogates

# -- secrets


@pytest.mark.parametrize(("text", "leaked", "kept"), [
    ("cannot connect to http://user:SECRETPW@host:8080/v1", "SECRETPW", "http://user:***@host:8080/v1"),
    ("https://TOKEN12345@api.example.com/x", "TOKEN12345", "https://***@api.example.com/x"),
    ("http://u:p@ss@host/v1", "p@ss", "http://u:***@host/v1"),
    ("GET https://h/v1/models?api_key=QSECRET&x=1", "QSECRET", "?api_key=***&x=1"),
    ("https://h/v1?key=KSECRET", "KSECRET", "?key=***"),
    ("https://h/v1?a=1&access_token=TSECRET#frag", "TSECRET", "&access_token=***#frag"),
    ("key sk-ant-api03-abcdefghijklmnopqrstuvwx was rejected", "abcdefghijklmnop", "sk-***"),
    ("Authorization: Bearer abc123def456ghi789", "abc123def456", "Authorization: ***"),
    ('{"api_key": "JSONSECRET1"}', "JSONSECRET1", '"api_key": "***"'),
    ("token hf_abcdefghijklmnopqrstuv leaked", "hf_abcdefghijklmnop", "token *** leaked"),
])
def test_scrub_masks_credentials_in_urls_and_key_looking_strings(text, leaked, kept):
    out = scrub(text, secrets=[])
    assert leaked not in out and kept in out


def test_scrub_leaves_ordinary_text_and_urls_alone():
    for text in ("http://localhost:11434/v1", "https://api.openai.com/v1/chat/completions?stream=true",
                 "a Bearer of bad news", "Basic understanding of the key results", "12:30 and 3:45"):
        assert scrub(text, secrets=[]) == text


def test_scrub_masks_the_values_of_key_variables(monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "ollama-secret-value-123")
    monkeypatch.setenv("MY_SERVICE_TOKEN", "tok-abcdefgh")
    monkeypatch.setenv("HOME_DIRECTORY", "not-a-secret-but-long")
    values = secret_values()
    assert "ollama-secret-value-123" in values and "tok-abcdefgh" in values
    assert "not-a-secret-but-long" not in values
    out = scrub("echo: ollama-secret-value-123 / tok-abcdefgh / tail ecret-value-123")
    assert "ollama-secret" not in out and "tok-abcdefgh" not in out
    assert "ecret-value-123" not in out  # a long key's tail is masked too (servers echo it)
    assert is_secret_var("ANTHROPIC_API_KEY") and is_secret_var("GITHUB_TOKEN") and not is_secret_var("PATH")


def test_scrub_data_masks_secret_keys_and_values_inside_structures():
    data = {"base_url": "http://u:pw123@h/v1", "api_key": "k", "nested": [{"Authorization": "x"}], "n": 3}
    assert scrub_data(data, secrets=[]) == {"base_url": "http://u:***@h/v1", "api_key": "***",
                                            "nested": [{"Authorization": "***"}], "n": 3}


def test_log_records_are_scrubbed():
    record = logging.LogRecord("screener.x", logging.INFO, __file__, 1, "retrying %s", ("http://a:PW@h/v1",), None)
    assert ScrubFilter().filter(record) and record.getMessage() == "retrying http://a:***@h/v1"


def test_scrub_is_linear_on_hostile_text():
    for text in ("sk-" * 300_000, "://" * 300_000, "http://a" + ":" * 600_000, "?key=" * 200_000,
                 "Bearer " * 200_000, '"api_key":' * 100_000):
        started = time.process_time()
        scrub(text, secrets=[])
        assert time.process_time() - started < 2, text[:20]


# -- files


def test_read_regular_file_refuses_fifo_device_and_directory_without_opening(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert file_kind(fifo) == "FIFO (named pipe)"
    with pytest.raises(InputError, match="is a FIFO .named pipe., not a regular file"):
        read_regular_file(fifo, max_bytes=100)  # refused before opening: a blocking open would hang this test
    with pytest.raises(InputError, match="is a character device"):
        read_regular_file("/dev/null", max_bytes=100)
    with pytest.raises(InputError, match="is a directory"):
        read_regular_file(tmp_path, max_bytes=100)
    with pytest.raises(InputError, match="no such file"):
        read_regular_file(tmp_path / "missing.txt", max_bytes=100)
    with pytest.raises(InputError, match="not a usable file name"):
        read_regular_file("bad\x00name", max_bytes=100)


def test_read_regular_file_reads_and_limits(tmp_path):
    f = tmp_path / "t.txt"
    f.write_bytes(b"x" * 50)
    assert read_regular_file(f, max_bytes=100) == b"x" * 50
    with pytest.raises(InputError, match="50 bytes is over the 10 bytes size limit"):
        read_regular_file(f, max_bytes=10)


def test_atomic_write_is_owner_only_keeps_existing_modes_and_leaves_no_temp(tmp_path):
    new = tmp_path / "card.txt"
    atomic_write_text(new, "hello")
    assert new.read_text() == "hello" and stat.S_IMODE(new.stat().st_mode) == 0o600
    old = tmp_path / "old.txt"
    old.write_text("before")
    old.chmod(0o644)
    atomic_write_text(old, "after")
    assert old.read_text() == "after" and stat.S_IMODE(old.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.txt", "old.txt"]


def test_staged_write_is_invisible_until_committed(tmp_path):
    dest = tmp_path / "out.json"
    staged = StagedWrite(dest, b"{}")
    assert not dest.exists()
    staged.discard()
    assert list(tmp_path.iterdir()) == []
    staged = StagedWrite(dest, b"{}")
    staged.commit()
    assert dest.read_bytes() == b"{}" and len(list(tmp_path.iterdir())) == 1


def test_output_checks_name_the_flag_and_the_problem(tmp_path):
    check_output_file(tmp_path / "ok.txt", "-o")
    with pytest.raises(UsageError, match=r"-o .*: the folder .*missing does not exist"):
        check_output_file(tmp_path / "missing" / "x.txt", "-o")
    with pytest.raises(UsageError, match="is a directory"):
        check_output_file(tmp_path, "-o")
    a_file = tmp_path / "f"
    a_file.write_text("")
    with pytest.raises(UsageError, match="is not a folder"):
        check_output_file(a_file / "x.txt", "-o")
    with pytest.raises(UsageError, match="--dump .*: is a file, not a folder"):
        check_output_dir(a_file, "--dump")
    with pytest.raises(UsageError, match="cannot create the folder"):
        check_output_dir(a_file / "sub", "--dump")
    check_output_dir(tmp_path / "new" / "dump", "--dump")
    assert (tmp_path / "new" / "dump").is_dir()


# -- errors, sizes


def test_validation_and_yaml_errors_are_one_line():
    import yaml
    from pydantic import BaseModel, ConfigDict, ValidationError

    class M(BaseModel):
        model_config = ConfigDict(extra="forbid")
        items: list[int]
        max_tokens: int = 1

    with pytest.raises(ValidationError) as e:
        M.model_validate({"items": [1, "x"]})
    assert uerrors.validation_message(e.value).startswith("items[1]: Input should be a valid integer")
    with pytest.raises(ValidationError) as e:
        M.model_validate({"items": [], "typo": 1})
    assert uerrors.validation_message(e.value, allowed=["items", "max_tokens"]) == \
        "typo: unknown key (allowed: items, max_tokens)"
    with pytest.raises(ValidationError) as e:
        M.model_validate({"items": [], "max_tokens": "many"})
    assert uerrors.flag_message(e.value).startswith("--max-tokens: Input should be a valid integer")
    with pytest.raises(yaml.YAMLError) as y:
        yaml.safe_load("a: b: c")
    assert uerrors.yaml_message(y.value).startswith("line 1, column 5:")
    assert uerrors.os_error_text(PermissionError(13, "Permission denied")) == "Permission denied"
    assert uerrors.one_line("a\n  b\tc", limit=4) == "a b…"
    assert uerrors.loc_path(()) == "(root)"


def test_human_size():
    assert (human_size(12), human_size(1_500), human_size(2_000_000)) == ("12 bytes", "1.5 kB", "2.0 MB")


# -- text


def test_strip_controls_removes_escapes_and_controls_keeps_text_newlines_and_tabs():
    hostile = ("Sam\x1b[2J\x1b[31mRED\x1b[0m \x1b]0;pwned title\x07ok\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
               "\x9b31mC1\x07\x08\x00 \u202eevil\u202c\ttab\nnext 王伟 e\u0301 👩\u200d💻")
    out = strip_controls(hostile)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out and "\u202e" not in out
    assert out == "SamRED oklink C1 evil\ttab\nnext 王伟 e\u0301 👩\u200d💻"
    assert strip_controls("plain text") == "plain text"


def test_escape_html_and_markdown_inline():
    assert escape_html('<script>alert("x")</script> & <img src=x>') == \
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;img src=x&gt;'
    assert markdown_inline("line one\n# not a heading\n<b>") == "line one # not a heading &lt;b&gt;"


def test_without_surrogates():
    assert without_surrogates("ok") == "ok"
    assert without_surrogates("a\ud800b") == "a?b"


def test_text_helpers_are_linear_on_hostile_text():
    for text in ("\x1b]" * 500_000, "\x1b[" * 500_000, "\x1b" * 1_000_000, "\x9b0" * 500_000, "<" * 1_000_000):
        started = time.process_time()
        strip_controls(text)
        markdown_inline(text)
        assert time.process_time() - started < 2


def test_read_yaml_names_the_file_and_the_problem_in_one_line(tmp_path) -> None:
    from screener.errors import ConfigError, InputError
    from screener.util.files import read_yaml

    good = tmp_path / "ok.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(good, what="options file", expect=dict) == {"a": 1}
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert read_yaml(empty, what="labels file", expect=list) == []
    cases = {
        tmp_path / "missing.yaml": "cannot read the options file (No such file or directory)",
        tmp_path / "bad.yaml": "not valid YAML (line 2, column",
        tmp_path / "list.yaml": "expected a mapping of option: value",
        tmp_path / "latin1.yaml": "is not UTF-8 text",
    }
    (tmp_path / "bad.yaml").write_text("a: 1\n  b: [\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes("a: caf\xe9\n".encode("latin-1"))
    for path, message in cases.items():
        with pytest.raises(ConfigError) as info:
            read_yaml(path, what="options file", expect=dict, expected="a mapping of option: value")
        text = str(info.value)
        assert text.startswith(f"{path}: ") and message in text and "\n" not in text, text
    with pytest.raises(InputError):
        read_yaml(tmp_path / "missing.yaml", what="transcript list", error=InputError)


def test_each_error_class_carries_its_exit_code_and_http_status() -> None:
    from screener.errors import (
        ConfigError,
        GradingError,
        MissingKeyError,
        OutputValidationError,
        ProviderError,
        ScreenerError,
    )

    cases = [
        (UsageError("x"), 2, 400), (InputError("x"), 2, 400), (ConfigError("x"), 2, 500),
        (MissingKeyError("ANTHROPIC_API_KEY", "anthropic"), 2, 503), (ScreenerError("x"), 1, 500),
        (GradingError("x"), 1, 502), (ProviderError("x", status=500), 1, 502),
        (ProviderError("x", status=429), 1, 503), (OutputValidationError("x", attempts=3, last_output=""), 1, 502),
    ]
    for error, exit_code, status in cases:
        assert (error.exit_code, error.http_status) == (exit_code, status), type(error).__name__
