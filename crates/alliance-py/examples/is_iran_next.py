"""Is Iran next?

A notebook-style walk through the sample timeline (data/examples/
sample.timeline.json): Russia stayed silent on Venezuela, let Assad fall
and left Armenia alone, while Iran supplied it with drones. Does Iran's
record with Russia look like Syria's and Armenia's before they were left
alone?

    pip install ./crates/alliance-py   # add matplotlib to draw the series
    python crates/alliance-py/examples/is_iran_next.py [--plot FILE.png]
"""

import datetime
import pathlib
import sys

import alliance_reliability as ar

ROOT = pathlib.Path(__file__).resolve().parents[3]
AS_OF = "2026-01-20"

# %% Read the timeline and resolve every test it holds.
timeline = ar.read(ROOT / "data" / "examples" / "sample.timeline.json")
ledger = ar.Ledger(timeline)  # the library's defaults: half-life 10 years, letter lens
a = ledger.assess(AS_OF)
print(f"{timeline!r}; {ledger.test_count} tests; as of {AS_OF}\n")

# %% Russia's reliability as a guarantor, with a 90% credible interval.
rus = a.reliability("RUS")
lo, hi = rus.interval(0.9)
print(
    f"Russia: reliability {rus.mean:.3f} (90% CI {lo:.3f}-{hi:.3f}), "
    f"honoured {rus.honoured}/{rus.tests} tests"
)

# %% The clients' risk of abandonment by Russia, Iran beside the others.
print("\nRisk of abandonment by Russia:")
for client in ["IRN", "SYR", "ARM", "KAZ", "BLR"]:
    ab = a.abandonment("RUS", client)
    lo, hi = ab.interval(0.9)
    print(
        f"  {client}: {ab.risk:.3f} (90% CI {lo:.3f}-{hi:.3f}); "
        f"{ab.abandonments} abandonments on record"
    )

# %% Why: each test behind Russia's score, and how much it weighs.
print("\nThe tests behind Russia's score:")
for c in a.explain("RUS").contributions:
    print(
        f"  {c['date']} {c['crisis']:<12} -> {c['beneficiary']}: {c['status']:<9} "
        f"fulfilment {c['fulfilment']:.2f}, {100 * c['share']:.0f}% of the evidence"
    )

# %% Iran's tests under the expectation lens: what could Iran expect?
e = ledger.assess(AS_OF, lens="expectation")
print(
    f"\nUnder the expectation lens Russia scores {e.reliability('RUS').mean:.3f}, "
    f"and Iran's risk is {e.abandonment('RUS', 'IRN').risk:.3f}."
)

# %% The answer, in the library's numbers.
iran = a.abandonment("RUS", "IRN").risk
others = max(a.abandonment("RUS", c).risk for c in ["SYR", "ARM"])
print(
    f"\nIs Iran next? Its risk ({iran:.3f}) "
    + ("is already as high as" if iran >= others else "is still below")
    + f" that of the clients Russia left alone ({others:.3f})."
)

# %% Russia's reliability over time (one pass over its tests).
dates = [datetime.date(y, m, 1) for y in range(2020, 2027) for m in (1, 4, 7, 10)]
dates = [d for d in dates if d <= datetime.date.fromisoformat(AS_OF)]
series = ledger.reliability_series("RUS", dates)
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("\n(matplotlib is not installed: the reliability series is not drawn)")
else:
    lows, highs = zip(*(r.interval(0.9) for r in series))
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.fill_between(dates, lows, highs, alpha=0.25, label="90% credible interval")
    ax.plot(dates, [r.mean for r in series], label="Russia's reliability")
    ax.set_ylim(0, 1)
    ax.set_title("Russia as a guarantor")
    ax.legend(loc="upper right")
    out = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--plot" else "is_iran_next.png"
    fig.savefig(out, dpi=120, bbox_inches="tight")
    print(f"\nthe reliability series is drawn in {out}")
