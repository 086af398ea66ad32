/** The shop's catalog: the one place prices and reviews live. */
export const CURRENCY = "EUR";

export const PRODUCTS = [
  {
    id: "trail-runner",
    name: "Trail Runner Shoes",
    price: 89,
    tagline: "Grippy, light and ready for muddy switchbacks.",
    description:
      "A cushioned trail shoe with a rock plate, a 6 mm drop and lugs that bite into wet ground. Breathable mesh upper, gusseted tongue, and a heel that stays put on the descents.",
    reviews: [
      {
        id: "tr-1",
        author: "Maya",
        rating: 5,
        title: "Best trail shoes I have owned",
        text: "I ran a 30 km mountain race in these and my feet were fine at the end. The grip on wet rock is excellent and they dried overnight. Sizing runs true.",
      },
      {
        id: "tr-2",
        author: "Jonas",
        rating: 4,
        title: "Great grip, narrow fit",
        text: "The outsole is superb on mud and loose gravel. The toe box is a little narrow for my feet, so I went half a size up. Otherwise a very good shoe.",
      },
    ],
  },
  {
    id: "rain-jacket",
    name: "Storm Rain Jacket",
    price: 129,
    tagline: "Three-layer shell that keeps the weather out.",
    description:
      "A fully taped three-layer shell with pit zips, a helmet-compatible hood and a chest pocket that stays reachable under a hip belt. Packs into its own pocket.",
    reviews: [
      {
        id: "rj-1",
        author: "Priya",
        rating: 5,
        title: "Dry after six hours of rain",
        text: "Walked the whole coastal path in a downpour and stayed dry. The pit zips make a real difference on the climbs. The hood adjusts well.",
      },
      {
        id: "rj-2",
        author: "Tom",
        rating: 3,
        title: "Good jacket, noisy fabric",
        text: "It keeps the rain out, no complaints there. The fabric rustles more than I would like, and the cuffs could be a bit longer.",
      },
    ],
  },
  {
    id: "day-pack",
    name: "Summit Day Pack 22L",
    price: 64.5,
    tagline: "Everything for a day on the hill, nothing more.",
    description:
      "A 22 litre pack with a ventilated back panel, hydration sleeve, hip-belt pockets and a stretch front pocket for a wet layer.",
    reviews: [
      {
        id: "dp-1",
        author: "Lena",
        rating: 4,
        title: "Comfortable and well organised",
        text: "Carries well even when full, and the hip-belt pockets fit a phone. I wish the side pockets were a little deeper for bottles.",
      },
    ],
  },
  {
    id: "thermos",
    name: "Steel Thermos 0.75L",
    price: 24.9,
    tagline: "Hot tea at the summit, twelve hours later.",
    description: "Double-walled stainless steel with a cup lid and a leak-proof stopper. Keeps drinks hot for 12 hours and cold for 24.",
    reviews: [
      {
        id: "th-1",
        author: "Sam",
        rating: 5,
        title: "Still hot the next morning",
        text: "Filled it at 7 pm and the tea was still too hot to drink at breakfast. Solid build, no leaks in my pack.",
      },
    ],
  },
  {
    id: "headlamp",
    name: "Ridge Headlamp",
    price: 39,
    tagline: "400 lumens, rechargeable, red night mode.",
    description:
      "A rechargeable headlamp with a 400 lumen spot, a wide flood beam, a red night mode and a lock so it never switches on in your bag.",
    reviews: [
      {
        id: "hl-1",
        author: "Ines",
        rating: 4,
        title: "Bright and light",
        text: "Plenty of light for night runs and the battery lasts a full weekend of camping. The strap could be softer.",
      },
      {
        id: "hl-2",
        author: "Karl",
        rating: 2,
        title: "Button is too easy to press",
        text: "The light is good, but the button is fiddly with gloves on, and I did not discover the lock until the battery had drained twice.",
      },
    ],
  },
  {
    id: "merino-tee",
    name: "Merino Base Tee",
    price: 49,
    tagline: "Warm when wet, fresh after days of wear.",
    description: "A 150 g merino wool base layer with flat seams and a longer back. Soft against the skin and naturally odour resistant.",
    reviews: [
      {
        id: "mt-1",
        author: "Olu",
        rating: 5,
        title: "Wore it for a week straight",
        text: "Hiked five days and it still did not smell. Soft, warm in the evenings and cool enough on sunny climbs.",
      },
    ],
  },
];

export function findProduct(id) {
  return PRODUCTS.find((product) => product.id === id) ?? null;
}

const priceFormat = new Intl.NumberFormat("en-IE", { style: "currency", currency: CURRENCY });

export function formatPrice(amount) {
  return priceFormat.format(amount);
}
