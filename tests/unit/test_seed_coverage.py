"""Every claim of the seed article (the text the course grew from) is taught or explicitly
weighed in a chapter, including the framing sentences of its opening paragraph.

Each row names the claim in a few words, the chapter that takes it up, and words that chapter
must contain where it does so. A claim the course does not accept is still there: the chapter
says what the evidence shows instead (for example "spinal compression" in Daily habits).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"

SEED_CLAIMS = [
    # the opening paragraph
    (
        "a difference in strength, length or flexibility",
        "what-is-imbalance",
        ["strength", "length", "flexibility"],
    ),
    ("left and right paraspinals", "what-is-imbalance", ["paraspinals", "Left and right pairs"]),
    ("hip flexors against the glutes", "what-is-imbalance", ["hip flexors", "gluteal muscles"]),
    (
        "overactive and tight, weak and underused",
        "what-is-imbalance",
        ["overactive", "weak and underused"],
    ),
    ("the back relies on symmetry (weighed)", "what-is-imbalance", ["back relies on symmetry"]),
    (
        "imbalance leads to inefficient movement and local aches (weighed)",
        "what-is-imbalance",
        ["clumsy movement and aches"],
    ),
    (
        "correcting it is a practical goal for spinal health (weighed)",
        "what-is-imbalance",
        ["practical goal", "capacity and confidence"],
    ),
    # causes
    ("habitual one-sided patterns: bag on one shoulder", "causes", ["bag on the same shoulder"]),
    ("weight on one hip", "causes", ["weight on one hip"]),
    ("one-sided sport or work, twisting", "causes", ["Repeated one-sided sport or work", "twist"]),
    ("past injuries cause compensation", "causes", ["compensation"]),
    (
        "sitting weakens postural muscles and tightens hip flexors",
        "causes",
        ["Long hours of sitting", "hip flexors"],
    ),
    (
        "this strains the spine (weighed)",
        "causes",
        ["extra strain on the spine", "has not been proven"],
    ),
    # signs
    ("uneven belt or trouser line", "self-assessment", ["belt"]),
    ("constant weight shifting", "self-assessment", ["shifting your weight"]),
    (
        "one-sided pain as a clear indicator (weighed)",
        "self-assessment",
        ["one side only", "clues, not proof"],
    ),
    ("one side tighter in stretches", "self-assessment", ["tighter in a stretch"]),
    # release
    ("two phases: release, then strengthen", "phase1-release", ["two-phase idea"]),
    (
        "release the short, restricted side (weighed)",
        "phase1-release",
        ["feels tight", "is short", "stretch tolerance"],
    ),
    (
        "static stretching, foam rolling, trigger point release",
        "phase1-release",
        ["Static stretching", "Foam rolling", "Trigger point release"],
    ),
    (
        "target hip flexors, lats and upper trapezius",
        "phase1-release",
        ["latissimus dorsi", "upper trapezius"],
    ),
    (
        "tightness pulls the pelvis and spine out of alignment (weighed)",
        "phase1-release",
        ["out of line", "not proven"],
    ),
    ("hold 30 to 60 seconds", "phase1-release", ["30 seconds", "60 seconds"]),
    (
        "stretching decreases tension and increases flexibility (weighed)",
        "phase1-release",
        ["relaxes tension", "range of motion"],
    ),
    ("mobility before strength", "phase1-release", ["room to move before you load it"]),
    # strengthen
    (
        "unilateral training stops the dominant side compensating",
        "phase2-strengthen",
        ["unilateral", "nowhere for the"],
    ),
    (
        "single-arm row, lat pulldown, landmine row",
        "phase2-strengthen",
        ["Single-arm dumbbell row", "Single-arm lat pulldown", "Single-arm landmine row"],
    ),
    (
        "more sets, reps or slightly higher intensity on the weaker side",
        "phase2-strengthen",
        ["More work for the weaker side"],
    ),
    (
        "bird-dog for stability and coordination, level spine",
        "phase2-strengthen",
        ["Bird-dog", "back stays level"],
    ),
    # integrate
    ("balanced compound movements with good form", "phase3-integrate", ["compound", "good form"]),
    (
        "planks and side planks; a strong core keeps symmetry (weighed)",
        "phase3-integrate",
        ["side plank", "not proven"],
    ),
    (
        "functional, sustainable gains",
        "phase3-integrate",
        ["Keeping it functional and keeping it going"],
    ),
    # daily habits
    ("chair with lumbar support", "daily-habits", ["lumbar support"]),
    ("monitor at eye level", "daily-habits", ["eye level"]),
    ("microbreaks every 30 to 60 minutes", "daily-habits", ["30 to 60 minutes"]),
    (
        "microbreaks reduce muscle tension and spinal compression (weighed)",
        "daily-habits",
        ["spinal compression", "less stiff"],
    ),
    ("driving: seat not reclined, headrest", "daily-habits", ["reclined", "headrest"]),
    ("switch the bag shoulder", "daily-habits", ["Switch shoulders"]),
    ("avoid standing on one leg", "daily-habits", ["weight on **both** feet"]),
    ("lift by squatting rather than twisting", "daily-habits", ["Lifting"]),
    ("postural awareness", "daily-habits", ["Posture awareness"]),
    ("supportive mattress", "daily-habits", ["mattress", "kovacs2003"]),
    ("pillow between the knees", "daily-habits", ["pillow between your knees"]),
]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("claim", "chapter", "phrases"), SEED_CLAIMS, ids=[c for c, _, _ in SEED_CLAIMS]
)
def test_seed_claim_is_taught_or_weighed(claim, chapter, phrases):
    text = _words((BOOK / f"{chapter}.md").read_text(encoding="utf-8"))
    missing = [phrase for phrase in phrases if phrase not in text]
    assert not missing, f"{claim!r}: book/{chapter}.md lacks {missing}"
