/** One key's credit in an attribution result. */
export interface AttributionCredit {
  key: string;
  /** Conversions credited to the key (fractional). */
  conversions: number;
  /** Conversion value credited to the key. */
  value: number;
  /** conversions / totalConversions (0 when there are none). */
  share: number;
  /** Credit from conversions that were the customer's first of the kind: the denominator of cost per acquisition. */
  firstConversions: number;
}

interface Credit {
  conversions: number;
  value: number;
  firstConversions: number;
}

/** Credit per key, added to as conversions are attributed. */
export class CreditTable {
  private readonly credits = new Map<string, Credit>();

  add(key: string, conversions: number, value: number, firstConversions: number): void {
    const credit = this.credits.get(key);
    if (credit) {
      credit.conversions += conversions;
      credit.value += value;
      credit.firstConversions += firstConversions;
    } else {
      this.credits.set(key, { conversions, value, firstConversions });
    }
  }

  copy(): CreditTable {
    const copy = new CreditTable();
    for (const [key, credit] of this.credits) copy.add(key, credit.conversions, credit.value, credit.firstConversions);
    return copy;
  }

  /** Every key added (a key that took part but earned nothing shows 0), most conversions first, then by key. */
  rows(totalConversions: number): AttributionCredit[] {
    return [...this.credits]
      .map(([key, credit]) => ({
        key,
        conversions: credit.conversions,
        value: credit.value,
        share: totalConversions > 0 ? credit.conversions / totalConversions : 0,
        firstConversions: credit.firstConversions,
      }))
      .sort(compareCredits);
  }
}

/** Most conversions first, then by key (code-unit order, locale-free). */
export function compareCredits(a: { key: string; conversions: number }, b: { key: string; conversions: number }): number {
  return b.conversions - a.conversions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
