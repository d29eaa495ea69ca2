/**
 * The second reader of MOD2b: a logistic model over the canonical words of a message and the pairs
 * of words next to each other, learnt from the labelled sets in test/fixtures/crisis. The rules
 * find the kinds they were written for and say which; this model reads wordings no rule names
 * ("I want to take myself out of the equation", "the kindest thing I could do is remove myself")
 * and is explainable the same way a rule is: `reasons` lists the words that weighed most.
 */
export interface WordModelWeights {
  bias: number;
  weights: Record<string, number>;
}

/** The features of a message: each canonical word, and each pair of neighbours in one sentence. */
export function wordFeatures(sentences: readonly (readonly string[])[]): Set<string> {
  const features = new Set<string>();
  for (const tokens of sentences) {
    for (let i = 0; i < tokens.length; i++) {
      features.add(tokens[i]!);
      if (i + 1 < tokens.length) features.add(`${tokens[i]}_${tokens[i + 1]}`);
    }
  }
  return features;
}

export class WordModel {
  private readonly weights: Map<string, number>;
  /** The weights of word pairs, by first word then second: a lookup builds no string (P6). */
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly bias: number;

  constructor(model: WordModelWeights) {
    this.weights = new Map(Object.entries(model.weights));
    this.bias = model.bias;
    for (const [feature, weight] of this.weights) {
      const [first, second] = feature.split('_');
      if (second === undefined) continue;
      let byFirst = this.pairs.get(first!);
      if (!byFirst) this.pairs.set(first!, (byFirst = new Map()));
      byFirst.set(second, weight);
    }
  }

  /** The probability that a message (as canonical sentences) is a crisis statement. */
  probability(sentences: readonly (readonly string[])[]): number {
    // wordFeatures, summed as it goes; a feature that occurs twice counts once, as in training.
    const seen = this.seen;
    seen.clear();
    let z = this.bias;
    for (const tokens of sentences) {
      for (let i = 0; i < tokens.length; i++) {
        const word = tokens[i]!;
        const weight = this.weights.get(word);
        if (weight !== undefined && !seen.has(word)) {
          seen.add(word);
          z += weight;
        }
        const next = tokens[i + 1];
        const pair = next === undefined ? undefined : this.pairs.get(word)?.get(next);
        if (pair !== undefined) {
          const key = `${word}_${next}`;
          if (!seen.has(key)) {
            seen.add(key);
            z += pair;
          }
        }
      }
    }
    return 1 / (1 + Math.exp(-z));
  }
  /** Scratch space of `probability` (it runs synchronously). */
  private readonly seen = new Set<string>();

  /** The features that pushed hardest towards crisis, for whoever reads a flag or tunes the model. */
  reasons(sentences: readonly (readonly string[])[], count = 3): string[] {
    return [...wordFeatures(sentences)]
      .map((f) => [f, this.weights.get(f) ?? 0] as const)
      .filter(([, w]) => w > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([f]) => f.replace('_', ' '));
  }
}

/** One labelled message, already canonical. */
export interface Example {
  sentences: string[][];
  crisis: boolean;
}

/**
 * Logistic regression by stochastic gradient descent, in a fixed order from a fixed seed, so the
 * same examples always give the same weights (the shipped model is checked against a retraining).
 * Weights too small to matter are dropped and the rest rounded, to keep the file small.
 */
export function trainWordModel(examples: readonly Example[], options = { epochs: 15, rate: 0.1, l2: 1e-4, seed: 1, keepAbove: 0.02 }): WordModelWeights {
  const data = examples.map((e) => ({ features: [...wordFeatures(e.sentences)].sort(), y: e.crisis ? 1 : 0 }));
  const weights = new Map<string, number>();
  let bias = 0;
  let seed = options.seed;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [data[i], data[j]] = [data[j]!, data[i]!];
    }
    for (const { features, y } of data) {
      let z = bias;
      for (const f of features) z += weights.get(f) ?? 0;
      const gradient = y - 1 / (1 + Math.exp(-z));
      bias += options.rate * gradient;
      for (const f of features) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w + options.rate * (gradient - options.l2 * w));
      }
    }
  }
  const kept: Record<string, number> = {};
  for (const [f, w] of [...weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(w) > options.keepAbove) kept[f] = Math.round(w * 1000) / 1000;
  return { bias: Math.round(bias * 1000) / 1000, weights: kept };
}
