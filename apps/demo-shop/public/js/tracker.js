/**
 * Hands the Touchpoint global to `call` as soon as the script tag has loaded it. The tag is async,
 * so a click on a fast page can come first; without the collector the call is skipped.
 */
export function withTracker(call) {
  if (window.touchpoint) {
    call(window.touchpoint);
    return;
  }
  document.getElementById("touchpoint-sdk")?.addEventListener(
    "load",
    () => {
      if (window.touchpoint) call(window.touchpoint);
    },
    { once: true },
  );
}
