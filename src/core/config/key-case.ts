/** Conversions between config key spellings: camelCase ↔ SCREAMING_SNAKE (also kebab-case and snake_case). */

/** `maxOrderQuantity` → `MAX_ORDER_QUANTITY`. */
export function toScreamingSnake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[-.\s]+/g, '_')
    .toUpperCase();
}

/** `MAX_ORDER_QUANTITY` or `max-order-quantity` → `maxOrderQuantity`. */
export function toCamelCase(name: string): string {
  const words = name.split(/[_\-\s]+/).filter((w) => w.length > 0);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}
