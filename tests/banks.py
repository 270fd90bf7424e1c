"""Small bank texts for tests: one valid card of every type."""

from __future__ import annotations

HEADER = "format: 1\ntitle: Test deck\ncards:\n"

CARDS = {
    "flashcard": """\
  - id: t-flash
    type: flashcard
    prompt: What does a weight do?
    answer: Scales how much one input contributes.
    explanation: Weights are multiplied with inputs.
    tags: [weights]
    difficulty: easy
    source: Weights
""",
    "mcq": """\
  - id: t-mcq
    type: mcq
    prompt: Which model is decoder-only?
    choices: [GPT, BERT, T5]
    answer: GPT
    explanation: GPT predicts the next token left to right.
    tags: [models]
    difficulty: easy
    source: What is the difference between GPT and BERT?
""",
    "multi": """\
  - id: t-multi
    type: multi
    prompt: Which are subword tokenizers?
    choices: [BPE, WordPiece, Whitespace]
    answers: [BPE, WordPiece]
    explanation: Whitespace splitting is word-level.
    tags: [tokenization]
    difficulty: medium
    source: Tokenization
""",
    "cloze": """\
  - id: t-cloze
    type: cloze
    prompt: "Attention scores are divided by {{sqrt(d_k)|√d_k}} before the {{softmax}}."
    explanation: Scaling keeps the softmax out of saturation.
    tags: [attention]
    difficulty: medium
    source: Self-Attention Mechanism
""",
    "numeric": """\
  - id: t-numeric
    type: numeric
    prompt: GB of fp16 weights for 175B parameters?
    answer: 350
    tolerance: 5%
    unit: GB
    explanation: 175e9 x 2 bytes.
    tags: [memory]
    difficulty: medium
    source: Scale Examples
""",
    "short": """\
  - id: t-short
    type: short
    prompt: What does BPE stand for?
    answer: byte-pair encoding
    accept: [byte pair encoding]
    explanation: Merges frequent pairs.
    tags: [tokenization]
    difficulty: easy
    source: Tokenization
""",
    "open": """\
  - id: t-open
    type: open
    prompt: Explain attention.
    answer: Queries score keys; softmax weights average the values.
    rubric:
      - point: Queries are compared with keys
        keywords: [query, key]
      - Softmax normalises the scores
    explanation: The rubric lists what a good answer covers.
    tags: [attention]
    difficulty: hard
    source: Explain how attention mechanisms work
    note: The guide leaves out masking.
""",
}


def bank_text(*types: str) -> str:
    return HEADER + "".join(CARDS[t] for t in (types or CARDS))
