/** The signed-in shopper, kept in localStorage: { email, name, persona } or null. */
const ACCOUNT_KEY = "trailhead.account";

export function readAccount() {
  try {
    const account = JSON.parse(localStorage.getItem(ACCOUNT_KEY) ?? "null");
    return account && typeof account.email === "string" ? account : null;
  } catch {
    return null;
  }
}

export function saveAccount(account) {
  localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account));
}

export function clearAccount() {
  localStorage.removeItem(ACCOUNT_KEY);
}
