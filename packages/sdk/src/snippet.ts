/**
 * The async snippet for a site's <head>: a `touchpoint` stub (a Proxy, so it needs no list of
 * methods) that queues every call with its time, and the script tag, loaded without blocking the
 * page. The script replays the queue in order with the original timestamps (script-tag.ts).
 * With a real write key and endpoint the text stays under 400 bytes.
 */
export function snippet(writeKey: string, endpoint: string): string {
  const args = JSON.stringify([writeKey, endpoint.replace(/\/+$/, "")]).slice(1, -1).replace(/</g, "\\u003c");
  return `<script>!function(w,d,k,e,q,s){w.touchpoint||(q=[],w.touchpoint=new Proxy({q},{get:(o,m)=>o[m]||((...a)=>q.push([m,a,Date.now()]))}),s=d.createElement("script"),s.async=1,s.src=e+"/sdk/touchpoint.js",s.dataset.writeKey=k,s.dataset.endpoint=e,d.head.append(s))}(window,document,${args})</script>`;
}
