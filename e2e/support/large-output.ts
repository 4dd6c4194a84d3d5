type Claim = { claim: string; customer: object; lines: { sku: string; amount: number; note: string }[] };

/**
 * A large AI output as a refund system might send it: claims with nested customers and lines,
 * added while the compact JSON stays under `chars` characters (it ends within one claim, about 300
 * characters, of it). Callers mark a value deep inside for the search to find.
 */
export function claimsOutput(chars: number) {
  const claims: Claim[] = [];
  const output = { decision: "refund", summary: "Refunds for every claim below", claims };
  let size = JSON.stringify(output).length;
  for (let i = 0; size < chars; i++) {
    const claim: Claim = {
      claim: `C-${i}`,
      customer: { name: `Customer ${i}`, address: { street: `${i} Long Street`, city: "Lyon", country: "FR" } },
      lines: [1, 2, 3].map((n) => ({ sku: `SKU-${i}-${n}`, amount: n * 10.5, note: `Line ${n} of claim ${i}: checked against the order record.` })),
    };
    claims.push(claim);
    size += JSON.stringify(claim).length + 1;
  }
  return { output, claims };
}
