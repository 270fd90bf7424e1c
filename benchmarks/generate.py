"""Generated banks of any size, for benchmarks and scale tests."""

from __future__ import annotations

TYPES = ("flashcard", "mcq", "cloze", "numeric", "short")


def generated_card(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    common = (
        f"    explanation: Generated explanation {i}.\n"
        f"    tags: [generated, t{i % 17}]\n    difficulty: medium\n    source: Weights\n"
    )
    body = {
        "flashcard": f"    prompt: Front {i}?\n    answer: Back {i}.\n",
        "mcq": f"    prompt: Pick {i}\n    choices: [a{i}, b{i}, c{i}]\n    answer: b{i}\n",
        "cloze": f'    prompt: "Blank {{{{word{i}}}}} here."\n',
        "numeric": f"    prompt: Number {i}?\n    answer: {i}\n    tolerance: 1\n",
        "short": f"    prompt: Short {i}?\n    answer: word{i}\n",
    }[kind]
    return f"  - id: gen-{i:06d}\n    type: {kind}\n{body}{common}"


def generated_bank_text(n: int, title: str = "Generated") -> str:
    return f"format: 1\ntitle: {title}\ncards:\n" + "".join(generated_card(i) for i in range(n))
