/** The Luhn (mod 10) check digit: weights 2,1,2,1… from the left, digit sums of the products. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index += 1) {
    const product = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last of ten digits is the Luhn check digit of the first nine. */
export function luhnValid(tenDigits: string): boolean {
  return luhnCheckDigit(tenDigits.slice(0, 9)) === Number(tenDigits[9]);
}
