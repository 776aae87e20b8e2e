/** Small statistics helpers. */

export const quantile = (values: ArrayLike<number>, q: number): number => {
  const sorted = Array.from(values).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  // nearest rank
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

export const median = (values: ArrayLike<number>): number => {
  const sorted = Array.from(values).sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return Number.NaN
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2
}

/** Median µs per call of `f`, over `batches` batches of `perBatch` calls. */
export const time = (f: () => unknown, batches = 15, perBatch = 10): number => {
  for (let i = 0; i < perBatch * 3; i++) f()
  const samples: Array<number> = []
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now()
    for (let i = 0; i < perBatch; i++) f()
    samples.push(((performance.now() - t0) * 1000) / perBatch)
  }
  return median(samples)
}
