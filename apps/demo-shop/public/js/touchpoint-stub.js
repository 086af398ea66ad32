// The queue stub of Touchpoint's async snippet, as a file for pages that load the script tag
// directly: until the async tag has loaded, every touchpoint.x(...) call is queued with its
// time, and the SDK replays the queue in order with the original timestamps.
window.touchpoint ||= (() => {
  const q = [];
  return new Proxy({ q }, { get: (stub, method) => stub[method] || ((...args) => q.push([method, args, Date.now()])) });
})();
