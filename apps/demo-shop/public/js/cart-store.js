import { findProduct } from "./products.js";

/** The cart lives in localStorage as [{ productId, quantity }], so it survives page loads. */
const CART_KEY = "trailhead.cart";

export function readCart() {
  try {
    const items = JSON.parse(localStorage.getItem(CART_KEY) ?? "[]");
    return Array.isArray(items) ? items.filter((item) => findProduct(item.productId) && item.quantity > 0) : [];
  } catch {
    return [];
  }
}

function writeCart(items) {
  localStorage.setItem(CART_KEY, JSON.stringify(items));
  document.dispatchEvent(new CustomEvent("cart-change"));
}

export function addToCart(productId, quantity = 1) {
  const items = readCart();
  const existing = items.find((item) => item.productId === productId);
  if (existing) existing.quantity += quantity;
  else items.push({ productId, quantity });
  writeCart(items);
}

export function setQuantity(productId, quantity) {
  writeCart(
    readCart()
      .map((item) => (item.productId === productId ? { ...item, quantity } : item))
      .filter((item) => item.quantity > 0),
  );
}

export function clearCart() {
  writeCart([]);
}

/** Each cart item with its product and line total. */
export function cartLines() {
  return readCart().map((item) => {
    const product = findProduct(item.productId);
    return { product, quantity: item.quantity, total: Math.round(product.price * item.quantity * 100) / 100 };
  });
}

export function cartTotal() {
  return Math.round(cartLines().reduce((sum, line) => sum + line.total * 100, 0)) / 100;
}

export function cartCount() {
  return readCart().reduce((sum, item) => sum + item.quantity, 0);
}
