"""The pure-Python logistic regression the learned layers are fitted with (screener.util.logistic)."""

from screener.util.logistic import fit_logistic


def _data() -> list[tuple[list[str], int]]:
    yes = [(["ignore", "rubric", f"w{i}"], 1) for i in range(20)]
    no = [(["latency", "rubric", f"w{i}"], 0) for i in range(80)]
    return yes + no


def test_the_feature_that_tells_the_classes_apart_gets_the_weight() -> None:
    weights, bias = fit_logistic(_data())
    assert weights["ignore"] > 1.0 and weights["ignore"] > weights.get("rubric", 0.0)
    assert weights["latency"] < -1.0
    # a sample of each class lands on its side of zero
    assert bias + weights["ignore"] + weights.get("rubric", 0.0) > 0
    assert bias + weights["latency"] + weights.get("rubric", 0.0) < 0


def test_a_fit_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    assert fit_logistic(_data(), seed=3) == fit_logistic(_data(), seed=3)
    assert fit_logistic(_data(), seed=3) != fit_logistic(_data(), seed=4)


def test_small_weights_are_dropped_and_the_rest_rounded() -> None:
    weights, _ = fit_logistic(_data(), keep=0.5)
    assert all(abs(v) >= 0.5 for v in weights.values())
    assert all(round(v, 4) == v for v in weights.values())
